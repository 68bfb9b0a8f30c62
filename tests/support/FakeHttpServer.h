#pragma once
// A fake HTTP/1.1 server on loopback for tests only: records each request and answers
// from a handler, with the failures real providers show (slow answers, bodies cut in
// half, error statuses with their headers).

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <functional>
#include <utility>
#include <vector>

namespace pitwall::test {

struct FakeRequest {
    QByteArray method;
    QByteArray target; // path and query as sent
    std::vector<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers)
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        return {};
    }
};

struct FakeResponse {
    int status = 200;
    std::vector<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    int delayMs = 0;
    bool cutBodyInHalf = false; // promise the whole length, send half, close

    static FakeResponse json(int status, const QByteArray &body)
    {
        return FakeResponse{status, {{"Content-Type", "application/json"}}, body};
    }
};

class FakeHttpServer : public QObject {
public:
    using Handler = std::function<FakeResponse(const FakeRequest &)>;

    explicit FakeHttpServer(Handler handler)
        : m_handler(std::move(handler))
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (auto *socket = m_server.nextPendingConnection())
                serve(socket);
        });
        m_server.listen(QHostAddress::LocalHost, 0);
    }

    quint16 port() const { return m_server.serverPort(); }
    QString baseUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(port()); }
    const QList<FakeRequest> &requests() const { return m_requests; }
    void setHandler(Handler handler) { m_handler = std::move(handler); }

private:
    void serve(QTcpSocket *socket)
    {
        auto buffer = std::make_shared<QByteArray>();
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        QObject::connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
            buffer->append(socket->readAll());
            for (;;) {
                const auto headEnd = buffer->indexOf("\r\n\r\n");
                if (headEnd < 0)
                    return;
                FakeRequest request;
                const auto lines = buffer->left(headEnd).split('\n');
                const auto first = lines.first().trimmed().split(' ');
                request.method = first.value(0);
                request.target = first.value(1);
                qsizetype length = 0;
                for (int i = 1; i < lines.size(); ++i) {
                    const auto line = lines[i].trimmed();
                    const auto colon = line.indexOf(':');
                    if (colon <= 0)
                        continue;
                    request.headers.emplace_back(line.left(colon).trimmed(), line.mid(colon + 1).trimmed());
                    if (line.left(colon).trimmed().compare("content-length", Qt::CaseInsensitive) == 0)
                        length = line.mid(colon + 1).trimmed().toLongLong();
                }
                if (buffer->size() < headEnd + 4 + length)
                    return;
                request.body = buffer->mid(headEnd + 4, length);
                buffer->remove(0, headEnd + 4 + length);
                m_requests.append(request);
                answer(socket, m_handler(request));
            }
        });
    }

    void answer(QTcpSocket *socket, const FakeResponse &response)
    {
        QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + " Status\r\n";
        for (const auto &[name, value] : response.headers)
            head += name + ": " + value + "\r\n";
        head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n\r\n";
        QPointer<QTcpSocket> guarded(socket);
        auto send = [guarded, head, response] {
            if (!guarded)
                return;
            if (response.cutBodyInHalf) {
                guarded->write(head + response.body.left(response.body.size() / 2));
                guarded->flush();
                guarded->disconnectFromHost();
                return;
            }
            guarded->write(head + response.body);
        };
        if (response.delayMs > 0)
            QTimer::singleShot(response.delayMs, this, send);
        else
            send();
    }

    QTcpServer m_server;
    Handler m_handler;
    QList<FakeRequest> m_requests;
};

} // namespace pitwall::test
