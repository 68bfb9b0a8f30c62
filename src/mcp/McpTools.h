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
    // query, k -> [{message, score, race_id, timestamp}] (the vector search)
    using Search = std::function<Expected<QJsonArray>(const QString &query, int k)>;

    McpTools(std::shared_ptr<RaceContext> context, Search search);
    // The search over the AI services' commentary store, limited to the context's race.
    static Search commentarySearch(std::shared_ptr<AiServices> ai, std::weak_ptr<RaceContext> context, int timeoutMs = 10'000);

    // tools/list's "tools": name, description, inputSchema.
    QJsonArray definitions() const;

    struct Failure {
        enum class Kind { UnknownTool, BadArguments, ToolError } kind;
        QString message;
    };
    // The tool's result (the structured content) or why there is none.
    Expected<QJsonObject, Failure> call(const QString &name, const QJsonObject &arguments) const;

private:
    static QJsonArray toolDefinitions();

    std::shared_ptr<RaceContext> m_context;
    Search m_search;
    QJsonArray m_definitions; // built once: every call checks its arguments against them
};

} // namespace pitwall
