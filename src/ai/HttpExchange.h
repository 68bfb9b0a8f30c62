#pragma once
// One HTTP request/response with a deadline, over Qt Network. Shared by every provider
// so timeouts, cut-off bodies and network failures read the same everywhere.

#include "LlmTypes.h"
#include "SigV4Signer.h"

#include <QByteArray>
#include <QObject>
#include <QUrl>
#include <functional>

class QNetworkAccessManager;

namespace pitwall::ai {

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

    using Done = std::function<void(const HttpResponse &response, const LlmError *transportError)>;
    // Sends `body` with `headers`; calls `done` once, on this object's thread, with the
    // response, or with a transport error (timeout, connection, cut-off body). A request
    // carrying a credential to plain http on another machine is refused unsent (NotConfigured).
    void send(const QByteArray &method, const QUrl &url, const HttpHeaders &headers, const QByteArray &body,
              int timeoutMs, Done done);

private:
    QNetworkAccessManager *m_network;
};

// Whether the headers carry a key, a password or a signature.
bool carriesCredential(const HttpHeaders &headers);

// "https://host/base" + "/v1/x" without doubled or missing slashes.
QUrl joinUrl(const QString &base, const QString &path);

// Retry-After in seconds or an HTTP date, as milliseconds (-1 when absent or unreadable).
qint64 retryAfterMs(const QByteArray &value);

} // namespace pitwall::ai
