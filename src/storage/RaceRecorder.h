#pragma once
// Records a race as it is produced: every message handed to Kafka (the race's own and the
// pipeline's outputs) is queued here from any thread, and a writer thread of its own
// stores them in the race library every quarter second, one transaction per batch. A
// kill loses at most that quarter second; what was committed replays.

#include "RaceRecord.h"
#include "core/Expected.h"

#include <QByteArrayView>
#include <QLockFile>
#include <QMutex>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace pitwall {

struct RecordedMessage;

class RaceRecorder {
public:
    static constexpr int kFlushIntervalMs = 250;

    // Opens the library at `path` (in the writer thread) and stores the race row in state
    // "recording"; fails if the library cannot be opened.
    static Expected<std::unique_ptr<RaceRecorder>> start(const QString &path, RaceRecord race);
    // Finishes with state "stopped" if finish() was not called.
    ~RaceRecorder();

    RaceRecorder(const RaceRecorder &) = delete;
    RaceRecorder &operator=(const RaceRecorder &) = delete;

    // Thread-safe and cheap: a copy into the queue.
    void record(const char *topic, QByteArrayView key, QByteArrayView value);
    // The race clock the next messages are stamped with (set by the race's thread).
    void setRaceMs(qint64 raceMs) { m_raceMs.store(raceMs); }
    // Changes the race's description (name, circuit, drivers, options...) from any thread;
    // stored with the next batch. For sources that learn what the race is as it runs.
    void amend(std::function<void(RaceRecord &)> change);
    // Messages queued and not yet stored: the race waits when this grows (back-pressure).
    qint64 pending() const { return m_pending.load(); }
    // Messages stored so far.
    qint64 recorded() const { return m_recorded.load(); }
    // Stores what is queued, then the final state and result; stops the writer thread.
    Expected<bool> finish(const QString &state, const QJsonObject &result);
    QString lastError() const;

private:
    explicit RaceRecorder(RaceRecord race);
    // `answered` turns true once `opened` has its value.
    void run(const QString &path, std::promise<QString> &opened, bool &answered);

    RaceRecord m_race;
    std::atomic<qint64> m_raceMs{0};
    std::atomic<qint64> m_pending{0};
    std::atomic<qint64> m_recorded{0};
    std::mutex m_queueMutex;
    std::condition_variable m_wake;
    std::vector<RecordedMessage> m_queue;
    std::vector<std::function<void(RaceRecord &)>> m_amendments;
    bool m_finishing = false;
    QString m_finalState;
    QJsonObject m_finalResult;
    mutable QMutex m_errorMutex;
    QString m_lastError;
    // Held while recording: tells RaceLibrary::repairInterrupted() this race is alive.
    std::unique_ptr<QLockFile> m_lock;
    std::jthread m_writer;
};

} // namespace pitwall
