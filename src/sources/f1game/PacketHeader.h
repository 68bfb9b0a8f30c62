#pragma once
// The 29-byte header of every EA SPORTS F1 game UDP packet, as "Data Output from F1 23
// v29x3", "F1 24 v27.2x" and "F1 25 v3" give it ("PacketHeader", identical in the three).

#include <QByteArrayView>

#include <cstdint>
#include <optional>

namespace pitwall::sources::f1game {

class ByteReader;

struct PacketHeader {
    std::uint16_t packetFormat = 0;    // 2023, 2024, 2025: the game's "UDP Format" setting
    std::uint8_t gameYear = 0;         // last two digits, e.g. 24
    std::uint8_t gameMajorVersion = 0; // "X.00"
    std::uint8_t gameMinorVersion = 0; // "1.XX"
    std::uint8_t packetVersion = 0;    // of this packet type, from 1
    std::uint8_t packetId = 0;         // PacketId
    std::uint64_t sessionUID = 0;
    float sessionTime = 0; // seconds
    std::uint32_t frameIdentifier = 0;
    std::uint32_t overallFrameIdentifier = 0; // does not go back after flashbacks
    std::uint8_t playerCarIndex = 0;
    std::uint8_t secondaryPlayerCarIndex = 255; // 255: no second player
};

// The header at the start of `datagram`; none when it is shorter than 29 bytes. Says
// nothing about whether the format is one we read (see decodePacket).
std::optional<PacketHeader> decodeHeader(QByteArrayView datagram);
PacketHeader readHeader(ByteReader &reader);

} // namespace pitwall::sources::f1game
