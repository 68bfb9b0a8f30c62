#include "StageSwitches.h"

#include "CloudDeployPanel.h"
#include "PipelinePanel.h"
#include "control/RaceController.h"
#include "pipeline/PipelineDefinition.h"
#include "view/PipelineHealthModel.h"

#include <QSettings>

namespace pitwall {

namespace {

const QString kDisabledStagesKey = QStringLiteral("pipeline/disabledStages");

} // namespace

StageSwitches::StageSwitches(PipelinePanel &panel, RaceController &controller, QObject *parent)
    : QObject(parent)
    , m_panel(panel)
    , m_controller(controller)
{
    auto &disabled = m_controller.raceOptions().disabledStages;
    disabled = QSettings().value(kDisabledStagesKey).toStringList();
    disabled.removeIf([](const QString &name) { return !pipelineStageNames().contains(name); });
    showDisabled();
    connect(m_panel.model(), &PipelineHealthModel::stageToggleRequested, this, &StageSwitches::switchStage);
    connect(m_panel.cloud(), &CloudDeployPanel::cloudStagesChanged, this, &StageSwitches::runInCloud);
}

void StageSwitches::showDisabled()
{
    m_panel.model()->setDisabledStages(m_controller.raceOptions().disabledStages);
}

void StageSwitches::switchStage(const QString &stage, bool enabled)
{
    m_controller.setStageEnabled(stage, enabled);
    save();
}

void StageSwitches::runInCloud(const QStringList &stages)
{
    m_controller.runStagesInCloud(stages);
    save();
    showDisabled();
}

void StageSwitches::save()
{
    QSettings().setValue(kDisabledStagesKey, m_controller.raceOptions().disabledStages);
    m_panel.showMessage({});
}

} // namespace pitwall
