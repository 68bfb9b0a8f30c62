#pragma once
// Avro binary for one record schema through avro-c (Debian's libavro-dev): a JSON object
// in, Avro bytes out, and back. Fields of the primitive types and ["null", T] unions,
// which is what the demo's topics use; a schema with other types is refused when parsed.

#include "core/Expected.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <memory>

namespace pitwall::registry {

class AvroCodec {
public:
    // Parses and checks the schema (a record of supported fields).
    static Expected<std::shared_ptr<const AvroCodec>> fromSchema(const QString &schemaJson);
    ~AvroCodec();
    AvroCodec(const AvroCodec &) = delete;
    AvroCodec &operator=(const AvroCodec &) = delete;

    // A missing field is null where the schema allows it, an error where it does not.
    Expected<QByteArray> encode(const QJsonObject &record) const;
    // The whole payload must be one record: trailing bytes are an error.
    Expected<QJsonObject> decode(const QByteArray &payload) const;

    const QString &schemaJson() const { return m_schemaJson; }

private:
    AvroCodec() = default;
    struct Avro;
    std::unique_ptr<Avro> m_avro;
    QString m_schemaJson;
};

} // namespace pitwall::registry
