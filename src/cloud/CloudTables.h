#pragma once
// The Flink tables behind Pit Wall's topics in Confluent Cloud: their columns (the field
// names and types the local JSON codec writes, so local and cloud messages read alike)
// and value format. CREATE TABLE in Confluent Cloud makes the topic and registers the
// value schema in Schema Registry; `IF NOT EXISTS` keeps a table already there.

#include "registry/TopicFraming.h"

#include <QList>
#include <QString>

namespace pitwall::cloud {

struct CloudColumn {
    QString name;
    QString type; // Flink SQL type, e.g. STRING, BIGINT, ARRAY<FLOAT>
    bool notNull = false;
};

struct CloudTable {
    QString name;        // the topic
    QString valueFormat; // avro-registry (the demo's Avro topics) or json-registry
    QList<CloudColumn> columns;
    QString keyColumn; // a column holding the raw message key (DISTRIBUTED BY it), or empty
    // Declares kEventTimeColumn, the message's own `timestamp` (epoch ms) as TIMESTAMP_LTZ(3)
    // with a WATERMARK: the time attribute the OVER windows over this table order by, which
    // stays one when forwarded unchanged through a subquery (spec section 1.0).
    bool eventTime = false;
};

inline constexpr const char *kEventTimeColumn = "event_time";
// How late a message may arrive behind the newest one and still be counted.
inline constexpr int kWatermarkDelaySeconds = 1;

// Every topic the cloud pipeline reads or writes, in a fixed order.
const QList<CloudTable> &cloudTables();
// The table of `topic`, or nullptr when Pit Wall declares none.
const CloudTable *cloudTable(const QString &topic);
// CREATE TABLE IF NOT EXISTS `topic` (…) WITH ('value.format' = …)
QString createTableSql(const CloudTable &table);

// The value schema Pit Wall registers for the table's topic (subject `<topic>-value`), so
// the app and Flink read and write the same: Avro for avro-registry tables (the demo's
// record names, its fields first, Pit Wall's extra ones nullable with a null default so
// the demo's own schema evolves compatibly), JSON Schema otherwise (the demo's own for
// f1-commentary). The raw message key is not part of the value.
registry::TopicSchema registrySchema(const CloudTable &table);
// Every table's, for the Schema Registry framing of cloud mode.
QList<registry::TopicSchema> registrySchemas();

// The MongoDB Atlas collection as a read-only external table for VECTOR_SEARCH_AGG; its
// columns are the documents' fields the local store writes.
struct MongoTableSettings {
    QString connection; // the Flink connection's name
    QString database;
    QString collection;
    QString index;
};
inline constexpr const char *kMongoTableName = "mongo_commentary";
QString createMongoTableSql(const MongoTableSettings &settings);

} // namespace pitwall::cloud
