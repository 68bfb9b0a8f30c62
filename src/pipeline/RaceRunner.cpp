#include "RaceRunner.h"

#include "core/JsonCodec.h"
#include "core/Topics.h"
#include "stream/KafkaProducer.h"

#include <chrono>

namespace pitwall {

RaceRunner::RaceRunner(std::unique_ptr<RaceSimulator> simulator, KafkaProducer &producer, double speed, Backlog backlog, StepClock onStep)
    : RaceSource(speed, std::move(backlog), std::move(onStep))
    , m_simulator(std::move(simulator))
    , m_producer(producer)
{
}

RaceRunner::~RaceRunner()
{
    stop();
}

bool RaceRunner::run(const std::stop_token &stop)
{
    SimOutput out;
    while (!stop.stop_requested() && !m_simulator->finished()) {
        out.clear();
        m_simulator->step(out);
        announce(m_simulator->raceTimeS());
        publish(out);
        m_raceTimeS = m_simulator->raceTimeS();
        m_leaderLap = m_simulator->leaderLap();
        holdBackAndKeepPace(stop, m_simulator->raceTimeS());
    }
    return m_simulator->finished();
}

void RaceRunner::publish(const SimOutput &out)
{
    const QByteArray raceKey = m_simulator->options().raceId.toUtf8(); // the demo keys its topics by race id
    for (const auto &update : out.positions)
        m_producer.produce(topics::kDriverPositions, raceKey, codec::encode(update));
    for (const auto &metrics : out.teamMetrics)
        m_producer.produce(topics::kCarMetrics, raceKey, codec::encode(metrics));
    for (const auto &event : out.events)
        m_producer.produce(topics::kRaceEvents, raceKey, codec::encode(event));
    for (const auto &label : out.faultLabels)
        m_producer.produce(topics::kFaultLabels, raceKey, codec::encode(label));
    // Telemetry is keyed by car: spread over the partitions, in order per car.
    for (const auto &sample : out.telemetry)
        m_producer.produce(topics::kCarTelemetry, sample.driverName.toUtf8(), codec::encode(sample));
    m_positions += out.positions.size();
    m_metrics += out.teamMetrics.size();
    m_events += out.events.size();
    m_labels += out.faultLabels.size();
    m_telemetry += out.telemetry.size();
}

RaceSummary RaceRunner::summary() const
{
    RaceSummary summary;
    summary.circuitId = m_simulator->options().circuitId;
    summary.laps = m_simulator->totalLaps();
    summary.leaderLap = m_simulator->leaderLap();
    summary.finished = m_simulator->finished();
    summary.raceTimeS = m_simulator->raceTimeS();
    summary.classification = m_simulator->classification();
    summary.events = m_simulator->eventCounts();
    summary.faults = m_simulator->faultLabels();
    return summary;
}

quint64 RaceRunner::producedTo(const char *topic) const
{
    const std::string_view name(topic);
    if (name == topics::kDriverPositions)
        return m_positions;
    if (name == topics::kCarMetrics)
        return m_metrics;
    if (name == topics::kRaceEvents)
        return m_events;
    if (name == topics::kFaultLabels)
        return m_labels;
    if (name == topics::kCarTelemetry)
        return m_telemetry;
    return 0;
}

} // namespace pitwall
