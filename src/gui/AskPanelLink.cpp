#include "AskPanelLink.h"

#include "AskPanel.h"
#include "aiservices/AiServices.h"
#include "control/RaceController.h"
#include "engineer/RaceEngineer.h"
#include "mcp/McpTools.h"

namespace pitwall {

AskPanelLink::AskPanelLink(AskPanel &panel, RaceController &controller, QObject *parent)
    : QObject(parent)
    , m_panel(panel)
    , m_controller(controller)
{
    connect(&m_panel, &AskPanel::askRequested, this, &AskPanelLink::ask);
    m_panel.setModelDescription(tr("Searches the commentary by meaning with the offline embedder."));
    rebuildEngineer();
}

void AskPanelLink::ask(const QString &question, bool thisRaceOnly)
{
    if (!m_controller.kafka().isReady()) {
        m_panel.showError(tr("Kafka is not ready yet."));
        return;
    }
    m_controller.ask(question, thisRaceOnly, [this](const Expected<CommentaryQueryResult> &answer) {
        if (answer)
            m_panel.showResult(answer.value());
        else
            m_panel.showError(answer.error().message);
    });
}

void AskPanelLink::servicesChanged()
{
    const auto &ai = *m_controller.aiServices();
    m_panel.setModelDescription(
        ai.hasLlm()
            ? tr("Searches the commentary by meaning (%1); %2 writes an answer from the matches.").arg(ai.embedderLabel(), ai.llmLabel())
            : tr("Searches the commentary by meaning (%1). Configure an LLM for written answers.").arg(ai.embedderLabel()));
    rebuildEngineer();
}

void AskPanelLink::rebuildEngineer()
{
    delete m_engineer;
    m_engineer = nullptr;
    const auto &options = m_controller.raceOptions();
    if (!options.ai || !options.context) {
        m_panel.setEngineerUnavailableReason(tr("The race engineer reads the live race; it has no race context in this window."));
        return;
    }
    auto tools = std::make_shared<McpTools>(options.context, McpTools::commentarySearch(options.ai, options.context));
    m_engineer = new RaceEngineer(options.ai, std::move(tools), this);
    m_panel.setEngineerUnavailableReason(m_engineer->unavailableReason());
    connect(&m_panel, &AskPanel::engineerAsked, m_engineer, &RaceEngineer::ask);
    connect(&m_panel, &AskPanel::startOverRequested, m_engineer, &RaceEngineer::startOver);
    connect(m_engineer, &RaceEngineer::toolCalled, &m_panel, &AskPanel::showToolCall);
    connect(m_engineer, &RaceEngineer::answered, &m_panel, &AskPanel::showEngineerAnswer);
    connect(m_engineer, &RaceEngineer::failed, &m_panel, &AskPanel::showEngineerError);
}

} // namespace pitwall
