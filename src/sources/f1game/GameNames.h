#pragma once
// Names for the numbers in EA SPORTS F1 game telemetry, from the appendices and field
// comments of "Data Output from F1 23 v29x3" (format 2023), "F1 24 v27.2x" (2024) and
// "F1 25 v3" (2025). Each takes the packet format, since the tables change between games.
// An id the format's table lacks gives an empty string.

#include "CarPackets.h"

#include <QString>

namespace pitwall::sources::f1game {

// CarStatus::visualTyreCompound: 16 soft, 17 medium, 18 hard, 7 inter, 8 wet (F1 modern and
// classic); F2: 19 super soft, 20 soft, 21 medium, 22 hard, 15 wet.
QString visualCompoundName(int visualCompound);
// CarStatus::actualTyreCompound: 16 C5 .. 21 C0 (2025: 22 C6), 7 inter, 8 wet; classic
// 9 dry, 10 wet; F2 11 super soft, 12 soft, 13 medium, 14 hard, 15 wet.
QString actualCompoundName(int actualCompound, int packetFormat);

QString trackName(int trackId, int packetFormat);
QString teamName(int teamId, int packetFormat);
// 2023 numbers sessions 0-13 (10 race, 13 time trial); 2024 and 2025 0-18 (15 race,
// 18 time trial), with the sprint shootouts between.
QString sessionTypeName(int sessionType, int packetFormat);
bool isRaceSession(int sessionType, int packetFormat);

// A human player whose "Your Telemetry" setting is restricted: their car's fuel, ERS and
// damage read 0 for everyone else.
inline bool isRestricted(const Participant &participant)
{
    return participant.yourTelemetry == 0;
}

} // namespace pitwall::sources::f1game
