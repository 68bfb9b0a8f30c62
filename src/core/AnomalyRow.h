#pragma once
// One anomaly as lists, tools and feeds show it, whichever detector stage found it: the
// per-car telemetry detector (f1-telemetry-anomalies) or the demo's per-team engine
// detector (f1-car-metrics-anomalies), whose rows name a team but no driver.

#include "core/Messages.h"

namespace pitwall {

enum class AnomalySource { Telemetry, Engine };

struct AnomalyRow {
    TelemetryAnomaly anomaly; // engine rows: no driver, metric "engine_temperature"
    AnomalySource source = AnomalySource::Telemetry;

    bool operator==(const AnomalyRow &) const = default;
};

// The topic each source's rows come from.
const char *anomalyTopic(AnomalySource source);

// The demo's engine row in the common shape: its key is the race id the metrics were keyed
// with; a band or confidence the row does not carry (the demo's own rows) is NaN.
AnomalyRow anomalyRowOf(const EngineAnomaly &row);

// How far outside its band a row is, in band widths (0 inside it; NaN without a band):
// the measure that picks an episode's peak.
double bandExcursion(const TelemetryAnomaly &anomaly);

} // namespace pitwall
