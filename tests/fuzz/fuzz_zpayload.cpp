// The live-timing `.z` payloads: base64 of raw DEFLATE (ZPayloadDecoder, capped inflate),
// and the inflated CarData / Position documents (TelemetryParser, simdjson). Byte 0 picks:
// the quoted base64 as it stands on a line, or an inflated document directly.
#include "FuzzSupport.h"
#include "sources/RealSession.h"
#include "sources/livetiming/TelemetryParser.h"
#include "sources/livetiming/ZPayloadDecoder.h"

using namespace pitwall::sources;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const QByteArrayView rest(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    QByteArray json;
    if (data[0] & 1) {
        const auto decoded = ZPayloadDecoder::decode(rest, 1024 * 1024, TelemetryParser::paddingBytes());
        if (!decoded.ok())
            return 0;
        json = decoded.json;
    } else {
        json = rest.toByteArray();
        json.reserve(json.size() + TelemetryParser::paddingBytes());
    }
    RealSession session;
    TelemetryParser parser(session);
    int skipped = 0;
    const std::optional<qint64> reference = (data[0] & 2) ? std::optional<qint64>(1530450000000LL) : std::nullopt;
    if (data[0] & 4)
        (void)parser.parsePosition(json, 1000, reference, skipped);
    else
        (void)parser.parseCarData(json, 1000, reference, skipped);
    return 0;
}
