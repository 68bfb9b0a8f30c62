#pragma once
// Lap by lap: the race trace (every driver's gap to the leader at the line, leader on
// top, pit stops and safety-car laps marked) and the followed driver's lap times with
// the ARIMA lap-time forecast and its band.

#include "view/RefreshThrottle.h"

#include <QHash>
#include <QWidget>

class QChart;
class QLineSeries;
class QAreaSeries;
class QScatterSeries;
class QValueAxis;

namespace pitwall {

class Grid;
class RaceChartView;
class RaceClock;
class RaceViewStore;

class LapChartsPanel : public QWidget {
    Q_OBJECT
public:
    // Forecasts arrive every frame; the laps change once a lap: a few redraws a second do.
    static constexpr qint64 kRefreshMs = 250;

    LapChartsPanel(const RaceViewStore &store, const RaceClock &clock, const Grid &grid, QWidget *parent = nullptr);

    void setFollowedDriver(const QString &driver);
    void setDark(bool dark);
    // Points in the race trace (tests).
    int tracePoints() const;
    int forecastPoints() const;

signals:
    void momentSelected(qint64 raceMs);

public slots:
    void refresh();

private:
    void scheduleRefresh();
    qint64 raceMsOfLap(double lap) const;

    const RaceViewStore &m_store;
    const Grid &m_grid;
    QString m_followed;
    RefreshThrottle m_refreshThrottle;
    RaceChartView *m_traceView = nullptr;
    RaceChartView *m_lapTimeView = nullptr;
    QHash<QString, QLineSeries *> m_traces;
    QScatterSeries *m_pitStops = nullptr;
    QScatterSeries *m_safetyCar = nullptr;
    QValueAxis *m_traceLaps = nullptr, *m_traceGap = nullptr;
    QLineSeries *m_lapTimes = nullptr, *m_forecast = nullptr, *m_bandUpper = nullptr, *m_bandLower = nullptr;
    QAreaSeries *m_band = nullptr;
    QScatterSeries *m_pitLaps = nullptr;
    QValueAxis *m_lapAxis = nullptr, *m_timeAxis = nullptr;
};

} // namespace pitwall
