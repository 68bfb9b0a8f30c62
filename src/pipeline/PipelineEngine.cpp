#include "PipelineEngine.h"

#include <future>
#include <optional>

#include <QThread>
#include <limits>

namespace pitwall {

PipelineEngine::PipelineEngine(KafkaConfig config, KafkaProducer &producer, std::vector<StageDefinition> stages)
    : m_config(std::move(config))
{
    for (auto &stage : stages)
        m_runners.push_back(std::make_unique<StageRunner>(std::move(stage), producer, &m_deadLetters));
    m_rateClock.start();
}

PipelineEngine::~PipelineEngine()
{
    stop();
}

Expected<bool> PipelineEngine::start(int timeoutMs)
{
    // Each stage's start waits on Kafka (metadata, watermarks, a first fetch) for a
    // quarter of a second or so: all at once, not one after another.
    std::vector<std::future<Expected<bool>>> starting;
    for (auto &runner : m_runners)
        starting.push_back(std::async(std::launch::async, [&runner, this, timeoutMs] { return runner->start(m_config, timeoutMs); }));
    std::optional<Error> failure;
    for (auto &started : starting) {
        auto result = started.get();
        if (!result && !failure)
            failure = result.error();
    }
    if (failure) {
        stop();
        return *failure;
    }
    return true;
}

void PipelineEngine::stop()
{
    for (auto &runner : m_runners)
        runner->stop();
}

Expected<bool> PipelineEngine::setEnabled(const QString &stage, bool enabled, int timeoutMs, quint64 producedSoFar)
{
    for (auto &runner : m_runners) {
        if (runner->definition().name != stage)
            continue;
        runner->setSwitchedOff(!enabled);
        return runner->applySwitch(m_config, timeoutMs, producedSoFar);
    }
    return Error{QStringLiteral("no pipeline stage named '%1' (stages: %2)").arg(stage, stageNames().join(QLatin1String(", ")))};
}

bool PipelineEngine::drain(int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    // Lag comes from the last fetch: ask twice in a row to be sure the stage is idle.
    int quietRounds = 0;
    while (clock.elapsed() < timeoutMs) {
        qint64 lag = 0;
        bool settled = true;
        for (const auto &runner : m_runners) {
            lag += runner->isRunning() ? runner->snapshot().lag : 0;
            settled = settled && runner->isSettled();
        }
        quietRounds = lag == 0 && settled ? quietRounds + 1 : 0;
        if (quietRounds >= 3)
            return true;
        QThread::msleep(50);
    }
    return false;
}

quint64 PipelineEngine::handledFrom(const QString &topic) const
{
    quint64 slowest = std::numeric_limits<quint64>::max();
    for (const auto &runner : m_runners) {
        if (runner->isRunning() && runner->definition().inputTopics.contains(topic))
            slowest = std::min(slowest, runner->handledOrLost());
    }
    return slowest;
}

qint64 PipelineEngine::backlog(const std::function<quint64(const QString &topic)> &producedTo) const
{
    // Each running stage's own backlog: produced to its input topics minus handled.
    std::vector<qint64> own(m_runners.size(), 0);
    for (size_t i = 0; i < m_runners.size(); ++i) {
        const auto &runner = m_runners[i];
        if (!runner->isRunning())
            continue;
        quint64 produced = 0;
        for (const auto &topic : runner->definition().inputTopics)
            produced += producedTo(topic);
        own[i] = std::max<qint64>(0, qint64(produced) - qint64(runner->handledOrLost()));
    }
    // What a stage upstream has yet to handle still lands on the stages it writes for: a
    // stage reading another's output counts that backlog too (enrichment → commentary).
    qint64 largest = 0;
    for (size_t i = 0; i < m_runners.size(); ++i) {
        if (!m_runners[i]->isRunning())
            continue;
        qint64 pending = own[i];
        for (size_t u = 0; u < m_runners.size(); ++u) {
            if (u == i)
                continue;
            for (const auto &topic : m_runners[u]->definition().outputTopics) {
                if (m_runners[i]->definition().inputTopics.contains(topic)) {
                    pending += own[u];
                    break;
                }
            }
        }
        largest = std::max(largest, pending);
    }
    return largest;
}

quint64 PipelineEngine::skipped()
{
    quint64 total = 0;
    for (const auto &runner : m_runners)
        total += runner->snapshot().skipped;
    return total;
}

bool PipelineEngine::want(const QString &stage, bool enabled)
{
    for (auto &runner : m_runners) {
        if (runner->definition().name == stage) {
            runner->setSwitchedOff(!enabled);
            return true;
        }
    }
    return false;
}

Expected<bool> PipelineEngine::applyWanted(const QString &stage, int timeoutMs, quint64 producedSoFar)
{
    for (auto &runner : m_runners) {
        if (runner->definition().name == stage)
            return runner->applySwitch(m_config, timeoutMs, producedSoFar);
    }
    return Error{QStringLiteral("no pipeline stage named '%1' (stages: %2)").arg(stage, stageNames().join(QLatin1String(", ")))};
}

QStringList PipelineEngine::inputTopics(const QString &stage) const
{
    for (const auto &runner : m_runners) {
        if (runner->definition().name == stage)
            return runner->definition().inputTopics;
    }
    return {};
}

QStringList PipelineEngine::stageNames() const
{
    QStringList names;
    for (const auto &runner : m_runners)
        names << runner->definition().name;
    return names;
}

std::map<QString, StageMetrics::Snapshot> PipelineEngine::snapshots()
{
    QMutexLocker lock(&m_rateMutex);
    const qint64 now = m_rateClock.elapsed();
    std::map<QString, StageMetrics::Snapshot> result;
    for (const auto &runner : m_runners) {
        auto snapshot = runner->snapshot();
        const auto &name = runner->definition().name;
        const auto previous = m_previous.find(name);
        if (previous != m_previous.end() && now > std::get<0>(previous->second)) {
            const double seconds = double(now - std::get<0>(previous->second)) / 1000.0;
            snapshot.inPerSecond = double(snapshot.in - std::get<1>(previous->second)) / seconds;
            snapshot.outPerSecond = double(snapshot.out - std::get<2>(previous->second)) / seconds;
        }
        m_previous[name] = {now, snapshot.in, snapshot.out};
        result[name] = snapshot;
    }
    return result;
}

QJsonObject PipelineEngine::metricsJson()
{
    QJsonObject stages;
    for (const auto &[name, snapshot] : snapshots())
        stages.insert(name, snapshot.toJson());
    return stages;
}

} // namespace pitwall
