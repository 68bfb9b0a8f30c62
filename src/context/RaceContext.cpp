#include "RaceContext.h"

#include "core/Grid.h"
#include "core/JsonCodec.h"
#include "core/Topics.h"

#include <algorithm>
#include <cmath>

namespace pitwall {

namespace {

QJsonValue optionalNumber(const std::optional<double> &value, int decimals = 3)
{
    if (!value)
        return QJsonValue();
    const double scale = std::pow(10.0, decimals);
    return std::round(*value * scale) / scale;
}

QJsonObject standingJson(const PositionUpdate &p)
{
    return {{"position", p.position},
            {"driver_name", p.driverName},
            {"team_name", p.teamName.value_or(QString())},
            {"gap_to_leader_s", optionalNumber(p.gapToLeaderS)},
            {"interval_s", optionalNumber(p.intervalS)},
            {"lap", p.lap ? QJsonValue(*p.lap) : QJsonValue()},
            {"tyre", p.tyre ? QJsonValue(*p.tyre) : QJsonValue()},
            {"tyre_age_laps", p.tyreAgeLaps ? QJsonValue(*p.tyreAgeLaps) : QJsonValue()},
            {"pit_stops", p.pitStops ? QJsonValue(*p.pitStops) : QJsonValue()},
            {"status", p.status ? QJsonValue(*p.status) : QJsonValue()},
            {"timestamp", p.timestampMs}};
}

QJsonObject telemetryJson(const TelemetrySample &t)
{
    static const char *const wheels[4] = {"fl", "fr", "rl", "rr"};
    QJsonObject tyres, brakes;
    for (int i = 0; i < 4; ++i) {
        tyres.insert(QLatin1String(wheels[i]), optionalNumber(t.tyreTemperatureC[i], 1));
        brakes.insert(QLatin1String(wheels[i]), optionalNumber(t.brakeTemperatureC[i], 1));
    }
    return {{"timestamp", t.timestampMs},
            {"lap", t.lap},
            {"speed_kph", std::round(t.speedKph * 10) / 10},
            {"rpm", t.rpm},
            {"gear", t.gear},
            {"throttle", t.throttle},
            {"brake", t.brake},
            {"drs", t.drs},
            {"fuel_kg", std::round(t.fuelKg * 10) / 10},
            {"tyre", t.tyre},
            {"tyre_age_laps", t.tyreAgeLaps},
            {"engine_temperature", optionalNumber(t.engineTemperatureC, 1)},
            {"oil_temperature", optionalNumber(t.oilTemperatureC, 1)},
            {"tyre_temperatures", tyres},
            {"brake_temperatures", brakes}};
}

QJsonObject anomalyJson(const AnomalyRow &row)
{
    // Engine rows (the demo's, per team) name no driver and may carry no band or confidence.
    const auto &a = row.anomaly;
    auto number = [](double value) { return std::isfinite(value) ? QJsonValue(value) : QJsonValue(); };
    return {{"timestamp", a.timestampMs},
            {"driver_name", a.driverName.isEmpty() ? QJsonValue() : QJsonValue(a.driverName)},
            {"team_name", a.teamName},
            {"metric", a.metric},
            {"actual_value", a.actual},
            {"forecast_value", number(a.forecast)},
            {"lower_bound", number(a.lowerBound)},
            {"upper_bound", number(a.upperBound)},
            {"confidence", number(a.confidence)},
            {"source", QLatin1String(anomalyTopic(row.source))}};
}

QJsonObject eventJson(const RaceEvent &e)
{
    return {{"timestamp", e.timestampMs},
            {"kind", e.kind},
            {"lap", e.lap},
            {"driver_name", e.driverName.isEmpty() ? QJsonValue() : QJsonValue(e.driverName)},
            {"details", e.details}};
}

QJsonObject commentaryJson(const Commentary &c)
{
    return {{"timestamp", c.timestampMs}, {"message", c.message}, {"type", commentaryTypeName(c.type)}, {"source", c.source}};
}

template <typename T>
void keepLast(std::deque<T> &items, size_t count)
{
    while (items.size() > count)
        items.pop_front();
}

} // namespace

QStringList RaceContext::topics()
{
    return {QString::fromLatin1(topics::kDriverPositions),     QString::fromLatin1(topics::kCarTelemetry),
            QString::fromLatin1(topics::kRaceEvents),          QString::fromLatin1(topics::kTelemetryAnomalies),
            QString::fromLatin1(topics::kCarMetricsAnomalies), QString::fromLatin1(topics::kCommentary)};
}

void RaceContext::reset()
{
    std::unique_lock lock(m_lock);
    m_raceId.clear();
    m_cars.clear();
    m_events.clear();
    m_anomalies.clear();
    m_commentary.clear();
    m_added = {};
}

void RaceContext::ingest(const std::vector<KafkaRecord> &batch)
{
    // Decoded outside the lock: readers wait only for the short updates.
    std::vector<PositionUpdate> positions;
    std::vector<TelemetrySample> telemetry;
    std::vector<RaceEvent> events;
    std::vector<AnomalyRow> anomalies;
    std::vector<Commentary> commentary;
    quint64 rejected = 0;
    for (const auto &record : batch) {
        const QByteArray &value = record.value;
        if (record.topic == QLatin1String(topics::kDriverPositions)) {
            auto decoded = codec::decodePositionUpdate(value);
            decoded ? positions.push_back(std::move(decoded).value()) : void(++rejected);
        } else if (record.topic == QLatin1String(topics::kCarTelemetry)) {
            auto decoded = codec::decodeTelemetrySample(value);
            decoded ? telemetry.push_back(std::move(decoded).value()) : void(++rejected);
        } else if (record.topic == QLatin1String(topics::kRaceEvents)) {
            auto decoded = codec::decodeRaceEvent(value);
            decoded ? events.push_back(std::move(decoded).value()) : void(++rejected);
        } else if (record.topic == QLatin1String(topics::kTelemetryAnomalies)) {
            auto decoded = codec::decodeTelemetryAnomaly(value);
            decoded ? anomalies.push_back({std::move(decoded).value(), AnomalySource::Telemetry}) : void(++rejected);
        } else if (record.topic == QLatin1String(topics::kCarMetricsAnomalies)) {
            auto decoded = codec::decodeEngineAnomaly(value);
            decoded ? anomalies.push_back(anomalyRowOf(decoded.value())) : void(++rejected);
        } else if (record.topic == QLatin1String(topics::kCommentary)) {
            auto decoded = codec::decodeCommentary(value);
            decoded ? commentary.push_back(std::move(decoded).value()) : void(++rejected);
        }
    }
    std::unique_lock lock(m_lock);
    m_rejected += rejected;
    for (auto &event : events) {
        if (event.kind == QLatin1String("race_started") && event.raceId != m_raceId) {
            // A new race: what the previous one left is no longer current.
            m_raceId = event.raceId;
            m_cars.clear();
            m_events.clear();
            m_anomalies.clear();
            m_commentary.clear();
            m_added = {};
        }
    }
    for (auto &update : positions) {
        if (m_raceId.isEmpty() && update.raceId)
            m_raceId = *update.raceId;
        if (Car *car = carLocked(update.driverName))
            car->standing = std::move(update);
    }
    for (auto &sample : telemetry)
        if (Car *car = carLocked(sample.driverName))
            car->telemetry = std::move(sample);
    for (auto &event : events) {
        if (!event.driverName.isEmpty()) {
            Car *car = carLocked(event.driverName);
            if (!car)
                continue;
            if (event.kind == QLatin1String("lap_completed")) {
                car->laps.emplace_back(event.lap, qint64(event.details.value(QLatin1String("lap_time_ms")).toDouble()));
                keepLast(car->laps, kKeptLaps);
            } else if (event.kind == QLatin1String("pit_stop")) {
                QJsonObject stop = event.details;
                stop.insert(QStringLiteral("lap"), event.lap);
                car->pitStops.append(stop);
                while (size_t(car->pitStops.size()) > kKeptPitStops)
                    car->pitStops.removeFirst();
            }
        }
        if (event.kind != QLatin1String("lap_completed") && event.kind != QLatin1String("fault")) {
            m_events.push_back(std::move(event)); // laps are per car; faults are ground truth, not news
            ++m_added.events;
        }
    }
    keepLast(m_events, kKeptEvents);
    // A row inside its band (a detector may write every row) is not news.
    std::erase_if(anomalies, [](const AnomalyRow &row) { return !row.anomaly.isAnomaly; });
    for (auto &anomaly : anomalies)
        m_anomalies.push_back(std::move(anomaly));
    m_added.anomalies += anomalies.size();
    keepLast(m_anomalies, kKeptEvents);
    for (auto &line : commentary)
        m_commentary.push_back(std::move(line));
    m_added.commentary += commentary.size();
    keepLast(m_commentary, kKeptEvents);
}

RaceContext::Car *RaceContext::carLocked(const QString &name)
{
    auto found = m_cars.find(name);
    if (found != m_cars.end())
        return &found.value();
    if (m_cars.size() >= kMaxCars) {
        ++m_rejected;
        return nullptr;
    }
    return &m_cars[name];
}

QString RaceContext::raceId() const
{
    std::shared_lock lock(m_lock);
    return m_raceId;
}

quint64 RaceContext::rejected() const
{
    std::shared_lock lock(m_lock);
    return m_rejected;
}

QJsonArray RaceContext::leaderboard() const
{
    std::shared_lock lock(m_lock);
    std::vector<const PositionUpdate *> standing;
    for (const auto &car : m_cars)
        if (car.standing.position > 0)
            standing.push_back(&car.standing);
    std::sort(standing.begin(), standing.end(), [](auto *a, auto *b) { return a->position < b->position; });
    QJsonArray rows;
    for (const auto *update : standing)
        rows.append(standingJson(*update));
    return rows;
}

std::optional<QString> RaceContext::resolveDriver(const QString &text) const
{
    std::shared_lock lock(m_lock);
    return resolveLocked(text);
}

std::optional<QString> RaceContext::resolveLocked(const QString &text) const
{
    const QString wanted = text.trimmed();
    if (wanted.isEmpty())
        return std::nullopt;
    for (auto it = m_cars.cbegin(); it != m_cars.cend(); ++it) {
        const QString &name = it.key();
        if (name.compare(wanted, Qt::CaseInsensitive) == 0 || name.section(QLatin1Char(' '), -1).compare(wanted, Qt::CaseInsensitive) == 0)
            return name;
    }
    for (const auto &driver : Grid::builtIn().drivers()) // timing codes: "NOR"
        if (driver.code.compare(wanted, Qt::CaseInsensitive) == 0 && m_cars.contains(driver.name))
            return driver.name;
    return std::nullopt;
}

std::optional<QJsonObject> RaceContext::driver(const QString &text, int laps) const
{
    std::shared_lock lock(m_lock);
    const auto name = resolveLocked(text);
    if (!name)
        return std::nullopt;
    const Car &car = m_cars[*name];
    QJsonObject result = standingJson(car.standing);
    result.insert(QStringLiteral("driver_name"), *name);
    QJsonArray lastLaps;
    for (auto it = car.laps.size() > size_t(laps) ? car.laps.end() - laps : car.laps.begin(); it != car.laps.end(); ++it)
        lastLaps.append(QJsonObject{{"lap", it->first}, {"lap_time_s", double(it->second) / 1000.0}});
    result.insert(QStringLiteral("last_laps"), lastLaps);
    result.insert(QStringLiteral("pit_stop_details"), car.pitStops);
    result.insert(QStringLiteral("telemetry"), car.telemetry ? QJsonValue(telemetryJson(*car.telemetry)) : QJsonValue());
    return result;
}

std::optional<QJsonObject> RaceContext::gap(const QString &a, const QString &b, int laps) const
{
    std::shared_lock lock(m_lock);
    const auto first = resolveLocked(a);
    const auto second = resolveLocked(b);
    if (!first || !second)
        return std::nullopt;
    const Car &carA = m_cars[*first];
    const Car &carB = m_cars[*second];
    QJsonObject result{{"driver_a", *first},
                       {"driver_b", *second},
                       {"position_a", carA.standing.position},
                       {"position_b", carB.standing.position}};
    if (carA.standing.gapToLeaderS && carB.standing.gapToLeaderS)
        result.insert(QStringLiteral("gap_s"), std::round((*carB.standing.gapToLeaderS - *carA.standing.gapToLeaderS) * 1000) / 1000);
    else
        result.insert(QStringLiteral("gap_s"), QJsonValue());
    auto average = [laps](const Car &car) -> QJsonValue {
        if (car.laps.empty())
            return QJsonValue();
        const size_t n = std::min(car.laps.size(), size_t(laps));
        double sum = 0;
        for (auto it = car.laps.end() - qsizetype(n); it != car.laps.end(); ++it)
            sum += double(it->second);
        return std::round(sum / double(n)) / 1000.0;
    };
    result.insert(QStringLiteral("laps_compared"), laps);
    result.insert(QStringLiteral("average_lap_a_s"), average(carA));
    result.insert(QStringLiteral("average_lap_b_s"), average(carB));
    const auto avgA = result.value(QLatin1String("average_lap_a_s"));
    const auto avgB = result.value(QLatin1String("average_lap_b_s"));
    result.insert(QStringLiteral("faster_recently"), avgA.isDouble() && avgB.isDouble()
                                                         ? QJsonValue(avgA.toDouble() <= avgB.toDouble() ? *first : *second)
                                                         : QJsonValue());
    return result;
}

QJsonArray RaceContext::anomaliesSince(qint64 sinceMs, int limit) const
{
    std::shared_lock lock(m_lock);
    QJsonArray rows;
    for (auto it = m_anomalies.rbegin(); it != m_anomalies.rend() && rows.size() < limit; ++it) {
        if (it->anomaly.timestampMs < sinceMs)
            break;
        rows.append(anomalyJson(*it));
    }
    return rows;
}

QJsonArray RaceContext::eventsSince(qint64 sinceMs, const QStringList &kinds, int limit) const
{
    std::shared_lock lock(m_lock);
    QJsonArray rows;
    for (auto it = m_events.rbegin(); it != m_events.rend() && rows.size() < limit; ++it) {
        if (it->timestampMs < sinceMs)
            break;
        if (!kinds.isEmpty() && !kinds.contains(it->kind))
            continue;
        rows.append(eventJson(*it));
    }
    return rows;
}

QJsonObject RaceContext::newSince(Cursors &cursors, int limit) const
{
    std::shared_lock lock(m_lock);
    // The last (added - cursor) items of a deque, oldest first, at most `limit`.
    auto unseen = [limit](const auto &items, quint64 added, quint64 &cursor, auto toJson) {
        if (cursor > added)
            cursor = 0; // a new race began
        const size_t count = std::min<size_t>({size_t(added - cursor), items.size(), size_t(limit)});
        QJsonArray rows;
        for (auto it = items.end() - qsizetype(count); it != items.end(); ++it)
            rows.append(toJson(*it));
        cursor = added;
        return rows;
    };
    const auto commentary = unseen(m_commentary, m_added.commentary, cursors.commentary, commentaryJson);
    const auto anomalies = unseen(m_anomalies, m_added.anomalies, cursors.anomalies, anomalyJson);
    const auto events = unseen(m_events, m_added.events, cursors.events, eventJson);
    return {{"commentary", commentary}, {"anomalies", anomalies}, {"events", events}};
}

QJsonArray RaceContext::commentarySince(qint64 sinceMs, int limit) const
{
    std::shared_lock lock(m_lock);
    QJsonArray rows;
    for (auto it = m_commentary.rbegin(); it != m_commentary.rend() && rows.size() < limit; ++it) {
        if (it->timestampMs < sinceMs)
            break;
        rows.append(commentaryJson(*it));
    }
    return rows;
}

} // namespace pitwall
