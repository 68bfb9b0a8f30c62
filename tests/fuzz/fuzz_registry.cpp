// Schema Registry framing (registry/WireFormat) and the payload decoders behind it: Avro
// binary against the demo's two Avro schemas (avro-c), and JSON Schema against the demo's
// commentary schema. Byte 0 picks the decoder; the rest is the framed Kafka value.
#include "FuzzSupport.h"
#include "registry/AvroCodec.h"
#include "registry/DemoSchemas.h"
#include "registry/JsonSchemaCodec.h"
#include "registry/WireFormat.h"

using namespace pitwall;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const auto leaderboard = registry::AvroCodec::fromSchema(registry::leaderboardUpdateSchema()).value();
    static const auto carMetrics = registry::AvroCodec::fromSchema(registry::carMetricsSchema()).value();
    static const auto commentary = registry::JsonSchemaCodec::fromSchema(registry::commentaryJsonSchema()).value();
    if (size < 1)
        return 0;
    const QByteArray message = fuzz::bytes(data + 1, size - 1);
    const auto framed = registry::unframe(message);
    if (framed)
        fuzz::require(registry::frame(framed->schemaId, framed->payload) == message, "unframe/frame lost bytes");
    // The payload decoders get the unframed payload, or the raw bytes when framing refused them.
    const QByteArray payload = framed ? framed->payload : message;
    switch (data[0] % 3) {
    case 0:
    case 1: {
        const auto &codec = data[0] % 3 == 0 ? leaderboard : carMetrics;
        if (const auto record = codec->decode(payload)) {
            const auto encoded = codec->encode(*record);
            fuzz::require(bool(encoded), "a decoded Avro record does not encode again");
        }
        break;
    }
    case 2:
        if (const auto record = commentary.decode(payload))
            fuzz::require(bool(commentary.encode(*record)), "a decoded JSON Schema record does not encode again");
        break;
    }
    return 0;
}
