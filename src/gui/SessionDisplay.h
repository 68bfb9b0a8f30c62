#pragma once
// How a race session shows in the window outside the race panels: the title line, the
// status bar's gauges, the replay bar, the pipeline panel's metrics, the track map's
// circuit and the F1 game's status, from the session's start to its result.

#include <QObject>
#include <QPointF>
#include <QVector>

namespace pitwall {

class FollowBox;
class GameSessionView;
class LibraryPanel;
class PipelinePanel;
class RaceController;
class RaceSession;
class RaceStatusBar;
class RaceTitle;
class RaceViewSync;
class ReplayBar;
class TrackMapWidget;
struct RaceSummary;
struct SessionStats;

class SessionDisplay : public QObject {
    Q_OBJECT
public:
    struct Views {
        RaceTitle &title;
        RaceStatusBar &gauges;
        ReplayBar &replayBar;
        PipelinePanel &pipeline;
        TrackMapWidget &trackMap;
        GameSessionView &gameView;
        LibraryPanel &library;
        FollowBox &followBox;
        RaceViewSync &viewSync;
    };
    // outline: the race's own track outline when it has one (read as each session starts).
    SessionDisplay(const Views &views, RaceController &controller, const QVector<QPointF> &outline, QObject *parent = nullptr);

    // A new session: the views follow it from now on.
    void follow(RaceSession *session);

signals:
    void problem(const QString &text);
    void finished(const RaceSummary &summary); // the chequered flag fell

private:
    void showStats(const SessionStats &stats);
    void showGameStatus();
    void showRunning();
    void onStopped(RaceSession *session, const SessionStats &stats);

    Views m_views;
    RaceController &m_controller;
    const QVector<QPointF> &m_outline;
};

} // namespace pitwall
