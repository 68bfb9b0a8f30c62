#pragma once
// The records carried on the demo's topics. Field names mirror the demo's schemas
// (../shared/spec, section 5.4); nullable demo fields are std::optional here.

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>
#include <array>
#include <optional>
#include <vector>

namespace pitwall {

// f1-driver-positions: the demo's fields, then our extras (absent from the demo's messages).
struct PositionUpdate {
    QString driverName;
    int position = 0;
    qint64 timestampMs = 0;
    std::optional<QString> raceId;
    std::optional<QString> teamName;
    std::optional<double> speedKph;
    std::optional<double> gapToLeaderS;
    std::optional<double> intervalS;
    std::optional<int> lap;
    std::optional<QString> tyre; // SOFT, MEDIUM, HARD
    std::optional<int> tyreAgeLaps;
    std::optional<int> pitStops;
    std::optional<QString> status; // running, pit, retired, finished

    bool operator==(const PositionUpdate &) const = default;
};

// f1-car-telemetry: one car at the telemetry rate. Sensor readings are optional: a
// dropped-out sensor reports null.
struct TelemetrySample {
    QString raceId;
    QString driverName;
    QString teamName;
    qint64 timestampMs = 0;
    int lap = 0;
    double lapDistanceM = 0;
    double x = 0, y = 0; // metres on the circuit's centreline frame
    double speedKph = 0;
    int rpm = 0;
    int gear = 0;
    double throttle = 0; // percent
    double brake = 0;    // percent
    bool drs = false;
    double fuelKg = 0;
    QString tyre;
    int tyreAgeLaps = 0;
    std::optional<double> engineTemperatureC;
    std::optional<double> oilTemperatureC;
    std::optional<double> tyreTemperatureC[4]; // FL, FR, RL, RR
    std::optional<double> brakeTemperatureC[4];

    bool operator==(const TelemetrySample &) const = default;
};

// The metric names used by telemetry, fault labels and anomaly detection.
const QStringList &telemetryMetricNames();
inline constexpr int kTelemetryMetricCount = 10;
// A sample's ten metric readings, in telemetryMetricNames() order; null where a sensor dropped out.
std::array<std::optional<double>, kTelemetryMetricCount> metricReadings(const TelemetrySample &sample);

// f1-fault-labels: ground truth of an injected fault.
struct FaultLabel {
    QString raceId;
    QString driverName;
    QString teamName;
    QString metric; // one of telemetryMetricNames()
    QString kind;   // overheat_ramp, spike, drop, tyre_overheat, brake_fade, sensor_dropout, stuck_sensor
    qint64 startMs = 0;
    qint64 endMs = 0;

    bool operator==(const FaultLabel &) const = default;
};

// f1-race-events: what happened in the race. `details` holds the kind's own fields.
struct RaceEvent {
    QString raceId;
    qint64 timestampMs = 0;
    QString kind; // one of raceEventKinds()
    int lap = 0;
    QString driverName; // empty for race-wide events
    QJsonObject details;

    bool operator==(const RaceEvent &) const = default;
};

const QStringList &raceEventKinds();

// Tyre compounds a message may name (UNKNOWN: a real race whose source does not say).
const QStringList &tyreCompounds();

// f1-car-metrics
struct CarMetrics {
    QString teamName;
    qint64 timestampMs = 0;
    double engineTemperatureC = 0.0;

    bool operator==(const CarMetrics &) const = default;
};

// f1-commentary: highlight for P1, warning for P2-3, info otherwise (as in the demo).
enum class CommentaryType { Highlight, Warning, Info };

struct Commentary {
    QString id;
    QString message;
    qint64 timestampMs = 0;
    CommentaryType type = CommentaryType::Info;
    // Ours, beyond the demo's fields (written only when set): who wrote the line (the
    // model id, "offline", or "offline (fallback: reason)"), the moments it tells, the race.
    QString source;
    QStringList eventIds;
    QString raceId;

    bool operator==(const Commentary &) const = default;
};

// f1-car-metrics-anomalies
struct EngineAnomaly {
    QString key;
    qint64 tsMs = 0;
    QString teamName;
    double engineTemperatureC = 0.0;
    bool isAnomaly = false;
    // ML_DETECT_ANOMALIES' band for this row and the detector's confidence in percent
    // (ml::anomalyConfidence); absent from the demo's own rows.
    std::optional<double> forecast;
    std::optional<double> lowerBound;
    std::optional<double> upperBound;
    std::optional<double> confidence;

    bool operator==(const EngineAnomaly &) const = default;
};

// f1-telemetry-anomalies: the detector over every car's richer telemetry metrics.
struct TelemetryAnomaly {
    QString raceId;
    QString driverName;
    QString teamName;
    QString metric;
    qint64 timestampMs = 0;
    double actual = 0;
    double forecast = 0;
    double lowerBound = 0;
    double upperBound = 0;
    double confidence = 0; // percent
    bool isAnomaly = true;

    bool operator==(const TelemetryAnomaly &) const = default;
};

// f1-forecasts: one step of ML_FORECAST for a car's metric (lap_time, tyre_temp_xx).
struct ForecastPoint {
    QString raceId;
    QString driverName;
    QString metric;
    qint64 timestampMs = 0; // when the forecast was made
    int step = 1;           // steps ahead: laps for lap_time, seconds for temperatures
    double forecast = 0;
    double lowerBound = 0;
    double upperBound = 0;
    double rmse = 0;

    bool operator==(const ForecastPoint &) const = default;
};

// f1-commentary-input: the demo's commentary input (driver, position, type) with the
// race context a commentator needs.
struct CommentaryInput {
    QString raceId;
    qint64 timestampMs = 0;
    QString driverName;
    QString teamName;
    int position = 0;
    CommentaryType type = CommentaryType::Info;
    int positionChange = 0;       // places gained (+) or lost (-) since the driver's previous update
    int placesGainedRecently = 0; // over the last 30 s of race time
    std::optional<double> gapToLeaderS;
    std::optional<double> intervalS;
    std::optional<int> lap;
    std::optional<QString> tyre;
    std::optional<int> pitStops;

    bool operator==(const CommentaryInput &) const = default;
};

// commentary_queries
struct CommentaryQuery {
    QString query;
    QString id;     // ours: to find the answer on commentary_query_results
    QString raceId; // ours: only this race's commentary

    bool operator==(const CommentaryQuery &) const = default;
};

// commentary_queries_vectors: the question and its embedding.
struct CommentaryQueryVector {
    QString query;
    std::vector<float> embedding;
    QString id;
    QString raceId;

    bool operator==(const CommentaryQueryVector &) const = default;
};

// commentary_query_results (ours): the demo's VECTOR_SEARCH_AGG rows, best first, and
// the answer an LLM wrote from them when one is configured.
struct CommentaryMatch {
    QString message;
    double score = 0;
    QString raceId;
    qint64 timestampMs = 0;
    QString type;
    QString source;

    bool operator==(const CommentaryMatch &) const = default;
};

struct CommentaryQueryResult {
    QString id;
    QString query;
    QVector<CommentaryMatch> results;
    QString answer;       // empty without an LLM
    QString answerSource; // the model
    QString error;        // why there are no results, when there are none

    bool operator==(const CommentaryQueryResult &) const = default;
};

QString commentaryTypeName(CommentaryType type);
std::optional<CommentaryType> commentaryTypeFromName(const QString &name);
CommentaryType commentaryTypeForPosition(int position);

} // namespace pitwall
