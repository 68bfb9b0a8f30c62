#include "RaceEngineerLink.h"

#include "AskPanel.h"
#include "engineer/RaceEngineer.h"
#include "mcp/McpTools.h"
#include "pipeline/RaceSession.h"

namespace pitwall {

RaceEngineerLink::RaceEngineerLink(AskPanel &panel, QObject *parent)
    : QObject(parent)
    , m_panel(panel)
{
}

void RaceEngineerLink::rebuild(const SessionOptions &options)
{
    delete m_engineer;
    m_engineer = nullptr;
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
