#include "AnomalyRow.h"

#include "core/Topics.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pitwall {

const char *anomalyTopic(AnomalySource source)
{
    return source == AnomalySource::Engine ? topics::kCarMetricsAnomalies : topics::kTelemetryAnomalies;
}

AnomalyRow anomalyRowOf(const EngineAnomaly &row)
{
    constexpr double unknown = std::numeric_limits<double>::quiet_NaN();
    TelemetryAnomaly anomaly;
    anomaly.raceId = row.key;
    anomaly.teamName = row.teamName;
    anomaly.metric = QStringLiteral("engine_temperature");
    anomaly.timestampMs = row.tsMs;
    anomaly.actual = row.engineTemperatureC;
    anomaly.forecast = row.forecast.value_or(unknown);
    anomaly.lowerBound = row.lowerBound.value_or(unknown);
    anomaly.upperBound = row.upperBound.value_or(unknown);
    anomaly.confidence = row.confidence.value_or(unknown);
    anomaly.isAnomaly = row.isAnomaly;
    return {std::move(anomaly), AnomalySource::Engine};
}

double bandExcursion(const TelemetryAnomaly &anomaly)
{
    const double width = anomaly.upperBound - anomaly.lowerBound;
    if (!std::isfinite(width) || !std::isfinite(anomaly.actual))
        return std::numeric_limits<double>::quiet_NaN();
    const double outside = std::max({anomaly.actual - anomaly.upperBound, anomaly.lowerBound - anomaly.actual, 0.0});
    // A band of no width (a flat series) still orders rows by their distance from it.
    return outside / std::max(width, 1e-9);
}

} // namespace pitwall
