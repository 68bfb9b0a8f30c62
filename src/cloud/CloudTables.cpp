#include "CloudTables.h"
#include "FlinkSqlFiles.h"

#include "core/RecordFields.h"
#include "core/Topics.h"
#include "registry/DemoSchemas.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringList>

namespace pitwall::cloud {

namespace {

QString quoted(const QString &identifier)
{
    return QLatin1Char('`') + QString(identifier).replace(QLatin1Char('`'), QLatin1String("``")) + QLatin1Char('`');
}

QString literal(const QString &value)
{
    return QLatin1Char('\'') + QString(value).replace(QLatin1Char('\''), QLatin1String("''")) + QLatin1Char('\'');
}

// A described record's fields as Flink columns (core/RecordFields.h).
template <typename Record>
QList<CloudColumn> columnsOf()
{
    QList<CloudColumn> out;
    for (const auto &column : records::columns<Record>())
        out.append({column.name, column.sqlType, column.required});
    return out;
}

// The commentary document fields the local vector store writes and a search returns.
const QString kMatchFields = QStringLiteral("message STRING, message_embedding ARRAY<FLOAT>, race_id STRING, `timestamp` BIGINT, "
                                            "type STRING, source STRING");

QList<CloudTable> makeTables()
{
    using C = CloudColumn;
    const QString json = QStringLiteral("json-registry");
    const QString avro = QStringLiteral("avro-registry");
    QList<CloudTable> tables;
    // The demo's Avro topic, with Pit Wall's extra (nullable) leaderboard fields.
    tables.append({QString::fromLatin1(topics::kDriverPositions), avro, columnsOf<PositionUpdate>(), QString(), true});
    tables.append({QString::fromLatin1(topics::kCarMetrics), avro,
                   QList<CloudColumn>{C{"key", "BYTES"}} + columnsOf<CarMetrics>(), QStringLiteral("key")});
    tables.append({QString::fromLatin1(topics::kCarTelemetry), json, columnsOf<TelemetrySample>(), QString(), true});
    // details: the event's JSON object as text (the statements read it with JSON_VALUE).
    tables.append({QString::fromLatin1(topics::kRaceEvents), json, columnsOf<RaceEvent>(), QString(), true});
    tables.append({QString::fromLatin1(topics::kCommentaryInput), json, columnsOf<CommentaryInput>()});
    tables.append({QString::fromLatin1(topics::kCarMetricsAnomalies), avro, columnsOf<EngineAnomaly>()});
    tables.append({QString::fromLatin1(topics::kTelemetryAnomalies), json, columnsOf<TelemetryAnomaly>()});
    tables.append({QString::fromLatin1(topics::kForecasts), json, columnsOf<ForecastPoint>()});
    tables.append({QString::fromLatin1(topics::kCommentary),
                   json,
                   {C{"id", "STRING"}, C{"message", "STRING"}, C{"timestamp", "BIGINT"}, C{"type", "STRING"}}});
    tables.append({QString::fromLatin1(topics::kCommentaryQueries), json, columnsOf<CommentaryQuery>()});
    tables.append({QString::fromLatin1(topics::kCommentaryQueryVectors),
                   json,
                   {C{"query", "STRING"}, C{"embedding", "ARRAY<FLOAT>"}, C{"id", "STRING"}, C{"race_id", "STRING"}}});
    // VECTOR_SEARCH_AGG's output: every column of the Mongo table, then the score.
    tables.append({QString::fromLatin1(topics::kCommentaryQueryResults),
                   json,
                   {C{"id", "STRING"}, C{"query", "STRING"},
                    C{"search_results", QStringLiteral("ARRAY<ROW<%1, score DOUBLE>>").arg(kMatchFields)}}});
    return tables;
}

} // namespace

const QList<CloudTable> &cloudTables()
{
    static const QList<CloudTable> tables = makeTables();
    return tables;
}

const CloudTable *cloudTable(const QString &topic)
{
    for (const auto &table : cloudTables())
        if (table.name == topic)
            return &table;
    return nullptr;
}

QString createTableSql(const CloudTable &table)
{
    QStringList columns;
    for (const auto &column : table.columns)
        columns << QStringLiteral("  %1 %2%3").arg(quoted(column.name), column.type, column.notNull ? QStringLiteral(" NOT NULL") : QString());
    if (table.eventTime) {
        // A computed column: not part of the value schema the producers write.
        const QString eventTime = QString::fromLatin1(kEventTimeColumn);
        columns << QStringLiteral("  %1 AS TO_TIMESTAMP_LTZ(`timestamp`, 3)").arg(eventTime)
                << QStringLiteral("  WATERMARK FOR %1 AS %1 - INTERVAL '%2' SECOND").arg(eventTime).arg(kWatermarkDelaySeconds);
    }
    // The message key as raw bytes, as the demo's producer writes it (the team name).
    const QString distribution = table.keyColumn.isEmpty()
                                     ? QString()
                                     : QStringLiteral(" DISTRIBUTED BY HASH(%1) INTO 6 BUCKETS").arg(quoted(table.keyColumn));
    const QString keyFormat = table.keyColumn.isEmpty() ? QString() : QStringLiteral("'key.format' = 'raw', ");
    return QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (\n%2\n)%3 WITH (%4'value.format' = %5);")
        .arg(quoted(table.name), columns.join(QStringLiteral(",\n")), distribution, keyFormat, literal(table.valueFormat));
}

namespace {

QJsonValue avroType(const CloudColumn &column)
{
    const QString &type = column.type;
    QJsonValue avro;
    if (const QString primitive = registry::avroPrimitiveType(type); !primitive.isEmpty())
        avro = primitive;
    else if (type.startsWith(QLatin1String("TIMESTAMP_LTZ")))
        avro = QJsonObject{{QStringLiteral("type"), QStringLiteral("long")},
                           {QStringLiteral("logicalType"), QStringLiteral("timestamp-millis")}};
    else
        qFatal("no Avro type for the Flink type %s", qPrintable(type)); // a table of this file: a programming error
    return column.notNull ? avro : QJsonValue(QJsonArray{QStringLiteral("null"), avro});
}

QJsonValue jsonSchemaType(const CloudColumn &column)
{
    const QString &type = column.type;
    const QString json = type == QLatin1String("STRING")           ? QStringLiteral("string")
                         : type == QLatin1String("BOOLEAN")        ? QStringLiteral("boolean")
                         : type.startsWith(QLatin1String("ARRAY")) ? QStringLiteral("array")
                                                                   : QStringLiteral("number");
    return column.notNull ? QJsonValue(json) : QJsonValue(QJsonArray{json, QStringLiteral("null")});
}

// The demo's record names: a schema evolves compatibly only under the same full name.
QString avroRecordName(const QString &topic)
{
    if (topic == QLatin1String(topics::kDriverPositions))
        return QStringLiteral("LeaderboardUpdate");
    if (topic == QLatin1String(topics::kCarMetrics))
        return QStringLiteral("CarMetrics");
    QString name;
    for (const auto &part : topic.split(QRegularExpression(QStringLiteral("[-_]")), Qt::SkipEmptyParts))
        name += part.left(1).toUpper() + part.mid(1);
    return name;
}

} // namespace

registry::TopicSchema registrySchema(const CloudTable &table)
{
    if (table.name == QLatin1String(topics::kCommentary))
        return {table.name, QStringLiteral("JSON"), registry::commentaryJsonSchema()};
    if (table.valueFormat == QLatin1String("avro-registry")) {
        QJsonArray fields;
        for (const auto &column : table.columns) {
            if (column.name == table.keyColumn)
                continue;
            QJsonObject field{{QStringLiteral("name"), column.name}, {QStringLiteral("type"), avroType(column)}};
            if (!column.notNull)
                field.insert(QStringLiteral("default"), QJsonValue::Null);
            fields.append(field);
        }
        const QJsonObject record{{QStringLiteral("type"), QStringLiteral("record")},
                                 {QStringLiteral("name"), avroRecordName(table.name)},
                                 {QStringLiteral("namespace"), QStringLiteral("com.f1leaderboard")},
                                 {QStringLiteral("fields"), fields}};
        return {table.name, QStringLiteral("AVRO"), QString::fromUtf8(QJsonDocument(record).toJson(QJsonDocument::Compact))};
    }
    QJsonObject properties;
    QJsonArray required;
    for (const auto &column : table.columns) {
        properties.insert(column.name, QJsonObject{{QStringLiteral("type"), jsonSchemaType(column)}});
        if (column.notNull)
            required.append(column.name);
    }
    QJsonObject schema{{QStringLiteral("$schema"), QStringLiteral("http://json-schema.org/draft-07/schema#")},
                       {QStringLiteral("title"), table.name},
                       {QStringLiteral("type"), QStringLiteral("object")},
                       {QStringLiteral("properties"), properties}};
    if (!required.isEmpty())
        schema.insert(QStringLiteral("required"), required);
    return {table.name, QStringLiteral("JSON"), QString::fromUtf8(QJsonDocument(schema).toJson(QJsonDocument::Compact))};
}

QList<registry::TopicSchema> registrySchemas()
{
    QList<registry::TopicSchema> schemas;
    for (const auto &table : cloudTables())
        schemas.append(registrySchema(table));
    return schemas;
}

QString createMongoTableSql(const MongoTableSettings &settings)
{
    return flinkSql(QStringLiteral("table-mongo-commentary"),
                    {{QStringLiteral("table"), QString::fromLatin1(kMongoTableName)},
                     {QStringLiteral("columns"), QString(kMatchFields).replace(QLatin1String(", "), QLatin1String(",\n  "))},
                     {QStringLiteral("connection"), literal(settings.connection)},
                     {QStringLiteral("database"), literal(settings.database)},
                     {QStringLiteral("collection"), literal(settings.collection)},
                     {QStringLiteral("index"), literal(settings.index)}});
}

} // namespace pitwall::cloud
