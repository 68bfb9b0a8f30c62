#include "RaceViewStore.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pitwall {

namespace {

constexpr float kNoReading = std::numeric_limits<float>::quiet_NaN();

float reading(const std::optional<double> &value)
{
    return value ? float(*value) : kNoReading;
}

TelemetryPoint pointOf(const TelemetrySample &sample, qint64 raceMs)
{
    TelemetryPoint point;
    point.raceMs = raceMs;
    point.speedKph = float(sample.speedKph);
    point.throttle = float(sample.throttle);
    point.brake = float(sample.brake);
    point.x = float(sample.x);
    point.y = float(sample.y);
    point.gear = qint8(std::clamp(sample.gear, -1, 9));
    point.lap = qint16(std::clamp(sample.lap, 0, 999));
    const auto readings = metricReadings(sample);
    for (size_t metric = 0; metric < readings.size(); ++metric)
        point.metrics[metric] = reading(readings[metric]);
    return point;
}

bool earlier(const TelemetryPoint &point, qint64 raceMs)
{
    return point.raceMs < raceMs;
}

const std::vector<LapRecord> kNoLaps;
const std::vector<ForecastRecord> kNoForecasts;

} // namespace

void RaceViewStore::reset(qint64 raceStartEpochMs)
{
    m_startEpochMs = raceStartEpochMs;
    m_newestRaceMs = 0;
    m_telemetry.clear();
    m_laps.clear();
    m_gapNow.clear();
    m_standings.clear();
    m_anomalies.clear();
    m_forecasts.clear();
    m_events.clear();
    m_commentary.clear();
    emit cleared();
}

void RaceViewStore::rewindTo(qint64 raceMs)
{
    auto after = [raceMs](const auto &entry) { return entry.raceMs > raceMs; };
    std::erase_if(m_events, after);
    std::erase_if(m_anomalies, after);
    std::erase_if(m_commentary, after);
    for (auto &laps : m_laps)
        std::erase_if(laps, after);
    for (auto &series : m_forecasts)
        std::erase_if(series, [raceMs](const ForecastRecord &record) { return record.madeRaceMs > raceMs; });
    std::erase_if(m_standings, [raceMs](const auto &entry) { return entry.first > raceMs; });
    for (auto &car : m_telemetry) {
        std::erase_if(car.recent, after);
        std::erase_if(car.history, after);
    }
    m_newestRaceMs = std::min(m_newestRaceMs, raceMs);
    emit rewound();
}

void RaceViewStore::add(const RaceViewBatch &batch)
{
    for (const auto &sample : batch.telemetry)
        addTelemetry(sample);
    if (!batch.telemetry.empty())
        emit telemetryAdded();

    const int firstEvent = int(m_events.size());
    bool lapsChanged = false;
    for (const auto &event : batch.events) {
        const qint64 raceMs = raceMsOf(event.timestampMs);
        if (event.kind == QLatin1String("lap_completed")) {
            addLap(event, raceMs);
            lapsChanged = true;
        } else
            m_events.push_back({raceMs, event});
    }
    if (lapsChanged)
        emit lapsAdded();
    if (int(m_events.size()) > firstEvent)
        emit eventsAdded(firstEvent);

    if (!batch.anomalies.isEmpty()) {
        const int first = int(m_anomalies.size());
        for (const auto &row : batch.anomalies) {
            if (row.anomaly.isAnomaly)
                m_anomalies.push_back({raceMsOf(row.anomaly.timestampMs), row.anomaly, row.source});
        }
        if (int(m_anomalies.size()) > kMaxAnomalies) {
            // Keep the newest; listeners rebuild from a clear.
            m_anomalies.erase(m_anomalies.begin(), m_anomalies.end() - kMaxAnomalies / 2);
            emit anomaliesTrimmed();
        } else if (int(m_anomalies.size()) > first)
            emit anomaliesAdded(first);
    }

    for (const auto &forecast : batch.forecasts) {
        if (forecast.step != 1)
            continue;
        auto &series = m_forecasts[forecast.driverName + QLatin1Char('/') + forecast.metric];
        series.push_back(
            {raceMsOf(forecast.timestampMs), float(forecast.forecast), float(forecast.lowerBound), float(forecast.upperBound)});
        if (int(series.size()) > kMaxForecastsPerSeries)
            series.erase(series.begin(), series.begin() + kMaxForecastsPerSeries / 4);
    }
    if (!batch.forecasts.isEmpty())
        emit forecastsAdded();

    if (!batch.commentary.isEmpty()) {
        const int first = int(m_commentary.size());
        for (const auto &line : batch.commentary)
            m_commentary.push_back({raceMsOf(line.timestampMs), line});
        emit commentaryAdded(first);
    }
}

void RaceViewStore::addTelemetry(const TelemetrySample &sample)
{
    const qint64 raceMs = raceMsOf(sample.timestampMs);
    auto &car = m_telemetry[sample.driverName];
    // A replay that jumped back: what follows the new moment is replaced.
    if (!car.recent.empty() && raceMs <= car.recent.back().raceMs) {
        car.recent.erase(std::lower_bound(car.recent.begin(), car.recent.end(), raceMs, earlier), car.recent.end());
        car.history.erase(std::lower_bound(car.history.begin(), car.history.end(), raceMs, earlier), car.history.end());
    }
    const auto point = pointOf(sample, raceMs);
    car.recent.push_back(point);
    while (!car.recent.empty() && car.recent.front().raceMs < raceMs - kFullRateWindowMs)
        car.recent.pop_front();
    if (car.history.empty() || raceMs / kHistoryStepMs != car.history.back().raceMs / kHistoryStepMs)
        car.history.push_back(point);
    m_newestRaceMs = std::max(m_newestRaceMs, raceMs);
}

void RaceViewStore::addLap(const RaceEvent &event, qint64 raceMs)
{
    LapRecord lap;
    lap.lap = event.lap;
    lap.raceMs = raceMs;
    lap.lapTimeMs = qint64(event.details.value(QStringLiteral("lap_time_ms")).toDouble());
    lap.pitLap = event.details.value(QStringLiteral("pit_lap")).toBool();
    lap.neutralised = event.details.value(QStringLiteral("neutralised")).toBool();
    lap.gapToLeaderS = m_gapNow.value(event.driverName, std::numeric_limits<double>::quiet_NaN());
    auto &laps = m_laps[event.driverName];
    while (!laps.empty() && laps.back().lap >= lap.lap) // a replay that jumped back
        laps.pop_back();
    laps.push_back(lap);
}

void RaceViewStore::setStanding(const QVector<PositionUpdate> &standing)
{
    qint64 newest = std::numeric_limits<qint64>::min();
    for (const auto &update : standing)
        newest = std::max(newest, update.timestampMs);
    if (!standing.isEmpty()) {
        const qint64 raceMs = raceMsOf(newest);
        while (!m_standings.empty() && m_standings.back().first > raceMs) // a replay that jumped back
            m_standings.pop_back();
        if (m_standings.empty() || raceMs / kStandingStepMs != m_standings.back().first / kStandingStepMs) {
            // Every decoded message has its own copies of the same few strings: share them.
            auto shared = [this](QString &text) { text = *m_words.insert(text); };
            QVector<PositionUpdate> kept = standing;
            for (auto &update : kept) {
                shared(update.driverName);
                for (auto *optional : {&update.raceId, &update.teamName, &update.tyre, &update.status}) {
                    if (*optional)
                        shared(**optional);
                }
            }
            m_standings.emplace_back(raceMs, std::move(kept));
        }
    }
    for (const auto &update : standing) {
        if (update.gapToLeaderS)
            m_gapNow.insert(update.driverName, *update.gapToLeaderS);
        else if (update.position == 1)
            m_gapNow.insert(update.driverName, 0.0);
    }
}

QVector<PositionUpdate> RaceViewStore::standingAt(qint64 raceMs) const
{
    auto after = std::upper_bound(m_standings.begin(), m_standings.end(), raceMs,
                                  [](qint64 ms, const auto &entry) { return ms < entry.first; });
    return after == m_standings.begin() ? QVector<PositionUpdate>() : std::prev(after)->second;
}

std::vector<TelemetryPoint> RaceViewStore::telemetry(const QString &driver, qint64 fromMs, qint64 toMs) const
{
    std::vector<TelemetryPoint> points;
    const auto car = m_telemetry.constFind(driver);
    if (car == m_telemetry.cend() || fromMs > toMs)
        return points;
    const qint64 fullRateFrom = car->recent.empty() ? std::numeric_limits<qint64>::max() : car->recent.front().raceMs;
    if (fromMs < fullRateFrom) {
        auto begin = std::lower_bound(car->history.begin(), car->history.end(), fromMs, earlier);
        auto end = std::lower_bound(begin, car->history.end(), std::min(toMs + 1, fullRateFrom), earlier);
        points.insert(points.end(), begin, end);
    }
    auto begin = std::lower_bound(car->recent.begin(), car->recent.end(), std::max(fromMs, fullRateFrom), earlier);
    auto end = std::lower_bound(begin, car->recent.end(), toMs + 1, earlier);
    points.insert(points.end(), begin, end);
    return points;
}

std::optional<TelemetryPoint> RaceViewStore::telemetryAt(const QString &driver, qint64 raceMs) const
{
    const auto car = m_telemetry.constFind(driver);
    if (car == m_telemetry.cend())
        return std::nullopt;
    if (!car->recent.empty() && car->recent.front().raceMs <= raceMs) {
        auto after = std::lower_bound(car->recent.begin(), car->recent.end(), raceMs + 1, earlier);
        return *std::prev(after);
    }
    auto after = std::lower_bound(car->history.begin(), car->history.end(), raceMs + 1, earlier);
    if (after == car->history.begin())
        return std::nullopt;
    return *std::prev(after);
}

const std::vector<LapRecord> &RaceViewStore::laps(const QString &driver) const
{
    const auto found = m_laps.constFind(driver);
    return found == m_laps.cend() ? kNoLaps : *found;
}

const std::vector<ForecastRecord> &RaceViewStore::forecasts(const QString &driver, const QString &metric) const
{
    const auto found = m_forecasts.constFind(driver + QLatin1Char('/') + metric);
    return found == m_forecasts.cend() ? kNoForecasts : *found;
}

size_t RaceViewStore::telemetryPointCount() const
{
    size_t count = 0;
    for (const auto &car : m_telemetry)
        count += car.recent.size() + car.history.size();
    return count;
}

} // namespace pitwall
