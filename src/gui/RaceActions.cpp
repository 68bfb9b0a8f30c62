#include "RaceActions.h"

#include "RaceStatusBar.h"
#include "RaceToolbar.h"
#include "ReplayBar.h"
#include "StartPageLink.h"
#include "control/RaceController.h"
#include "pipeline/RaceSession.h"

#include <QAction>

namespace pitwall {

RaceActions::RaceActions(const Controls &controls, const RaceController &controller, QObject *parent)
    : QObject(parent)
    , m_controls(controls)
    , m_controller(controller)
{
}

void RaceActions::update()
{
    const auto &kafka = m_controller.kafka();
    const bool raceActive = m_controller.isRaceActive();
    const bool canStart = kafka.isReady() && !raceActive && !kafka.isPreparing();
    m_controls.start.setEnabled(canStart);
    m_controls.toolbar.setRaceActive(raceActive);
    m_controls.toolbar.setKafkaReady(kafka.isReady() && !kafka.isPreparing());
    m_controls.stop.setEnabled(m_controller.isRaceRunning());
    const auto *session = m_controller.session();
    const bool stopping = session && session->state() == RaceSession::State::Stopping;
    m_controls.kafkaConnection.setEnabled(!kafka.isPreparing() && !stopping);
    m_controls.startPage.showReady(m_controller, m_controls.gauges.kafkaText());
    m_controls.replayBar.setReplaying(m_controller.isRaceRunning() && session->isReplay());
}

} // namespace pitwall
