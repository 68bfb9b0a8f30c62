#include "RaceViewFeed.h"

#include "core/JsonCodec.h"
#include "core/Topics.h"
#include "stream/RdKafka.h"

#include <variant>

namespace pitwall {

namespace {

using Item = std::variant<std::monostate, TelemetrySample, RaceEvent, AnomalyRow, ForecastPoint, Commentary>;

struct DecodedRecord {
    Item item;
    QString raceId; // empty when the record has none (the demo's commentary)
    QString error;  // set when the record was rejected
};

template <typename T>
DecodedRecord fromDecoded(codec::Decoded<T> &&decoded, QString (*raceIdOf)(const T &))
{
    if (!decoded)
        return {std::monostate{}, {}, decoded.error().describe()};
    QString raceId = raceIdOf(decoded.value());
    return {std::move(decoded).value(), std::move(raceId), {}};
}

// Both detectors' rows become one kind of row; the engine's carry their race in the key.
template <typename T>
DecodedRecord anomalyFromDecoded(codec::Decoded<T> &&decoded)
{
    if (!decoded)
        return {std::monostate{}, {}, decoded.error().describe()};
    AnomalyRow row;
    if constexpr (std::is_same_v<T, EngineAnomaly>)
        row = anomalyRowOf(decoded.value());
    else
        row = {std::move(decoded).value(), AnomalySource::Telemetry};
    QString raceId = row.anomaly.raceId;
    return {std::move(row), std::move(raceId), {}};
}

DecodedRecord decode(const KafkaRecord &record)
{
    const auto &topic = record.topic;
    if (topic == QLatin1String(topics::kCarTelemetry))
        return fromDecoded(
            codec::decodeTelemetrySample(record.value), +[](const TelemetrySample &s) { return s.raceId; });
    if (topic == QLatin1String(topics::kRaceEvents))
        return fromDecoded(
            codec::decodeRaceEvent(record.value), +[](const RaceEvent &e) { return e.raceId; });
    if (topic == QLatin1String(topics::kTelemetryAnomalies))
        return anomalyFromDecoded(codec::decodeTelemetryAnomaly(record.value));
    if (topic == QLatin1String(topics::kCarMetricsAnomalies))
        return anomalyFromDecoded(codec::decodeEngineAnomaly(record.value));
    if (topic == QLatin1String(topics::kForecasts))
        return fromDecoded(
            codec::decodeForecastPoint(record.value), +[](const ForecastPoint &f) { return f.raceId; });
    if (topic == QLatin1String(topics::kCommentary))
        return fromDecoded(
            codec::decodeCommentary(record.value), +[](const Commentary &) { return QString(); });
    return {std::monostate{}, {}, QStringLiteral("not a topic of the race view")};
}

} // namespace

QStringList RaceViewFeed::topics()
{
    return {QString::fromLatin1(topics::kCarTelemetry),       QString::fromLatin1(topics::kRaceEvents),
            QString::fromLatin1(topics::kTelemetryAnomalies), QString::fromLatin1(topics::kCarMetricsAnomalies),
            QString::fromLatin1(topics::kForecasts),          QString::fromLatin1(topics::kCommentary)};
}

RaceViewFeed::RaceViewFeed(QString raceId)
    : m_raceId(std::move(raceId))
{
}

void RaceViewFeed::ingest(const std::vector<KafkaRecord> &batch)
{
    // Decode outside the lock: the GUI thread takes batches meanwhile.
    std::vector<DecodedRecord> decoded;
    decoded.reserve(batch.size());
    for (const auto &record : batch)
        decoded.push_back(decode(record));

    QMutexLocker lock(&m_mutex);
    for (size_t i = 0; i < batch.size(); ++i) {
        ++m_handledByTopic[batch[i].topic];
        auto &result = decoded[i];
        if (!result.error.isEmpty()) {
            const auto &record = batch[i];
            ++m_counts.rejected;
            m_counts.lastRejection =
                QStringLiteral("%1/%2@%3: %4").arg(record.topic).arg(record.partition).arg(record.offset).arg(result.error);
            if (shouldLogRejection(m_counts.rejected))
                qCWarning(lcKafka, "rejected message %s", qPrintable(m_counts.lastRejection));
            continue;
        }
        // The demo's commentary carries no race id: on a shared cluster it is everyone's.
        if (!result.raceId.isEmpty() && result.raceId != m_raceId) {
            ++m_counts.otherRaces;
            continue;
        }
        ++m_counts.accepted;
        m_pending.producedAtMs.push_back(batch[i].timestampMs);
        std::visit(
            [this](auto &&item) {
                using T = std::decay_t<decltype(item)>;
                if constexpr (std::is_same_v<T, TelemetrySample>)
                    m_pending.telemetry.push_back(std::move(item));
                else if constexpr (std::is_same_v<T, RaceEvent>)
                    m_pending.events.push_back(std::move(item));
                else if constexpr (std::is_same_v<T, AnomalyRow>)
                    m_pending.anomalies.push_back(std::move(item));
                else if constexpr (std::is_same_v<T, ForecastPoint>)
                    m_pending.forecasts.push_back(std::move(item));
                else if constexpr (std::is_same_v<T, Commentary>)
                    m_pending.commentary.push_back(std::move(item));
            },
            std::move(result.item));
    }
    if (m_pending.telemetry.size() > kMaxPendingTelemetry) {
        const size_t excess = m_pending.telemetry.size() - kMaxPendingTelemetry / 2;
        m_pending.telemetry.erase(m_pending.telemetry.begin(), m_pending.telemetry.begin() + qsizetype(excess));
        m_counts.dropped += excess;
    }
    if (m_pending.producedAtMs.size() > 2 * kMaxPendingTelemetry)
        m_pending.producedAtMs.erase(m_pending.producedAtMs.begin(), m_pending.producedAtMs.end() - qsizetype(kMaxPendingTelemetry));
}

RaceViewBatch RaceViewFeed::take()
{
    QMutexLocker lock(&m_mutex);
    return std::exchange(m_pending, {});
}

RaceViewFeed::Counts RaceViewFeed::counts() const
{
    QMutexLocker lock(&m_mutex);
    return m_counts;
}

quint64 RaceViewFeed::handledFrom(const QString &topic) const
{
    QMutexLocker lock(&m_mutex);
    return m_handledByTopic.value(topic);
}

} // namespace pitwall
