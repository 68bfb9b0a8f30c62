#include "TrackMapWidget.h"

#include "view/LabelPlacer.h"
#include "TextRasterCache.h"

#include "view/RaceClock.h"
#include "view/RaceViewStore.h"
#include "sim/Circuit.h"
#include "sim/TrackGeometry.h"

#include <QFontMetricsF>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <QPolygonF>

namespace pitwall {

TrackMapWidget::TrackMapWidget(const RaceViewStore &store, const RaceClock &clock, const Grid &grid, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_clock(clock)
    , m_grid(grid)
{
    setMinimumSize(220, 180);
    setMouseTracking(true); // names on hover
    connect(&clock, &RaceClock::moved, this, qOverload<>(&QWidget::update));
}

void TrackMapWidget::setCircuit(const QString &circuitId)
{
    m_centreline.clear();
    m_bounds = {};
    m_trackCache = QPixmap();
    m_closed = true;
    const auto circuit = Circuit::builtIn(circuitId);
    if (circuit) {
        m_circuitName = circuit->name;
        m_centreline = TrackGeometry(*circuit).centreline();
        m_bounds = QPolygonF(m_centreline).boundingRect();
    } else {
        m_circuitName.clear();
        m_emptyNote = circuitId.isEmpty() ? QString() : tr("No map: this race's source has no car positions.");
    }
    update();
}

void TrackMapWidget::setOutline(const QVector<QPointF> &outline, const QString &name, bool closed)
{
    m_closed = closed;
    m_trackCache = QPixmap();
    m_circuitName = name;
    m_centreline = outline;
    m_bounds = QPolygonF(m_centreline).boundingRect();
    m_emptyNote = outline.isEmpty() ? tr("The map appears once the followed car has driven a lap.") : QString();
    update();
}

void TrackMapWidget::setFollowedDriver(const QString &driver)
{
    m_followed = driver;
    update();
}

QTransform TrackMapWidget::worldToWidget() const
{
    // Fit the circuit with a margin, keep its aspect, y up as on a map.
    const QRectF area = QRectF(rect()).adjusted(24, 24, -24, -24);
    if (m_bounds.isEmpty() || area.isEmpty())
        return {};
    const double scale = std::min(area.width() / m_bounds.width(), area.height() / m_bounds.height());
    QTransform transform;
    transform.translate(area.center().x(), area.center().y());
    transform.scale(scale, -scale);
    transform.translate(-m_bounds.center().x(), -m_bounds.center().y());
    return transform;
}

void TrackMapWidget::paintTrack(QPainter &painter, const QTransform &transform) const
{
    const QPalette &colours = palette();
    QPolygonF track = transform.map(QPolygonF(m_centreline));
    if (m_closed)
        track << track.first();
    painter.setPen(QPen(colours.color(QPalette::Mid), 9, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.drawPolyline(track);
    painter.setPen(QPen(colours.color(QPalette::Text).lighter(), 1.5));
    painter.drawPolyline(track);
    // The start/finish line.
    painter.setPen(QPen(QColor(QStringLiteral("#e10600")), 4));
    painter.drawPoint(track.first());
    painter.setPen(colours.color(QPalette::PlaceholderText));
    painter.drawText(rect().adjusted(8, 4, -8, -4), Qt::AlignTop | Qt::AlignLeft, m_circuitName);
}

void TrackMapWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette &colours = palette();
    m_carsDrawn.clear();
    if (m_centreline.isEmpty()) {
        painter.fillRect(rect(), colours.color(QPalette::Base));
        painter.setPen(colours.color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, m_emptyNote.isEmpty() ? tr("The track map appears when a race starts.") : m_emptyNote);
        return;
    }
    const QTransform transform = worldToWidget();
    const qint64 cacheKey = qint64(qHash(colours.color(QPalette::Base).rgb())) ^ (qint64(width()) << 32) ^
                            (qint64(height()) << 16) ^ qint64(qHash(m_circuitName));
    if (m_trackCache.isNull() || m_trackCacheKey != cacheKey || m_trackCache.devicePixelRatio() != devicePixelRatioF()) {
        m_trackCache = QPixmap(size() * devicePixelRatioF());
        m_trackCache.setDevicePixelRatio(devicePixelRatioF());
        m_trackCache.fill(colours.color(QPalette::Base));
        QPainter cachePainter(&m_trackCache);
        cachePainter.setRenderHint(QPainter::Antialiasing);
        paintTrack(cachePainter, transform);
        m_trackCacheKey = cacheKey;
    }
    painter.drawPixmap(0, 0, m_trackCache);

    // The cars: dots first (the followed one on top), then labels where they fit, the
    // followed driver's first and then in race order, so a bunched field stays readable.
    const qint64 now = m_clock.viewMs();
    QFont label = font();
    label.setPointSizeF(label.pointSizeF() * 0.85);
    label.setBold(true);
    painter.setFont(label);
    const QFontMetricsF metrics(label);
    struct Car {
        const Driver *driver;
        QPointF at;
        double radius;
        bool followed;
    };
    std::vector<Car> cars;
    for (const auto &driver : m_grid.drivers()) {
        const auto point = m_store.telemetryAt(driver.name, now);
        if (!point || now - point->raceMs > 5000) // retired, or not seen for a while
            continue;
        const bool followed = driver.name == m_followed;
        cars.push_back({&driver, transform.map(QPointF(point->x, point->y)), followed ? 8.0 : 5.5, followed});
    }
    std::stable_sort(cars.begin(), cars.end(), [](const Car &a, const Car &b) { return !a.followed && b.followed; });
    LabelPlacer labels(QRectF(rect()).adjusted(2, 2, -2, -2));
    for (const auto &car : cars) {
        m_carsDrawn.insert(car.driver->name, car.at);
        labels.reserve(QRectF(car.at - QPointF(car.radius, car.radius), QSizeF(2 * car.radius, 2 * car.radius)));
        painter.setPen(QPen(car.followed ? colours.color(QPalette::Highlight) : colours.color(QPalette::Base), car.followed ? 3 : 1.5));
        painter.setBrush(QColor(m_grid.teamOf(*car.driver).colour));
        painter.drawEllipse(car.at, car.radius, car.radius);
    }
    QHash<QString, int> position;
    for (const auto &standing : m_store.standingAt(now))
        position.insert(standing.driverName, standing.position);
    std::stable_sort(cars.begin(), cars.end(), [&](const Car &a, const Car &b) {
        if (a.followed != b.followed)
            return a.followed;
        return position.value(a.driver->name, 99) < position.value(b.driver->name, 99);
    });
    m_labelsDrawn.clear();
    for (const auto &car : cars) {
        const QSizeF size(metrics.horizontalAdvance(car.driver->code) + 2, metrics.height());
        const auto placed = labels.place(car.at, size, car.radius + 2);
        if (!placed)
            continue; // no room: the name shows on hover
        m_labelsDrawn.insert(car.driver->name, *placed);
        painter.setPen(car.followed ? colours.color(QPalette::Highlight) : colours.color(QPalette::Text));
        const QPointF baseline(placed->left() + 1, placed->top() + metrics.ascent());
        if (!TextRasterCache::shared().drawAtBaseline(painter, baseline, car.driver->code))
            painter.drawText(baseline, car.driver->code);
    }
}

void TrackMapWidget::mouseMoveEvent(QMouseEvent *event)
{
    // Every car's name on hover, labelled or not.
    const QPointF at = event->position();
    QString nearest;
    double best = 12.0 * 12.0;
    for (auto it = m_carsDrawn.cbegin(); it != m_carsDrawn.cend(); ++it) {
        const QPointF d = it.value() - at;
        const double distance = QPointF::dotProduct(d, d);
        if (distance < best) {
            best = distance;
            nearest = it.key();
        }
    }
    const Driver *driver = nearest.isEmpty() ? nullptr : m_grid.findDriver(nearest);
    if (driver)
        QToolTip::showText(event->globalPosition().toPoint(),
                           QStringLiteral("%1  %2 — %3").arg(driver->code, driver->name, m_grid.teamOf(*driver).name), this);
    else
        QToolTip::hideText();
    QWidget::mouseMoveEvent(event);
}

} // namespace pitwall
