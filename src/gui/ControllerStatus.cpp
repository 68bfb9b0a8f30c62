#include "ControllerStatus.h"

#include "RaceStatusBar.h"
#include "aiservices/AiServices.h"
#include "control/RaceController.h"
#include "stream/KafkaEndpoint.h"

#include <QStatusBar>

namespace pitwall {

ControllerStatus::ControllerStatus(RaceController &controller, RaceStatusBar &gauges, QStatusBar &status, QObject *parent)
    : QObject(parent)
    , m_controller(controller)
    , m_gauges(gauges)
    , m_status(status)
{
    connect(&m_controller, &RaceController::kafkaConnecting, this, [this] {
        const QString bootstrap = m_controller.kafka().pendingBootstrap();
        m_gauges.setKafkaText(bootstrap.isEmpty() ? tr("Starting the embedded Kafka broker…")
                                                  : tr("Connecting to Kafka at %1…").arg(bootstrap));
    });
    connect(&m_controller, &RaceController::kafkaFailed, this, [this](const QString &reason) {
        emit problem(tr("%1. Change it in File ▸ Kafka connection (Ctrl+K).").arg(reason));
        m_gauges.setKafkaText(tr("Kafka: not connected"));
    });
    connect(&m_controller, &RaceController::kafkaReady, this, [this] {
        const auto &endpoint = *m_controller.kafka().endpoint();
        m_gauges.setKafkaText(
            tr("Kafka: %1 (%2)").arg(endpoint.bootstrap(), endpoint.isEmbedded() ? tr("embedded broker") : tr("cluster")));
    });
    connect(&m_controller, &RaceController::setupApplied, this, [this](const std::shared_ptr<AiServices> &ai, bool raceKeeps) {
        m_status.showMessage(tr("Setup applied: the next race uses %1 and %2.%3")
                                 .arg(ai->llmLabel(), ai->embedderLabel(),
                                      raceKeeps ? tr(" The running race keeps its settings.") : QString()),
                             15000);
    });
    connect(&m_controller, &RaceController::setupFailed, this, [this](const QString &reason) {
        emit problem(tr("The new AI settings could not start: %1. The races keep the previous ones.").arg(reason));
    });
}

void ControllerStatus::showSetupSaved()
{
    const QString keeps = m_controller.isRaceRunning() ? tr(" The running race keeps its settings.") : QString();
    m_status.showMessage(m_controller.hasAiServicesFactory() ? tr("Setup saved: starting the new AI connections…%1").arg(keeps)
                                                             : tr("Setup saved; it applies to the next race.%1").arg(keeps),
                         15000);
}

} // namespace pitwall
