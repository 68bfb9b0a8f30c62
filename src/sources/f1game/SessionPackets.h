#pragma once
// The packets about the session and the player's car, as the EA SPORTS F1 game's
// specifications give them: "Data Output from F1 23 v29x3" (format 2023), "F1 24 v27.2x"
// (2024) and "F1 25 v3" (2025). Fields a format lacks stay at their defaults.
//
// Wheel arrays keep the specifications' order: RL, RR, FL, FR.

#include "CarPackets.h"

#include <vector>

namespace pitwall::sources::f1game {

// Session (id 1). Marshal zones and forecast samples hold only the counted entries.
struct MarshalZone {
    float zoneStart = 0;      // fraction of the lap
    std::int8_t zoneFlag = 0; // -1 unknown, 0 none, 1 green, 2 blue, 3 yellow
};

struct WeatherForecastSample {
    std::uint8_t sessionType = 0;
    std::uint8_t timeOffset = 0; // minutes
    std::uint8_t weather = 0;
    std::int8_t trackTemperature = 0;
    std::int8_t trackTemperatureChange = 0; // 0 up, 1 down, 2 no change
    std::int8_t airTemperature = 0;
    std::int8_t airTemperatureChange = 0;
    std::uint8_t rainPercentage = 0;
};

struct SessionPacket {
    PacketHeader header;
    std::uint8_t weather = 0;         // 0 clear, 1 light cloud, 2 overcast, 3 light rain, 4 heavy rain, 5 storm
    std::int8_t trackTemperature = 0; // celsius
    std::int8_t airTemperature = 0;   // celsius
    std::uint8_t totalLaps = 0;
    std::uint16_t trackLength = 0; // metres
    std::uint8_t sessionType = 0;  // see sessionTypeName(); 2023 numbers differ
    std::int8_t trackId = -1;      // -1 unknown, see trackName()
    std::uint8_t formula = 0;
    std::uint16_t sessionTimeLeft = 0; // seconds
    std::uint16_t sessionDuration = 0; // seconds
    std::uint8_t pitSpeedLimit = 0;    // km/h
    std::uint8_t gamePaused = 0;       // network game only
    std::uint8_t isSpectating = 0;
    std::uint8_t spectatorCarIndex = 0;
    std::vector<MarshalZone> marshalZones;
    std::uint8_t safetyCarStatus = 0; // 0 none, 1 full, 2 virtual, 3 formation lap
    std::uint8_t networkGame = 0;     // 0 offline, 1 online
    std::vector<WeatherForecastSample> weatherForecastSamples;
    std::uint8_t forecastAccuracy = 0; // 0 perfect, 1 approximate
    std::uint8_t aiDifficulty = 0;
    std::uint32_t seasonLinkIdentifier = 0;
    std::uint32_t weekendLinkIdentifier = 0;
    std::uint32_t sessionLinkIdentifier = 0;
    std::uint8_t pitStopWindowIdealLap = 0;
    std::uint8_t pitStopWindowLatestLap = 0;
    std::uint8_t pitStopRejoinPosition = 0;
    std::uint8_t gameMode = 0;
    std::uint8_t ruleSet = 0;
    std::uint32_t timeOfDay = 0; // minutes since midnight
    std::uint8_t sessionLength = 0;
    std::uint8_t numSafetyCarPeriods = 0;
    std::uint8_t numVirtualSafetyCarPeriods = 0;
    std::uint8_t numRedFlagPeriods = 0;
    // 2024+
    std::uint8_t equalCarPerformance = 0;
    std::uint8_t safetyCarSetting = 0;          // m_safetyCar: 0 off, 1 reduced, 2 standard, 3 increased
    std::uint8_t redFlagsSetting = 0;           // m_redFlags: as above
    std::vector<std::uint8_t> weekendStructure; // session types
    float sector2LapDistanceStart = 0;          // metres
    float sector3LapDistanceStart = 0;          // metres
};

// Session History (id 11): one car's laps and stints.
struct LapHistory {
    std::uint32_t lapTimeInMS = 0;
    std::uint16_t sector1TimeMSPart = 0;
    std::uint8_t sector1TimeMinutesPart = 0;
    std::uint16_t sector2TimeMSPart = 0;
    std::uint8_t sector2TimeMinutesPart = 0;
    std::uint16_t sector3TimeMSPart = 0;
    std::uint8_t sector3TimeMinutesPart = 0;
    std::uint8_t lapValidBitFlags = 0; // 0x01 lap, 0x02 S1, 0x04 S2, 0x08 S3 valid
};

struct TyreStintHistory {
    std::uint8_t endLap = 0; // 255: current tyre
    std::uint8_t tyreActualCompound = 0;
    std::uint8_t tyreVisualCompound = 0;
};

struct SessionHistoryPacket {
    PacketHeader header;
    std::uint8_t carIdx = 0;
    std::uint8_t numLaps = 0;
    std::uint8_t numTyreStints = 0;
    std::uint8_t bestLapTimeLapNum = 0;
    std::uint8_t bestSector1LapNum = 0;
    std::uint8_t bestSector2LapNum = 0;
    std::uint8_t bestSector3LapNum = 0;
    std::array<LapHistory, 100> laps{};
    std::array<TyreStintHistory, 8> tyreStints{};
};

// Tyre Sets (id 12): one car's 20 sets (13 dry + 7 wet).
struct TyreSet {
    std::uint8_t actualTyreCompound = 0;
    std::uint8_t visualTyreCompound = 0;
    std::uint8_t wear = 0; // percent
    std::uint8_t available = 0;
    std::uint8_t recommendedSession = 0;
    std::uint8_t lifeSpan = 0;
    std::uint8_t usableLife = 0;
    std::int16_t lapDeltaTime = 0; // ms against the fitted set
    std::uint8_t fitted = 0;
};

struct TyreSetsPacket {
    PacketHeader header;
    std::uint8_t carIdx = 0;
    std::array<TyreSet, 20> sets{};
    std::uint8_t fittedIdx = 0;
};

// Motion Ex (id 13): the player's car only.
struct MotionExPacket {
    PacketHeader header;
    PerWheel<float> suspensionPosition{};
    PerWheel<float> suspensionVelocity{};
    PerWheel<float> suspensionAcceleration{};
    PerWheel<float> wheelSpeed{};
    PerWheel<float> wheelSlipRatio{};
    PerWheel<float> wheelSlipAngle{};
    PerWheel<float> wheelLatForce{};
    PerWheel<float> wheelLongForce{};
    float heightOfCOGAboveGround = 0;
    float localVelocityX = 0, localVelocityY = 0, localVelocityZ = 0;
    float angularVelocityX = 0, angularVelocityY = 0, angularVelocityZ = 0;
    float angularAccelerationX = 0, angularAccelerationY = 0, angularAccelerationZ = 0;
    float frontWheelsAngle = 0;
    PerWheel<float> wheelVertForce{};
    float frontAeroHeight = 0, rearAeroHeight = 0; // 2024+
    float frontRollAngle = 0, rearRollAngle = 0;   // 2024+
    float chassisYaw = 0;                          // 2024+
    float chassisPitch = 0;                        // 2025
    PerWheel<float> wheelCamber{};                 // 2025
    PerWheel<float> wheelCamberGain{};             // 2025
};

// Time Trial (id 14, 2024+).
struct TimeTrialDataSet {
    std::uint8_t carIdx = 0;
    std::uint8_t teamId = 0;
    std::uint32_t lapTimeInMS = 0;
    std::uint32_t sector1TimeInMS = 0;
    std::uint32_t sector2TimeInMS = 0;
    std::uint32_t sector3TimeInMS = 0;
    std::uint8_t tractionControl = 0;
    std::uint8_t gearboxAssist = 0;
    std::uint8_t antiLockBrakes = 0;
    std::uint8_t equalCarPerformance = 0;
    std::uint8_t customSetup = 0;
    std::uint8_t valid = 0;
};

struct TimeTrialPacket {
    PacketHeader header;
    TimeTrialDataSet playerSessionBest;
    TimeTrialDataSet personalBest;
    TimeTrialDataSet rival;
};

// Lap Positions (id 15, 2025): each car's position at the start of each lap, 0 when not
// recorded; at most 50 laps a packet, a second packet starts at lapStart 50.
struct LapPositionsPacket {
    static constexpr int kMaxLaps = 50;
    PacketHeader header;
    std::uint8_t numLaps = 0;
    std::uint8_t lapStart = 0;                                          // 0-based index of the first lap here
    std::array<PerCar<std::uint8_t>, kMaxLaps> positionForVehicleIdx{}; // [lap][vehicle]
};

} // namespace pitwall::sources::f1game
