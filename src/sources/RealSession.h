#pragma once
// A real Formula 1 session as the real-race sources read it, before it becomes Pit Wall's
// messages: what the F1 live-timing archive and OpenF1 both carry, in one shape. Readers
// (livetiming/, openf1/) fill it from outside files; RealRaceBuilder turns it into a race.
//
// Times: `ms` everywhere is milliseconds on the session's own clock, counted from
// `SessionMeta::referenceUtcMs` when that is known (OpenF1: the earliest date read; live
// timing: the stream's start). RealRaceBuilder moves race time 0 to the start signal
// (`SessionMeta::startedMs`) when the source says it.

#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace pitwall::sources {

struct RealDriver {
    QString number;     // racing number as text, the key of every other record ("44")
    QString code;       // three-letter code ("HAM")
    QString fullName;   // "Lewis Hamilton" (capitalised as a name, not "Lewis HAMILTON")
    QString teamName;   // "Mercedes"
    QString teamColour; // "#00D2BE", empty when unknown
};

// One driver's timing as the source updated it at `ms`; fields left unset did not change.
struct TimingUpdate {
    qint64 ms = 0;
    QString number;
    std::optional<int> position;         // 1 = leader
    std::optional<double> gapToLeaderS;  // the leader's is 0
    std::optional<int> lapsBehindLeader; // "1 L" / "+1 LAP" gaps
    std::optional<double> intervalS;     // to the car ahead
    std::optional<int> lapsBehindAhead;
    std::optional<int> lapsCompleted; // live timing NumberOfLaps
    std::optional<bool> inPit;
    std::optional<bool> pitOut;
    std::optional<bool> retired; // Retired or Stopped
    std::optional<int> pitStops; // NumberOfPitStops
};

// A lap a driver completed, at the moment it was completed.
struct LapRecord {
    qint64 ms = 0;
    QString number;
    int lap = 0; // 1-based
    std::optional<double> lapTimeS;
    std::optional<double> sectorS[3];
    bool pitOutLap = false;
};

struct Stint {
    QString number;
    int stintNumber = 0;         // 1-based
    std::optional<int> lapStart; // first lap on these tyres
    std::optional<int> lapEnd;
    QString compound; // as the source names it: SOFT, MEDIUM, HARD, INTERMEDIATE, WET, ULTRASOFT...
    std::optional<bool> isNew;
    std::optional<int> tyreAgeAtStart; // laps the set had done before this stint
    std::optional<qint64> ms;          // when the source first told of it, if known
};

struct PitStop {
    qint64 ms = 0; // entering the pit lane
    QString number;
    std::optional<int> lap;
    std::optional<double> pitLaneS; // OpenF1 pit_duration / lane_duration
};

// TrackStatus: 1 clear, 2 yellow, 4 safety car, 5 red flag, 6 VSC, 7 VSC ending.
struct TrackStatusChange {
    qint64 ms = 0;
    int status = 0;
    QString message; // "AllClear", "SCDeployed"...
};

struct RaceControlMessage {
    qint64 ms = 0;
    QString category; // Flag, SafetyCar, Drs, CarEvent, Other
    QString flag;     // GREEN, YELLOW, DOUBLE YELLOW, RED, BLUE, CHEQUERED, CLEAR...
    QString scope;    // Track, Sector, Driver
    QString message;
    std::optional<int> lap;
    std::optional<int> sector;
    QString driverNumber; // when it concerns one car
};

struct WeatherSample {
    qint64 ms = 0;
    std::optional<double> airTempC;
    std::optional<double> trackTempC;
    std::optional<double> humidityPct;
    std::optional<double> pressureMbar;
    std::optional<double> windSpeedMs;
    std::optional<int> windDirectionDeg;
    std::optional<bool> rainfall;
};

// CarData.z / car_data: one car's channels at ~4 Hz.
struct CarSample {
    qint64 ms = 0;
    QString number;
    double speedKph = 0;
    int rpm = 0;
    int gear = 0;
    double throttlePct = 0;
    double brakePct = 0; // live timing sends 0/100 (on/off); OpenF1 too
    bool drs = false;    // DRS open (channel 45 / drs of 10, 12 or 14)
};

// Position.z / location: one car's place on the circuit at ~4 Hz, in the source's units
// (live timing: tenths of a metre; OpenF1: the same numbers).
struct PositionSample {
    qint64 ms = 0;
    QString number;
    double x = 0, y = 0, z = 0;
};

struct LapCountUpdate {
    qint64 ms = 0;
    int currentLap = 0;
    std::optional<int> totalLaps;
};

struct SessionMeta {
    int year = 0;
    QString meetingName;      // "Azerbaijan Grand Prix"
    QString sessionName;      // "Race"
    QString sessionType;      // "Race", "Qualifying", "Practice"...
    QString circuitShortName; // "Baku"
    QString countryName;
    std::optional<qint64> referenceUtcMs; // epoch ms of session time 0, if known
    std::optional<qint64> startedMs;      // the start signal (SessionStatus Started...)
    std::optional<qint64> finishedMs;     // the chequered flag (SessionStatus Finished...)
    std::optional<int> totalLaps;
    QString timingSource; // which record gave referenceUtcMs/startedMs, in words
    QString sessionKey;   // the source's own id of the session (OpenF1 session_key), if any
};

// A line or record skipped on the way in: where it was and why.
struct ReadIssue {
    QString file;
    qint64 line = 0; // 1-based; 0 for a whole-file issue
    QString message;
};

struct RealSession {
    QString origin; // "F1 live timing", "OpenF1"
    SessionMeta meta;
    std::vector<RealDriver> drivers;
    std::vector<TimingUpdate> timing; // in time order
    std::vector<LapRecord> laps;      // in time order
    std::vector<Stint> stints;
    std::vector<PitStop> pitStops;
    std::vector<TrackStatusChange> trackStatus;
    std::vector<RaceControlMessage> raceControl;
    std::vector<WeatherSample> weather;
    std::vector<CarSample> carData;        // in time order
    std::vector<PositionSample> positions; // in time order
    std::vector<LapCountUpdate> lapCounts;
    QStringList missing;           // topics/endpoints the source lacked, named
    QStringList ignored;           // unknown topics/files met and ignored, named
    std::vector<ReadIssue> issues; // damaged lines skipped (bounded; see issueCount)
    qint64 issueCount = 0;         // every skipped line, even past the bound
    qint64 linesRead = 0;          // lines/records read, for the import's figures

    // Keeps at most this many issues with their text; the rest are only counted.
    static constexpr size_t kMaxIssues = 200;
    void addIssue(const QString &file, qint64 line, const QString &message);
};

} // namespace pitwall::sources
