// Event codes and their details; "Event String Codes" and "EventDataDetails" of "Data
// Output from F1 23 v29x3", "F1 24 v27.2x" and "F1 25 v3".
#include "BodyDecoders.h"

#include "ByteReader.h"
#include "PacketFormat.h"

#include <array>

namespace pitwall::sources::f1game {

namespace {

struct EventCodeInfo {
    EventCode code;
    const char *text;
    int firstFormat;   // the first format that has the code
    int detailBytes;   // before 2025
    int detailBytes25; // 2025
};

constexpr std::array<EventCodeInfo, 21> kEventCodes = {{
    {EventCode::SessionStarted, "SSTA", 2023, 0, 0}, {EventCode::SessionEnded, "SEND", 2023, 0, 0},
    {EventCode::FastestLap, "FTLP", 2023, 5, 5},     {EventCode::Retirement, "RTMT", 2023, 1, 2},  // 2025 adds the reason
    {EventCode::DrsEnabled, "DRSE", 2023, 0, 0},     {EventCode::DrsDisabled, "DRSD", 2023, 0, 1}, // 2025 adds the reason
    {EventCode::TeamMateInPits, "TMPT", 2023, 1, 1}, {EventCode::ChequeredFlag, "CHQF", 2023, 0, 0},
    {EventCode::RaceWinner, "RCWN", 2023, 1, 1},     {EventCode::Penalty, "PENA", 2023, 7, 7},
    {EventCode::SpeedTrap, "SPTP", 2023, 12, 12},    {EventCode::StartLights, "STLG", 2023, 1, 1},
    {EventCode::LightsOut, "LGOT", 2023, 0, 0},      {EventCode::DriveThroughServed, "DTSV", 2023, 1, 1},
    {EventCode::StopGoServed, "SGSV", 2023, 1, 5}, // 2025 adds the stop time
    {EventCode::Flashback, "FLBK", 2023, 8, 8},      {EventCode::Buttons, "BUTN", 2023, 4, 4},
    {EventCode::RedFlag, "RDFL", 2023, 0, 0},        {EventCode::Overtake, "OVTK", 2023, 2, 2},
    {EventCode::SafetyCar, "SCAR", 2024, 2, 2},      {EventCode::Collision, "COLL", 2024, 2, 2},
}};

const EventCodeInfo &info(EventCode code)
{
    return kEventCodes[std::size_t(code)];
}

} // namespace

std::optional<EventCode> eventCodeFromText(QByteArrayView code, int packetFormat)
{
    if (code.size() != 4)
        return std::nullopt;
    for (const EventCodeInfo &entry : kEventCodes) {
        if (code == QByteArrayView(entry.text, 4))
            return packetFormat >= entry.firstFormat ? std::optional(entry.code) : std::nullopt;
    }
    return std::nullopt;
}

QByteArray eventCodeText(EventCode code)
{
    return QByteArray(info(code).text, 4);
}

qsizetype eventMinimumSize(EventCode code, int packetFormat)
{
    const EventCodeInfo &entry = info(code);
    return kHeaderSize + 4 + (packetFormat >= 2025 ? entry.detailBytes25 : entry.detailBytes);
}

// Each code's details are built in one initializer: its clauses run in order, and the
// compiler holds designators to the struct's order, which is the specification's. A field
// 2025 added is read in 2025 and left at 0 before.
void readEventDetails(ByteReader &reader, int format, EventPacket &packet)
{
    switch (packet.code) {
    case EventCode::SessionStarted:
    case EventCode::SessionEnded:
    case EventCode::DrsEnabled:
    case EventCode::ChequeredFlag:
    case EventCode::LightsOut:
    case EventCode::RedFlag: packet.details = std::monostate{}; return;
    case EventCode::DrsDisabled:
        if (format >= 2025)
            packet.details = DrsDisabledEvent{reader.u8()};
        else
            packet.details = std::monostate{};
        return;
    case EventCode::FastestLap: packet.details = FastestLapEvent{.vehicleIdx = reader.u8(), .lapTime = reader.f32()}; return;
    case EventCode::Retirement:
        packet.details = RetirementEvent{.vehicleIdx = reader.u8(), .reason = format >= 2025 ? reader.u8() : std::uint8_t(0)};
        return;
    case EventCode::TeamMateInPits:
    case EventCode::RaceWinner:
    case EventCode::DriveThroughServed: packet.details = VehicleEvent{reader.u8()}; return;
    case EventCode::Penalty:
        packet.details = PenaltyEvent{.penaltyType = reader.u8(),
                                      .infringementType = reader.u8(),
                                      .vehicleIdx = reader.u8(),
                                      .otherVehicleIdx = reader.u8(),
                                      .time = reader.u8(),
                                      .lapNum = reader.u8(),
                                      .placesGained = reader.u8()};
        return;
    case EventCode::SpeedTrap:
        packet.details = SpeedTrapEvent{.vehicleIdx = reader.u8(),
                                        .speed = reader.f32(),
                                        .isOverallFastestInSession = reader.u8(),
                                        .isDriverFastestInSession = reader.u8(),
                                        .fastestVehicleIdxInSession = reader.u8(),
                                        .fastestSpeedInSession = reader.f32()};
        return;
    case EventCode::StartLights: packet.details = StartLightsEvent{reader.u8()}; return;
    case EventCode::StopGoServed:
        packet.details = StopGoServedEvent{.vehicleIdx = reader.u8(), .stopTime = format >= 2025 ? reader.f32() : 0.0f};
        return;
    case EventCode::Flashback:
        packet.details = FlashbackEvent{.flashbackFrameIdentifier = reader.u32(), .flashbackSessionTime = reader.f32()};
        return;
    case EventCode::Buttons: packet.details = ButtonsEvent{reader.u32()}; return;
    case EventCode::Overtake:
        packet.details = OvertakeEvent{.overtakingVehicleIdx = reader.u8(), .beingOvertakenVehicleIdx = reader.u8()};
        return;
    case EventCode::SafetyCar: packet.details = SafetyCarEvent{.safetyCarType = reader.u8(), .eventType = reader.u8()}; return;
    case EventCode::Collision: packet.details = CollisionEvent{.vehicle1Idx = reader.u8(), .vehicle2Idx = reader.u8()}; return;
    }
}

} // namespace pitwall::sources::f1game
