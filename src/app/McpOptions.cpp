#include "McpOptions.h"

#include "mcp/LiveFeedServer.h"

#include <cstdio>

namespace pitwall {

LiveServerSettings withLiveServerFlags(LiveServerSettings base, quint16 mcpPort, const QString &mcpToken, quint16 wsPort)
{
    if (mcpPort) {
        base.mcpEnabled = true;
        base.mcpPort = mcpPort;
    }
    if (!mcpToken.isEmpty())
        base.mcpToken = mcpToken;
    if (wsPort) {
        base.feedEnabled = true;
        base.feedPort = wsPort;
    }
    return base;
}

std::unique_ptr<LiveServers> startLiveServers(const LiveServerSettings &settings, std::shared_ptr<AiServices> ai,
                                              bool printGeneratedToken, QString *error)
{
    auto servers = std::make_unique<LiveServers>(std::move(ai));
    if (auto applied = servers->apply(settings); !applied)
        *error = applied.error().message;
    if (servers->feedRunning())
        std::fprintf(stderr, "pitwall: live feed at ws://127.0.0.1:%u/live, overlay at http://127.0.0.1:%u/overlay\n",
                     unsigned(settings.feedPort), unsigned(settings.feedPort));
    if (servers->mcpRunning()) {
        std::fprintf(stderr, "pitwall: MCP server at http://127.0.0.1:%u/mcp\n", unsigned(settings.mcpPort));
        if (settings.mcpToken.isEmpty() && printGeneratedToken)
            std::fprintf(stderr, "pitwall: MCP bearer token (this run only): %s\n", qPrintable(servers->mcpToken()));
    }
    std::fflush(stderr);
    return servers;
}

} // namespace pitwall
