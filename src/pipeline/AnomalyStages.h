#pragma once
// The anomaly stages: the demo's engine-temperature detector per team on
// f1-car-metrics, and the same detector per car and metric on f1-car-telemetry.

#include "StageProcessor.h"
#include "ml/KeyedStreams.h"
#include "ml/PersistentDetector.h"

#include <QHash>

namespace pitwall {

// ML_DETECT_ANOMALIES(engine_temperature) OVER (PARTITION BY team_name) with the demo's
// parameters; writes f1-car-metrics-anomalies rows with the demo's fields, anomalies only.
class EngineAnomalyProcessor : public StageProcessor {
public:
    explicit EngineAnomalyProcessor(ml::ArimaConfig config);
    std::optional<QString> process(const KafkaRecord &record, std::vector<StageOutput> &out) override;

private:
    ml::KeyedStreams m_byTeam;
};

// The same detector over every temperature of every car (engine, oil, tyres, brakes),
// with a persistence rule against chance single-row alarms at 10 Hz; writes
// f1-telemetry-anomalies with the metric, actual, forecast, bounds and confidence.
class TelemetryAnomalyProcessor : public StageProcessor {
public:
    explicit TelemetryAnomalyProcessor(ml::PersistentDetector::Config config);
    std::optional<QString> process(const KafkaRecord &record, std::vector<StageOutput> &out) override;

private:
    // One detector per metric of a car, found with one lookup per message.
    struct CarDetectors {
        explicit CarDetectors(const ml::PersistentDetector::Config &config);
        std::vector<ml::PersistentDetector> byMetric;
    };
    ml::Keyed<CarDetectors, ml::PersistentDetector::Config> m_byCar;
};

} // namespace pitwall
