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
    // speed: race seconds per wall-clock second; 0 runs as fast as possible.
    RaceRunner(std::unique_ptr<RaceSimulator> simulator, KafkaProducer &producer, double speed);
    ~RaceRunner();

    // onFinished is called on the runner thread when the chequered flag has fallen.
    void start(std::function<void()> onFinished);
    // Stops and joins; the simulator may then be read.
    void stop();

    const RaceSimulator &simulator() const { return *m_simulator; }
    double raceTimeS() const { return m_raceTimeS.load(); }
    int leaderLap() const { return m_leaderLap.load(); }

private:
    void run(const std::stop_token &stop, const std::function<void()> &onFinished);
    void publish(const SimOutput &out);

    std::unique_ptr<RaceSimulator> m_simulator;
    KafkaProducer &m_producer;
    double m_speed;
    std::atomic<double> m_raceTimeS{0};
    std::atomic<int> m_leaderLap{0};
    std::jthread m_thread;
};

} // namespace pitwall
