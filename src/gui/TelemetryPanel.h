#pragma once
// Telemetry charts of the followed driver against a rival, over a window of race time
// ending at the race clock's moment: speed; throttle, brake and gear; and a chosen
// temperature with its ARIMA forecast band and the anomalies found. Every series is
// bounded (decimated to about one point per pixel), so long races stay smooth.

#include "core/Grid.h"

#include "view/RefreshThrottle.h"

#include <QWidget>
#include <memory>

class QChart;
class QLineSeries;
class QAreaSeries;
class QScatterSeries;
class QValueAxis;

namespace Ui {
class TelemetryPanel;
}

namespace pitwall {

class RaceChartView;
class RaceClock;
class RaceViewStore;

class TelemetryPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxPointsPerSeries = 1200;
    static constexpr qint64 kRefreshMs = 50; // 20 redraws a second are smooth enough for charts

    TelemetryPanel(const RaceViewStore &store, RaceClock &clock, const Grid &grid, QWidget *parent = nullptr);
    ~TelemetryPanel() override;

    void setFollowedDriver(const QString &driver);
    void setRival(const QString &driver);
    // One of telemetryMetricNames().
    void setTemperatureMetric(const QString &metric);
    void setDark(bool dark);
    // A real race's source may carry no pedals/gear or no temperatures: those charts say so
    // in their titles instead of drawing flat lines.
    void setSourceLacks(bool carData, bool temperatures);
    // The rival box lists the grid's drivers again (a race with other drivers begins).
    void refreshDrivers() { fillDrivers(); }
    QString followedDriver() const { return m_followed; }
    QString rival() const;
    QString temperatureMetric() const;
    // The race time shown, in seconds (the charts' x axis).
    std::pair<double, double> shownRange() const;
    // Points drawn per series last time (tests and the benchmark).
    int pointsDrawn() const { return m_pointsDrawn; }
    int forecastPointsDrawn() const { return m_forecastPointsDrawn; }

public slots:
    void refresh();

private:
    struct Chart;
    Chart makeChart(const QString &title, const QString &unit, double yMin, double yMax);
    void scheduleRefresh();
    void fillDrivers();

    std::unique_ptr<Ui::TelemetryPanel> m_ui;
    const RaceViewStore &m_store;
    RaceClock &m_clock;
    const Grid &m_grid;
    QString m_followed;
    qint64 m_windowMs = 60'000;
    RefreshThrottle m_refreshThrottle;
    int m_pointsDrawn = 0;
    int m_forecastPointsDrawn = 0;
    std::vector<RaceChartView *> m_views;
    std::vector<QValueAxis *> m_timeAxes;
    QValueAxis *m_temperatureAxis = nullptr;
    QChart *m_inputsChart = nullptr;
    QChart *m_temperatureChart = nullptr;
    QLineSeries *m_speed = nullptr, *m_rivalSpeed = nullptr;
    QLineSeries *m_throttle = nullptr, *m_brake = nullptr, *m_gear = nullptr, *m_rivalGear = nullptr;
    QLineSeries *m_temperature = nullptr, *m_rivalTemperature = nullptr, *m_forecast = nullptr;
    QLineSeries *m_bandUpper = nullptr, *m_bandLower = nullptr;
    QAreaSeries *m_band = nullptr;
    QScatterSeries *m_anomalies = nullptr;
};

} // namespace pitwall
