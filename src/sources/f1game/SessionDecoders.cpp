// Bodies of the session and player-car packets; layouts from "Data Output from F1 23
// v29x3", "F1 24 v27.2x" and "F1 25 v3".
#include "BodyDecoders.h"

#include "ByteReader.h"

#include <algorithm>
#include <vector>

namespace pitwall::sources::f1game {

namespace {

constexpr int kMarshalZones = 21;
constexpr int kWeekendSessions = 12;

int forecastSlots(int format)
{
    return format >= 2024 ? 64 : 56; // F1 24 grew the array for sprint weekends
}

// A count, then a fixed array of `capacity` records of which the first `count` are in
// use: every record is read, so the layout holds whatever the count says, and only the
// used ones are kept.
template <typename T, typename ReadOne>
void readCounted(ByteReader &reader, int capacity, std::vector<T> &kept, ReadOne readOne)
{
    const int count = std::min<int>(reader.u8(), capacity);
    kept.clear();
    kept.reserve(std::size_t(count));
    for (int i = 0; i < capacity; ++i) {
        T record = readOne();
        if (i < count)
            kept.push_back(record);
    }
}

MarshalZone readMarshalZone(ByteReader &reader)
{
    MarshalZone zone;
    zone.zoneStart = reader.f32();
    zone.zoneFlag = reader.i8();
    return zone;
}

WeatherForecastSample readForecastSample(ByteReader &reader)
{
    WeatherForecastSample sample;
    sample.sessionType = reader.u8();
    sample.timeOffset = reader.u8();
    sample.weather = reader.u8();
    sample.trackTemperature = reader.i8();
    sample.trackTemperatureChange = reader.i8();
    sample.airTemperature = reader.i8();
    sample.airTemperatureChange = reader.i8();
    sample.rainPercentage = reader.u8();
    return sample;
}

} // namespace

void readSession(ByteReader &reader, int format, SessionPacket &packet)
{
    packet.weather = reader.u8();
    packet.trackTemperature = reader.i8();
    packet.airTemperature = reader.i8();
    packet.totalLaps = reader.u8();
    packet.trackLength = reader.u16();
    packet.sessionType = reader.u8();
    packet.trackId = reader.i8();
    packet.formula = reader.u8();
    packet.sessionTimeLeft = reader.u16();
    packet.sessionDuration = reader.u16();
    packet.pitSpeedLimit = reader.u8();
    packet.gamePaused = reader.u8();
    packet.isSpectating = reader.u8();
    packet.spectatorCarIndex = reader.u8();
    reader.skip(1); // m_sliProNativeSupport

    readCounted(reader, kMarshalZones, packet.marshalZones, [&reader] { return readMarshalZone(reader); });
    packet.safetyCarStatus = reader.u8();
    packet.networkGame = reader.u8();

    readCounted(reader, forecastSlots(format), packet.weatherForecastSamples, [&reader] { return readForecastSample(reader); });
    packet.forecastAccuracy = reader.u8();
    packet.aiDifficulty = reader.u8();
    packet.seasonLinkIdentifier = reader.u32();
    packet.weekendLinkIdentifier = reader.u32();
    packet.sessionLinkIdentifier = reader.u32();
    packet.pitStopWindowIdealLap = reader.u8();
    packet.pitStopWindowLatestLap = reader.u8();
    packet.pitStopRejoinPosition = reader.u8();
    reader.skip(9); // the assists: steering .. dynamicRacingLineType
    packet.gameMode = reader.u8();
    packet.ruleSet = reader.u8();
    packet.timeOfDay = reader.u32();
    packet.sessionLength = reader.u8();
    reader.skip(4); // speed and temperature units of both players
    packet.numSafetyCarPeriods = reader.u8();
    packet.numVirtualSafetyCarPeriods = reader.u8();
    packet.numRedFlagPeriods = reader.u8();
    if (format < 2024)
        return;

    packet.equalCarPerformance = reader.u8();
    reader.skip(16); // m_recoveryMode .. m_pitStopExperience
    packet.safetyCarSetting = reader.u8();
    reader.skip(3); // m_safetyCarExperience, m_formationLap, m_formationLapExperience
    packet.redFlagsSetting = reader.u8();
    reader.skip(2); // m_affectsLicenceLevelSolo, m_affectsLicenceLevelMP
    readCounted(reader, kWeekendSessions, packet.weekendStructure, [&reader] { return reader.u8(); });
    packet.sector2LapDistanceStart = reader.f32();
    packet.sector3LapDistanceStart = reader.f32();
}

void readSessionHistory(ByteReader &reader, int /*format*/, SessionHistoryPacket &packet)
{
    packet.carIdx = reader.u8();
    packet.numLaps = reader.u8();
    packet.numTyreStints = reader.u8();
    packet.bestLapTimeLapNum = reader.u8();
    packet.bestSector1LapNum = reader.u8();
    packet.bestSector2LapNum = reader.u8();
    packet.bestSector3LapNum = reader.u8();
    for (LapHistory &lap : packet.laps) {
        lap.lapTimeInMS = reader.u32();
        readSplitTime(reader, lap.sector1TimeMSPart, lap.sector1TimeMinutesPart);
        readSplitTime(reader, lap.sector2TimeMSPart, lap.sector2TimeMinutesPart);
        readSplitTime(reader, lap.sector3TimeMSPart, lap.sector3TimeMinutesPart);
        lap.lapValidBitFlags = reader.u8();
    }
    for (TyreStintHistory &stint : packet.tyreStints) {
        stint.endLap = reader.u8();
        stint.tyreActualCompound = reader.u8();
        stint.tyreVisualCompound = reader.u8();
    }
}

void readTyreSets(ByteReader &reader, int /*format*/, TyreSetsPacket &packet)
{
    packet.carIdx = reader.u8();
    for (TyreSet &set : packet.sets) {
        set.actualTyreCompound = reader.u8();
        set.visualTyreCompound = reader.u8();
        set.wear = reader.u8();
        set.available = reader.u8();
        set.recommendedSession = reader.u8();
        set.lifeSpan = reader.u8();
        set.usableLife = reader.u8();
        set.lapDeltaTime = reader.i16();
        set.fitted = reader.u8();
    }
    packet.fittedIdx = reader.u8();
}

void readMotionEx(ByteReader &reader, int format, MotionExPacket &packet)
{
    packet.suspensionPosition = reader.f32Array<4>();
    packet.suspensionVelocity = reader.f32Array<4>();
    packet.suspensionAcceleration = reader.f32Array<4>();
    packet.wheelSpeed = reader.f32Array<4>();
    packet.wheelSlipRatio = reader.f32Array<4>();
    packet.wheelSlipAngle = reader.f32Array<4>();
    packet.wheelLatForce = reader.f32Array<4>();
    packet.wheelLongForce = reader.f32Array<4>();
    packet.heightOfCOGAboveGround = reader.f32();
    packet.localVelocityX = reader.f32();
    packet.localVelocityY = reader.f32();
    packet.localVelocityZ = reader.f32();
    packet.angularVelocityX = reader.f32();
    packet.angularVelocityY = reader.f32();
    packet.angularVelocityZ = reader.f32();
    packet.angularAccelerationX = reader.f32();
    packet.angularAccelerationY = reader.f32();
    packet.angularAccelerationZ = reader.f32();
    packet.frontWheelsAngle = reader.f32();
    packet.wheelVertForce = reader.f32Array<4>();
    if (format < 2024)
        return;
    packet.frontAeroHeight = reader.f32();
    packet.rearAeroHeight = reader.f32();
    packet.frontRollAngle = reader.f32();
    packet.rearRollAngle = reader.f32();
    packet.chassisYaw = reader.f32();
    if (format < 2025)
        return;
    packet.chassisPitch = reader.f32();
    packet.wheelCamber = reader.f32Array<4>();
    packet.wheelCamberGain = reader.f32Array<4>();
}

namespace {

TimeTrialDataSet readTimeTrialDataSet(ByteReader &reader)
{
    TimeTrialDataSet set;
    set.carIdx = reader.u8();
    set.teamId = reader.u8();
    set.lapTimeInMS = reader.u32();
    set.sector1TimeInMS = reader.u32();
    set.sector2TimeInMS = reader.u32();
    set.sector3TimeInMS = reader.u32();
    set.tractionControl = reader.u8();
    set.gearboxAssist = reader.u8();
    set.antiLockBrakes = reader.u8();
    set.equalCarPerformance = reader.u8();
    set.customSetup = reader.u8();
    set.valid = reader.u8();
    return set;
}

} // namespace

void readTimeTrial(ByteReader &reader, int /*format*/, TimeTrialPacket &packet)
{
    packet.playerSessionBest = readTimeTrialDataSet(reader);
    packet.personalBest = readTimeTrialDataSet(reader);
    packet.rival = readTimeTrialDataSet(reader);
}

void readLapPositions(ByteReader &reader, int /*format*/, LapPositionsPacket &packet)
{
    packet.numLaps = reader.u8();
    packet.lapStart = reader.u8();
    for (auto &lap : packet.positionForVehicleIdx)
        lap = reader.u8Array<kMaxCars>();
}

} // namespace pitwall::sources::f1game
