#pragma once
// Which UDP formats of the EA SPORTS F1 game we read, the packet ids of each and their
// sizes, from the official specifications: "Data Output from F1 23 v29x3" (packet format
// 2023), "Data Output from F1 24 v27.2x" (2024) and "Data Output from F1 25 v3" (2025).
// The game's "UDP Format" setting picks the format; F1 24 and F1 25 also send the two
// formats before their own.

#include <QString>

#include <cstdint>

namespace pitwall::sources::f1game {

inline constexpr int kMaxCars = 22;          // every array of cars in 2023-2025
inline constexpr qsizetype kHeaderSize = 29; // PacketHeader, the same in 2023-2025
inline constexpr int kFirstFormat = 2023;
inline constexpr int kLastFormat = 2025;
inline constexpr int kNextFormat = 2026; // recognised, no specification yet

enum class PacketId : std::uint8_t {
    Motion = 0,
    Session = 1,
    LapData = 2,
    Event = 3,
    Participants = 4,
    CarSetups = 5,
    CarTelemetry = 6,
    CarStatus = 7,
    FinalClassification = 8,
    LobbyInfo = 9,
    CarDamage = 10,
    SessionHistory = 11,
    TyreSets = 12,
    MotionEx = 13,
    TimeTrial = 14,    // from 2024
    LapPositions = 15, // from 2025
};

enum class FormatSupport {
    Supported,       // 2023, 2024, 2025
    Old,             // 2022 and earlier: a different header and layouts
    NotYetSupported, // 2026: 24 cars and a packet 16, no specification here yet
    Unknown,         // not a year the game has used
};

FormatSupport formatSupport(int packetFormat);

// Whether `packetId` exists in a supported `packetFormat` (2023: 0-13, 2024: 0-14, 2025: 0-15).
bool hasPacketId(int packetFormat, int packetId);

// The packet's size in bytes, header included, as its format's specification gives it;
// for Event the specification's 45 (real events vary, see EventCodes.h). 0 when the
// format or id is not supported.
qsizetype packetSize(int packetFormat, PacketId id);

QString packetName(PacketId id);

} // namespace pitwall::sources::f1game
