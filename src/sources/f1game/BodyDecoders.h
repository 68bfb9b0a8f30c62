#pragma once
// Internal to the F1 game decoder: read one packet's body (after the 29-byte header) in
// the layout of `format` (2023, 2024 or 2025), field by field as "Data Output from F1 23
// v29x3", "F1 24 v27.2x" and "F1 25 v3" list them. The caller has checked the length and
// checks reader.ok() and the bytes consumed afterwards.

#include "ByteReader.h"
#include "CarPackets.h"
#include "EventPacket.h"
#include "SessionPackets.h"

namespace pitwall::sources::f1game {

void readMotion(ByteReader &reader, int format, MotionPacket &packet);
void readLapData(ByteReader &reader, int format, LapDataPacket &packet);
void readParticipants(ByteReader &reader, int format, ParticipantsPacket &packet);
void readCarTelemetry(ByteReader &reader, int format, CarTelemetryPacket &packet);
void readCarStatus(ByteReader &reader, int format, CarStatusPacket &packet);
void readFinalClassification(ByteReader &reader, int format, FinalClassificationPacket &packet);
void readCarDamage(ByteReader &reader, int format, CarDamagePacket &packet);

void readSession(ByteReader &reader, int format, SessionPacket &packet);
void readSessionHistory(ByteReader &reader, int format, SessionHistoryPacket &packet);
void readTyreSets(ByteReader &reader, int format, TyreSetsPacket &packet);
void readMotionEx(ByteReader &reader, int format, MotionExPacket &packet);
void readTimeTrial(ByteReader &reader, int format, TimeTrialPacket &packet);
void readLapPositions(ByteReader &reader, int format, LapPositionsPacket &packet);

// The details of `packet.code`, already read from the four letters.
void readEventDetails(ByteReader &reader, int format, EventPacket &packet);

// A time the specifications split in two: a uint16 milliseconds part, then a uint8
// whole-minutes part (Lap Data's and Session History's sector times).
inline void readSplitTime(ByteReader &reader, std::uint16_t &msPart, std::uint8_t &minutesPart)
{
    msPart = reader.u16();
    minutesPart = reader.u8();
}

} // namespace pitwall::sources::f1game
