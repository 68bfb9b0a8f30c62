#include "LapChartsPanel.h"

#include "RaceChartView.h"
#include "view/RaceClock.h"
#include "view/RaceViewStore.h"
#include "core/Grid.h"

#include <QAreaSeries>
#include <QChart>
#include <QLineSeries>
#include <QScatterSeries>
#include <QVBoxLayout>
#include <QValueAxis>
#include <cmath>

namespace pitwall {

namespace {

QChart *newChart(const QString &title)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignRight);
    return chart;
}

QValueAxis *newAxis(QChart *chart, Qt::Alignment where, const QString &title, const QString &format)
{
    auto *axis = new QValueAxis(chart);
    axis->setTitleText(title);
    axis->setLabelFormat(format);
    chart->addAxis(axis, where);
    return axis;
}

// Marks on a chart (pit stops, safety-car laps).
QScatterSeries *newMarks(QChart *chart, const QString &name, qreal size, const QColor &colour)
{
    auto *marks = new QScatterSeries(chart);
    marks->setName(name);
    marks->setMarkerSize(size);
    marks->setColor(colour);
    chart->addSeries(marks);
    return marks;
}

// Every series of the chart on the two axes, in a view added to the panel's layout.
RaceChartView *addView(QChart *chart, QValueAxis *x, QValueAxis *y, QWidget *panel, QBoxLayout *layout, int stretch)
{
    for (auto *series : chart->series()) {
        series->attachAxis(x);
        series->attachAxis(y);
    }
    auto *view = new RaceChartView(chart, panel);
    layout->addWidget(view, stretch);
    return view;
}

} // namespace

LapChartsPanel::LapChartsPanel(const RaceViewStore &store, const RaceClock &clock, const Grid &grid, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_grid(grid)
    , m_refreshThrottle(this, kRefreshMs, [this] { refresh(); })
{
    Q_UNUSED(clock);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);

    auto *trace = newChart(tr("Race trace: gap to the leader"));
    trace->legend()->hide(); // twenty names: the leaderboard is the legend
    m_traceLaps = newAxis(trace, Qt::AlignBottom, tr("lap"), QStringLiteral("%.0f"));
    m_traceGap = newAxis(trace, Qt::AlignLeft, tr("gap (s)"), QStringLiteral("%.0f"));
    m_traceGap->setReverse(true); // the leader on top
    for (const auto &driver : grid.drivers()) {
        auto *series = new QLineSeries(trace);
        series->setName(driver.code);
        series->setPen(QPen(QColor(grid.teamOf(driver).colour), 1)); // one pixel: the cheap way to stroke
        trace->addSeries(series);
        m_traces.insert(driver.name, series);
    }
    m_pitStops = newMarks(trace, tr("Pit stops"), 7, Qt::white);
    m_pitStops->setBorderColor(Qt::black);
    m_safetyCar = newMarks(trace, tr("Safety car"), 9, QColor(QStringLiteral("#f5b400")));
    m_safetyCar->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    m_traceView = addView(trace, m_traceLaps, m_traceGap, this, layout, 3);

    auto *lapTimes = newChart(tr("Lap times of the followed driver"));
    m_lapAxis = newAxis(lapTimes, Qt::AlignBottom, tr("lap"), QStringLiteral("%.0f"));
    m_timeAxis = newAxis(lapTimes, Qt::AlignLeft, tr("lap time (s)"), QStringLiteral("%.1f"));
    m_bandUpper = new QLineSeries(lapTimes);
    m_bandLower = new QLineSeries(lapTimes);
    m_band = new QAreaSeries(m_bandUpper, m_bandLower);
    m_band->setName(tr("Forecast band"));
    m_band->setPen(Qt::NoPen);
    m_band->setBrush(QColor(120, 160, 255, 70));
    lapTimes->addSeries(m_band);
    m_forecast = new QLineSeries(lapTimes);
    m_forecast->setName(tr("Forecast"));
    m_forecast->setPen(QPen(QColor(QStringLiteral("#7aa2ff")), 1.2, Qt::DashLine));
    lapTimes->addSeries(m_forecast);
    m_lapTimes = new QLineSeries(lapTimes);
    m_lapTimes->setName(tr("Lap time"));
    m_lapTimes->setPen(QPen(QColor(QStringLiteral("#ff8000")), 2));
    m_lapTimes->setPointsVisible(true);
    lapTimes->addSeries(m_lapTimes);
    m_pitLaps = newMarks(lapTimes, tr("Pit or neutralised lap"), 8, QColor(QStringLiteral("#f5b400")));
    m_lapTimeView = addView(lapTimes, m_lapAxis, m_timeAxis, this, layout, 2);

    for (auto *view : {m_traceView, m_lapTimeView}) {
        connect(view, &RaceChartView::momentClicked, this, [this](double lap) {
            if (const qint64 at = raceMsOfLap(lap); at >= 0)
                emit momentSelected(at);
        });
    }
    connect(&store, &RaceViewStore::lapsAdded, this, &LapChartsPanel::scheduleRefresh);
    connect(&store, &RaceViewStore::forecastsAdded, this, &LapChartsPanel::scheduleRefresh);
    connect(&store, &RaceViewStore::eventsAdded, this, &LapChartsPanel::scheduleRefresh);
    connect(&store, &RaceViewStore::cleared, this, &LapChartsPanel::scheduleRefresh);
    connect(&store, &RaceViewStore::rewound, this, &LapChartsPanel::scheduleRefresh);
}

void LapChartsPanel::setFollowedDriver(const QString &driver)
{
    m_followed = driver;
    for (auto it = m_traces.begin(); it != m_traces.end(); ++it) {
        QPen pen = it.value()->pen();
        pen.setWidthF(it.key() == driver ? 3.5 : 1);
        it.value()->setPen(pen);
    }
    scheduleRefresh();
}

void LapChartsPanel::setDark(bool dark)
{
    m_traceView->setDark(dark);
    m_lapTimeView->setDark(dark);
}

int LapChartsPanel::tracePoints() const
{
    int points = 0;
    for (const auto *series : m_traces)
        points += series->count();
    return points;
}

int LapChartsPanel::forecastPoints() const
{
    return m_forecast->count();
}

qint64 LapChartsPanel::raceMsOfLap(double lap) const
{
    const auto &laps = m_store.laps(m_followed);
    const int wanted = int(std::lround(lap));
    for (const auto &record : laps) {
        if (record.lap == wanted)
            return record.raceMs;
    }
    return laps.empty() ? -1 : laps.back().raceMs;
}

void LapChartsPanel::scheduleRefresh()
{
    m_refreshThrottle.request();
}

void LapChartsPanel::refresh()
{
    m_refreshThrottle.redrawn();
    int lastLap = 1;
    double maxGap = 5;
    QList<QPointF> pits;
    for (auto it = m_traces.begin(); it != m_traces.end(); ++it) {
        QList<QPointF> points;
        for (const auto &lap : m_store.laps(it.key())) {
            if (!std::isfinite(lap.gapToLeaderS))
                continue;
            points.append({double(lap.lap), lap.gapToLeaderS});
            maxGap = std::max(maxGap, lap.gapToLeaderS);
            lastLap = std::max(lastLap, lap.lap);
            if (lap.pitLap)
                pits.append(points.last());
        }
        it.value()->replace(points);
    }
    m_pitStops->replace(pits);
    // A marker on each lap the leader ran neutralised.
    QList<QPointF> neutralised;
    QString leader;
    for (const auto &entry : m_store.standingAt(m_store.newestRaceMs())) {
        if (entry.position == 1)
            leader = entry.driverName;
    }
    for (const auto &lap : m_store.laps(leader)) {
        if (lap.neutralised)
            neutralised.append({double(lap.lap), 0.0});
    }
    m_safetyCar->replace(neutralised);
    m_traceLaps->setRange(1, std::max(2, lastLap));
    m_traceGap->setRange(0, std::min(maxGap * 1.05, 200.0));

    // The followed driver's laps and the one-lap-ahead forecasts made at each line.
    QList<QPointF> times, pitLaps, forecast, upper, lower;
    double low = 1e9, high = 0;
    const auto &laps = m_store.laps(m_followed);
    for (const auto &lap : laps) {
        const QPointF point(lap.lap, double(lap.lapTimeMs) / 1000.0);
        times.append(point);
        if (lap.pitLap || lap.neutralised)
            pitLaps.append(point);
        else {
            low = std::min(low, point.y());
            high = std::max(high, point.y());
        }
    }
    for (const auto &record : m_store.forecasts(m_followed, QStringLiteral("lap_time"))) {
        // The lap completed when the forecast was made: it forecasts the next one.
        auto made = std::find_if(laps.begin(), laps.end(), [&](const LapRecord &lap) { return lap.raceMs == record.madeRaceMs; });
        if (made == laps.end())
            continue;
        const double lap = made->lap + 1;
        forecast.append({lap, record.forecast});
        upper.append({lap, record.upperBound});
        lower.append({lap, record.lowerBound});
        low = std::min(low, double(record.lowerBound));
        high = std::max(high, double(record.upperBound));
    }
    m_lapTimes->replace(times);
    m_pitLaps->replace(pitLaps);
    m_forecast->replace(forecast);
    m_bandUpper->replace(upper);
    m_bandLower->replace(lower);
    m_lapAxis->setRange(1, std::max(2, laps.empty() ? 2 : laps.back().lap + 1));
    if (low <= high)
        m_timeAxis->setRange(std::floor(low - 0.5), std::ceil(high + 0.5));
}

} // namespace pitwall
