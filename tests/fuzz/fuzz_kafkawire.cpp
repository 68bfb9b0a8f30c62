// The embedded broker's front door reads outside clients' Kafka requests (and rewrites the
// broker's Metadata/FindCoordinator answers): stream/KafkaWire on arbitrary frames.
// Byte 0 picks what the rest is read as; a rewrite that fails must leave the frame as it was,
// one that succeeds must not change its size.
#include "FuzzSupport.h"
#include "stream/KafkaWire.h"

using namespace pitwall;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const QByteArray frame(reinterpret_cast<const char *>(data) + 2, qsizetype(size) - 2);
    const int16_t version = int16_t(data[1] % 16);
    switch (data[0] % 3) {
    case 0:
        if (const auto header = kafka_wire::readRequestHeader(frame)) {
            fuzz::require(header->bodyOffset <= frame.size(), "the body starts inside the frame");
            if (header->apiKey == kafka_wire::Produce) {
                const auto check = kafka_wire::inspectProduce(frame, *header);
                if (check.parsed)
                    (void)kafka_wire::produceRefusal(*header, check, 10, "too large");
            }
        }
        break;
    default: {
        const int16_t api = data[0] % 3 == 1 ? kafka_wire::Metadata : kafka_wire::FindCoordinator;
        QByteArray rewritten = frame;
        if (kafka_wire::rewriteBrokerPorts(rewritten, api, version, 9092, 40000))
            fuzz::require(rewritten.size() == frame.size(), "a rewrite keeps the frame's size");
        else
            fuzz::require(rewritten == frame, "a refused rewrite leaves the frame as it was");
    }
    }
    return 0;
}
