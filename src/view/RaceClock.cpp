#include "RaceClock.h"

#include <algorithm>

namespace pitwall {

void RaceClock::setLiveEdge(qint64 raceMs)
{
    if (raceMs == m_liveEdgeMs)
        return;
    m_liveEdgeMs = raceMs;
    if (m_live)
        emit moved(m_liveEdgeMs);
}

void RaceClock::seek(qint64 raceMs)
{
    m_heldMs = std::clamp<qint64>(raceMs, 0, m_liveEdgeMs);
    const bool wasLive = m_live;
    m_live = false;
    if (wasLive)
        emit liveChanged(false);
    emit moved(m_heldMs);
}

void RaceClock::goLive()
{
    if (m_live)
        return;
    m_live = true;
    emit liveChanged(true);
    emit moved(m_liveEdgeMs);
}

void RaceClock::reset()
{
    m_liveEdgeMs = m_heldMs = 0;
    const bool wasLive = m_live;
    m_live = true;
    if (!wasLive)
        emit liveChanged(true);
    emit moved(0);
}

} // namespace pitwall
