// `pitwall import`'s reader of a race export (storage/RaceExport, JSON Lines), and the
// decoder of the library's stored message chunks (storage/MessageChunk). Byte 0 picks.
#include "FuzzSupport.h"
#include "storage/MessageChunk.h"
#include "storage/RaceExport.h"

#include <QBuffer>

using namespace pitwall;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    QByteArray rest = fuzz::bytes(data + 1, size - 1);
    if (data[0] % 2 == 0) {
        QBuffer in(&rest);
        in.open(QIODevice::ReadOnly);
        const auto imported = readJsonlExport(in);
        if (imported)
            fuzz::require(imported->race.messageCount == qint64(imported->messages.size()), "the count differs from the messages");
    } else if (const auto messages = chunk::decode(rest)) {
        fuzz::require(chunk::decode(chunk::encode(*messages)).value() == *messages, "a chunk does not round-trip");
    }
    return 0;
}
