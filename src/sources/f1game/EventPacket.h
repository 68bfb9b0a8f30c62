#pragma once
// The Event packet (id 3) of the EA SPORTS F1 game: a four-letter code and details that
// depend on it ("EventDataDetails" in "Data Output from F1 23 v29x3", "F1 24 v27.2x" and
// "F1 25 v3"). Only the details of the code are read; the rest of the union is ignored.
//
// Sizes: the specifications say 45 bytes (header, code, the union's largest member), but
// real F1 24 events come at 44 and 47 bytes. So an event must hold at least its own code's
// details, and may be at most kEventMaximumSize: room for the union laid out unpacked
// (16 bytes), which covers every datagram seen.

#include "PacketHeader.h"

#include <QString>

#include <array>
#include <cstdint>
#include <optional>
#include <variant>

namespace pitwall::sources::f1game {

inline constexpr qsizetype kEventMaximumSize = 29 + 4 + 16;

enum class EventCode {
    SessionStarted,     // SSTA
    SessionEnded,       // SEND
    FastestLap,         // FTLP
    Retirement,         // RTMT
    DrsEnabled,         // DRSE
    DrsDisabled,        // DRSD
    TeamMateInPits,     // TMPT
    ChequeredFlag,      // CHQF
    RaceWinner,         // RCWN
    Penalty,            // PENA
    SpeedTrap,          // SPTP
    StartLights,        // STLG
    LightsOut,          // LGOT
    DriveThroughServed, // DTSV
    StopGoServed,       // SGSV
    Flashback,          // FLBK
    Buttons,            // BUTN
    RedFlag,            // RDFL, 2023+
    Overtake,           // OVTK, 2023+
    SafetyCar,          // SCAR, 2024+
    Collision,          // COLL, 2024+
};

// The code for four letters, when `packetFormat` has it.
std::optional<EventCode> eventCodeFromText(QByteArrayView code, int packetFormat);
QByteArray eventCodeText(EventCode code);
// Header, code and the code's details in `packetFormat`.
qsizetype eventMinimumSize(EventCode code, int packetFormat);

struct FastestLapEvent {
    std::uint8_t vehicleIdx = 0;
    float lapTime = 0; // seconds
};
struct RetirementEvent {
    std::uint8_t vehicleIdx = 0;
    std::uint8_t reason = 0; // 2025: as FinalClassification::resultReason; 0 before
};
struct DrsDisabledEvent {
    std::uint8_t reason = 0; // 2025: 0 wet track, 1 safety car, 2 red flag, 3 min lap not reached
};
struct VehicleEvent { // TMPT, RCWN, DTSV
    std::uint8_t vehicleIdx = 0;
};
struct PenaltyEvent {
    std::uint8_t penaltyType = 0;      // see the specifications' appendix
    std::uint8_t infringementType = 0; // see the specifications' appendix
    std::uint8_t vehicleIdx = 0;
    std::uint8_t otherVehicleIdx = 0;
    std::uint8_t time = 0; // seconds gained or spent
    std::uint8_t lapNum = 0;
    std::uint8_t placesGained = 0;
};
struct SpeedTrapEvent {
    std::uint8_t vehicleIdx = 0;
    float speed = 0; // km/h
    std::uint8_t isOverallFastestInSession = 0;
    std::uint8_t isDriverFastestInSession = 0;
    std::uint8_t fastestVehicleIdxInSession = 0;
    float fastestSpeedInSession = 0;
};
struct StartLightsEvent {
    std::uint8_t numLights = 0;
};
struct StopGoServedEvent {
    std::uint8_t vehicleIdx = 0;
    float stopTime = 0; // seconds, 2025
};
struct FlashbackEvent {
    std::uint32_t flashbackFrameIdentifier = 0;
    float flashbackSessionTime = 0;
};
struct ButtonsEvent {
    std::uint32_t buttonStatus = 0; // bit flags, see the specifications' appendix
};
struct OvertakeEvent {
    std::uint8_t overtakingVehicleIdx = 0;
    std::uint8_t beingOvertakenVehicleIdx = 0;
};
struct SafetyCarEvent {
    std::uint8_t safetyCarType = 0; // 0 none, 1 full, 2 virtual, 3 formation lap
    std::uint8_t eventType = 0;     // 0 deployed, 1 returning, 2 returned, 3 resume race
};
struct CollisionEvent {
    std::uint8_t vehicle1Idx = 0;
    std::uint8_t vehicle2Idx = 0;
};

// monostate: a code without details (SSTA SEND DRSE CHQF LGOT RDFL, and DRSD before 2025).
using EventDetails =
    std::variant<std::monostate, FastestLapEvent, RetirementEvent, DrsDisabledEvent, VehicleEvent, PenaltyEvent, SpeedTrapEvent,
                 StartLightsEvent, StopGoServedEvent, FlashbackEvent, ButtonsEvent, OvertakeEvent, SafetyCarEvent, CollisionEvent>;

struct EventPacket {
    PacketHeader header;
    EventCode code = EventCode::SessionStarted;
    EventDetails details;
};

} // namespace pitwall::sources::f1game
