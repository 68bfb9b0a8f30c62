#pragma once
// Runs a simulated race in its own thread, in step with the wall clock times a speed
// factor (or as fast as possible), and produces everything it yields to Kafka.

#include "sim/RaceSimulator.h"

#include <atomic>
#include <functional>
#include <memory>
#include <thread>

namespace pitwall {

class KafkaProducer;

class RaceRunner {
public:
    // Messages the slowest reader of the race has yet to process, given what the race
    // produced to each topic so far.
    using Backlog = std::function<qint64(const RaceRunner &)>;
    // The embedded broker keeps ~5 MB a partition: the race waits rather than run its
    // readers out of that window (a few thousand telemetry messages).
    static constexpr qint64 kMaxBacklog = 4000;

    // speed: race seconds per wall-clock second; 0 runs as fast as the readers keep up.
    // onStep, if given, hears the race clock (ms) before each step's messages are produced.
    using StepClock = std::function<void(qint64 raceMs)>;
    RaceRunner(std::unique_ptr<RaceSimulator> simulator, KafkaProducer &producer, double speed, Backlog backlog = {},
               StepClock onStep = {});
    ~RaceRunner();

    // onFinished is called on the runner thread when the chequered flag has fallen.
    void start(std::function<void()> onFinished);
    // Stops and joins; the simulator may then be read.
    void stop();

    const RaceSimulator &simulator() const { return *m_simulator; }
    double raceTimeS() const { return m_raceTimeS.load(); }
    quint64 producedTo(const char *topic) const;
    int leaderLap() const { return m_leaderLap.load(); }

private:
    void run(const std::stop_token &stop, const std::function<void()> &onFinished);
    void publish(const SimOutput &out);

    std::unique_ptr<RaceSimulator> m_simulator;
    KafkaProducer &m_producer;
    double m_speed;
    Backlog m_backlog;
    StepClock m_onStep;
    std::atomic<double> m_raceTimeS{0};
    std::atomic<int> m_leaderLap{0};
    std::atomic<quint64> m_positions{0}, m_metrics{0}, m_events{0}, m_labels{0}, m_telemetry{0};
    std::jthread m_thread;
};

} // namespace pitwall
