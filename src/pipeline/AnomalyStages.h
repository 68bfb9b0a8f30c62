#pragma once
// The anomaly stages: the demo's engine-temperature detector per team on
// f1-car-metrics, and the same detector per car and metric on f1-car-telemetry.

#include "CarAnomalyDetector.h"
#include "StageProcessor.h"
#include "ml/KeyedStreams.h"
#include "ml/PersistentDetector.h"

#include <QHash>

namespace pitwall {

// ML_DETECT_ANOMALIES(engine_temperature) OVER (PARTITION BY team_name) with the demo's
// parameters; writes f1-car-metrics-anomalies rows with the demo's fields, anomalies only,
// plus the row's band and confidence.
class EngineAnomalyProcessor : public StageProcessor {
public:
    explicit EngineAnomalyProcessor(ml::ArimaConfig config);
    std::optional<QString> process(const KafkaRecord &record, std::vector<StageOutput> &out) override;

private:
    ml::KeyedStreams m_byTeam;
    double m_z; // the band's half-width in deviations
};

// The same detector over every temperature of every car (engine, oil, tyres, brakes),
// with a persistence rule against chance single-row alarms at 10 Hz and a rule across
// wheels (CarAnomalyDetector); writes
// f1-telemetry-anomalies with the metric, actual, forecast, bounds and the row's own confidence.
class TelemetryAnomalyProcessor : public StageProcessor {
public:
    explicit TelemetryAnomalyProcessor(ml::PersistentDetector::Config config);
    std::optional<QString> process(const KafkaRecord &record, std::vector<StageOutput> &out) override;
    // A reported row's confidence in percent: 100 * P(|N(0,1)| < its distance from the forecast in band deviations).
    static double rowConfidence(const ml::DetectionRow &row, double z);

private:
    double m_z;
    ml::Keyed<CarAnomalyDetector, ml::PersistentDetector::Config> m_byCar; // one lookup per message
};

} // namespace pitwall
