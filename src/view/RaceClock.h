#pragma once
// The one race clock every panel reads. Live, it follows the newest race time that
// arrived; selecting a moment (a feed line, an anomaly, a chart point) holds it
// there until "live" is pressed. Times are race milliseconds since the start.

#include <QObject>

namespace pitwall {

class RaceClock : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    qint64 viewMs() const { return m_live ? m_liveEdgeMs : m_heldMs; }
    qint64 liveEdgeMs() const { return m_liveEdgeMs; }
    bool isLive() const { return m_live; }

    // The newest race time that arrived (new data, or a replay that jumped).
    void setLiveEdge(qint64 raceMs);
    // Holds the view at a moment (clamped to what has arrived).
    void seek(qint64 raceMs);
    void goLive();
    void reset();

signals:
    // The moment shown changed (live edge moved while live, or a seek).
    void moved(qint64 viewMs);
    void liveChanged(bool live);

private:
    qint64 m_liveEdgeMs = 0;
    qint64 m_heldMs = 0;
    bool m_live = true;
};

} // namespace pitwall
