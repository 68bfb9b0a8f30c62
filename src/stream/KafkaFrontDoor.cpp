#include "KafkaFrontDoor.h"

#include "KafkaWire.h"

#include <QtEndian>
#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <list>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace pitwall {

namespace {

constexpr int16_t kMessageTooLarge = 10;          // Kafka error code MESSAGE_TOO_LARGE
constexpr qint64 kMaxRewrittenResponse = 4 << 20; // a Metadata answer is a few KB
constexpr qsizetype kReadChunk = 64 * 1024;

void closeFd(int &fd)
{
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}

bool setNonBlocking(int fd)
{
    const int flags = ::fcntl(fd, F_GETFL, 0);
    return flags >= 0 && ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0;
}

// Bytes waiting to be written to a socket; written from `offset` so a large stream is
// not moved in memory on every partial write.
struct OutBuffer {
    QByteArray bytes;
    qsizetype offset = 0;

    qsizetype pending() const { return bytes.size() - offset; }
    void append(const QByteArray &more) { bytes.append(more); }
    void append(const char *data, qsizetype size) { bytes.append(data, size); }
    // false when the socket failed
    bool writeTo(int fd)
    {
        while (pending() > 0) {
            const ssize_t n = ::send(fd, bytes.constData() + offset, size_t(pending()), MSG_NOSIGNAL);
            if (n < 0)
                return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
            offset += n;
        }
        bytes.clear();
        offset = 0;
        return true;
    }
};

// One client's conversation with the broker. Kafka answers a connection's requests in
// order, so the answers still owed are a queue: each is either the broker's (passed on,
// ports rewritten where needed) or the front door's own refusal, sent when its turn comes.
struct Connection {
    struct Owed {
        int16_t apiKey = 0;
        int16_t apiVersion = 0;
        QByteArray ownAnswer; // set when the front door answers instead of the broker
    };
    int client = -1;
    int upstream = -1;
    QByteArray fromClient; // a request frame being read
    OutBuffer toUpstream;
    QByteArray fromUpstream; // a response header, or a whole response to rewrite
    qint64 streamingLeft = 0;
    OutBuffer toClient;
    std::deque<Owed> owed;

    ~Connection()
    {
        closeFd(client);
        closeFd(upstream);
    }
};

} // namespace

struct KafkaFrontDoor::Loop {
    Limits limits;
    int listener = -1;
    int wake = -1;
    sockaddr_in upstreamAddress{};
    int32_t upstreamPort = 0;
    int32_t ownPort = 0;
    std::list<Connection> connections;
    std::thread thread;

    std::atomic<quint64> connectionsMade{0};
    std::atomic<quint64> refusedProduce{0};
    std::atomic<quint64> refusedConnections{0};
    std::atomic<quint64> closedForOversize{0};
    std::atomic<quint64> closedForGarbage{0};

    ~Loop()
    {
        if (thread.joinable()) {
            const uint64_t one = 1;
            [[maybe_unused]] const auto written = ::write(wake, &one, sizeof one);
            thread.join();
        }
        connections.clear();
        closeFd(listener);
        closeFd(wake);
    }

    void run()
    {
        std::vector<pollfd> fds;
        std::vector<Connection *> owners; // fds[i] belongs to owners[i] (null: listener/wake)
        for (;;) {
            fds.clear();
            owners.clear();
            fds.push_back({wake, POLLIN, 0});
            fds.push_back({listener, POLLIN, 0});
            owners.assign(2, nullptr);
            for (auto &c : connections) {
                short clientEvents = 0, upstreamEvents = 0;
                // Read a side only while what it sends to the other side is not piling up.
                if (c.toUpstream.pending() < limits.maxBufferedBytes)
                    clientEvents |= POLLIN;
                if (c.toClient.pending() < limits.maxBufferedBytes)
                    upstreamEvents |= POLLIN;
                if (c.toClient.pending() > 0)
                    clientEvents |= POLLOUT;
                if (c.toUpstream.pending() > 0)
                    upstreamEvents |= POLLOUT;
                fds.push_back({c.client, clientEvents, 0});
                fds.push_back({c.upstream, upstreamEvents, 0});
                owners.push_back(&c);
                owners.push_back(&c);
            }
            if (::poll(fds.data(), nfds_t(fds.size()), 1000) < 0 && errno != EINTR)
                return;
            if (fds[0].revents)
                return;
            if (fds[1].revents & POLLIN)
                accept();
            std::vector<Connection *> broken;
            for (size_t i = 2; i < fds.size(); ++i) {
                if (!fds[i].revents)
                    continue;
                Connection &c = *owners[i];
                const bool isClient = fds[i].fd == c.client;
                if (!serve(c, isClient, fds[i].revents))
                    broken.push_back(&c);
            }
            connections.remove_if([&](const Connection &c) { return std::find(broken.begin(), broken.end(), &c) != broken.end(); });
        }
    }

    void accept()
    {
        const int fd = ::accept4(listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            return;
        if (int(connections.size()) >= limits.maxConnections) {
            ::close(fd);
            ++refusedConnections;
            return;
        }
        // The broker is on loopback in this process: connecting completes at once.
        const int upstream = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (upstream < 0 || ::connect(upstream, reinterpret_cast<const sockaddr *>(&upstreamAddress), sizeof upstreamAddress) < 0 ||
            !setNonBlocking(upstream)) {
            ::close(fd);
            if (upstream >= 0)
                ::close(upstream);
            return;
        }
        const int on = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        ::setsockopt(upstream, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        Connection &c = connections.emplace_back();
        c.client = fd;
        c.upstream = upstream;
        ++connectionsMade;
    }

    // false: close this connection
    bool serve(Connection &c, bool isClient, short events)
    {
        const int fd = isClient ? c.client : c.upstream;
        if (events & POLLOUT) {
            if (!(isClient ? c.toClient : c.toUpstream).writeTo(fd))
                return false;
        }
        if (events & (POLLIN | POLLHUP | POLLERR)) {
            char chunk[kReadChunk];
            const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
            if (n == 0)
                return false;
            if (n < 0)
                return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
            return isClient ? fromClient(c, chunk, n) : fromUpstream(c, chunk, n);
        }
        return true;
    }

    bool fromClient(Connection &c, const char *data, qsizetype size)
    {
        c.fromClient.append(data, size);
        while (c.fromClient.size() >= 4) {
            const int32_t frameSize = qFromBigEndian<int32_t>(c.fromClient.constData());
            if (frameSize < 0 || frameSize > limits.maxRequestBytes) {
                ++closedForOversize; // closed before the frame is read, let alone kept
                return false;
            }
            if (c.fromClient.size() < 4 + qsizetype(frameSize))
                return true;
            const QByteArray frame = c.fromClient.mid(4, frameSize);
            c.fromClient.remove(0, 4 + frameSize);
            if (!request(c, frame)) {
                ++closedForGarbage;
                return false;
            }
        }
        return true;
    }

    bool request(Connection &c, const QByteArray &frame)
    {
        const auto header = kafka_wire::readRequestHeader(frame);
        if (!header)
            return false;
        bool expectsAnswer = true;
        if (header->apiKey == kafka_wire::Produce) {
            const auto check = kafka_wire::inspectProduce(frame, *header);
            if (!check.parsed)
                return false;
            expectsAnswer = check.expectsResponse;
            if (check.largestRecord > limits.maxRecordBytes || check.largestCompressedBatch > limits.maxRecordBytes) {
                ++refusedProduce;
                if (expectsAnswer) {
                    const QByteArray why =
                        QStringLiteral("Pit Wall's embedded broker takes records of at most %1 bytes").arg(limits.maxRecordBytes).toUtf8();
                    c.owed.push_back(
                        {header->apiKey, header->apiVersion, kafka_wire::produceRefusal(*header, check, kMessageTooLarge, why)});
                    sendOwnAnswers(c);
                }
                return true;
            }
        }
        if (expectsAnswer)
            c.owed.push_back({header->apiKey, header->apiVersion, {}});
        char size[4];
        qToBigEndian<int32_t>(int32_t(frame.size()), size);
        c.toUpstream.append(size, 4);
        c.toUpstream.append(frame);
        return true;
    }

    void sendOwnAnswers(Connection &c)
    {
        while (!c.owed.empty() && !c.owed.front().ownAnswer.isEmpty()) {
            c.toClient.append(c.owed.front().ownAnswer);
            c.owed.pop_front();
        }
    }

    static bool needsRewrite(int16_t apiKey) { return apiKey == kafka_wire::Metadata || apiKey == kafka_wire::FindCoordinator; }

    bool fromUpstream(Connection &c, const char *data, qsizetype size)
    {
        c.fromUpstream.append(data, size);
        for (;;) {
            if (c.streamingLeft > 0) {
                const qsizetype n = std::min<qsizetype>(c.streamingLeft, c.fromUpstream.size());
                if (n == 0)
                    return true;
                c.toClient.append(c.fromUpstream.constData(), n);
                c.fromUpstream.remove(0, n);
                c.streamingLeft -= n;
                if (c.streamingLeft == 0)
                    answered(c);
                continue;
            }
            if (c.fromUpstream.size() < 4)
                return true;
            if (c.owed.empty())
                return false; // the broker answers a request nobody made
            const int32_t frameSize = qFromBigEndian<int32_t>(c.fromUpstream.constData());
            if (frameSize < 4)
                return false;
            const auto &next = c.owed.front();
            if (!needsRewrite(next.apiKey)) {
                c.toClient.append(c.fromUpstream.constData(), 4);
                c.fromUpstream.remove(0, 4);
                c.streamingLeft = frameSize;
                continue;
            }
            if (frameSize > kMaxRewrittenResponse)
                return false;
            if (c.fromUpstream.size() < 4 + qsizetype(frameSize))
                return true;
            QByteArray frame = c.fromUpstream.mid(4, frameSize);
            c.fromUpstream.remove(0, 4 + frameSize);
            // Unparsed, the answer would send the client round the front door: close instead.
            if (!kafka_wire::rewriteBrokerPorts(frame, next.apiKey, next.apiVersion, upstreamPort, ownPort))
                return false;
            char prefix[4];
            qToBigEndian<int32_t>(frameSize, prefix);
            c.toClient.append(prefix, 4);
            c.toClient.append(frame);
            answered(c);
        }
    }

    void answered(Connection &c)
    {
        c.owed.pop_front();
        sendOwnAnswers(c);
    }
};

KafkaFrontDoor::KafkaFrontDoor(std::unique_ptr<Loop> loop, QString bootstrap)
    : m_loop(std::move(loop))
    , m_bootstrap(std::move(bootstrap))
{
}

KafkaFrontDoor::~KafkaFrontDoor() = default;

Expected<std::unique_ptr<KafkaFrontDoor>> KafkaFrontDoor::start(const QString &upstream, Limits limits)
{
    const qsizetype colon = upstream.lastIndexOf(QLatin1Char(':'));
    bool portOk = false;
    const int port = colon > 0 ? upstream.mid(colon + 1).toInt(&portOk) : 0;
    QString host = upstream.left(colon);
    if (host == QLatin1String("localhost"))
        host = QStringLiteral("127.0.0.1");
    auto loop = std::make_unique<Loop>();
    loop->limits = limits;
    loop->upstreamAddress.sin_family = AF_INET;
    loop->upstreamAddress.sin_port = htons(uint16_t(port));
    if (!portOk || port <= 0 || port > 65535 || ::inet_pton(AF_INET, host.toLatin1().constData(), &loop->upstreamAddress.sin_addr) != 1)
        return Error{QStringLiteral("embedded broker front door: the broker's address %1 is not HOST:PORT on IPv4").arg(upstream)};
    loop->upstreamPort = port;

    loop->listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    loop->wake = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    sockaddr_in own{};
    own.sin_family = AF_INET;
    own.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t ownSize = sizeof own;
    if (loop->listener < 0 || loop->wake < 0 || !setNonBlocking(loop->listener) ||
        ::bind(loop->listener, reinterpret_cast<sockaddr *>(&own), sizeof own) < 0 || ::listen(loop->listener, 16) < 0 ||
        ::getsockname(loop->listener, reinterpret_cast<sockaddr *>(&own), &ownSize) < 0)
        return Error{
            QStringLiteral("embedded broker front door: cannot listen on loopback: %1").arg(QString::fromLocal8Bit(strerror(errno)))};
    loop->ownPort = ntohs(own.sin_port);
    const QString bootstrap = QStringLiteral("127.0.0.1:%1").arg(loop->ownPort);
    Loop *raw = loop.get();
    loop->thread = std::thread([raw] { raw->run(); });
    return std::unique_ptr<KafkaFrontDoor>(new KafkaFrontDoor(std::move(loop), bootstrap));
}

KafkaFrontDoor::Counts KafkaFrontDoor::counts() const
{
    Counts counts;
    counts.connections = m_loop->connectionsMade;
    counts.refusedProduceRequests = m_loop->refusedProduce;
    counts.refusedConnections = m_loop->refusedConnections;
    counts.closedForOversize = m_loop->closedForOversize;
    counts.closedForGarbage = m_loop->closedForGarbage;
    return counts;
}

} // namespace pitwall
