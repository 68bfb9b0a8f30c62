#pragma once
// Plays a race from the library back to Kafka, like a live race: the recorded messages,
// byte for byte, in their order, paced by their race time (times a speed factor, or as
// fast as the readers keep up). Reads the library on its own thread and connection.
// Two modes: Recorded plays everything that was produced, the pipeline's outputs
// included (commentary and anomalies as they were); Rerun plays only what the race itself
// produced, for the pipeline to process afresh (another model, other parameters).

#include "RaceSource.h"
#include "TopicCounts.h"
#include "storage/MessageChunk.h"
#include "storage/RaceRecord.h"

#include <QMutex>
#include <thread>

namespace pitwall {

class KafkaProducer;

class ReplayRunner : public RaceSource {
public:
    enum class Mode { Recorded, Rerun };

    ReplayRunner(QString libraryPath, RaceRecord race, Mode mode, KafkaProducer &producer, double speed, Backlog backlog = {},
                 StepClock onStep = {});
    ~ReplayRunner() override;

    quint64 producedTo(const char *topic) const override;
    RaceSummary summary() const override;
    bool endIsTheFlag() const override;
    // Why the replay ended early (a damaged chunk...), or empty.
    QString lastError() const;

    // Thread-safe, take effect between messages: jump to a race time (back or forward),
    // and hold or resume the replay.
    void seekTo(qint64 raceMs) { m_seekRequest.store(raceMs); }
    void setPaused(bool paused) { m_paused.store(paused); }
    bool isPaused() const { return m_paused.load(); }
    qint64 durationMs() const { return m_race.durationMs; }

    // The topics a race itself produces (what Rerun plays).
    static bool isRaceTopic(const QByteArray &topic);

private:
    bool run(const std::stop_token &stop) override; // to the end of the recording
    // True if it was paused (and has now resumed, or a seek or stop came).
    bool waitWhilePaused(const std::stop_token &stop);
    void play(const std::stop_token &stop, const RecordedMessage &message);

    QString m_libraryPath;
    RaceRecord m_race;
    Mode m_mode;
    KafkaProducer &m_producer;
    std::atomic<bool> m_reachedEnd{false};
    std::atomic<qint64> m_seekRequest{-1};
    std::atomic<bool> m_paused{false};
    TopicCounts m_produced;
    mutable QMutex m_errorMutex;
    QString m_lastError;
};

} // namespace pitwall
