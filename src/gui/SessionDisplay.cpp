#include "SessionDisplay.h"

#include "FollowBox.h"
#include "GameSessionView.h"
#include "LibraryPanel.h"
#include "PipelinePanel.h"
#include "RaceStatusBar.h"
#include "RaceTitle.h"
#include "ReplayBar.h"
#include "TrackMapWidget.h"
#include "control/RaceController.h"
#include "pipeline/RaceSession.h"
#include "view/PipelineHealthModel.h"
#include "view/RaceViewSync.h"

namespace pitwall {

SessionDisplay::SessionDisplay(const Views &views, RaceController &controller, const QVector<QPointF> &outline, QObject *parent)
    : QObject(parent)
    , m_views(views)
    , m_controller(controller)
    , m_outline(outline)
{
    connect(&m_views.gameView, &GameSessionView::lapsKnown, this, [this](int laps) {
        m_views.title.setLaps(laps);
        m_views.gauges.setLaps(laps);
    });
}

void SessionDisplay::follow(RaceSession *session)
{
    m_views.title.starting(*session);
    m_views.gauges.setLaps(m_views.title.laps());
    m_views.viewSync.follow(session);
    connect(session, &RaceSession::stageSwitched, this, [this](const QString &stage, bool enabled, const QString &error) {
        if (!error.isEmpty())
            m_views.pipeline.showMessage(enabled ? tr("Could not switch %1 on: %2").arg(stage, error)
                                                 : tr("Could not switch %1 off: %2").arg(stage, error));
    });
    connect(session, &RaceSession::statsChanged, this, [this, session](const SessionStats &stats) {
        showStats(stats);
        showGameStatus();
        if (session->state() == RaceSession::State::Running)
            showRunning();
    });
    connect(session, &RaceSession::started, this, [this, session] {
        m_views.viewSync.restart(session->raceStartEpochMs());
        if (session->options().game.enabled)
            m_views.trackMap.setOutline({}, m_views.title.name()); // drawn from the cars' own paths (showGameStatus)
        else if (!m_outline.isEmpty())
            m_views.trackMap.setOutline(m_outline, m_views.title.name());
        else
            m_views.trackMap.setCircuit(session->options().race.circuitId);
        m_views.replayBar.setDurationMs(session->replayDurationMs());
        showRunning();
    });
    connect(session, &RaceSession::failed, this,
            [this](const QString &reason) { emit problem(tr("The race could not start: %1").arg(reason)); });
    connect(session, &RaceSession::stopped, this, [this, session](const SessionStats &stats) { onStopped(session, stats); });
}

void SessionDisplay::onStopped(RaceSession *session, const SessionStats &stats)
{
    m_views.library.refresh(); // the race just run is in the library now
    if (m_controller.isHandingOverGameSession())
        return; // the game's next session follows at once
    showStats(stats);
    const auto summary = session->summary();
    m_views.title.showFinished(*session, stats, summary);
    m_views.gauges.setLap(summary.leaderLap);
    if (summary.finished)
        emit finished(summary);
}

void SessionDisplay::showStats(const SessionStats &stats)
{
    const auto *session = m_controller.session();
    if (session && session->isReplay())
        m_views.replayBar.showRaceTime(stats.raceTimeS);
    m_views.pipeline.model()->updateMetrics(stats.stages);
    if (session)
        m_views.pipeline.showAi(*session->ai());
    if (session && session->state() == RaceSession::State::Running)
        m_views.gauges.setLap(stats.leaderLap);
    m_views.gauges.showStats(stats);
}

void SessionDisplay::showGameStatus()
{
    const auto *session = m_controller.session();
    if (session && session->options().game.enabled)
        m_views.gameView.update(*session, m_views.followBox.driver());
    else
        m_views.gauges.hideGame();
}

void SessionDisplay::showRunning()
{
    if (const auto *session = m_controller.session())
        m_views.title.showRunning(*session);
}

} // namespace pitwall
