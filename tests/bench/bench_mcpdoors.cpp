// Resident memory of the MCP server under unauthorised bodies (issue 22, item 1): one
// 50 MB POST without a token, then three connections each sending a 150 MB body and
// staying open. The same clients against Pit Wall's MCP server (the bounded front) and,
// as the baseline in the same run, against a plain Qt 6.4 QHttpServer route that checks
// the token in its handler (what Pit Wall had before: the body is read before any check).
//   bench_mcpdoors [--single-mb 50] [--held-mb 150] [--held 3]
// Figures last: peak and settled resident growth for each, and their ratio.
#include "context/RaceContext.h"
#include "mcp/McpServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHttpServer>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QTest>
#include <QTimer>

#include <arpa/inet.h>
#include <atomic>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace pitwall;

namespace {

qint64 residentKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return -1;
}

// A blocking client on its own thread: sends a POST head declaring `bodyBytes`, then the
// body until the server stops taking it (a send blocked for 1 s) or it is all sent; keeps
// the connection open `holdMs`. Returns the bytes of body the kernel accepted.
qint64 sendUnauthorised(quint16 port, qint64 bodyBytes, int holdMs)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    timeval timeout{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    const QByteArray head = "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " +
                            QByteArray::number(bodyBytes) + "\r\n\r\n";
    ::send(fd, head.constData(), size_t(head.size()), MSG_NOSIGNAL);
    const std::vector<char> piece(256 * 1024, 'x');
    qint64 sent = 0;
    while (sent < bodyBytes) {
        const ssize_t n = ::send(fd, piece.data(), size_t(std::min<qint64>(qint64(piece.size()), bodyBytes - sent)), MSG_NOSIGNAL);
        if (n <= 0)
            break; // blocked for a second (the server reads no more) or closed
        sent += n;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(holdMs));
    ::close(fd);
    return sent;
}

struct Figures {
    qint64 peakKb = 0;
    qint64 settledKb = 0;
    qint64 bodySent = 0;
};

// Runs the clients while the server's event loop turns; samples resident memory.
Figures measure(quint16 port, qint64 singleBytes, qint64 heldBytes, int held)
{
    const qint64 base = residentKb();
    Figures figures;
    std::atomic<int> running{1 + held};
    std::atomic<qint64> sent{0};
    std::vector<std::thread> clients;
    clients.emplace_back([&] {
        sent += sendUnauthorised(port, singleBytes, 0);
        --running;
    });
    for (int i = 0; i < held; ++i)
        clients.emplace_back([&] {
            sent += sendUnauthorised(port, heldBytes, 3000);
            --running;
        });
    QElapsedTimer clock;
    clock.start();
    while (running > 0 && clock.elapsed() < 180'000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        figures.peakKb = std::max(figures.peakKb, residentKb() - base);
    }
    for (auto &client : clients)
        client.join();
    // Settled: a second after the clients left.
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < 1000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    figures.settledKb = residentKb() - base;
    figures.bodySent = sent;
    return figures;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({{"single-mb", "The unauthorised POST's size", "MB", "50"},
                       {"held-mb", "Each held connection's body", "MB", "150"},
                       {"held", "Held connections", "count", "3"}});
    parser.process(app);
    const qint64 single = parser.value("single-mb").toLongLong() * 1024 * 1024;
    const qint64 heldBytes = parser.value("held-mb").toLongLong() * 1024 * 1024;
    const int held = parser.value("held").toInt();
    const QString token = QStringLiteral("bench-token-0123456789abcdef");

    Figures bounded;
    {
        auto context = std::make_shared<RaceContext>();
        McpServer server(std::make_shared<McpTools>(context,
                                                    [](const QString &, int, McpTools::SearchDone done) { done(QJsonArray()); }),
                         token);
        const quint16 port = server.listen(0);
        bounded = measure(port, single, heldBytes, held);
    }
    Figures baseline;
    {
        // Before: the token checked in a QHttpServer route, after Qt has read the whole body.
        QHttpServer server;
        server.route(QStringLiteral("/mcp"), QHttpServerRequest::Method::Post, [&token](const QHttpServerRequest &request) {
            if (request.value("Authorization") != "Bearer " + token.toUtf8())
                return QHttpServerResponse(QHttpServerResponder::StatusCode::Unauthorized);
            return QHttpServerResponse(QHttpServerResponder::StatusCode::Ok);
        });
        const quint16 port = server.listen(QHostAddress::LocalHost, 0);
        baseline = measure(port, single, heldBytes, held);
    }

    std::printf("clients: one %lld MB POST without a token, %d connections sending %lld MB each and holding 3 s\n", single >> 20,
                held, heldBytes >> 20);
    std::printf("%-34s %14s %14s %16s\n", "server", "peak RSS +MB", "after +MB", "body taken MB");
    std::printf("%-34s %14.1f %14.1f %16.1f\n", "QHttpServer route (baseline)", baseline.peakKb / 1024.0,
                baseline.settledKb / 1024.0, baseline.bodySent / 1048576.0);
    std::printf("%-34s %14.1f %14.1f %16.1f\n", "McpServer (bounded front)", bounded.peakKb / 1024.0, bounded.settledKb / 1024.0,
                bounded.bodySent / 1048576.0);
    std::printf("peak resident growth, bounded / baseline: %.3f\n",
                baseline.peakKb > 0 ? double(std::max<qint64>(bounded.peakKb, 0)) / double(baseline.peakKb) : 0.0);
    return 0;
}
