#pragma once
// The demo's schemas as its producers and Flink tables register them (the reference's
// backend/schemas.py; ../shared/spec section 5.4), and the subject names that go with
// them (TopicNameStrategy: "<topic>-value").

#include <QString>

namespace pitwall::registry {

// f1-driver-positions: Avro com.f1leaderboard.LeaderboardUpdate. The field-level
// "logicalType" on timestamp is the reference's quirk (not a logical type: Flink sees BIGINT).
QString leaderboardUpdateSchema();
// f1-car-metrics: Avro com.f1leaderboard.CarMetrics.
QString carMetricsSchema();
// f1-commentary: the JSON Schema its consumer expects (id, message, timestamp, type, all
// required, each nullable); Pit Wall's extra fields are allowed.
QString commentaryJsonSchema();

// The Avro type of a Flink column's primitive type (STRING: "string", BIGINT: "long"...), or
// empty for a type that is not one.
QString avroPrimitiveType(const QString &sqlType);

QString valueSubject(const QString &topic);

} // namespace pitwall::registry
