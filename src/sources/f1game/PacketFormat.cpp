#include "PacketFormat.h"

#include <array>

namespace pitwall::sources::f1game {

namespace {

// Sizes from each specification's "Size:" lines; 2023's and 2025's were checked by adding
// up the structs (2023 against the real packets too), and the decoders consume exactly these.
constexpr std::array<qsizetype, 14> kSizes2023 = {1349, 644, 1131, 45, 1306, 1107, 1352, 1239, 1020, 1218, 953, 1460, 231, 217};
constexpr std::array<qsizetype, 15> kSizes2024 = {1349, 753,  1285, 45,   1350, 1133, 1352, 1239,
                                                  1020, 1306, 953,  1460, 231,  237,  101};
constexpr std::array<qsizetype, 16> kSizes2025 = {1349, 753, 1285, 45,   1284, 1133, 1352, 1239,
                                                  1042, 954, 1041, 1460, 231,  273,  101,  1131};

int packetCount(int packetFormat)
{
    switch (packetFormat) {
    case 2023: return int(kSizes2023.size());
    case 2024: return int(kSizes2024.size());
    case 2025: return int(kSizes2025.size());
    default: return 0;
    }
}

} // namespace

FormatSupport formatSupport(int packetFormat)
{
    if (packetFormat >= kFirstFormat && packetFormat <= kLastFormat)
        return FormatSupport::Supported;
    if (packetFormat == kNextFormat)
        return FormatSupport::NotYetSupported;
    // The UDP output began with F1 2017's format ("2017"); F1 2016 and before sent no
    // packet format field.
    if (packetFormat >= 2017 && packetFormat < kFirstFormat)
        return FormatSupport::Old;
    return FormatSupport::Unknown;
}

bool hasPacketId(int packetFormat, int packetId)
{
    return packetId >= 0 && packetId < packetCount(packetFormat);
}

qsizetype packetSize(int packetFormat, PacketId id)
{
    const int index = int(id);
    if (!hasPacketId(packetFormat, index))
        return 0;
    switch (packetFormat) {
    case 2023: return kSizes2023[std::size_t(index)];
    case 2024: return kSizes2024[std::size_t(index)];
    default: return kSizes2025[std::size_t(index)];
    }
}

QString packetName(PacketId id)
{
    switch (id) {
    case PacketId::Motion: return QStringLiteral("Motion");
    case PacketId::Session: return QStringLiteral("Session");
    case PacketId::LapData: return QStringLiteral("Lap Data");
    case PacketId::Event: return QStringLiteral("Event");
    case PacketId::Participants: return QStringLiteral("Participants");
    case PacketId::CarSetups: return QStringLiteral("Car Setups");
    case PacketId::CarTelemetry: return QStringLiteral("Car Telemetry");
    case PacketId::CarStatus: return QStringLiteral("Car Status");
    case PacketId::FinalClassification: return QStringLiteral("Final Classification");
    case PacketId::LobbyInfo: return QStringLiteral("Lobby Info");
    case PacketId::CarDamage: return QStringLiteral("Car Damage");
    case PacketId::SessionHistory: return QStringLiteral("Session History");
    case PacketId::TyreSets: return QStringLiteral("Tyre Sets");
    case PacketId::MotionEx: return QStringLiteral("Motion Ex");
    case PacketId::TimeTrial: return QStringLiteral("Time Trial");
    case PacketId::LapPositions: return QStringLiteral("Lap Positions");
    }
    return QStringLiteral("packet %1").arg(int(id));
}

} // namespace pitwall::sources::f1game
