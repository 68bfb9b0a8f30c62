#include "BoundedHttpServer.h"

#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <sys/socket.h>

namespace pitwall {

namespace {

// What one connection holds unparsed at most; the socket's own buffer is capped the same,
// so a sender that outruns us waits in its kernel, not in our memory.
constexpr qint64 kInputChunkBytes = 64 * 1024;
constexpr int kMaxChunkLineBytes = 1024;
constexpr int kLingerMs = 2000; // after a refusal: time for the sender to read it before the close
// What a refused sender may still push meanwhile, read into nothing (so that closing does
// not reset the connection under its answer); past it, nothing more is read at all.
constexpr qint64 kMaxDiscardBytes = 1024 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
        if (!ok)
            return false;
    }
    return true;
}

HttpResponse plain(int status, const QByteArray &text)
{
    return {status, QByteArrayLiteral("text/plain; charset=utf-8"), text + '\n', {}};
}

} // namespace

bool isLocalOrigin(const QByteArray &origin)
{
    if (origin.isEmpty())
        return true;
    const QString host = QUrl(QString::fromLatin1(origin)).host();
    return host == QLatin1String("localhost") || host == QLatin1String("127.0.0.1") || host == QLatin1String("::1");
}

QByteArray HttpRequest::value(QByteArrayView name) const
{
    for (const auto &[key, value] : headers)
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

QByteArray BoundedHttpServer::serialise(const HttpResponse &response, bool close)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    const bool hasBody = response.status != 204 && response.status >= 200;
    if (hasBody) {
        if (!response.contentType.isEmpty())
            out += "Content-Type: " + response.contentType + "\r\n";
        out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    }
    for (const auto &[name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    if (close)
        out += "Connection: close\r\n";
    out += "\r\n";
    if (hasBody)
        out += response.body;
    return out;
}

// One client's socket: reads requests one at a time through a small state machine.
class BoundedHttpServer::Connection : public QObject {
public:
    Connection(BoundedHttpServer *server, quint64 id, QTcpSocket *socket)
        : m_server(server)
        , m_id(id)
        , m_socket(socket)
    {
        m_socket->setParent(this);
        m_socket->setReadBufferSize(kInputChunkBytes);
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, &Connection::timedOut);
        connect(m_socket, &QTcpSocket::readyRead, this, &Connection::pump);
        connect(m_socket, &QTcpSocket::bytesWritten, this, &Connection::written);
        connect(m_socket, &QTcpSocket::disconnected, this, [this] { m_server->forget(m_id); });
        m_timer.start(m_server->m_limits.idleTimeoutMs);
    }

    void respond(const HttpResponse &response)
    {
        if (m_state != State::Waiting)
            return;
        send(response, m_closeAfter);
        if (m_state == State::Closing)
            return;
        m_state = State::Head;
        m_request = {};
        m_requestStarted = false;
        m_timer.start(m_server->m_limits.idleTimeoutMs);
        pump(); // a request sent right behind this one (pipelined) is already here
    }

private:
    enum class State { Head, Body, ChunkSize, ChunkData, ChunkEnd, Trailers, Waiting, Closing, HandedOff };

    const HttpLimits &limits() const { return m_server->m_limits; }

    void pump()
    {
        for (;;) {
            if (m_state == State::Closing) {
                const qint64 skip = std::min(m_socket->bytesAvailable(), kMaxDiscardBytes - m_discarded);
                if (skip > 0)
                    m_discarded += m_socket->skip(skip); // a refused body is read into nothing, up to a limit
                return;
            }
            if (m_state == State::Waiting || m_state == State::HandedOff)
                return;
            if (m_state == State::Head && !m_requestStarted && (!m_in.isEmpty() || m_socket->bytesAvailable() > 0)) {
                m_requestStarted = true;
                m_timer.start(limits().requestTimeoutMs); // not restarted by each byte: a slow sender runs out
            }
            if (m_state == State::Head && m_in.isEmpty()) {
                // The head is looked at where it lies, so that an upgrade (WebSocket) can be
                // handed on with it unread.
                const QByteArray peeked = m_socket->peek(limits().maxHeadBytes + 4);
                const qsizetype end = peeked.indexOf("\r\n\r\n");
                if (end < 0) {
                    if (peeked.size() >= limits().maxHeadBytes + 4)
                        refuse(plain(431, "request head over " + QByteArray::number(limits().maxHeadBytes) + " bytes"),
                               &HttpRefusals::malformed);
                    return;
                }
                if (!readHead(peeked.left(end)))
                    return;
                if (m_server->m_upgrade && !m_request.value("Upgrade").isEmpty())
                    return handOff();
                m_socket->skip(end + 4);
                afterHead();
                continue;
            }
            if (m_in.size() < kInputChunkBytes && m_socket->bytesAvailable() > 0)
                m_in += m_socket->read(kInputChunkBytes - m_in.size());
            const qsizetype before = m_in.size();
            const State stateBefore = m_state;
            parse();
            const bool progressed = m_in.size() != before || m_state != stateBefore;
            if (!progressed && (m_socket->bytesAvailable() == 0 || m_in.size() >= kInputChunkBytes))
                return;
        }
    }

    void parse()
    {
        switch (m_state) {
        case State::Head: return parseHead();
        case State::Body:
            if (takeBody())
                dispatch();
            return;
        case State::ChunkSize: {
            const qsizetype end = m_in.indexOf("\r\n");
            if (end < 0) {
                if (m_in.size() > kMaxChunkLineBytes)
                    refuse(plain(400, "bad chunk size line"), &HttpRefusals::malformed);
                return;
            }
            QByteArray line = m_in.left(end);
            m_in.remove(0, end + 2);
            if (const qsizetype semicolon = line.indexOf(';'); semicolon >= 0)
                line.truncate(semicolon); // chunk extensions are ignored
            line = line.trimmed();
            bool ok = false;
            const qint64 size = line.size() <= 15 ? line.toLongLong(&ok, 16) : -1;
            if (!ok || size < 0)
                return refuse(plain(400, "bad chunk size"), &HttpRefusals::malformed);
            if (size == 0) {
                m_state = State::Trailers;
                return;
            }
            if (m_request.body.size() + size > limits().maxBodyBytes)
                return refuse(plain(413, "body over " + QByteArray::number(limits().maxBodyBytes) + " bytes"), &HttpRefusals::tooLarge);
            m_bodyLeft = size;
            m_state = State::ChunkData;
            return;
        }
        case State::ChunkData:
            if (takeBody())
                m_state = State::ChunkEnd;
            return;
        case State::ChunkEnd:
            if (m_in.size() < 2)
                return;
            if (!m_in.startsWith("\r\n"))
                return refuse(plain(400, "chunk not ended by CRLF"), &HttpRefusals::malformed);
            m_in.remove(0, 2);
            m_state = State::ChunkSize;
            return;
        case State::Trailers: {
            const qsizetype end = m_in.indexOf("\r\n");
            if (end < 0) {
                if (m_in.size() > limits().maxHeadBytes)
                    refuse(plain(431, "trailers too large"), &HttpRefusals::malformed);
                return;
            }
            m_trailerBytes += end + 2;
            m_in.remove(0, end + 2);
            if (m_trailerBytes > limits().maxHeadBytes)
                return refuse(plain(431, "trailers too large"), &HttpRefusals::malformed);
            if (end == 0) // the empty line: the message is whole (trailer fields are dropped)
                dispatch();
            return;
        }
        case State::Waiting:
        case State::Closing:
        case State::HandedOff: return;
        }
    }

    // Moves what has come of the body (or of the current chunk) into the request; true
    // once all m_bodyLeft bytes are in.
    bool takeBody()
    {
        const qint64 take = std::min<qint64>(m_bodyLeft, m_in.size());
        m_request.body += m_in.left(take);
        m_in.remove(0, take);
        m_bodyLeft -= take;
        return m_bodyLeft == 0;
    }

    // A request that came right behind the last one's body (pipelined): its head is in m_in.
    void parseHead()
    {
        const qsizetype end = m_in.indexOf("\r\n\r\n");
        if (end < 0 || end > limits().maxHeadBytes) {
            if (m_in.size() > limits().maxHeadBytes + 3)
                refuse(plain(431, "request head over " + QByteArray::number(limits().maxHeadBytes) + " bytes"), &HttpRefusals::malformed);
            return;
        }
        const QByteArray head = m_in.left(end);
        m_in.remove(0, end + 4);
        if (readHead(head))
            afterHead();
    }

    // The request line and the headers into m_request; false (and refused) when malformed.
    bool readHead(const QByteArray &head)
    {
        m_trailerBytes = 0;
        const QList<QByteArray> lines = head.split('\n');
        const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
        if (requestLine.size() != 3 || !isToken(requestLine[0]) || !requestLine[1].startsWith('/') ||
            (requestLine[2] != "HTTP/1.1" && requestLine[2] != "HTTP/1.0"))
            return refuse(plain(400, "not an HTTP/1.x request line"), &HttpRefusals::malformed), false;
        m_request.method = requestLine[0];
        m_request.path = requestLine[1].split('?').first(); // without the query
        m_request.version = requestLine[2];
        if (lines.size() - 1 > limits().maxHeaders)
            return refuse(plain(431, "more than " + QByteArray::number(limits().maxHeaders) + " headers"), &HttpRefusals::malformed),
                   false;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            QByteArray line = lines[i];
            if (line.endsWith('\r'))
                line.chop(1);
            const qsizetype colon = line.indexOf(':');
            // No folded lines, no space before the colon (RFC 9112 §5): both are smuggling tools.
            if (colon <= 0 || !isToken(QByteArrayView(line).first(colon)))
                return refuse(plain(400, "malformed header line"), &HttpRefusals::malformed), false;
            m_request.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
        }
        return true;
    }

    // The head is read: how the body is framed, whether it may come in, then the body.
    void afterHead()
    {
        const QByteArray transferEncoding = m_request.value("Transfer-Encoding").trimmed().toLower();
        QByteArray length;
        for (const auto &[name, value] : m_request.headers) {
            if (name.compare("Content-Length", Qt::CaseInsensitive) != 0)
                continue;
            if (!length.isNull() && value != length)
                return refuse(plain(400, "conflicting Content-Length headers"), &HttpRefusals::malformed);
            length = value;
        }
        bool chunked = false;
        qint64 declared = 0;
        if (!transferEncoding.isEmpty()) {
            if (!length.isNull())
                return refuse(plain(400, "both Content-Length and Transfer-Encoding"), &HttpRefusals::malformed);
            if (transferEncoding != "chunked")
                return refuse(plain(501, "only the chunked transfer coding is understood"), &HttpRefusals::malformed);
            chunked = true;
        } else if (!length.isNull()) {
            bool ok = !length.isEmpty() && length.size() <= 18;
            for (char c : length)
                ok = ok && c >= '0' && c <= '9';
            declared = ok ? length.toLongLong(&ok) : -1;
            if (!ok || declared < 0)
                return refuse(plain(400, "bad Content-Length"), &HttpRefusals::malformed);
        }

        const QByteArray connection = m_request.value("Connection").toLower();
        m_closeAfter = connection.contains("close") || (m_request.version == "HTTP/1.0" && !connection.contains("keep-alive"));

        // Who asks, from where: decided before one byte of the body is read.
        if (auto refused = m_server->m_gate(m_request)) {
            ++m_server->m_refusals.byGate;
            return send(*refused, true);
        }
        if (declared > limits().maxBodyBytes)
            return refuse(plain(413, "body over " + QByteArray::number(limits().maxBodyBytes) + " bytes"), &HttpRefusals::tooLarge);
        if (m_request.value("Expect").compare("100-continue", Qt::CaseInsensitive) == 0 && (chunked || declared > 0))
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        if (chunked) {
            m_state = State::ChunkSize;
        } else if (declared > 0) {
            m_bodyLeft = declared;
            m_request.body.reserve(declared);
            m_state = State::Body;
        } else {
            dispatch();
        }
    }

    // An upgrade the gate let through goes on with its socket, its head still unread.
    void handOff()
    {
        if (auto refused = m_server->m_gate(m_request)) {
            ++m_server->m_refusals.byGate;
            return send(*refused, true);
        }
        m_state = State::HandedOff;
        m_timer.stop();
        m_socket->disconnect(this);
        m_socket->setParent(nullptr);
        m_socket->setReadBufferSize(0);
        QTcpSocket *socket = m_socket;
        const HttpRequest head = m_request;
        m_server->forget(m_id);
        m_server->m_upgrade(head, socket);
    }

    void dispatch()
    {
        m_state = State::Waiting;
        m_timer.stop(); // the handler's time is not the sender's
        QPointer<BoundedHttpServer> server(m_server);
        const quint64 id = m_id;
        m_server->m_handler(m_request, [server, id](HttpResponse response) {
            if (!server)
                return;
            const auto found = server->m_connections.find(id);
            if (found != server->m_connections.end())
                found->second->respond(response);
        });
    }

    void refuse(const HttpResponse &response, quint64 HttpRefusals::*counter)
    {
        ++(m_server->m_refusals.*counter);
        send(response, true);
    }

    // With `close`, the rest of what the sender sends is read into nothing until it has had
    // time to read the answer (closing with unread data would reset the connection and
    // could lose the answer on its way).
    void send(const HttpResponse &response, bool close)
    {
        m_socket->write(serialise(response, close));
        if (!close)
            return;
        m_state = State::Closing;
        m_in.clear();
        m_in.squeeze();
        m_request = {};
        m_timer.start(kLingerMs);
        written();
    }

    void written()
    {
        if (m_state == State::Closing && m_socket->bytesToWrite() == 0 && !m_halfClosed) {
            m_halfClosed = true;
            ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
        }
    }

    void timedOut()
    {
        if (m_state == State::Waiting || m_state == State::HandedOff)
            return;
        if (m_state != State::Closing) {
            ++m_server->m_refusals.timedOut;
            if (m_requestStarted) {
                send(plain(408, "request not complete in time"), true);
                return;
            }
        }
        m_socket->abort();
        m_server->forget(m_id);
    }

    BoundedHttpServer *m_server;
    quint64 m_id;
    QTcpSocket *m_socket;
    QTimer m_timer;
    State m_state = State::Head;
    QByteArray m_in;
    HttpRequest m_request;
    qint64 m_bodyLeft = 0;
    qint64 m_trailerBytes = 0;
    bool m_requestStarted = false;
    bool m_closeAfter = false;
    bool m_halfClosed = false;
    qint64 m_discarded = 0;
};

BoundedHttpServer::BoundedHttpServer(Gate gate, Handler handler, HttpLimits limits, QObject *parent)
    : QObject(parent)
    , m_gate(std::move(gate))
    , m_handler(std::move(handler))
    , m_limits(limits)
    , m_server(std::make_unique<QTcpServer>())
{
    connect(m_server.get(), &QTcpServer::newConnection, this, &BoundedHttpServer::accept);
}

BoundedHttpServer::~BoundedHttpServer()
{
    auto connections = std::move(m_connections);
    for (auto &[id, connection] : connections) {
        connection->disconnect();
        delete connection;
    }
}

quint16 BoundedHttpServer::listen(const QHostAddress &address, quint16 port)
{
    return m_server->listen(address, port) ? m_server->serverPort() : 0;
}

void BoundedHttpServer::accept()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        if (int(m_connections.size()) >= m_limits.maxConnections) {
            ++m_refusals.tooManyConnections;
            socket->write(serialise(plain(503, "too many connections"), true));
            socket->disconnectFromHost();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            continue;
        }
        const quint64 id = m_nextId++;
        m_connections.emplace(id, new Connection(this, id, socket));
    }
}

void BoundedHttpServer::forget(quint64 id)
{
    const auto found = m_connections.find(id);
    if (found == m_connections.end())
        return;
    Connection *connection = found->second;
    m_connections.erase(found);
    connection->disconnect();
    connection->deleteLater(); // its socket's signal may still be on the stack
}

} // namespace pitwall
