#pragma once
// Runs the pipeline's stages, each in its own worker thread, next to a race. Stages can
// be switched off and on while it runs. start(), setEnabled() and drain() block on
// Kafka: call them from a worker thread.

#include "PipelineDefinition.h"
#include "StageMetrics.h"
#include "DeadLetterOnce.h"
#include "StageRunner.h"
#include "core/Expected.h"
#include "stream/KafkaConfig.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QMutex>
#include <functional>
#include <map>
#include <memory>
#include <vector>

namespace pitwall {

class KafkaProducer;

class PipelineEngine {
public:
    PipelineEngine(KafkaConfig config, KafkaProducer &producer, std::vector<StageDefinition> stages = pipelineDefinition());
    ~PipelineEngine();

    Expected<bool> start(int timeoutMs);
    void stop();
    // Switching a stage on positions it at the end of its topics; `producedSoFar` (records
    // on its input topics before that) count as passed for handledFrom().
    Expected<bool> setEnabled(const QString &stage, bool enabled, int timeoutMs, quint64 producedSoFar = 0);
    // The same in two steps, for switches toggled faster than they apply: want() records
    // the latest choice at once (any thread, does not block); applyWanted() (a worker)
    // brings the stage to whatever the latest choice is by then.
    bool want(const QString &stage, bool enabled);
    Expected<bool> applyWanted(const QString &stage, int timeoutMs, quint64 producedSoFar = 0);
    // The input topics of a stage (empty for an unknown name).
    QStringList inputTopics(const QString &stage) const;
    // Waits until every running stage has read what its topics hold; false on timeout.
    bool drain(int timeoutMs);

    // Records of `topic` that every running stage reading it has handled (or lost).
    // The race compares it with what it produced to hold back when stages fall behind.
    quint64 handledFrom(const QString &topic) const;
    QStringList stageNames() const;
    // Per stage: counters, rates since the previous call, lag, latency percentiles.
    std::map<QString, StageMetrics::Snapshot> snapshots();
    // Records every stage lost because its reader fell behind the broker's window, summed.
    quint64 skipped();
    // The most records any running stage has yet to handle, given how many were produced
    // to each topic (`producedTo`, summed over the stage's input topics).
    qint64 backlog(const std::function<quint64(const QString &topic)> &producedTo) const;
    QJsonObject metricsJson();

private:
    KafkaConfig m_config;
    DeadLetterOnce m_deadLetters; // before the runners, which use it
    std::vector<std::unique_ptr<StageRunner>> m_runners;
    QMutex m_rateMutex;
    QElapsedTimer m_rateClock;
    std::map<QString, std::tuple<qint64, quint64, quint64>> m_previous; // ms, in, out
};

} // namespace pitwall
