#pragma once
// Starts the live servers the command line and the saved settings ask for: the MCP server
// (--mcp-port, --mcp-token) and the WebSocket feed (--ws-port), over the race context.

#include "mcp/LiveServers.h"

#include <memory>

namespace pitwall {

// The flags on top of `base` (the saved settings in the window; nothing headless): a
// port given turns its server on there.
LiveServerSettings withLiveServerFlags(LiveServerSettings base, quint16 mcpPort, const QString &mcpToken, quint16 wsPort);

// Starts them and says where they are on stderr; a generated MCP token is printed there
// when `printGeneratedToken` (headless: the one place it is shown; the window shows it in
// its Live servers dialog). A server that cannot start is said in `error`; the others run.
std::unique_ptr<LiveServers> startLiveServers(const LiveServerSettings &settings, std::shared_ptr<AiServices> ai,
                                              bool printGeneratedToken, QString *error);

} // namespace pitwall
