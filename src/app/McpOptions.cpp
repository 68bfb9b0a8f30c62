#include "McpOptions.h"

#include "context/RaceContext.h"
#include "mcp/LiveFeedServer.h"
#include "mcp/McpServer.h"
#include "pipeline/AiServices.h"

#include <cstdio>

namespace pitwall {

McpStarted::McpStarted() = default;
McpStarted::~McpStarted() = default;
McpStarted::McpStarted(McpStarted &&) noexcept = default;
McpStarted &McpStarted::operator=(McpStarted &&) noexcept = default;

Expected<McpStarted> startLiveServers(quint16 port, QString token, quint16 wsPort, std::shared_ptr<AiServices> ai)
{
    McpStarted started;
    started.context = std::make_shared<RaceContext>();
    if (wsPort) {
        started.feed = std::make_unique<LiveFeedServer>(started.context);
        if (started.feed->listen(wsPort) == 0)
            return Error{QStringLiteral("the live feed cannot listen on 127.0.0.1:%1 (in use?)").arg(wsPort)};
        std::fprintf(stderr, "pitwall: live feed at ws://127.0.0.1:%u/live, overlay at http://127.0.0.1:%u/overlay\n",
                     unsigned(wsPort), unsigned(wsPort));
    }
    if (!port)
        return started;
    const bool generated = token.isEmpty();
    if (generated)
        token = McpServer::generateToken();
    started.server = std::make_unique<McpServer>(std::make_shared<McpTools>(started.context, McpTools::commentarySearch(ai, started.context)), token);
    if (started.server->listen(port) == 0)
        return Error{QStringLiteral("the MCP server cannot listen on 127.0.0.1:%1 (in use?)").arg(port)};
    std::fprintf(stderr, "pitwall: MCP server at http://127.0.0.1:%u/mcp\n", unsigned(port));
    if (generated)
        std::fprintf(stderr, "pitwall: MCP bearer token (this run only): %s\n", qPrintable(token));
    std::fflush(stderr);
    return started;
}

} // namespace pitwall
