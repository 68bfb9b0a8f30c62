#include "PacketHeader.h"

#include "ByteReader.h"
#include "PacketFormat.h"

namespace pitwall::sources::f1game {

PacketHeader readHeader(ByteReader &reader)
{
    PacketHeader header;
    header.packetFormat = reader.u16();
    header.gameYear = reader.u8();
    header.gameMajorVersion = reader.u8();
    header.gameMinorVersion = reader.u8();
    header.packetVersion = reader.u8();
    header.packetId = reader.u8();
    header.sessionUID = reader.u64();
    header.sessionTime = reader.f32();
    header.frameIdentifier = reader.u32();
    header.overallFrameIdentifier = reader.u32();
    header.playerCarIndex = reader.u8();
    header.secondaryPlayerCarIndex = reader.u8();
    return header;
}

std::optional<PacketHeader> decodeHeader(QByteArrayView datagram)
{
    if (datagram.size() < kHeaderSize)
        return std::nullopt;
    ByteReader reader(datagram);
    return readHeader(reader);
}

} // namespace pitwall::sources::f1game
