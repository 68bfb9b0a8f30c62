#include "DemoSchemas.h"

#include "core/RecordFields.h"

#include <QStringList>

namespace pitwall::registry {

namespace {

// The demo's Avro record as its producer writes it: its own fields of the record's
// description, in order; nullable ones as ["null", type] without a default.
template <typename Record>
QString demoAvroSchema(const char *recordName)
{
    QStringList fields;
    for (const auto &column : records::columns<Record>()) {
        if (!column.demo)
            continue;
        const QString type = QLatin1Char('"') + avroPrimitiveType(column.sqlType) + QLatin1Char('"');
        QString field = QStringLiteral(R"({"name":"%1","type":%2)")
                            .arg(column.name, column.required ? type : QStringLiteral(R"(["null",%1])").arg(type));
        if (column.sqlType == QLatin1String("BIGINT"))
            field += QStringLiteral(R"(,"logicalType":"timestamp-millis")");
        fields << field + QLatin1Char('}');
    }
    return QStringLiteral(R"({"type":"record","name":"%1","namespace":"com.f1leaderboard","fields":[%2]})")
        .arg(QLatin1String(recordName), fields.join(QLatin1Char(',')));
}

} // namespace

QString leaderboardUpdateSchema()
{
    return demoAvroSchema<PositionUpdate>("LeaderboardUpdate");
}

QString carMetricsSchema()
{
    return demoAvroSchema<CarMetrics>("CarMetrics");
}

QString avroPrimitiveType(const QString &sqlType)
{
    if (sqlType == QLatin1String("STRING"))
        return QStringLiteral("string");
    if (sqlType == QLatin1String("INT"))
        return QStringLiteral("int");
    if (sqlType == QLatin1String("BIGINT"))
        return QStringLiteral("long");
    if (sqlType == QLatin1String("DOUBLE"))
        return QStringLiteral("double");
    if (sqlType == QLatin1String("BOOLEAN"))
        return QStringLiteral("boolean");
    return {};
}

QString commentaryJsonSchema()
{
    return QStringLiteral(R"({"$schema":"http://json-schema.org/draft-07/schema#","title":"f1-commentary","type":"object",)"
                          R"("properties":{"id":{"type":["string","null"]},"message":{"type":["string","null"]},)"
                          R"("timestamp":{"type":["number","null"]},"type":{"type":["string","null"]}},)"
                          R"("required":["id","message","timestamp","type"]})");
}

QString valueSubject(const QString &topic)
{
    return topic + QStringLiteral("-value");
}

} // namespace pitwall::registry
