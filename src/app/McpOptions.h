#pragma once
// Starts the live servers the command line and the saved settings ask for: the MCP server
// (--mcp-port, --mcp-token-file or PITWALL_MCP_TOKEN, --mcp-token) and the WebSocket feed
// (--ws-port, --ws-max-clients), over the race context.

#include "core/Expected.h"
#include "live/LiveServers.h"

#include <QProcessEnvironment>
#include <memory>

namespace pitwall {

// The MCP token the user gave, from the first of: --mcp-token (visible to every local user
// in /proc/PID/cmdline: the others are preferred), --mcp-token-file (its first line), the
// environment's PITWALL_MCP_TOKEN. Empty: none given. At least 16 characters.
Expected<QString> resolveMcpToken(const QString &flagToken, const QString &tokenFile, const QProcessEnvironment &environment);

// A generated token written where only this user can read it (0600, in a 0700 folder):
// $XDG_RUNTIME_DIR/pitwall/mcp-token (or the user's data folder). Returns the path.
Expected<QString> writeMcpTokenFile(const QString &token, const QString &path = {});

// The flags on top of `base` (the saved settings in the window; nothing headless): a
// port given turns its server on there.
LiveServerSettings withLiveServerFlags(LiveServerSettings base, quint16 mcpPort, const QString &mcpToken, quint16 wsPort,
                                       int wsMaxClients = 0);

// Starts them and says where they are on stderr; a generated MCP token is written to a
// 0600 file whose path is printed there when `printGeneratedToken` (headless; the window
// shows the token in its Live servers dialog). The token itself is never printed. A server that cannot start is said in `error`; the others run.
std::unique_ptr<LiveServers> startLiveServers(const LiveServerSettings &settings, std::shared_ptr<AiServices> ai,
                                              bool printGeneratedToken, QString *error);

} // namespace pitwall
