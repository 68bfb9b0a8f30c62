#include "LiveServers.h"

#include "LiveFeedServer.h"
#include "mcp/McpServer.h"
#include "mcp/McpTools.h"
#include "context/RaceContext.h"

#include <QSettings>

namespace pitwall {

namespace {

quint16 portSetting(QSettings &settings, const QString &key, quint16 fallback)
{
    bool ok = false;
    const int port = settings.value(key, fallback).toInt(&ok);
    return ok && port >= 1 && port <= 65535 ? quint16(port) : fallback; // a hand-edited file can say anything
}

} // namespace

LiveServerSettings LiveServerSettings::load(QSettings &settings)
{
    LiveServerSettings loaded;
    loaded.mcpEnabled = settings.value(QStringLiteral("live/mcpEnabled"), false).toBool();
    loaded.mcpPort = portSetting(settings, QStringLiteral("live/mcpPort"), loaded.mcpPort);
    loaded.feedEnabled = settings.value(QStringLiteral("live/feedEnabled"), false).toBool();
    loaded.feedPort = portSetting(settings, QStringLiteral("live/feedPort"), loaded.feedPort);
    bool ok = false;
    const int maxClients = settings.value(QStringLiteral("live/feedMaxClients"), loaded.feedMaxClients).toInt(&ok);
    if (ok && maxClients >= 1 && maxClients <= 1000)
        loaded.feedMaxClients = maxClients;
    return loaded;
}

void LiveServerSettings::save(QSettings &settings) const
{
    settings.setValue(QStringLiteral("live/mcpEnabled"), mcpEnabled);
    settings.setValue(QStringLiteral("live/mcpPort"), mcpPort);
    settings.setValue(QStringLiteral("live/feedEnabled"), feedEnabled);
    settings.setValue(QStringLiteral("live/feedPort"), feedPort);
    settings.setValue(QStringLiteral("live/feedMaxClients"), feedMaxClients);
}

LiveServers::LiveServers(std::shared_ptr<AiServices> ai)
    : m_ai(std::move(ai))
    , m_context(std::make_shared<RaceContext>())
    , m_token(McpServer::generateToken())
{
}

LiveServers::~LiveServers() = default;

std::shared_ptr<McpTools> LiveServers::tools() const
{
    return std::make_shared<McpTools>(m_context, McpTools::commentarySearch(m_ai, m_context));
}

void LiveServers::setAiServices(std::shared_ptr<AiServices> ai)
{
    if (!ai || ai == m_ai)
        return;
    m_ai = std::move(ai);
    if (m_mcp)
        m_mcp->setTools(tools());
}

Expected<bool> LiveServers::apply(const LiveServerSettings &settings)
{
    QStringList errors;
    const QString token = settings.mcpToken.isEmpty() ? m_token : settings.mcpToken;
    const bool mcpChanged = settings.mcpEnabled != bool(m_mcp) || settings.mcpPort != m_settings.mcpPort || token != m_token;
    if (mcpChanged) {
        m_mcp.reset();
        m_token = token;
        if (settings.mcpEnabled) {
            auto server = std::make_unique<McpServer>(tools(), m_token);
            if (server->listen(settings.mcpPort))
                m_mcp = std::move(server);
            else
                errors << QStringLiteral("the MCP server cannot listen on 127.0.0.1:%1 (in use?)").arg(settings.mcpPort);
        }
    }
    if (settings.feedEnabled != bool(m_feed) || settings.feedPort != m_settings.feedPort ||
        settings.feedMaxClients != m_settings.feedMaxClients) {
        m_feed.reset();
        if (settings.feedEnabled) {
            FeedBacklogLimits limits;
            limits.maxClients = settings.feedMaxClients;
            auto feed = std::make_unique<LiveFeedServer>(m_context, 10, limits);
            if (feed->listen(settings.feedPort))
                m_feed = std::move(feed);
            else
                errors << QStringLiteral("the live feed cannot listen on 127.0.0.1:%1 (in use?)").arg(settings.feedPort);
        }
    }
    m_settings = settings;
    m_settings.mcpToken = m_token;
    if (!errors.isEmpty())
        return Error{errors.join(QStringLiteral("; "))};
    return true;
}

} // namespace pitwall
