#pragma once
// When to try an HTTP call again: a freshly made API key is refused (401/403) until it
// propagates — Confluent Cloud says 20–120 s — and a service may throttle (408/429) or
// falter (5xx, network: status 0). Exponential backoff from firstBackoffMs, at most 8 s
// a step, within a window; anything else is answered at once.

#include <QtGlobal>
#include <algorithm>

namespace pitwall::net {

struct PropagationRetry {
    int windowMs = 120'000;
    int firstBackoffMs = 1000;

    static bool worthRetrying(int status)
    {
        return status == 0 || status == 401 || status == 403 || status == 408 || status == 429 || status >= 500;
    }
    // The wait before attempt `attempt` + 1 (attempt counts from 1), or -1 when it would
    // leave the window or the status is final.
    qint64 delayAfter(int status, int attempt, qint64 elapsedMs) const
    {
        if (!worthRetrying(status))
            return -1;
        const qint64 backoff = std::min<qint64>(qint64(firstBackoffMs) << std::min(attempt - 1, 5), 8000);
        return elapsedMs + backoff > windowMs ? -1 : backoff;
    }
};

} // namespace pitwall::net
