#pragma once
// Where a race's messages come from: the simulator (RaceRunner) or the race library
// (ReplayRunner). Either runs in its own thread, produces to Kafka in step with the wall
// clock times a speed factor (or as fast as the readers keep up), and says what it
// produced and, once stopped, what the race came to.

#include "core/Messages.h"

#include <QMap>
#include <QMutex>
#include <QStringList>
#include <atomic>
#include <chrono>
#include <functional>
#include <stop_token>
#include <thread>
#include <vector>

namespace pitwall {

// What a race came to: for the headless summary and the "race finished" view.
struct RaceSummary {
    QString circuitId;
    int laps = 0;
    int leaderLap = 0;
    bool finished = false; // the chequered flag fell (not stopped early)
    double raceTimeS = 0;
    QStringList classification;
    QMap<QString, int> events;
    std::vector<FaultLabel> faults;
    // The recording: what the library holds of this race.
    QString libraryPath;
    QString recordingState; // finished / stopped, or empty when not recorded
    qint64 recordedMessages = 0;
    QString recordingError;
    QString replayOf; // the library race replayed, if this was a replay
};

class RaceSource {
public:
    // Messages the slowest reader of the race has yet to process, given what the race
    // produced to each topic so far.
    using Backlog = std::function<qint64(const RaceSource &)>;
    // Hears the race clock (ms) before each step's messages are produced.
    using StepClock = std::function<void(qint64 raceMs)>;
    // The embedded broker keeps ~5 MB a partition: the race waits rather than run its
    // readers out of that window (a few thousand telemetry messages).
    static constexpr qint64 kMaxBacklog = 4000;

    virtual ~RaceSource() = default;

    // Runs the race on a thread of its own; onFinished is called on that thread when the
    // race has run to its end (not when stopped).
    void start(std::function<void()> onFinished);
    // Stops and joins. Subclasses call it in their destructors (the thread uses them).
    void stop();
    virtual quint64 producedTo(const char *topic) const = 0;
    // After stop().
    virtual RaceSummary summary() const = 0;
    // Whether running to its end means the chequered flag fell: true for a live race; a
    // replay's end is the flag only if the recorded race finished (not one stopped early).
    virtual bool endIsTheFlag() const { return true; }

    // Why the source's thread stopped on an exception, or empty.
    QString failure() const;

    double raceTimeS() const { return m_raceTimeS.load(); }
    // A new pace from the next step on (0: as fast as the readers keep up); any thread.
    void setSpeed(double speed) { m_requestedSpeed = speed; }
    int leaderLap() const { return m_leaderLap.load(); }

protected:
    RaceSource(double speed, Backlog backlog, StepClock onStep);
    // The race, on the source's thread: true when it ran to its end.
    virtual bool run(const std::stop_token &stop) = 0;

    // Called from the source's thread: announce the clock, and after producing, wait for
    // slow readers and for the wall clock.
    void announce(double raceTimeS);
    void holdBackAndKeepPace(const std::stop_token &stop, double raceTimeS);
    // Makes `raceTimeS` due now (after a pause or a seek).
    void rebase(double raceTimeS);

    std::atomic<double> m_raceTimeS{0};
    std::atomic<int> m_leaderLap{0};

private:
    double m_speed; // the source thread's own
    std::atomic<double> m_requestedSpeed;
    Backlog m_backlog;
    StepClock m_onStep;
    std::chrono::steady_clock::time_point m_wallStart;
    mutable QMutex m_failureMutex;
    QString m_failure;
    std::jthread m_thread;
};

} // namespace pitwall
