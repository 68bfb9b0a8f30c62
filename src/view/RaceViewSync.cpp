#include "RaceViewSync.h"

#include "LeaderboardModel.h"
#include "RaceClock.h"
#include "RaceViewStore.h"
#include "pipeline/RaceSession.h"

namespace pitwall {

RaceViewSync::RaceViewSync(RaceViewStore &store, RaceClock &clock, LeaderboardModel &leaderboard, const Grid &grid, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(clock)
    , m_leaderboard(leaderboard)
    , m_grid(grid)
{
    connect(&m_clock, &RaceClock::moved, this, [this](qint64 viewMs) {
        if (!m_clock.isLive())
            m_leaderboard.setStanding(m_store.standingAt(viewMs));
    });
    connect(&m_clock, &RaceClock::liveChanged, this, [this](bool live) {
        if (live)
            m_leaderboard.setStanding(m_store.standingAt(m_clock.liveEdgeMs()));
    });
    connect(&m_store, &RaceViewStore::lapsAdded, this, &RaceViewSync::showLastLaps);
}

void RaceViewSync::follow(RaceSession *session)
{
    connect(session, &RaceSession::standingChanged, this, &RaceViewSync::onStanding);
    connect(session, &RaceSession::viewBatch, this, [this](const RaceViewBatch &batch) {
        m_store.add(batch);
        m_clock.setLiveEdge(m_store.newestRaceMs());
    });
    connect(session, &RaceSession::replaySeeked, this, [this](qint64 raceMs) {
        if (raceMs < m_store.newestRaceMs())
            m_store.rewindTo(raceMs); // commentary and anomalies come back as the replay reaches them
        m_clock.setLiveEdge(raceMs);
        m_clock.goLive();
    });
}

void RaceViewSync::restart(qint64 raceStartEpochMs)
{
    m_store.reset(raceStartEpochMs);
    m_clock.reset();
}

void RaceViewSync::onStanding(const QVector<PositionUpdate> &standing)
{
    m_store.setStanding(standing);
    if (m_clock.isLive())
        m_leaderboard.setStanding(standing);
}

void RaceViewSync::showLastLaps()
{
    for (const auto &driver : m_grid.drivers()) {
        const auto &laps = m_store.laps(driver.name);
        if (!laps.empty())
            m_leaderboard.setLastLap(driver.name, laps.back().lapTimeMs);
    }
}

} // namespace pitwall
