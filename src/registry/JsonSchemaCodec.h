#pragma once
// JSON Schema payloads (Schema Registry's "JSON" type, Flink's json-registry format): UTF-8
// JSON text, checked against the schema's "type", "properties" (their "type", one or a
// list) and "required" — the parts the demo's commentary schema uses; other keywords are
// not checked.

#include "core/Expected.h"

#include <QByteArray>
#include <QJsonObject>

namespace pitwall::registry {

class JsonSchemaCodec {
public:
    static Expected<JsonSchemaCodec> fromSchema(const QString &schemaJson);

    Expected<QByteArray> encode(const QJsonObject &record) const;
    Expected<QJsonObject> decode(const QByteArray &payload) const;

private:
    std::optional<QString> check(const QJsonObject &record) const;
    QJsonObject m_schema;
};

} // namespace pitwall::registry
