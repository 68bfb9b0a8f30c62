#pragma once
// Starts the MCP server (--mcp-port) and the WebSocket feed (--ws-port) over a race
// context that the races fill.

#include "core/Expected.h"

#include <QString>
#include <memory>

namespace pitwall {

class AiServices;
class McpServer;
class RaceContext;

class LiveFeedServer;

struct McpStarted {
    std::shared_ptr<RaceContext> context;
    std::unique_ptr<McpServer> server;   // with --mcp-port
    std::unique_ptr<LiveFeedServer> feed; // with --ws-port
    ~McpStarted();
    McpStarted();
    McpStarted(McpStarted &&) noexcept;
    McpStarted &operator=(McpStarted &&) noexcept;
};

// mcpPort 0: no MCP server; token empty: a generated one, printed on stderr (the one
// place it is shown). wsPort 0: no WebSocket feed.
Expected<McpStarted> startLiveServers(quint16 mcpPort, QString token, quint16 wsPort, std::shared_ptr<AiServices> ai);

} // namespace pitwall
