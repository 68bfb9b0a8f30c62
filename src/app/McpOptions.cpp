#include "McpOptions.h"

#include "live/LiveFeedServer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pitwall {

namespace {

constexpr qint64 kMaxTokenFileBytes = 4096;
constexpr int kMinTokenLength = 16;

} // namespace

Expected<QString> resolveMcpToken(const QString &flagToken, const QString &tokenFile, const QProcessEnvironment &environment)
{
    QString token;
    QString from;
    if (!flagToken.isEmpty()) {
        token = flagToken;
        from = QStringLiteral("--mcp-token");
    } else if (!tokenFile.isEmpty()) {
        QFile file(tokenFile);
        if (!file.open(QIODevice::ReadOnly))
            return Error{QStringLiteral("--mcp-token-file: cannot read %1: %2").arg(tokenFile, file.errorString())};
        if (file.size() > kMaxTokenFileBytes)
            return Error{
                QStringLiteral("--mcp-token-file: %1 is larger than %2 bytes; it should hold the token only").arg(tokenFile).arg(kMaxTokenFileBytes)};
        token = QString::fromUtf8(file.read(kMaxTokenFileBytes)).section(QLatin1Char('\n'), 0, 0).trimmed();
        from = QStringLiteral("--mcp-token-file");
    } else {
        token = environment.value(QStringLiteral("PITWALL_MCP_TOKEN")).trimmed();
        from = QStringLiteral("PITWALL_MCP_TOKEN");
    }
    if (token.isEmpty() && from != QLatin1String("PITWALL_MCP_TOKEN"))
        return Error{QStringLiteral("%1 gives an empty token").arg(from)};
    if (!token.isEmpty() && token.size() < kMinTokenLength)
        return Error{QStringLiteral("%1 must be at least %2 characters").arg(from).arg(kMinTokenLength)};
    for (const QChar c : token)
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7f)
            return Error{QStringLiteral("%1 must be printable ASCII without spaces").arg(from)};
    return token;
}

Expected<QString> writeMcpTokenFile(const QString &token, const QString &path)
{
    QString target = path;
    if (target.isEmpty()) {
        QString base = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
        if (base.isEmpty())
            base = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
        target = base + QStringLiteral("/pitwall/mcp-token");
    }
    const QString folder = QFileInfo(target).absolutePath();
    if (!QDir().mkpath(folder))
        return Error{QStringLiteral("cannot make %1").arg(folder)};
    ::chmod(QFile::encodeName(folder).constData(), 0700);
    // Made 0600 from the start (never readable by others, not even for a moment), then renamed over.
    const QByteArray temporary = QFile::encodeName(target + QStringLiteral(".tmp"));
    ::unlink(temporary.constData());
    const int fd = ::open(temporary.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return Error{QStringLiteral("cannot write %1").arg(target)};
    const QByteArray bytes = token.toUtf8() + '\n';
    const bool written = ::write(fd, bytes.constData(), size_t(bytes.size())) == bytes.size() && ::fsync(fd) == 0;
    ::close(fd);
    if (!written || ::rename(temporary.constData(), QFile::encodeName(target).constData()) != 0) {
        ::unlink(temporary.constData());
        return Error{QStringLiteral("cannot write %1").arg(target)};
    }
    return target;
}

LiveServerSettings withLiveServerFlags(LiveServerSettings base, quint16 mcpPort, const QString &mcpToken, quint16 wsPort, int wsMaxClients)
{
    if (wsMaxClients > 0)
        base.feedMaxClients = wsMaxClients;
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
        if (settings.mcpToken.isEmpty() && printGeneratedToken) {
            // Never on stderr: terminals, logs and CI keep it. In a file only this user reads.
            if (const auto written = writeMcpTokenFile(servers->mcpToken()))
                std::fprintf(stderr, "pitwall: MCP bearer token (this run only) in %s\n", qPrintable(written.value()));
            else
                std::fprintf(stderr, "pitwall: MCP bearer token not shown (%s); give one with --mcp-token-file or PITWALL_MCP_TOKEN\n",
                             qPrintable(written.error().message));
        }
    }
    std::fflush(stderr);
    return servers;
}

} // namespace pitwall
