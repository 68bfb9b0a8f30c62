// One UDP datagram of the F1 game (sources/f1game/PacketDecoder, formats 2023-2025): every
// input is decoded, recognised or refused with a reason; never read past its end.
#include "FuzzSupport.h"
#include "sources/f1game/PacketDecoder.h"

using namespace pitwall::sources::f1game;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto result = decodePacket(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    pitwall::fuzz::require(result.isDecoded() + result.isNotDecoded() + result.isRefused() == 1, "not exactly one outcome");
    if (const auto *refusal = result.refusal())
        pitwall::fuzz::require(!refusal->message.isEmpty(), "a refusal without a reason");
    return 0;
}
