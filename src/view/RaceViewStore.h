#pragma once
// Everything the window has seen of the race, on the GUI thread, indexed by race time:
// each car's telemetry (the last minutes at full rate, the whole race at 1 Hz, so a
// 60-lap race stays small), laps with gaps, anomalies, forecasts, events and the feed.
// Panels read it at the race clock's moment; it never blocks the race.

#include "core/Messages.h"
#include "pipeline/RaceViewFeed.h"

#include <QHash>
#include <QSet>
#include <QObject>
#include <QVector>
#include <array>
#include <deque>
#include <optional>
#include <vector>

namespace pitwall {

struct TelemetryPoint {
    qint64 raceMs = 0;
    float speedKph = 0, throttle = 0, brake = 0;
    float x = 0, y = 0;
    qint8 gear = 0;
    qint16 lap = 0;
    std::array<float, kTelemetryMetricCount> metrics{}; // telemetryMetricNames() order; NaN: no reading
};

struct LapRecord {
    int lap = 0;
    qint64 raceMs = 0; // when it was completed
    qint64 lapTimeMs = 0;
    double gapToLeaderS = 0; // at the line; NaN when unknown
    bool pitLap = false;
    bool neutralised = false;
};

struct AnomalyRecord {
    qint64 raceMs = 0;
    TelemetryAnomaly anomaly;
    AnomalySource source = AnomalySource::Telemetry;
};

// A one-step-ahead forecast (the window draws no others): a second ahead for
// temperatures, a lap ahead for lap_time (made when the lap completed at madeRaceMs).
// Compact: a race holds a few hundred thousand of them.
struct ForecastRecord {
    qint64 madeRaceMs = 0;
    float forecast = 0, lowerBound = 0, upperBound = 0;
};

struct EventRecord {
    qint64 raceMs = 0;
    RaceEvent event;
};

struct CommentaryRecord {
    qint64 raceMs = 0;
    Commentary commentary;
};

class RaceViewStore : public QObject {
    Q_OBJECT
public:
    static constexpr qint64 kFullRateWindowMs = 5 * 60 * 1000;
    static constexpr qint64 kHistoryStepMs = 1000;
    static constexpr int kMaxAnomalies = 20000;
    static constexpr int kMaxForecastsPerSeries = 4000;
    static constexpr qint64 kStandingStepMs = 2000;

    using QObject::QObject;

    void reset(qint64 raceStartEpochMs);
    qint64 raceMsOf(qint64 timestampMs) const { return timestampMs - m_startEpochMs; }
    void add(const RaceViewBatch &batch);
    // A replay jumped back to this moment: everything after it goes (it will be played again).
    void rewindTo(qint64 raceMs);
    // The leaderboard's latest standing: gaps at the line come from it.
    void setStanding(const QVector<PositionUpdate> &standing);

    qint64 newestRaceMs() const { return m_newestRaceMs; }
    // The standing as it was at a moment (kept every kStandingStepMs of race time).
    QVector<PositionUpdate> standingAt(qint64 raceMs) const;
    QStringList drivers() const { return m_telemetry.keys(); }
    // A car's points within [fromMs, toMs], oldest first (full rate where still kept).
    std::vector<TelemetryPoint> telemetry(const QString &driver, qint64 fromMs, qint64 toMs) const;
    // The car's newest point at or before the moment.
    std::optional<TelemetryPoint> telemetryAt(const QString &driver, qint64 raceMs) const;
    const std::vector<LapRecord> &laps(const QString &driver) const;
    const std::vector<AnomalyRecord> &anomalies() const { return m_anomalies; }
    const std::vector<ForecastRecord> &forecasts(const QString &driver, const QString &metric) const;
    const std::vector<EventRecord> &events() const { return m_events; }
    const std::vector<CommentaryRecord> &commentary() const { return m_commentary; }
    // Telemetry points held, for the memory figure.
    size_t telemetryPointCount() const;

signals:
    void cleared();
    void rewound(); // rewindTo(): lists shrank
    void telemetryAdded();
    void anomaliesAdded(int first); // index of the first new one in anomalies()
    void anomaliesTrimmed();        // the oldest were let go: indexes changed
    void eventsAdded(int first);
    void commentaryAdded(int first);
    void lapsAdded();
    void forecastsAdded();

private:
    struct CarTelemetry {
        std::deque<TelemetryPoint> recent;   // full rate, the last kFullRateWindowMs
        std::vector<TelemetryPoint> history; // one per kHistoryStepMs, the whole race
    };
    void addTelemetry(const TelemetrySample &sample);
    void addLap(const RaceEvent &event, qint64 raceMs);

    qint64 m_startEpochMs = 0;
    qint64 m_newestRaceMs = 0;
    QHash<QString, CarTelemetry> m_telemetry;
    QHash<QString, std::vector<LapRecord>> m_laps;
    QHash<QString, double> m_gapNow;
    std::vector<std::pair<qint64, QVector<PositionUpdate>>> m_standings; // by race time
    QSet<QString> m_words; // the few distinct names and states the standings repeat, shared
    std::vector<AnomalyRecord> m_anomalies;
    QHash<QString, std::vector<ForecastRecord>> m_forecasts; // key: driver + '/' + metric
    std::vector<EventRecord> m_events;
    std::vector<CommentaryRecord> m_commentary;
};

} // namespace pitwall
