// The JSON codec of every topic (core/JsonCodec): byte 0 picks the topic, the rest is the
// message value as it arrives from Kafka. A value that decodes must encode and decode again
// to the same encoding (what a stage re-publishes must be readable downstream).
#include "FuzzSupport.h"
#include "core/JsonCodec.h"

using namespace pitwall;

namespace {

template <typename Decode>
void roundTrip(QByteArrayView value, Decode decode)
{
    const auto decoded = decode(value);
    if (!decoded)
        return;
    const QByteArray encoded = codec::encode(*decoded);
    const auto again = decode(encoded);
    fuzz::require(bool(again), "a decoded message re-encodes to something its decoder refuses");
    fuzz::require(codec::encode(*again) == encoded, "decode(encode(x)) changed the message");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const QByteArrayView value(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    switch (data[0] % 13) {
    case 0: roundTrip(value, codec::decodePositionUpdate); break;
    case 1: roundTrip(value, codec::decodeCarMetrics); break;
    case 2: roundTrip(value, codec::decodeCommentary); break;
    case 3: roundTrip(value, codec::decodeEngineAnomaly); break;
    case 4: roundTrip(value, codec::decodeCommentaryQuery); break;
    case 5: roundTrip(value, codec::decodeCommentaryQueryVector); break;
    case 6: roundTrip(value, codec::decodeCommentaryQueryResult); break;
    case 7: roundTrip(value, codec::decodeTelemetrySample); break;
    case 8: roundTrip(value, codec::decodeFaultLabel); break;
    case 9: roundTrip(value, codec::decodeRaceEvent); break;
    case 10: roundTrip(value, codec::decodeTelemetryAnomaly); break;
    case 11: roundTrip(value, codec::decodeCommentaryInput); break;
    case 12: roundTrip(value, codec::decodeForecastPoint); break;
    }
    return 0;
}
