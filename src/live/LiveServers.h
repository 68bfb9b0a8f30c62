#pragma once
// The live race for other programs: the MCP server for AI agents and the WebSocket feed
// for overlays, over one race context that the races fill. Both are off unless enabled
// (settings or flags) and can be switched while the app runs.

#include "core/Expected.h"

#include <QString>
#include <memory>

class QSettings;

namespace pitwall {

class AiServices;
class LiveFeedServer;
class McpServer;
class McpTools;
class RaceContext;

struct LiveServerSettings {
    bool mcpEnabled = false;
    quint16 mcpPort = 8765;
    QString mcpToken; // empty: a random one for this run (never saved in settings)
    bool feedEnabled = false;
    quint16 feedPort = 8766;
    int feedMaxClients = 32; // live feed clients at once (--ws-max-clients)

    // live/mcpEnabled, live/mcpPort, live/feedEnabled, live/feedPort, live/feedMaxClients (not the token).
    static LiveServerSettings load(QSettings &settings);
    void save(QSettings &settings) const;
};

class LiveServers {
public:
    explicit LiveServers(std::shared_ptr<AiServices> ai);
    ~LiveServers();

    // Starts, stops or restarts each server to match `settings`. On an error (a port in
    // use) the other server is still applied; the message names what failed.
    Expected<bool> apply(const LiveServerSettings &settings);

    // The MCP tools search the commentary with these from now on (the setup changed them);
    // the server keeps listening, its sessions kept.
    void setAiServices(std::shared_ptr<AiServices> ai);
    McpServer *mcp() const { return m_mcp.get(); }

    const LiveServerSettings &settings() const { return m_settings; }
    // The token the MCP server checks (the generated one when none was given).
    QString mcpToken() const { return m_token; }
    bool mcpRunning() const { return bool(m_mcp); }
    bool feedRunning() const { return bool(m_feed); }
    std::shared_ptr<RaceContext> context() const { return m_context; }
    LiveFeedServer *feed() const { return m_feed.get(); }

private:
    std::shared_ptr<McpTools> tools() const; // the MCP tools over this race context and these AI services

    std::shared_ptr<AiServices> m_ai;
    std::shared_ptr<RaceContext> m_context;
    std::unique_ptr<McpServer> m_mcp;
    std::unique_ptr<LiveFeedServer> m_feed;
    LiveServerSettings m_settings;
    QString m_token;
};

} // namespace pitwall
