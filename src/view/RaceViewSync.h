#pragma once
// Keeps the race views in step: a session's view feed goes into the store and moves the
// clock's live edge, and the leaderboard shows the standing at the clock's time (live or
// held) with each driver's last lap.

#include "core/Messages.h"

#include <QObject>
#include <QVector>

namespace pitwall {

class Grid;
class LeaderboardModel;
class RaceClock;
class RaceSession;
class RaceViewStore;

class RaceViewSync : public QObject {
    Q_OBJECT
public:
    // grid: the race's drivers, read at each new lap (the caller may replace its value).
    RaceViewSync(RaceViewStore &store, RaceClock &clock, LeaderboardModel &leaderboard, const Grid &grid, QObject *parent = nullptr);

    // The views follow this session's feed (standing, view batches, replay seeks).
    void follow(RaceSession *session);
    // The session started: the store and clock start afresh at its start time.
    void restart(qint64 raceStartEpochMs);

private:
    void onStanding(const QVector<PositionUpdate> &standing);
    void showLastLaps();

    RaceViewStore &m_store;
    RaceClock &m_clock;
    LeaderboardModel &m_leaderboard;
    const Grid &m_grid;
};

} // namespace pitwall
