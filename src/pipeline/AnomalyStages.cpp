#include "AnomalyStages.h"

#include "core/JsonCodec.h"
#include "core/Topics.h"
#include "ml/AnomalyScore.h"

#include <cmath>

namespace pitwall {

EngineAnomalyProcessor::EngineAnomalyProcessor(ml::ArimaConfig config)
    : m_byTeam(config)
    , m_z(ml::zForConfidence(config.confidencePercentage))
{
}

std::optional<QString> EngineAnomalyProcessor::process(const KafkaRecord &record, std::vector<StageOutput> &out)
{
    const auto metrics = codec::decodeCarMetrics(record.value);
    if (!metrics)
        return metrics.error().describe();
    const auto row = m_byTeam[metrics->teamName].detect(metrics->engineTemperatureC);
    if (row.isAnomaly.value_or(false)) {
        // The demo's row (key: the race id the producer keyed the metrics with), with its band and confidence.
        const EngineAnomaly anomaly{QString::fromUtf8(record.key),
                                    metrics->timestampMs,
                                    metrics->teamName,
                                    metrics->engineTemperatureC,
                                    true,
                                    row.forecast,
                                    row.lowerBound,
                                    row.upperBound,
                                    ml::anomalyConfidence(row, m_z)};
        out.push_back({topics::kCarMetricsAnomalies, record.key, codec::encode(anomaly)});
    }
    return std::nullopt;
}

TelemetryAnomalyProcessor::TelemetryAnomalyProcessor(ml::PersistentDetector::Config config)
    : m_z(ml::zForConfidence(config.arima.confidencePercentage))
    , m_byCar(config)
{
}

double TelemetryAnomalyProcessor::rowConfidence(const ml::DetectionRow &row, double z)
{
    return ml::anomalyConfidence(row, z);
}

std::optional<QString> TelemetryAnomalyProcessor::process(const KafkaRecord &record, std::vector<StageOutput> &out)
{
    const auto sample = codec::decodeTelemetrySample(record.value);
    if (!sample)
        return sample.error().describe();
    const auto &metrics = telemetryMetricNames();
    for (const auto &[metric, row] : m_byCar[sample->driverName].judge(*sample)) {
        const TelemetryAnomaly anomaly{sample->raceId,
                                       sample->driverName,
                                       sample->teamName,
                                       metrics[metric],
                                       sample->timestampMs,
                                       row.actual,
                                       *row.forecast,
                                       *row.lowerBound,
                                       *row.upperBound,
                                       rowConfidence(row, m_z),
                                       true};
        out.push_back({topics::kTelemetryAnomalies, record.key, codec::encode(anomaly)});
    }
    return std::nullopt;
}

} // namespace pitwall
