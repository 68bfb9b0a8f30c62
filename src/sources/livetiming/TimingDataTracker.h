#pragma once
// Turns the live-timing TimingData topic, line by line, into Pit Wall's timing records: one
// TimingUpdate per driver per line with only what that line carried, a LapRecord each time a
// driver's NumberOfLaps goes up (with that lap's time and sector times), and a PitStop each time
// InPit turns true. The feed's order of arrival, seen in real archives, decides which lap a
// sector or lap time belongs to; see assignLapValues() in the .cpp for the rule.

#include "sources/RealSession.h"

#include <QHash>
#include <QJsonObject>

#include <optional>

namespace pitwall::sources {

class TimingDataTracker {
public:
    explicit TimingDataTracker(RealSession &session)
        : m_session(session)
    {
    }

    // One TimingData line: `linesUpdate` is the line's "Lines" object, `linesState` the merged
    // "Lines" after it. `keyframe` marks the stream's first line, the full state at its start.
    void apply(qint64 ms, const QJsonObject &linesUpdate, const QJsonObject &linesState, bool keyframe);

    // The last NumberOfLaps seen for a driver.
    std::optional<int> lapsCompleted(const QString &number) const;

private:
    struct Driver {
        std::optional<int> laps;
        std::optional<double> running[3];     // sector times of the lap in progress
        std::optional<double> runningLapTime; // a lap time sent just before its lap was counted
        std::optional<size_t> openLap;        // the lap just counted, while late values may come
        bool outLap = false;                  // the lap in progress began at the pit exit
        std::optional<size_t> openPitStop;    // in the pit lane: the stop being timed
    };

    void applyDriver(qint64 ms, const QString &number, const QJsonObject &update, const QJsonObject &state, bool keyframe);
    void assignLapValues(Driver &driver, const QJsonObject &update, bool lapCounted);

    RealSession &m_session;
    QHash<QString, Driver> m_drivers;
};

} // namespace pitwall::sources
