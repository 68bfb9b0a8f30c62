#pragma once
// A moment that deserves words: what happened, to whom, where in the race. The
// commentary agent batches moments, and each line it writes names the moments it covers.

#include <QString>
#include <QStringList>

namespace pitwall::ai {

enum class MomentKind {
    LeadChange,
    Overtake,
    PitStop,
    FastestLap,
    SafetyCar,
    Retirement,
    Anomaly,
    FollowedMove,
    RaceStart,
    RaceFinish
};

QString momentKindName(MomentKind kind);

struct RaceMoment {
    MomentKind kind = MomentKind::Overtake;
    qint64 raceTimestampMs = 0; // the message's timestamp (race time as epoch ms)
    qint64 observedAtMs = 0;    // wall clock (ms since epoch) when the agent read it: for latency
    QString driver;             // full name; empty for race-wide moments
    QString otherDriver;        // the car passed, the previous leader
    int position = 0;           // the driver's position after the moment (0: unknown)
    int previousPosition = 0;
    int lap = 0;
    QString detail;   // compound change, metric, safety-car state, retirement reason
    double value = 0; // lap time (s), anomaly reading
    double expectedLow = 0, expectedHigh = 0;

    // "<kind>:<driver>:<race ms>": unique within a race, readable, and parseable by
    // coverage checks without a table of ids.
    QString id() const;
};

} // namespace pitwall::ai
