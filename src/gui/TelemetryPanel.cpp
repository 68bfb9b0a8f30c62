#include "TelemetryPanel.h"

#include "view/DisplayNames.h"
#include "RaceChartView.h"
#include "view/RaceClock.h"
#include "view/RaceViewStore.h"
#include "ui_TelemetryPanel.h"

#include <QAreaSeries>
#include <QChart>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>
#include <cmath>

#include <QSignalBlocker>

namespace pitwall {

namespace {

// Every `stride`-th point, and always the last, so a series never exceeds the limit.
QList<QPointF> decimated(const QList<QPointF> &points, int limit)
{
    if (points.size() <= limit)
        return points;
    const double stride = double(points.size()) / limit;
    QList<QPointF> kept;
    kept.reserve(limit + 1);
    for (double i = 0; i < points.size(); i += stride)
        kept << points[qsizetype(i)];
    kept << points.last();
    return kept;
}

// Lines wider than one pixel are stroked as polygons, segment by segment (Qt Charts draws a
// solid series one segment at a time): about four times the cost of a one-pixel line. Only
// the followed driver's speed and temperature are drawn wider.
QLineSeries *lineSeries(QChart *chart, const QString &name, const QColor &colour, double width, Qt::PenStyle style = Qt::SolidLine)
{
    auto *series = new QLineSeries(chart);
    series->setName(name);
    series->setPen(QPen(colour, width, style));
    series->setUseOpenGL(false);
    chart->addSeries(series);
    return series;
}

// Chooses the box's entry for `data`; a value it does not list leaves the choice as it is.
void chooseData(QComboBox *box, const QString &data)
{
    if (const int index = box->findData(data); index >= 0)
        box->setCurrentIndex(index);
}

} // namespace

struct TelemetryPanel::Chart {
    QChart *chart;
    QValueAxis *time;
    QValueAxis *value;
};

TelemetryPanel::TelemetryPanel(const RaceViewStore &store, RaceClock &clock, const Grid &grid, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::TelemetryPanel>())
    , m_store(store)
    , m_clock(clock)
    , m_grid(grid)
    , m_refreshThrottle(this, kRefreshMs, [this] { refresh(); })
{
    m_ui->setupUi(this);
    for (const auto &metric : telemetryMetricNames())
        m_ui->metricBox->addItem(DisplayNames::metric(metric), metric);
    for (int seconds : {30, 60, 120, 300, 900})
        m_ui->windowBox->addItem(seconds < 120 ? tr("%1 s").arg(seconds) : tr("%1 min").arg(seconds / 60), seconds * 1000);
    m_ui->windowBox->setCurrentIndex(1);
    fillDrivers();

    const QColor followedColour(QStringLiteral("#ff8000"));
    const QColor rivalColour(QStringLiteral("#27a4f2"));
    auto speed = makeChart(tr("Speed"), tr("km/h"), 0, 360);
    m_speed = lineSeries(speed.chart, tr("Followed"), followedColour, 2);
    m_rivalSpeed = lineSeries(speed.chart, tr("Rival"), rivalColour, 1);
    auto inputs = makeChart(tr("Throttle, brake and gear"), tr("% / gear×12.5"), 0, 105);
    m_throttle = lineSeries(inputs.chart, tr("Throttle"), QColor(QStringLiteral("#2ecc71")), 1);
    m_brake = lineSeries(inputs.chart, tr("Brake"), QColor(QStringLiteral("#e74c3c")), 1);
    m_gear = lineSeries(inputs.chart, tr("Gear"), followedColour, 1);
    m_rivalGear = lineSeries(inputs.chart, tr("Rival gear"), rivalColour, 1, Qt::DashLine);
    auto temperature = makeChart(tr("Temperature"), tr("°C"), 0, 150);
    m_temperatureAxis = temperature.value;
    m_inputsChart = inputs.chart;
    m_temperatureChart = temperature.chart;
    m_bandUpper = new QLineSeries(temperature.chart);
    m_bandLower = new QLineSeries(temperature.chart);
    m_band = new QAreaSeries(m_bandUpper, m_bandLower);
    m_band->setName(tr("Forecast band"));
    m_band->setPen(Qt::NoPen);
    m_band->setBrush(QColor(120, 160, 255, 70));
    temperature.chart->addSeries(m_band);
    m_forecast = lineSeries(temperature.chart, tr("Forecast"), QColor(QStringLiteral("#7aa2ff")), 1, Qt::DashLine);
    m_temperature = lineSeries(temperature.chart, tr("Followed"), followedColour, 2);
    m_rivalTemperature = lineSeries(temperature.chart, tr("Rival"), rivalColour, 1);
    m_anomalies = new QScatterSeries(temperature.chart);
    m_anomalies->setName(tr("Anomalies"));
    m_anomalies->setMarkerSize(11);
    m_anomalies->setColor(QColor(QStringLiteral("#e10600")));
    m_anomalies->setBorderColor(Qt::white);
    temperature.chart->addSeries(m_anomalies);
    for (const auto &chart : {speed, inputs, temperature}) {
        for (auto *series : chart.chart->series()) {
            series->attachAxis(chart.time);
            series->attachAxis(chart.value);
        }
    }

    connect(m_ui->rivalBox, &QComboBox::currentIndexChanged, this, &TelemetryPanel::scheduleRefresh);
    connect(m_ui->metricBox, &QComboBox::currentIndexChanged, this, &TelemetryPanel::scheduleRefresh);
    connect(m_ui->windowBox, &QComboBox::currentIndexChanged, this, [this] {
        m_windowMs = m_ui->windowBox->currentData().toLongLong();
        scheduleRefresh();
    });
    connect(&m_clock, &RaceClock::moved, this, &TelemetryPanel::scheduleRefresh);
    connect(&m_store, &RaceViewStore::cleared, this, &TelemetryPanel::scheduleRefresh);
    connect(&m_store, &RaceViewStore::rewound, this, &TelemetryPanel::scheduleRefresh);
    for (auto *view : m_views) {
        connect(view, &RaceChartView::zoomRequested, this, [this](double factor) {
            m_windowMs = std::clamp<qint64>(qint64(double(m_windowMs) / factor), 5'000, 3'600'000);
            scheduleRefresh();
        });
        connect(view, &RaceChartView::panRequested, this,
                [this](double seconds) { m_clock.seek(m_clock.viewMs() + qint64(seconds * 1000)); });
        connect(view, &RaceChartView::momentClicked, this, [this](double seconds) {
            m_clock.seek(qint64(seconds * 1000)); // held moments sit mid-window
        });
    }
}

TelemetryPanel::~TelemetryPanel() = default;

TelemetryPanel::Chart TelemetryPanel::makeChart(const QString &title, const QString &unit, double yMin, double yMax)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->legend()->setAlignment(Qt::AlignRight);
    chart->legend()->setFont(QFont(font().family(), 8));
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->setAnimationOptions(QChart::NoAnimation);
    auto *time = new QValueAxis(chart);
    time->setLabelFormat(QStringLiteral("%.0f"));
    time->setTitleText(tr("race time (s)"));
    auto *value = new QValueAxis(chart);
    value->setRange(yMin, yMax);
    value->setTitleText(unit);
    value->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(time, Qt::AlignBottom);
    chart->addAxis(value, Qt::AlignLeft);
    auto *view = new RaceChartView(chart, this);
    view->setMinimumHeight(125); // three fit beside the map on a 768-pixel screen
    m_ui->chartsLayout->addWidget(view);
    m_views.push_back(view);
    m_timeAxes.push_back(time);
    return {chart, time, value};
}

void TelemetryPanel::fillDrivers()
{
    const QString rival = m_ui->rivalBox->currentData().toString();
    QSignalBlocker blocker(m_ui->rivalBox);
    m_ui->rivalBox->clear();
    for (const auto &driver : m_grid.drivers())
        m_ui->rivalBox->addItem(QStringLiteral("%1  %2").arg(driver.code, driver.name), driver.name);
    m_ui->rivalBox->setCurrentIndex(std::max(0, m_ui->rivalBox->findData(rival)));
}

void TelemetryPanel::setSourceLacks(bool carData, bool temperatures)
{
    m_inputsChart->setTitle(carData ? tr("Throttle, brake and gear — not in this race's source") : tr("Throttle, brake and gear"));
    m_temperatureChart->setTitle(temperatures ? tr("Temperature — not in this race's source (real timing carries none)")
                                              : tr("Temperature"));
}

void TelemetryPanel::setFollowedDriver(const QString &driver)
{
    m_followed = driver;
    // The rival defaults to someone else.
    if (rival() == driver && m_ui->rivalBox->count() > 1)
        m_ui->rivalBox->setCurrentIndex((m_ui->rivalBox->currentIndex() + 1) % m_ui->rivalBox->count());
    scheduleRefresh();
}

void TelemetryPanel::setRival(const QString &driver)
{
    chooseData(m_ui->rivalBox, driver);
}

QString TelemetryPanel::rival() const
{
    return m_ui->rivalBox->currentData().toString();
}

void TelemetryPanel::setTemperatureMetric(const QString &metric)
{
    chooseData(m_ui->metricBox, metric);
}

QString TelemetryPanel::temperatureMetric() const
{
    return m_ui->metricBox->currentData().toString();
}

std::pair<double, double> TelemetryPanel::shownRange() const
{
    return {m_timeAxes.front()->min(), m_timeAxes.front()->max()};
}

void TelemetryPanel::setDark(bool dark)
{
    for (auto *view : m_views)
        view->setDark(dark);
}

void TelemetryPanel::scheduleRefresh()
{
    m_refreshThrottle.request();
}

void TelemetryPanel::refresh()
{
    m_refreshThrottle.redrawn();
    // Live, the window ends at the newest moment; held, it is centred on the moment.
    const qint64 to = m_clock.isLive() ? std::max<qint64>(m_clock.viewMs(), m_windowMs) : m_clock.viewMs() + m_windowMs / 2;
    const qint64 from = to - m_windowMs;
    for (auto *axis : m_timeAxes)
        axis->setRange(double(from) / 1000.0, double(to) / 1000.0);

    const int metricIndex = std::max(0, m_ui->metricBox->currentIndex());
    const QString metric = temperatureMetric();
    auto collect = [&](const QString &driver, auto value) {
        QList<QPointF> points;
        if (driver.isEmpty())
            return points;
        const auto telemetry = m_store.telemetry(driver, from, to);
        points.reserve(qsizetype(telemetry.size()));
        for (const auto &point : telemetry) {
            const double y = value(point);
            if (std::isfinite(y))
                points.append({double(point.raceMs) / 1000.0, y});
        }
        return decimated(points, kMaxPointsPerSeries);
    };
    const QString rivalName = rival();
    auto speed = collect(m_followed, [](const TelemetryPoint &p) { return double(p.speedKph); });
    m_pointsDrawn = int(speed.size());
    m_speed->replace(speed);
    m_rivalSpeed->replace(collect(rivalName, [](const TelemetryPoint &p) { return double(p.speedKph); }));
    m_throttle->replace(collect(m_followed, [](const TelemetryPoint &p) { return double(p.throttle); }));
    m_brake->replace(collect(m_followed, [](const TelemetryPoint &p) { return double(p.brake); }));
    m_gear->replace(collect(m_followed, [](const TelemetryPoint &p) { return p.gear * 12.5; }));
    m_rivalGear->replace(collect(rivalName, [](const TelemetryPoint &p) { return p.gear * 12.5; }));
    auto temperatureOf = [metricIndex](const TelemetryPoint &p) { return double(p.metrics[size_t(metricIndex)]); };
    const auto temperature = collect(m_followed, temperatureOf);
    m_temperature->replace(temperature);
    const auto rivalTemperature = collect(rivalName, temperatureOf);
    m_rivalTemperature->replace(rivalTemperature);

    // The one-step forecasts made in the window, drawn where they point.
    QList<QPointF> forecast, upper, lower;
    for (const auto &record : m_store.forecasts(m_followed, metric)) {
        const double at = double(record.madeRaceMs) / 1000.0 + 1.0; // one second ahead
        if (at * 1000 < from || at * 1000 > to)
            continue;
        forecast.append({at, record.forecast});
        upper.append({at, record.upperBound});
        lower.append({at, record.lowerBound});
    }
    m_forecast->replace(decimated(forecast, kMaxPointsPerSeries));
    m_forecastPointsDrawn = int(m_forecast->count());
    m_bandUpper->replace(decimated(upper, kMaxPointsPerSeries));
    m_bandLower->replace(decimated(lower, kMaxPointsPerSeries));
    QList<QPointF> anomalies;
    double low = std::numeric_limits<double>::max(), high = std::numeric_limits<double>::lowest();
    for (const auto &record : m_store.anomalies()) {
        const auto &anomaly = record.anomaly;
        if (anomaly.driverName != m_followed || anomaly.metric != metric || record.raceMs < from || record.raceMs > to)
            continue;
        anomalies.append({double(record.raceMs) / 1000.0, anomaly.actual});
        low = std::min({low, anomaly.actual, anomaly.lowerBound});
        high = std::max({high, anomaly.actual, anomaly.upperBound});
    }
    m_anomalies->replace(anomalies);
    // The temperature axis fits what is drawn (the rival's line too), with a margin.
    for (const QList<QPointF> *series : {&temperature, &rivalTemperature, static_cast<const QList<QPointF> *>(&upper),
                                         static_cast<const QList<QPointF> *>(&lower)}) {
        for (const auto &point : *series) {
            low = std::min(low, point.y());
            high = std::max(high, point.y());
        }
    }
    if (low <= high) {
        const double margin = std::max(2.0, (high - low) * 0.1);
        m_temperatureAxis->setRange(std::floor(low - margin), std::ceil(high + margin));
    }
}

} // namespace pitwall
