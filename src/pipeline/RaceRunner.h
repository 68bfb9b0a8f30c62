#pragma once
// Runs a simulated race in its own thread, in step with the wall clock times a speed
// factor (or as fast as possible), and produces everything it yields to Kafka.

#include "RaceSource.h"
#include "sim/RaceSimulator.h"

#include <atomic>
#include <functional>
#include <memory>
#include <thread>

namespace pitwall {

class KafkaProducer;

class RaceRunner : public RaceSource {
public:
    // speed: race seconds per wall-clock second; 0 runs as fast as the readers keep up.
    RaceRunner(std::unique_ptr<RaceSimulator> simulator, KafkaProducer &producer, double speed, Backlog backlog = {},
               StepClock onStep = {});
    ~RaceRunner() override;

    quint64 producedTo(const char *topic) const override;
    RaceSummary summary() const override;

    // Read it only once stopped.
    const RaceSimulator &simulator() const { return *m_simulator; }

private:
    bool run(const std::stop_token &stop) override; // to the chequered flag
    void publish(const SimOutput &out);

    std::unique_ptr<RaceSimulator> m_simulator;
    KafkaProducer &m_producer;
    std::atomic<quint64> m_positions{0}, m_metrics{0}, m_events{0}, m_labels{0}, m_telemetry{0};
};

} // namespace pitwall
