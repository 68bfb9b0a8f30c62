#pragma once
// Each record's fields, stated once: the wire name (JSON key, Avro field, Flink column),
// the C++ member, the Flink SQL type, whether the schemas require it, whether it is in
// the demo's own schema, and how JSON writes and checks it. The JSON codec
// (JsonCodec.cpp), the demo's Avro schemas (registry/DemoSchemas) and the Flink table
// columns (cloud/CloudTables) are all made from these tables, so adding a field to a
// record is one line here (plus the member in Messages.h).
//
// The tables are tuples of constexpr fields, walked at compile time: the codec makes the
// same JsonWriter/JsonFieldReader calls a hand-written one would.

#include "CodecLimits.h"
#include "Messages.h"

#include <QList>
#include <QString>
#include <functional>
#include <tuple>

namespace pitwall::records {

enum FieldFlag : unsigned {
    Plain = 0,
    Required = 1u << 0,   // schemas: NOT NULL (Flink), no null branch (Avro), required (JSON Schema)
    WhenSet = 1u << 1,    // JSON: left out while unset (nullopt, an empty string) rather than null
    Demo = 1u << 2,       // part of the demo's own schema of the topic
    AllowEmpty = 1u << 3, // a string the codec requires but accepts empty
};

template <typename Access>
struct Field {
    const char *name;    // the wire name
    Access access;       // a member pointer, or a function object returning the member
    const char *sqlType; // Flink SQL type
    unsigned flags = Plain;
    double min = 0; // numbers: the accepted range; strings: max is the longest accepted length
    double max = 0;
    int decimals = 3;                        // doubles in streamed JSON: digits after the point at most
    const QStringList &(*oneOf)() = nullptr; // strings: the accepted values, when limited

    constexpr bool has(FieldFlag flag) const { return (flags & flag) != 0; }
};

// An element of an array member (the four wheels' temperatures).
template <auto Member, int Index>
struct ElementOf {
    constexpr decltype(auto) operator()(auto &record) const { return (record.*Member)[Index]; }
};

template <typename A>
constexpr Field<A> text(const char *name, A access, unsigned flags = Plain, qsizetype maxLength = codec::kMaxNameLength,
                        const QStringList &(*oneOf)() = nullptr)
{
    return {name, access, "STRING", flags, 0, double(maxLength), 0, oneOf};
}
template <typename A>
constexpr Field<A> integer(const char *name, A access, int min, int max, unsigned flags = Plain)
{
    return {name, access, "INT", flags, double(min), double(max)};
}
// Epoch milliseconds (1970-2100); BIGINT in Flink unless the table says otherwise.
template <typename A>
constexpr Field<A> timestamp(const char *name, A access, unsigned flags = Plain, const char *sqlType = "BIGINT")
{
    return {name, access, sqlType, flags};
}
template <typename A>
constexpr Field<A> real(const char *name, A access, double min, double max, int decimals, unsigned flags = Plain)
{
    return {name, access, "DOUBLE", flags, min, max, decimals};
}
template <typename A>
constexpr Field<A> boolean(const char *name, A access, unsigned flags = Plain)
{
    return {name, access, "BOOLEAN", flags};
}

// How a record's JSON is written: streamed in field order (the high-volume topics), or
// as a QJsonObject (keys sorted, doubles at full precision) for the few low-volume ones
// that have always been written that way.
enum class JsonStyle { Stream, Tree };

template <typename Record>
struct Description; // one specialisation per described record, below

template <>
struct Description<PositionUpdate> {
    using R = PositionUpdate;
    static constexpr JsonStyle style = JsonStyle::Stream;
    // The demo's fields, then our extras, left out when unknown so a demo-shaped update stays demo-shaped.
    static constexpr auto fields = std::make_tuple(text("driver_name", &R::driverName, Required | Demo),
                                                   integer("position", &R::position, 1, codec::kMaxPosition, Required | Demo),
                                                   timestamp("timestamp", &R::timestampMs, Required | Demo),
                                                   text("race_id", &R::raceId, Demo), text("team_name", &R::teamName, Demo),
                                                   real("speed", &R::speedKph, 0.0, codec::kMaxSpeedKph, 3, Demo),
                                                   real("gap_to_leader", &R::gapToLeaderS, 0.0, codec::kMaxGapS, 3, WhenSet),
                                                   real("interval", &R::intervalS, 0.0, codec::kMaxGapS, 3, WhenSet),
                                                   integer("lap", &R::lap, 0, codec::kMaxLap, WhenSet),
                                                   text("tyre", &R::tyre, WhenSet, codec::kMaxNameLength, &tyreCompounds),
                                                   integer("tyre_age_laps", &R::tyreAgeLaps, 0, codec::kMaxLap, WhenSet),
                                                   integer("pit_stops", &R::pitStops, 0, 20, WhenSet),
                                                   text("status", &R::status, WhenSet));
};

template <>
struct Description<CarMetrics> {
    using R = CarMetrics;
    static constexpr JsonStyle style = JsonStyle::Stream;
    static constexpr auto fields = std::make_tuple(text("team_name", &R::teamName, Required | Demo),
                                                   timestamp("timestamp", &R::timestampMs, Required | Demo),
                                                   real("engine_temperature", &R::engineTemperatureC, codec::kMinTemperatureC,
                                                        codec::kMaxTemperatureC, 3, Required | Demo));
};

template <>
struct Description<TelemetrySample> {
    using R = TelemetrySample;
    static constexpr JsonStyle style = JsonStyle::Stream;
    static constexpr double kMinC = codec::kMinTemperatureC, kMaxC = codec::kMaxTemperatureC;
    static constexpr auto fields = std::make_tuple(
        text("race_id", &R::raceId), text("driver_name", &R::driverName), text("team_name", &R::teamName),
        timestamp("timestamp", &R::timestampMs), integer("lap", &R::lap, 0, codec::kMaxLap),
        real("lap_distance", &R::lapDistanceM, 0, 20000, 1), real("x", &R::x, -1e5, 1e5, 1), real("y", &R::y, -1e5, 1e5, 1),
        real("speed", &R::speedKph, 0, codec::kMaxSpeedKph, 1), integer("rpm", &R::rpm, 0, 20000), integer("gear", &R::gear, 0, 8),
        real("throttle", &R::throttle, 0, 100, 1), real("brake", &R::brake, 0, 100, 1), boolean("drs", &R::drs),
        real("fuel_kg", &R::fuelKg, 0, 150, 2), text("tyre", &R::tyre, Plain, codec::kMaxNameLength, &tyreCompounds),
        integer("tyre_age_laps", &R::tyreAgeLaps, 0, codec::kMaxLap),
        real("engine_temperature", &R::engineTemperatureC, kMinC, kMaxC, 2),
        real("oil_temperature", &R::oilTemperatureC, kMinC, kMaxC, 2),
        real("tyre_temp_fl", ElementOf<&R::tyreTemperatureC, 0>{}, kMinC, kMaxC, 2),
        real("tyre_temp_fr", ElementOf<&R::tyreTemperatureC, 1>{}, kMinC, kMaxC, 2),
        real("tyre_temp_rl", ElementOf<&R::tyreTemperatureC, 2>{}, kMinC, kMaxC, 2),
        real("tyre_temp_rr", ElementOf<&R::tyreTemperatureC, 3>{}, kMinC, kMaxC, 2),
        real("brake_temp_fl", ElementOf<&R::brakeTemperatureC, 0>{}, kMinC, kMaxC, 1),
        real("brake_temp_fr", ElementOf<&R::brakeTemperatureC, 1>{}, kMinC, kMaxC, 1),
        real("brake_temp_rl", ElementOf<&R::brakeTemperatureC, 2>{}, kMinC, kMaxC, 1),
        real("brake_temp_rr", ElementOf<&R::brakeTemperatureC, 3>{}, kMinC, kMaxC, 1));
};

template <>
struct Description<FaultLabel> {
    using R = FaultLabel;
    static constexpr JsonStyle style = JsonStyle::Tree;
    static constexpr auto fields = std::make_tuple(text("race_id", &R::raceId), text("driver_name", &R::driverName),
                                                   text("team_name", &R::teamName),
                                                   text("metric", &R::metric, Plain, codec::kMaxNameLength, &telemetryMetricNames),
                                                   text("kind", &R::kind), timestamp("start_ms", &R::startMs),
                                                   timestamp("end_ms", &R::endMs));
};

// details: the event's own JSON object (a STRING of its JSON text in Flink, read with JSON_VALUE).
template <>
struct Description<RaceEvent> {
    using R = RaceEvent;
    static constexpr JsonStyle style = JsonStyle::Tree;
    static constexpr auto fields = std::make_tuple(text("race_id", &R::raceId), timestamp("timestamp", &R::timestampMs),
                                                   text("kind", &R::kind, Plain, codec::kMaxNameLength, &raceEventKinds),
                                                   integer("lap", &R::lap, 0, codec::kMaxLap),
                                                   text("driver_name", &R::driverName, WhenSet),
                                                   Field<QJsonObject R::*>{"details", &R::details, "STRING"});
};

template <>
struct Description<CommentaryInput> {
    using R = CommentaryInput;
    static constexpr JsonStyle style = JsonStyle::Stream;
    static constexpr auto fields = std::make_tuple(
        text("race_id", &R::raceId), timestamp("timestamp", &R::timestampMs), text("driver_name", &R::driverName),
        text("team_name", &R::teamName, AllowEmpty), integer("position", &R::position, 1, codec::kMaxPosition),
        text("type", &R::type), integer("position_change", &R::positionChange, -codec::kMaxPosition, codec::kMaxPosition),
        integer("places_gained_30s", &R::placesGainedRecently, -codec::kMaxPosition, codec::kMaxPosition),
        real("gap_to_leader", &R::gapToLeaderS, 0.0, codec::kMaxGapS, 3), real("interval", &R::intervalS, 0.0, codec::kMaxGapS, 3),
        integer("lap", &R::lap, 0, codec::kMaxLap), text("tyre", &R::tyre), integer("pit_stops", &R::pitStops, 0, 20));
};

// The demo's row (key: the race id the metrics were keyed with; ts as TIMESTAMP_LTZ in Flink).
template <>
struct Description<EngineAnomaly> {
    using R = EngineAnomaly;
    static constexpr JsonStyle style = JsonStyle::Tree;
    static constexpr auto fields = std::make_tuple(
        text("key", &R::key), timestamp("ts", &R::tsMs, Plain, "TIMESTAMP_LTZ(3)"), text("team_name", &R::teamName),
        real("engine_temperature", &R::engineTemperatureC, codec::kMinTemperatureC, codec::kMaxTemperatureC, 3),
        boolean("is_anomaly", &R::isAnomaly), real("forecast_value", &R::forecast, -1e6, 1e6, 3, WhenSet),
        real("lower_bound", &R::lowerBound, -1e6, 1e6, 3, WhenSet), real("upper_bound", &R::upperBound, -1e6, 1e6, 3, WhenSet),
        real("confidence", &R::confidence, 0, 100, 3, WhenSet));
};

template <>
struct Description<TelemetryAnomaly> {
    using R = TelemetryAnomaly;
    static constexpr JsonStyle style = JsonStyle::Stream;
    static constexpr auto fields = std::make_tuple(
        text("race_id", &R::raceId), text("driver_name", &R::driverName), text("team_name", &R::teamName),
        text("metric", &R::metric, Plain, codec::kMaxNameLength, &telemetryMetricNames), timestamp("timestamp", &R::timestampMs),
        real("actual_value", &R::actual, -1e6, 1e6, 3), real("forecast_value", &R::forecast, -1e6, 1e6, 3),
        real("lower_bound", &R::lowerBound, -1e6, 1e6, 3), real("upper_bound", &R::upperBound, -1e6, 1e6, 3),
        real("confidence", &R::confidence, 0, 100, 3), boolean("is_anomaly", &R::isAnomaly));
};

template <>
struct Description<ForecastPoint> {
    using R = ForecastPoint;
    static constexpr JsonStyle style = JsonStyle::Stream;
    static constexpr auto fields = std::make_tuple(text("race_id", &R::raceId), text("driver_name", &R::driverName),
                                                   text("metric", &R::metric), timestamp("timestamp", &R::timestampMs),
                                                   integer("step", &R::step, 1, 1000),
                                                   real("forecast_value", &R::forecast, -1e9, 1e9, 3),
                                                   real("lower_bound", &R::lowerBound, -1e9, 1e9, 3),
                                                   real("upper_bound", &R::upperBound, -1e9, 1e9, 3),
                                                   real("rmse", &R::rmse, 0, 1e9, 4));
};

// commentary_queries: the demo's question, with our id and race written only when set.
template <>
struct Description<CommentaryQuery> {
    using R = CommentaryQuery;
    static constexpr JsonStyle style = JsonStyle::Tree;
    static constexpr auto fields = std::make_tuple(text("query", &R::query, Required, codec::kMaxTextLength),
                                                   text("id", &R::id, WhenSet), text("race_id", &R::raceId, WhenSet));
};

// A field as the schemas see it: what the Flink columns and the Avro schemas are made from.
struct Column {
    QString name;
    QString sqlType;
    bool required = false; // NOT NULL
    bool demo = false;     // in the demo's own schema
};

template <typename Record>
QList<Column> columns()
{
    QList<Column> out;
    std::apply(
        [&](const auto &...field) {
            (out.append({QString::fromLatin1(field.name), QString::fromLatin1(field.sqlType), field.has(Required), field.has(Demo)}), ...);
        },
        Description<Record>::fields);
    return out;
}

} // namespace pitwall::records
