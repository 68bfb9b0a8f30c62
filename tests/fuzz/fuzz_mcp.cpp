// The MCP server's JSON-RPC handling (mcp/McpServer::handleMessage), the same call its HTTP
// front makes for each message: the body parsed as JSON, then handled with a session. The
// tools read an empty race context and a search that finds nothing (no network).
#include "FuzzSupport.h"
#include "context/RaceContext.h"
#include "mcp/McpServer.h"
#include "mcp/McpTools.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace pitwall;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::initQt();
    static auto context = std::make_shared<RaceContext>();
    static McpServer server(std::make_shared<McpTools>(context,
                                                       [](const QString &, int, McpTools::SearchDone done) { done(QJsonArray{}); }),
                            QStringLiteral("fuzz-token"));
    QJsonParseError error;
    const auto document = QJsonDocument::fromJson(fuzz::bytes(data, size), &error);
    if (error.error != QJsonParseError::NoError)
        return 0;
    QString session;
    const QJsonValue message = document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    (void)server.handleMessage(message, &session);
    return 0;
}
