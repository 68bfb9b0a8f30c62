#include "RaceTitle.h"

#include "pipeline/RaceSession.h"
#include "sim/Circuit.h"

#include <QLabel>

namespace pitwall {

RaceTitle::RaceTitle(QLabel &label, QObject *parent)
    : QObject(parent)
    , m_label(label)
{
}

void RaceTitle::starting(const RaceSession &session)
{
    const auto &options = session.options();
    if (options.game.enabled) {
        m_name = tr("F1 game");
        m_laps = 0;
    } else {
        const auto circuit = Circuit::builtIn(options.race.circuitId);
        m_name = circuit ? circuit->grandPrix : options.race.circuitId;
        if (session.isReplay())
            m_name = tr("Replay of %1").arg(m_name);
        m_laps = options.race.laps > 0 ? options.race.laps : (circuit ? circuit->laps : 0);
    }
}

void RaceTitle::showRunning(const RaceSession &session)
{
    m_label.setText(tr("%1 — lap %2/%3 — live").arg(m_name).arg(std::max(1, session.stats().leaderLap)).arg(m_laps));
}

void RaceTitle::showStopping(const QString &raceId)
{
    m_label.setText(tr("Race %1 — stopping: reading back every message…").arg(raceId));
}

void RaceTitle::showFinished(const RaceSession &session, const SessionStats &stats, const RaceSummary &summary)
{
    const QString result = summary.finished && !summary.classification.isEmpty() ? tr("won by %1").arg(summary.classification.first())
                                                                                 : tr("stopped on lap %1").arg(summary.leaderLap);
    m_label.setText(
        tr("Race %1 — finished: %2 of %3 positions read back — %4").arg(session.raceId()).arg(stats.consumed).arg(stats.produced).arg(result));
}

} // namespace pitwall
