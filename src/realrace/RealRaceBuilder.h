#pragma once
// Turns a real session (RealSession, from the live-timing archive or OpenF1) into a Pit
// Wall race: the same topics and message types a simulated race produces, in race-time
// order, ready for the race library and its replay. Once a race-second per driver a
// position update (gap, interval, lap, tyre, pit stops, status); every car sample as
// telemetry (temperatures null: real timing carries none); race events (laps with
// sectors, pit stops, fastest laps, safety car / VSC / red flag, retirements, overtakes
// from position changes, race control messages, weather, the finish with its
// classification). What the source lacks is derived where the data allows it (track
// outline, race order and laps from positions, speed from positions) and said in the
// report; nothing is invented.

#include "sources/RealSession.h"
#include "storage/MessageChunk.h"
#include "storage/RaceRecord.h"

#include <QStringList>
#include <functional>
#include <vector>

namespace pitwall::realrace {

struct BuildOptions {
    QString raceId; // empty: made from the session ("real-2018-baku-race")
    // Whether a made id is taken already (the library's): then "-2", "-3"... is added.
    std::function<bool(const QString &)> idTaken;
    qint64 positionIntervalMs = 1000;  // f1-driver-positions: once a race-second per driver
    qint64 tailAfterFinishMs = 180000; // kept after the chequered flag (the cool-down lap)
};

struct RealRace {
    RaceRecord record; // state "imported"; options hold the grid and outline
    std::vector<RecordedMessage> messages;
    QStringList report; // what was read, derived and skipped, in words
};

RealRace buildRealRace(const sources::RealSession &session, const BuildOptions &options = {});

// The race's own grid (names, codes, numbers, teams, colours) as a grid file's JSON,
// which core's Grid reads; stored in the record's options under "grid".
inline constexpr const char *kGridOption = "grid";
// The track outline [[x, y], ...] in metres, in the frame of the telemetry's x/y.
inline constexpr const char *kOutlineOption = "track_outline";
// Whether the source had car data (throttle, brake, gear, rpm): positions alone give speed only.
inline constexpr const char *kHasCarDataOption = "has_car_data";

} // namespace pitwall::realrace
