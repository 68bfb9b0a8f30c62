#pragma once
// The race's tools for AI agents, served over MCP: each with its JSON Schema, each
// answering from the live race context (and the commentary store for the search).

#include "core/Expected.h"

#include <QJsonArray>
#include <QJsonObject>
#include <functional>
#include <memory>

namespace pitwall {

class AiServices;
class RaceContext;

class McpTools {
public:
    // query, k -> [{message, score, race_id, timestamp}] (the vector search), answered
    // through `done` once, on any thread, without the caller waiting.
    using SearchDone = std::function<void(Expected<QJsonArray>)>;
    using Search = std::function<void(const QString &query, int k, SearchDone done)>;

    McpTools(std::shared_ptr<RaceContext> context, Search search);
    // The search over the AI services' commentary store, limited to the context's race.
    static Search commentarySearch(std::shared_ptr<AiServices> ai, std::weak_ptr<RaceContext> context, int timeoutMs = 10'000);

    // tools/list's "tools": name, description, inputSchema.
    QJsonArray definitions() const;

    struct Failure {
        enum class Kind { UnknownTool, BadArguments, ToolError } kind;
        QString message;
    };
    using Result = Expected<QJsonObject, Failure>;
    // The tool's result (the structured content) or why there is none. Blocks while the
    // search waits on the embedder: never from the GUI thread (the race engineer calls it
    // from a worker); servers use callAsync.
    Result call(const QString &name, const QJsonObject &arguments) const;
    // The same through `done`: at once for the tools that read the race context, on any
    // thread once the search has answered for search_commentary.
    void callAsync(const QString &name, const QJsonObject &arguments, std::function<void(Result)> done) const;

private:
    static QJsonArray toolDefinitions();
    std::optional<Failure> check(const QString &name, const QJsonObject &arguments) const;

    std::shared_ptr<RaceContext> m_context;
    Search m_search;
    QJsonArray m_definitions; // built once: every call checks its arguments against them
};

} // namespace pitwall
