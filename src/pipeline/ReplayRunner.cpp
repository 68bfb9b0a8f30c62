#include "ReplayRunner.h"

#include "core/JsonCodec.h"
#include "core/Topics.h"
#include "storage/RaceLibrary.h"
#include "stream/KafkaProducer.h"

#include <QJsonArray>
#include <cstring>
#include <thread>

namespace pitwall {

ReplayRunner::ReplayRunner(QString libraryPath, RaceRecord race, Mode mode, KafkaProducer &producer, double speed,
                           Backlog backlog, StepClock onStep)
    : RaceSource(speed, std::move(backlog), std::move(onStep))
    , m_libraryPath(std::move(libraryPath))
    , m_race(std::move(race))
    , m_mode(mode)
    , m_producer(producer)
{
}

ReplayRunner::~ReplayRunner()
{
    stop();
}

bool ReplayRunner::isRaceTopic(const QByteArray &topic)
{
    for (const char *source :
         {topics::kDriverPositions, topics::kCarMetrics, topics::kRaceEvents, topics::kFaultLabels, topics::kCarTelemetry}) {
        if (topic == source)
            return true;
    }
    return false;
}

bool ReplayRunner::run(const std::stop_token &stop)
{
    auto library = RaceLibrary::open(m_libraryPath); // this thread's own connection
    if (!library) {
        QMutexLocker lock(&m_errorMutex);
        m_lastError = library.error().message;
        return false;
    }
    qint64 fromMs = 0;
    for (;;) {
        bool seeking = false;
        const auto read = library.value()->read(m_race.id, fromMs, [&](const std::vector<RecordedMessage> &messages) {
            for (const auto &message : messages) {
                if (stop.stop_requested())
                    return false;
                if (waitWhilePaused(stop) || m_seekRequest.load() >= 0) {
                    seeking = m_seekRequest.load() >= 0;
                    if (seeking)
                        return false;
                }
                if (m_mode == Mode::Rerun && !isRaceTopic(message.topic))
                    continue;
                play(stop, message);
            }
            return true;
        });
        if (!read) {
            QMutexLocker lock(&m_errorMutex);
            m_lastError = read.error().message;
            return false;
        }
        if (!seeking)
            break;
        // A seek: read again from there, with the wall clock starting over at that moment.
        fromMs = std::clamp<qint64>(m_seekRequest.exchange(-1), 0, m_race.durationMs);
        m_raceTimeS = double(fromMs) / 1000.0;
        rebase(m_raceTimeS);
    }
    m_reachedEnd = !stop.stop_requested();
    return m_reachedEnd;
}

bool ReplayRunner::waitWhilePaused(const std::stop_token &stop)
{
    if (!m_paused.load())
        return false;
    while (m_paused.load() && !stop.stop_requested() && m_seekRequest.load() < 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    rebase(m_raceTimeS.load()); // resume where it stopped, not where the clock ran to
    return true;
}

void ReplayRunner::play(const std::stop_token &stop, const RecordedMessage &message)
{
    const double raceTimeS = double(message.raceMs) / 1000.0;
    if (raceTimeS > m_raceTimeS.load()) {
        holdBackAndKeepPace(stop, raceTimeS); // the previous moment is out: wait for this one
        announce(raceTimeS);
        m_raceTimeS = raceTimeS;
    }
    m_producer.produce(message.topic.constData(), message.key, message.value);
    if (message.topic == topics::kDriverPositions) {
        if (const auto update = codec::decodePositionUpdate(message.value); update && update->position == 1 && update->lap)
            m_leaderLap = *update->lap; // a seek back may lower it
    }
    m_produced.add(message.topic.constData());
}

quint64 ReplayRunner::producedTo(const char *topic) const
{
    return m_produced.of(topic);
}

QString ReplayRunner::lastError() const
{
    QMutexLocker lock(&m_errorMutex);
    return m_lastError;
}

bool ReplayRunner::endIsTheFlag() const
{
    return m_race.result.value("finished").toBool();
}

RaceSummary ReplayRunner::summary() const
{
    RaceSummary summary;
    summary.circuitId = m_race.circuit;
    summary.laps = m_race.laps;
    summary.leaderLap = m_leaderLap.load();
    summary.raceTimeS = m_raceTimeS.load();
    // The recorded result holds when the replay ran to the end of a race that finished.
    summary.finished = m_reachedEnd && endIsTheFlag();
    for (const auto &driver : m_race.result.value("classification").toArray())
        summary.classification << driver.toString();
    const auto events = m_race.result.value("events").toObject();
    for (auto it = events.begin(); it != events.end(); ++it)
        summary.events.insert(it.key(), it.value().toInt());
    summary.replayOf = m_race.id;
    return summary;
}

} // namespace pitwall
