#include "DemoSchemas.h"

namespace pitwall::registry {

QString leaderboardUpdateSchema()
{
    return QStringLiteral(
        R"({"type":"record","name":"LeaderboardUpdate","namespace":"com.f1leaderboard","fields":[)"
        R"({"name":"driver_name","type":"string"},)"
        R"({"name":"position","type":"int"},)"
        R"({"name":"timestamp","type":"long","logicalType":"timestamp-millis"},)"
        R"({"name":"race_id","type":["null","string"]},)"
        R"({"name":"team_name","type":["null","string"]},)"
        R"({"name":"speed","type":["null","double"]}]})");
}

QString carMetricsSchema()
{
    return QStringLiteral(
        R"({"type":"record","name":"CarMetrics","namespace":"com.f1leaderboard","fields":[)"
        R"({"name":"team_name","type":"string"},)"
        R"({"name":"timestamp","type":"long","logicalType":"timestamp-millis"},)"
        R"({"name":"engine_temperature","type":"double"}]})");
}

QString commentaryJsonSchema()
{
    return QStringLiteral(
        R"({"$schema":"http://json-schema.org/draft-07/schema#","title":"f1-commentary","type":"object",)"
        R"("properties":{"id":{"type":["string","null"]},"message":{"type":["string","null"]},)"
        R"("timestamp":{"type":["number","null"]},"type":{"type":["string","null"]}},)"
        R"("required":["id","message","timestamp","type"]})");
}

QString valueSubject(const QString &topic)
{
    return topic + QStringLiteral("-value");
}

} // namespace pitwall::registry
