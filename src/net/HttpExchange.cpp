#include "HttpExchange.h"

#include "CredentialUrl.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QTimer>
#include <memory>

namespace pitwall::net {

QByteArray HttpResponse::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

HttpExchange::HttpExchange(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
}

void HttpExchange::send(const QByteArray &method, const QUrl &url, const HttpHeaders &headers, const QByteArray &body,
                        int timeoutMs, Done done)
{
    if (const QString problem = carriesCredential(headers) ? credentialUrlProblem(url) : QString(); !problem.isEmpty()) {
        // Refused before anything leaves this machine; answered later, as a real exchange is.
        QMetaObject::invokeMethod(
            this,
            [problem, done = std::move(done)] {
                const TransportError refused{TransportError::Kind::Refused, QStringLiteral("refused: %1").arg(problem)};
                done(HttpResponse{}, &refused);
            },
            Qt::QueuedConnection);
        return;
    }
    QNetworkRequest request(url);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    // Our own deadline (below) covers the whole exchange, connection included.
    request.setTransferTimeout(0);
    auto elapsed = std::make_shared<QElapsedTimer>();
    elapsed->start();
    QNetworkReply *reply = m_network->sendCustomRequest(request, method, body);
    auto timedOut = std::make_shared<bool>(false);
    auto *deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, reply, [reply, timedOut] {
        *timedOut = true;
        reply->abort();
    });
    deadline->start(std::max(1, timeoutMs));

    connect(reply, &QNetworkReply::finished, this, [reply, timedOut, elapsed, timeoutMs, url, done = std::move(done)] {
        reply->deleteLater();
        HttpResponse response;
        response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        response.body = reply->isOpen() ? reply->readAll() : QByteArray();
        response.latencyMs = elapsed->elapsed();
        for (const auto &[name, value] : reply->rawHeaderPairs())
            response.headers.emplace_back(name, value);
        const auto error = reply->error();
        const QString host = url.host();
        if (*timedOut) {
            const TransportError failure{TransportError::Kind::Timeout,
                                         QStringLiteral("%1 did not answer within %2 ms").arg(host).arg(timeoutMs)};
            done(response, &failure);
            return;
        }
        // An HTTP error status is an answer (the provider maps it); anything else is transport.
        const bool httpAnswer = response.status >= 400;
        if (error != QNetworkReply::NoError && !httpAnswer) {
            TransportError failure{TransportError::Kind::NetworkDown, {}};
            if (response.status >= 200 && response.status < 300) {
                failure.kind = TransportError::Kind::CutOff;
                failure.message = QStringLiteral("the answer from %1 was cut off (%2)").arg(host, reply->errorString());
            } else {
                failure.message = QStringLiteral("cannot reach %1: %2").arg(host, reply->errorString());
            }
            done(response, &failure);
            return;
        }
        done(response, nullptr);
    });
}

bool carriesCredential(const HttpHeaders &headers)
{
    static const QByteArrayList names{"authorization", "x-api-key", "api-key", "x-amz-security-token", "proxy-authorization"};
    for (const auto &[name, value] : headers)
        if (names.contains(name.toLower()))
            return true;
    return false;
}

QUrl joinUrl(const QString &base, const QString &path)
{
    QString joined = base;
    while (joined.endsWith(QLatin1Char('/')))
        joined.chop(1);
    return QUrl(joined + (path.startsWith(QLatin1Char('/')) ? path : QLatin1Char('/') + path));
}

qint64 retryAfterMs(const QByteArray &value)
{
    if (value.isEmpty())
        return -1;
    bool ok = false;
    const double seconds = value.trimmed().toDouble(&ok);
    if (ok)
        return seconds < 0 ? -1 : qint64(seconds * 1000.0);
    const auto when = QDateTime::fromString(QString::fromLatin1(value.trimmed()), Qt::RFC2822Date);
    if (!when.isValid())
        return -1;
    return std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(when));
}

} // namespace pitwall::net
