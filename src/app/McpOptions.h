#pragma once
// Starts the MCP server (--mcp-port) over a race context that the races fill.

#include "core/Expected.h"

#include <QString>
#include <memory>

namespace pitwall {

class AiServices;
class McpServer;
class RaceContext;

struct McpStarted {
    std::shared_ptr<RaceContext> context;
    std::unique_ptr<McpServer> server;
};

// token empty: a generated one, printed on stderr (the one place it is shown).
Expected<McpStarted> startMcpServer(quint16 port, QString token, std::shared_ptr<AiServices> ai);

} // namespace pitwall
