#pragma once
// One HTTP request/response with a deadline, over Qt Network. Shared by every client
// (the AI providers, the Schema Registry, Confluent Cloud) so timeouts, cut-off bodies and
// network failures read the same everywhere.

#include "SigV4Signer.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QUrl>
#include <functional>

class QNetworkAccessManager;

namespace pitwall::net {

// Why an exchange brought no usable answer. An HTTP error status is an answer, not this.
struct TransportError {
    enum class Kind {
        Refused,     // a credential bound for plain http on another machine: never sent
        Timeout,     // no answer within the deadline
        NetworkDown, // no connection to the host
        CutOff,      // a 2xx answer whose body was cut off
    };
    Kind kind = Kind::NetworkDown;
    QString message;
};

struct HttpResponse {
    int status = 0;
    QByteArray body;
    HttpHeaders headers;
    qint64 latencyMs = 0;

    QByteArray header(const QByteArray &name) const;
};

class HttpExchange : public QObject {
    Q_OBJECT
public:
    explicit HttpExchange(QObject *parent = nullptr);

    using Done = std::function<void(const HttpResponse &response, const TransportError *transportError)>;
    // Sends `body` with `headers`; calls `done` once, on this object's thread, with the
    // response, or with a transport error (timeout, connection, cut-off body). A request
    // carrying a credential to plain http on another machine is refused unsent (Refused).
    void send(const QByteArray &method, const QUrl &url, const HttpHeaders &headers, const QByteArray &body, int timeoutMs, Done done);

private:
    QNetworkAccessManager *m_network;
};

// Whether the headers carry a key, a password or a signature.
bool carriesCredential(const HttpHeaders &headers);

// "https://host/base" + "/v1/x" without doubled or missing slashes.
QUrl joinUrl(const QString &base, const QString &path);

// Retry-After in seconds or an HTTP date, as milliseconds (-1 when absent or unreadable).
qint64 retryAfterMs(const QByteArray &value);

} // namespace pitwall::net
