#pragma once
// Topic names of the demo's data contract (../shared/design.md). Never rename these:
// the demo's Flink SQL reads them.

#include <cstring>
#include <iterator>

namespace pitwall::topics {

inline constexpr const char *kDriverPositions = "f1-driver-positions";
inline constexpr const char *kCarMetrics = "f1-car-metrics";
inline constexpr const char *kCommentary = "f1-commentary";
inline constexpr const char *kCarMetricsAnomalies = "f1-car-metrics-anomalies";
inline constexpr const char *kCommentaryQueries = "commentary_queries";
inline constexpr const char *kCommentaryQueryVectors = "commentary_queries_vectors";
inline constexpr const char *kDeadLetters = "f1-dlq";
// Ours, beyond the demo's.
inline constexpr const char *kCarTelemetry = "f1-car-telemetry";
inline constexpr const char *kRaceEvents = "f1-race-events";
inline constexpr const char *kFaultLabels = "f1-fault-labels";
inline constexpr const char *kTelemetryAnomalies = "f1-telemetry-anomalies";
inline constexpr const char *kCommentaryInput = "f1-commentary-input";
inline constexpr const char *kForecasts = "f1-forecasts";
inline constexpr const char *kCommentaryQueryResults = "commentary_query_results";

inline constexpr const char *kAll[] = {kDriverPositions,    kCarMetrics,
                                       kCommentary,         kCarMetricsAnomalies,
                                       kCommentaryQueries,  kCommentaryQueryVectors,
                                       kDeadLetters,        kCarTelemetry,
                                       kRaceEvents,         kFaultLabels,
                                       kTelemetryAnomalies, kCommentaryInput,
                                       kForecasts,          kCommentaryQueryResults};

// The index of a topic in kAll (for counters kept per topic), or -1 when it is not ours.
inline int indexOf(const char *topic)
{
    for (size_t i = 0; i < std::size(kAll); ++i) {
        if (std::strcmp(kAll[i], topic) == 0)
            return int(i);
    }
    return -1;
}

} // namespace pitwall::topics
