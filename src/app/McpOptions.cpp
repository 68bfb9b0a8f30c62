#include "McpOptions.h"

#include "context/RaceContext.h"
#include "mcp/McpServer.h"
#include "pipeline/AiServices.h"

#include <cstdio>

namespace pitwall {

Expected<McpStarted> startMcpServer(quint16 port, QString token, std::shared_ptr<AiServices> ai)
{
    McpStarted started;
    started.context = std::make_shared<RaceContext>();
    const bool generated = token.isEmpty();
    if (generated)
        token = McpServer::generateToken();
    std::weak_ptr<RaceContext> context = started.context;
    auto search = [ai, context](const QString &query, int k) -> Expected<QJsonArray> {
        const auto live = context.lock();
        auto found = ai->searchCommentary(query, k, live ? live->raceId() : QString(), 10'000);
        if (!found)
            return found.error();
        QJsonArray results;
        for (const auto &match : found.value())
            results.append(QJsonObject{{"message", match.line.message}, {"score", match.score}, {"race_id", match.line.raceId},
                                       {"timestamp", match.line.timestampMs}, {"source", match.line.source}});
        return results;
    };
    started.server = std::make_unique<McpServer>(std::make_shared<McpTools>(started.context, search), token);
    if (started.server->listen(port) == 0)
        return Error{QStringLiteral("the MCP server cannot listen on 127.0.0.1:%1 (in use?)").arg(port)};
    std::fprintf(stderr, "pitwall: MCP server at http://127.0.0.1:%u/mcp\n", unsigned(port));
    if (generated)
        std::fprintf(stderr, "pitwall: MCP bearer token (this run only): %s\n", qPrintable(token));
    std::fflush(stderr);
    return started;
}

} // namespace pitwall
