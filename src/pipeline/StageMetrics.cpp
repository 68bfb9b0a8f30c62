#include "StageMetrics.h"

#include <cmath>

namespace pitwall {

void StageMetrics::recordLatency(double microseconds)
{
    const int bucket = microseconds <= 1.0 ? 0 : std::min(kBuckets - 1, int(std::log2(microseconds) * 4.0));
    ++m_latency[size_t(bucket)];
}

StageMetrics::Snapshot StageMetrics::snapshot() const
{
    Snapshot snapshot;
    snapshot.in = m_in;
    snapshot.out = m_out;
    snapshot.deadLettered = m_deadLettered;
    snapshot.failures = m_failures;
    snapshot.restarts = m_restarts;
    quint64 total = 0;
    std::array<quint64, kBuckets> counts{};
    for (int i = 0; i < kBuckets; ++i)
        total += counts[size_t(i)] = m_latency[size_t(i)];
    auto percentile = [&](double share) {
        quint64 seen = 0;
        for (int i = 0; i < kBuckets; ++i) {
            seen += counts[size_t(i)];
            if (total && seen >= share * double(total))
                return std::exp2((i + 1) / 4.0); // upper edge of the bucket
        }
        return 0.0;
    };
    snapshot.latencyP50Us = percentile(0.50);
    snapshot.latencyP99Us = percentile(0.99);
    return snapshot;
}

QJsonObject StageMetrics::Snapshot::toJson() const
{
    return QJsonObject{{"enabled", enabled},
                       {"in", qint64(in)},
                       {"out", qint64(out)},
                       {"in_per_s", std::round(inPerSecond * 10) / 10},
                       {"out_per_s", std::round(outPerSecond * 10) / 10},
                       {"lag", lag},
                       {"skipped", qint64(skipped)},
                       {"latency_p50_us", std::round(latencyP50Us * 10) / 10},
                       {"latency_p99_us", std::round(latencyP99Us * 10) / 10},
                       {"dead_lettered", qint64(deadLettered)},
                       {"failures", qint64(failures)},
                       {"restarts", qint64(restarts)}};
}

} // namespace pitwall
