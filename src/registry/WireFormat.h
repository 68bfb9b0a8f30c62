#pragma once
// Confluent's Schema Registry wire format: byte 0 the magic 0x00, bytes 1-4 the schema id
// (big-endian int32), then the payload (Avro binary without a container header, or
// JSON Schema's UTF-8 JSON text).

#include "core/Expected.h"

#include <QByteArray>

namespace pitwall::registry {

struct FramedMessage {
    qint32 schemaId = 0;
    QByteArray payload;
};

QByteArray frame(qint32 schemaId, const QByteArray &payload);
// A message too short, with another magic byte (0x01 carries the id in headers: not
// supported) or a negative id is refused with the reason.
Expected<FramedMessage> unframe(const QByteArray &message);

} // namespace pitwall::registry
