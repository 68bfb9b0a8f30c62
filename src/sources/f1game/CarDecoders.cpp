// Bodies of the per-car packets; layouts from "Data Output from F1 23 v29x3", "F1 24
// v27.2x" and "F1 25 v3".
#include "BodyDecoders.h"

#include "ByteReader.h"

namespace pitwall::sources::f1game {

void readMotion(ByteReader &reader, int /*format*/, MotionPacket &packet)
{
    for (CarMotion &car : packet.cars) {
        car.worldPositionX = reader.f32();
        car.worldPositionY = reader.f32();
        car.worldPositionZ = reader.f32();
        car.worldVelocityX = reader.f32();
        car.worldVelocityY = reader.f32();
        car.worldVelocityZ = reader.f32();
        car.worldForwardDirX = reader.i16();
        car.worldForwardDirY = reader.i16();
        car.worldForwardDirZ = reader.i16();
        car.worldRightDirX = reader.i16();
        car.worldRightDirY = reader.i16();
        car.worldRightDirZ = reader.i16();
        car.gForceLateral = reader.f32();
        car.gForceLongitudinal = reader.f32();
        car.gForceVertical = reader.f32();
        car.yaw = reader.f32();
        car.pitch = reader.f32();
        car.roll = reader.f32();
    }
}

void readLapData(ByteReader &reader, int format, LapDataPacket &packet)
{
    for (CarLapData &car : packet.cars) {
        car.lastLapTimeInMS = reader.u32();
        car.currentLapTimeInMS = reader.u32();
        readSplitTime(reader, car.sector1TimeMSPart, car.sector1TimeMinutesPart);
        readSplitTime(reader, car.sector2TimeMSPart, car.sector2TimeMinutesPart);
        car.deltaToCarInFrontMSPart = reader.u16();
        if (format >= 2024)
            car.deltaToCarInFrontMinutesPart = reader.u8();
        car.deltaToRaceLeaderMSPart = reader.u16();
        if (format >= 2024)
            car.deltaToRaceLeaderMinutesPart = reader.u8();
        car.lapDistance = reader.f32();
        car.totalDistance = reader.f32();
        car.safetyCarDelta = reader.f32();
        car.carPosition = reader.u8();
        car.currentLapNum = reader.u8();
        car.pitStatus = reader.u8();
        car.numPitStops = reader.u8();
        car.sector = reader.u8();
        car.currentLapInvalid = reader.u8();
        car.penalties = reader.u8();
        car.totalWarnings = reader.u8();
        car.cornerCuttingWarnings = reader.u8();
        car.numUnservedDriveThroughPens = reader.u8();
        car.numUnservedStopGoPens = reader.u8();
        car.gridPosition = reader.u8();
        car.driverStatus = reader.u8();
        car.resultStatus = reader.u8();
        car.pitLaneTimerActive = reader.u8();
        car.pitLaneTimeInLaneInMS = reader.u16();
        car.pitStopTimerInMS = reader.u16();
        car.pitStopShouldServePen = reader.u8();
        if (format >= 2024) {
            car.speedTrapFastestSpeed = reader.f32();
            car.speedTrapFastestLap = reader.u8();
        }
    }
    packet.timeTrialPBCarIdx = reader.u8();
    packet.timeTrialRivalCarIdx = reader.u8();
}

void readParticipants(ByteReader &reader, int format, ParticipantsPacket &packet)
{
    const qsizetype nameSize = format >= 2025 ? 32 : 48;
    packet.numActiveCars = reader.u8();
    for (Participant &car : packet.cars) {
        car.aiControlled = reader.u8();
        car.driverId = reader.u8();
        car.networkId = reader.u8();
        car.teamId = reader.u8();
        car.myTeam = reader.u8();
        car.raceNumber = reader.u8();
        car.nationality = reader.u8();
        car.name = reader.utf8Field(nameSize);
        car.yourTelemetry = reader.u8();
        car.showOnlineNames = reader.u8();
        if (format >= 2024)
            car.techLevel = reader.u16();
        car.platform = reader.u8();
        if (format >= 2025) {
            car.numColours = reader.u8();
            for (LiveryColour &colour : car.liveryColours) {
                colour.red = reader.u8();
                colour.green = reader.u8();
                colour.blue = reader.u8();
            }
        }
    }
}

void readCarTelemetry(ByteReader &reader, int /*format*/, CarTelemetryPacket &packet)
{
    for (CarTelemetry &car : packet.cars) {
        car.speed = reader.u16();
        car.throttle = reader.f32();
        car.steer = reader.f32();
        car.brake = reader.f32();
        car.clutch = reader.u8();
        car.gear = reader.i8();
        car.engineRPM = reader.u16();
        car.drs = reader.u8();
        car.revLightsPercent = reader.u8();
        car.revLightsBitValue = reader.u16();
        car.brakesTemperature = reader.u16Array<4>();
        car.tyresSurfaceTemperature = reader.u8Array<4>();
        car.tyresInnerTemperature = reader.u8Array<4>();
        car.engineTemperature = reader.u16();
        car.tyresPressure = reader.f32Array<4>();
        car.surfaceType = reader.u8Array<4>();
    }
    packet.mfdPanelIndex = reader.u8();
    packet.mfdPanelIndexSecondaryPlayer = reader.u8();
    packet.suggestedGear = reader.i8();
}

void readCarStatus(ByteReader &reader, int /*format*/, CarStatusPacket &packet)
{
    for (CarStatus &car : packet.cars) {
        car.tractionControl = reader.u8();
        car.antiLockBrakes = reader.u8();
        car.fuelMix = reader.u8();
        car.frontBrakeBias = reader.u8();
        car.pitLimiterStatus = reader.u8();
        car.fuelInTank = reader.f32();
        car.fuelCapacity = reader.f32();
        car.fuelRemainingLaps = reader.f32();
        car.maxRPM = reader.u16();
        car.idleRPM = reader.u16();
        car.maxGears = reader.u8();
        car.drsAllowed = reader.u8();
        car.drsActivationDistance = reader.u16();
        car.actualTyreCompound = reader.u8();
        car.visualTyreCompound = reader.u8();
        car.tyresAgeLaps = reader.u8();
        car.vehicleFiaFlags = reader.i8();
        car.enginePowerICE = reader.f32();
        car.enginePowerMGUK = reader.f32();
        car.ersStoreEnergy = reader.f32();
        car.ersDeployMode = reader.u8();
        car.ersHarvestedThisLapMGUK = reader.f32();
        car.ersHarvestedThisLapMGUH = reader.f32();
        car.ersDeployedThisLap = reader.f32();
        car.networkPaused = reader.u8();
    }
}

void readFinalClassification(ByteReader &reader, int format, FinalClassificationPacket &packet)
{
    packet.numCars = reader.u8();
    for (FinalClassification &car : packet.cars) {
        car.position = reader.u8();
        car.numLaps = reader.u8();
        car.gridPosition = reader.u8();
        car.points = reader.u8();
        car.numPitStops = reader.u8();
        car.resultStatus = reader.u8();
        if (format >= 2025)
            car.resultReason = reader.u8();
        car.bestLapTimeInMS = reader.u32();
        car.totalRaceTime = reader.f64();
        car.penaltiesTime = reader.u8();
        car.numPenalties = reader.u8();
        car.numTyreStints = reader.u8();
        car.tyreStintsActual = reader.u8Array<8>();
        car.tyreStintsVisual = reader.u8Array<8>();
        car.tyreStintsEndLaps = reader.u8Array<8>();
    }
}

void readCarDamage(ByteReader &reader, int format, CarDamagePacket &packet)
{
    for (CarDamage &car : packet.cars) {
        car.tyresWear = reader.f32Array<4>();
        car.tyresDamage = reader.u8Array<4>();
        car.brakesDamage = reader.u8Array<4>();
        if (format >= 2025)
            car.tyreBlisters = reader.u8Array<4>();
        car.frontLeftWingDamage = reader.u8();
        car.frontRightWingDamage = reader.u8();
        car.rearWingDamage = reader.u8();
        car.floorDamage = reader.u8();
        car.diffuserDamage = reader.u8();
        car.sidepodDamage = reader.u8();
        car.drsFault = reader.u8();
        car.ersFault = reader.u8();
        car.gearBoxDamage = reader.u8();
        car.engineDamage = reader.u8();
        car.engineMGUHWear = reader.u8();
        car.engineESWear = reader.u8();
        car.engineCEWear = reader.u8();
        car.engineICEWear = reader.u8();
        car.engineMGUKWear = reader.u8();
        car.engineTCWear = reader.u8();
        car.engineBlown = reader.u8();
        car.engineSeized = reader.u8();
    }
}

} // namespace pitwall::sources::f1game
