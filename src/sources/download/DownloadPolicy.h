#pragma once
// The download's manners toward the two hosts, apart from any transfer so they can be tested
// alone: request pacing, Retry-After, backoff, which URLs may be fetched and followed.
// Both hosts are free public services (OpenF1 documents 3 requests a second), so the pacing
// is set for the stricter one and applied to both.

#include <QByteArray>
#include <QDateTime>
#include <QUrl>
#include <optional>

namespace pitwall::sources {

// Spaces request starts evenly, with a small margin, so that no one-second window, as the
// server measures it after network jitter, holds more than `requestsPerSecond` requests.
class RequestPacer {
public:
    explicit RequestPacer(double requestsPerSecond);

    qint64 intervalMs() const { return m_intervalMs; }
    // How long a request wanting to start at `nowMs` (a monotonic clock) must wait.
    qint64 waitMs(qint64 nowMs) const;
    void recordStart(qint64 nowMs);

private:
    qint64 m_intervalMs;
    std::optional<qint64> m_lastStartMs;
};

// Retry-After as delay-seconds or an HTTP date, in milliseconds from `nowUtc`; nothing when
// absent or unreadable. A date in the past is 0.
std::optional<qint64> parseRetryAfterMs(const QByteArray &value, const QDateTime &nowUtc);

// base, 2 base, 4 base... for retry 1, 2, 3..., at most `capMs`.
qint64 backoffMs(int retry, int baseMs, int capMs);

// https anywhere, or plain http to a loopback host (the tests' fake servers).
bool isAllowedBaseUrl(const QUrl &url);
// A redirect goes only to https, or to the same loopback host and port it came from.
bool isAllowedRedirect(const QUrl &from, const QUrl &to);

// "PitWall/<version>", the User-Agent of every download request.
QByteArray downloadUserAgent();

} // namespace pitwall::sources
