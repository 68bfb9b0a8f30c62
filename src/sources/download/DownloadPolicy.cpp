#include "DownloadPolicy.h"
#include "DownloadOptions.h"

#include <QHostAddress>
#include <QLocale>
#include <QStandardPaths>
#include <algorithm>
#include <cmath>

#ifndef PITWALL_VERSION
#define PITWALL_VERSION "dev"
#endif

namespace pitwall::sources {

namespace {

// 5% over the nominal second: a burst squeezed by network jitter still stays under the limit.
constexpr double kWindowMs = 1050.0;

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace

QString defaultDownloadCacheRoot()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QLatin1String("/downloads");
}

RequestPacer::RequestPacer(double requestsPerSecond)
    : m_intervalMs(static_cast<qint64>(std::ceil(kWindowMs / std::max(requestsPerSecond, 0.01))))
{
}

qint64 RequestPacer::waitMs(qint64 nowMs) const
{
    if (!m_lastStartMs)
        return 0;
    return std::max<qint64>(0, *m_lastStartMs + m_intervalMs - nowMs);
}

void RequestPacer::recordStart(qint64 nowMs)
{
    m_lastStartMs = nowMs;
}

std::optional<qint64> parseRetryAfterMs(const QByteArray &value, const QDateTime &nowUtc)
{
    const QByteArray text = value.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool isNumber = false;
    const qint64 seconds = text.toLongLong(&isNumber);
    if (isNumber)
        return seconds < 0 ? std::nullopt : std::optional<qint64>(std::min<qint64>(seconds, 86400) * 1000);
    // HTTP-date: the IMF-fixdate form servers send ("Sun, 06 Nov 1994 08:49:37 GMT").
    QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(text), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return std::nullopt;
    when.setTimeSpec(Qt::UTC);
    return std::max<qint64>(0, nowUtc.msecsTo(when));
}

qint64 backoffMs(int retry, int baseMs, int capMs)
{
    const int doublings = std::clamp(retry - 1, 0, 20);
    return std::min<qint64>(static_cast<qint64>(baseMs) << doublings, capMs);
}

bool isAllowedBaseUrl(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return false;
    if (url.scheme() == QLatin1String("https"))
        return true;
    return url.scheme() == QLatin1String("http") && isLoopbackHost(url.host());
}

bool isAllowedRedirect(const QUrl &from, const QUrl &to)
{
    if (!to.isValid() || to.host().isEmpty())
        return false;
    if (to.scheme() == QLatin1String("https"))
        return true;
    return to.scheme() == QLatin1String("http") && isLoopbackHost(from.host()) &&
           to.host().compare(from.host(), Qt::CaseInsensitive) == 0 && to.port() == from.port();
}

QByteArray downloadUserAgent()
{
    return QByteArrayLiteral("PitWall/" PITWALL_VERSION);
}

} // namespace pitwall::sources
