#include "LeaderboardFeed.h"

#include "core/JsonCodec.h"
#include "stream/RdKafka.h"

#include <algorithm>

namespace pitwall {

LeaderboardFeed::LeaderboardFeed(QString raceId)
    : m_raceId(std::move(raceId))
{
}

void LeaderboardFeed::ingest(const std::vector<KafkaRecord> &batch)
{
    // Decode outside the lock: the GUI thread takes snapshots meanwhile.
    std::vector<codec::Decoded<PositionUpdate>> decoded;
    decoded.reserve(batch.size());
    for (const auto &record : batch)
        decoded.push_back(codec::decodePositionUpdate(record.value));

    QMutexLocker lock(&m_mutex);
    for (size_t i = 0; i < batch.size(); ++i) {
        auto &result = decoded[i];
        if (!result) {
            const auto &record = batch[i];
            ++m_counts.rejected;
            m_counts.lastRejection =
                QStringLiteral("%1/%2@%3: %4").arg(record.topic).arg(record.partition).arg(record.offset).arg(result.error().describe());
            if (shouldLogRejection(m_counts.rejected))
                qCWarning(lcKafka, "rejected message %s", qPrintable(m_counts.lastRejection));
            continue;
        }
        auto &update = result.value();
        if (update.raceId.value_or(QString()) != m_raceId) {
            ++m_counts.otherRaces;
            continue;
        }
        auto found = m_latestByDriver.find(update.driverName);
        if (found == m_latestByDriver.end() && m_latestByDriver.size() >= kMaxDrivers) {
            ++m_counts.rejected;
            m_counts.lastRejection =
                QStringLiteral("more than %1 drivers in one race: '%2' refused").arg(kMaxDrivers).arg(update.driverName.left(40));
            continue;
        }
        ++m_counts.accepted;
        if (found == m_latestByDriver.end() || found->timestampMs <= update.timestampMs) {
            m_latestByDriver.insert(update.driverName, std::move(update));
            m_changed = true;
        }
    }
}

std::optional<QVector<PositionUpdate>> LeaderboardFeed::takeIfChanged()
{
    QMutexLocker lock(&m_mutex);
    if (!m_changed)
        return std::nullopt;
    m_changed = false;
    QVector<PositionUpdate> standing(m_latestByDriver.cbegin(), m_latestByDriver.cend());
    lock.unlock();
    std::sort(standing.begin(), standing.end(), [](const auto &a, const auto &b) { return a.position < b.position; });
    return standing;
}

void LeaderboardFeed::forgetStanding()
{
    QMutexLocker lock(&m_mutex);
    m_latestByDriver.clear();
    m_changed = true;
}

LeaderboardFeed::Counts LeaderboardFeed::counts() const
{
    QMutexLocker lock(&m_mutex);
    return m_counts;
}

} // namespace pitwall
