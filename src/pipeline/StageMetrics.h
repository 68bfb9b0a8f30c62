#pragma once
// Counters of one pipeline stage, written by the stage's thread and read by anyone.
// Processing latency is kept in logarithmic buckets for its percentiles.

#include <QJsonObject>
#include <array>
#include <atomic>

namespace pitwall {

class StageMetrics {
public:
    struct Snapshot {
        quint64 in = 0, out = 0, deadLettered = 0, failures = 0, restarts = 0;
        qint64 lag = 0;
        quint64 skipped = 0;
        double latencyP50Us = 0, latencyP99Us = 0;
        double inPerSecond = 0, outPerSecond = 0; // since the previous snapshot of the same caller
        bool enabled = true;
        QJsonObject toJson() const;
    };

    void recordIn(quint64 count) { m_in += count; }
    void recordOut(quint64 count) { m_out += count; }
    void recordDeadLetter() { ++m_deadLettered; }
    void recordFailure() { ++m_failures; }
    void recordRestart() { ++m_restarts; }
    void recordLatency(double microseconds);

    Snapshot snapshot() const;
    // Records handled so far, without building a snapshot.
    quint64 handled() const { return m_in.load(); }

private:
    static constexpr int kBuckets = 64; // 2^(i/4) microseconds: 1 us .. ~65 s
    std::atomic<quint64> m_in{0}, m_out{0}, m_deadLettered{0}, m_failures{0}, m_restarts{0};
    std::array<std::atomic<quint64>, kBuckets> m_latency{};
};

} // namespace pitwall
