#pragma once
// The packets that carry one record per car (22 in every format), as the EA SPORTS F1
// game's specifications give them: "Data Output from F1 23 v29x3" (format 2023), "F1 24
// v27.2x" (2024) and "F1 25 v3" (2025). Values are as sent; fields a format lacks stay 0.
//
// Wheel arrays (std::array<T, 4>) keep the specifications' order: 0 rear left, 1 rear
// right, 2 front left, 3 front right (RL, RR, FL, FR).

#include "PacketFormat.h"
#include "PacketHeader.h"

#include <QString>

#include <array>
#include <cstdint>

namespace pitwall::sources::f1game {

template <typename T>
using PerCar = std::array<T, kMaxCars>;
template <typename T>
using PerWheel = std::array<T, 4>; // RL, RR, FL, FR

// The packets that are the header and one record per car, nothing else (Motion, Car Status,
// Car Damage); the others add fields before or after their cars.
template <typename Car>
struct PerCarPacket {
    PacketHeader header;
    PerCar<Car> cars{};
};

// Motion (id 0): physics of every car. Directions are normalised int16 (divide by 32767).
struct CarMotion {
    float worldPositionX = 0, worldPositionY = 0, worldPositionZ = 0; // metres
    float worldVelocityX = 0, worldVelocityY = 0, worldVelocityZ = 0; // metres/s
    std::int16_t worldForwardDirX = 0, worldForwardDirY = 0, worldForwardDirZ = 0;
    std::int16_t worldRightDirX = 0, worldRightDirY = 0, worldRightDirZ = 0;
    float gForceLateral = 0, gForceLongitudinal = 0, gForceVertical = 0;
    float yaw = 0, pitch = 0, roll = 0; // radians
};

using MotionPacket = PerCarPacket<CarMotion>;

// Lap Data (id 2). Times are split into a milliseconds part and a whole-minutes part;
// 2023 has no minutes part for the two deltas and no speed trap fields.
struct CarLapData {
    std::uint32_t lastLapTimeInMS = 0;
    std::uint32_t currentLapTimeInMS = 0;
    std::uint16_t sector1TimeMSPart = 0;
    std::uint8_t sector1TimeMinutesPart = 0;
    std::uint16_t sector2TimeMSPart = 0;
    std::uint8_t sector2TimeMinutesPart = 0;
    std::uint16_t deltaToCarInFrontMSPart = 0;
    std::uint8_t deltaToCarInFrontMinutesPart = 0; // 2024+
    std::uint16_t deltaToRaceLeaderMSPart = 0;
    std::uint8_t deltaToRaceLeaderMinutesPart = 0; // 2024+
    float lapDistance = 0;                         // metres; negative before the line is first crossed
    float totalDistance = 0;                       // metres in the session; may be negative likewise
    float safetyCarDelta = 0;                      // seconds
    std::uint8_t carPosition = 0;
    std::uint8_t currentLapNum = 0;
    std::uint8_t pitStatus = 0; // 0 none, 1 pitting, 2 in pit area
    std::uint8_t numPitStops = 0;
    std::uint8_t sector = 0; // 0, 1, 2
    std::uint8_t currentLapInvalid = 0;
    std::uint8_t penalties = 0; // accumulated time penalties, seconds
    std::uint8_t totalWarnings = 0;
    std::uint8_t cornerCuttingWarnings = 0;
    std::uint8_t numUnservedDriveThroughPens = 0;
    std::uint8_t numUnservedStopGoPens = 0;
    std::uint8_t gridPosition = 0;
    std::uint8_t driverStatus = 0; // 0 garage, 1 flying lap, 2 in lap, 3 out lap, 4 on track
    std::uint8_t resultStatus = 0; // 0 invalid, 1 inactive, 2 active, 3 finished, 4 DNF, 5 DSQ,
                                   // 6 not classified, 7 retired
    std::uint8_t pitLaneTimerActive = 0;
    std::uint16_t pitLaneTimeInLaneInMS = 0;
    std::uint16_t pitStopTimerInMS = 0;
    std::uint8_t pitStopShouldServePen = 0;
    float speedTrapFastestSpeed = 0;        // km/h, 2024+
    std::uint8_t speedTrapFastestLap = 255; // 255 not set, 2024+

    std::uint32_t sector1TimeMs() const { return sector1TimeMinutesPart * 60000u + sector1TimeMSPart; }
    std::uint32_t sector2TimeMs() const { return sector2TimeMinutesPart * 60000u + sector2TimeMSPart; }
    std::uint32_t deltaToCarInFrontMs() const { return deltaToCarInFrontMinutesPart * 60000u + deltaToCarInFrontMSPart; }
    std::uint32_t deltaToRaceLeaderMs() const { return deltaToRaceLeaderMinutesPart * 60000u + deltaToRaceLeaderMSPart; }
};

struct LapDataPacket {
    PacketHeader header;
    PerCar<CarLapData> cars{};
    std::uint8_t timeTrialPBCarIdx = 255;    // 255 invalid
    std::uint8_t timeTrialRivalCarIdx = 255; // 255 invalid
};

// Participants (id 4). 2025 shortened the name to 32 bytes and added livery colours.
struct LiveryColour {
    std::uint8_t red = 0, green = 0, blue = 0;
    bool operator==(const LiveryColour &) const = default;
};

struct Participant {
    std::uint8_t aiControlled = 0; // 1 AI, 0 human
    std::uint8_t driverId = 0;     // 255 network human
    std::uint8_t networkId = 0;
    std::uint8_t teamId = 0;
    std::uint8_t myTeam = 0;
    std::uint8_t raceNumber = 0;
    std::uint8_t nationality = 0;
    QString name;                   // UTF-8 up to the first NUL of the 48 (2025: 32) bytes
    std::uint8_t yourTelemetry = 0; // 0 restricted, 1 public
    std::uint8_t showOnlineNames = 0;
    std::uint16_t techLevel = 0;                 // F1 World, 2024+
    std::uint8_t platform = 0;                   // 1 Steam, 3 PlayStation, 4 Xbox, 6 Origin, 255 unknown
    std::uint8_t numColours = 0;                 // 2025
    std::array<LiveryColour, 4> liveryColours{}; // 2025
};

struct ParticipantsPacket {
    PacketHeader header;
    std::uint8_t numActiveCars = 0;
    PerCar<Participant> cars{};
};

// Car Telemetry (id 6).
struct CarTelemetry {
    std::uint16_t speed = 0; // km/h
    float throttle = 0;      // 0..1
    float steer = 0;         // -1 full lock left .. 1 full lock right
    float brake = 0;         // 0..1
    std::uint8_t clutch = 0; // 0..100
    std::int8_t gear = 0;    // 1-8, 0 neutral, -1 reverse
    std::uint16_t engineRPM = 0;
    std::uint8_t drs = 0; // 0 off, 1 on
    std::uint8_t revLightsPercent = 0;
    std::uint16_t revLightsBitValue = 0;
    PerWheel<std::uint16_t> brakesTemperature{};      // celsius
    PerWheel<std::uint8_t> tyresSurfaceTemperature{}; // celsius
    PerWheel<std::uint8_t> tyresInnerTemperature{};   // celsius
    std::uint16_t engineTemperature = 0;              // celsius
    PerWheel<float> tyresPressure{};                  // PSI
    PerWheel<std::uint8_t> surfaceType{};             // see surfaceTypeName()
};

struct CarTelemetryPacket {
    PacketHeader header;
    PerCar<CarTelemetry> cars{};
    std::uint8_t mfdPanelIndex = 255; // 255 closed
    std::uint8_t mfdPanelIndexSecondaryPlayer = 255;
    std::int8_t suggestedGear = 0; // 0 none
};

// Car Status (id 7). Fuel, ERS and engine power read 0 for a car whose driver's "Your
// Telemetry" is restricted (see isRestricted()).
struct CarStatus {
    std::uint8_t tractionControl = 0;
    std::uint8_t antiLockBrakes = 0;
    std::uint8_t fuelMix = 0;
    std::uint8_t frontBrakeBias = 0;
    std::uint8_t pitLimiterStatus = 0;
    float fuelInTank = 0;
    float fuelCapacity = 0;
    float fuelRemainingLaps = 0;
    std::uint16_t maxRPM = 0;
    std::uint16_t idleRPM = 0;
    std::uint8_t maxGears = 0;
    std::uint8_t drsAllowed = 0;
    std::uint16_t drsActivationDistance = 0; // metres; 0 DRS not available
    std::uint8_t actualTyreCompound = 0;     // see actualCompoundName()
    std::uint8_t visualTyreCompound = 0;     // see visualCompoundName()
    std::uint8_t tyresAgeLaps = 0;
    std::int8_t vehicleFiaFlags = 0; // -1 unknown, 0 none, 1 green, 2 blue, 3 yellow
    float enginePowerICE = 0;        // W
    float enginePowerMGUK = 0;       // W
    float ersStoreEnergy = 0;        // J
    std::uint8_t ersDeployMode = 0;
    float ersHarvestedThisLapMGUK = 0;
    float ersHarvestedThisLapMGUH = 0;
    float ersDeployedThisLap = 0;
    std::uint8_t networkPaused = 0;
};

using CarStatusPacket = PerCarPacket<CarStatus>;

// Final Classification (id 8).
struct FinalClassification {
    std::uint8_t position = 0;
    std::uint8_t numLaps = 0;
    std::uint8_t gridPosition = 0;
    std::uint8_t points = 0;
    std::uint8_t numPitStops = 0;
    std::uint8_t resultStatus = 0; // as CarLapData::resultStatus
    std::uint8_t resultReason = 0; // 2025: 0 invalid, 1 retired, 2 finished, 3 terminal damage,
                                   // 4 inactive, 5 not enough laps, 6 black flagged,
                                   // 7 red flagged, 8 mechanical failure, 9 skipped, 10 simulated
    std::uint32_t bestLapTimeInMS = 0;
    double totalRaceTime = 0;       // seconds, without penalties
    std::uint8_t penaltiesTime = 0; // seconds
    std::uint8_t numPenalties = 0;
    std::uint8_t numTyreStints = 0;
    std::array<std::uint8_t, 8> tyreStintsActual{};
    std::array<std::uint8_t, 8> tyreStintsVisual{};
    std::array<std::uint8_t, 8> tyreStintsEndLaps{};
};

struct FinalClassificationPacket {
    PacketHeader header;
    std::uint8_t numCars = 0;
    PerCar<FinalClassification> cars{};
};

// Car Damage (id 10). Percentages; restricted cars read 0 for most of them.
struct CarDamage {
    PerWheel<float> tyresWear{};
    PerWheel<std::uint8_t> tyresDamage{};
    PerWheel<std::uint8_t> brakesDamage{};
    PerWheel<std::uint8_t> tyreBlisters{}; // 2025
    std::uint8_t frontLeftWingDamage = 0;
    std::uint8_t frontRightWingDamage = 0;
    std::uint8_t rearWingDamage = 0;
    std::uint8_t floorDamage = 0;
    std::uint8_t diffuserDamage = 0;
    std::uint8_t sidepodDamage = 0;
    std::uint8_t drsFault = 0; // 0 OK, 1 fault
    std::uint8_t ersFault = 0;
    std::uint8_t gearBoxDamage = 0;
    std::uint8_t engineDamage = 0;
    std::uint8_t engineMGUHWear = 0;
    std::uint8_t engineESWear = 0;
    std::uint8_t engineCEWear = 0;
    std::uint8_t engineICEWear = 0;
    std::uint8_t engineMGUKWear = 0;
    std::uint8_t engineTCWear = 0;
    std::uint8_t engineBlown = 0;  // 0 OK, 1 fault
    std::uint8_t engineSeized = 0; // 0 OK, 1 fault
};

using CarDamagePacket = PerCarPacket<CarDamage>;

} // namespace pitwall::sources::f1game
