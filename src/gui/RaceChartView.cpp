#include "RaceChartView.h"

#include <QAbstractAxis>
#include <QGraphicsLineItem>
#include <QGraphicsScene>
#include <QLegend>
#include <QMouseEvent>
#include <QValueAxis>
#include <cmath>
#include <QWheelEvent>

namespace pitwall {

RaceChartView::RaceChartView(QChart *chart, QWidget *parent)
    : QChartView(chart, parent)
{
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::NoRubberBand);
    setCursor(Qt::CrossCursor);
    // The axes make and place their line items when the chart lays out: look again then.
    connect(chart, &QChart::plotAreaChanged, this, [this] { m_itemsToCache = true; });
}

void RaceChartView::setDark(bool dark)
{
    const QColor text = dark ? QColor(QStringLiteral("#e6e6e6")) : QColor(QStringLiteral("#202020"));
    const QColor grid = dark ? QColor(QStringLiteral("#3a3f47")) : QColor(QStringLiteral("#d8d8d8"));
    chart()->setBackgroundBrush(dark ? QColor(QStringLiteral("#1e2128")) : QColor(Qt::white));
    chart()->setBackgroundRoundness(0);
    chart()->setTitleBrush(text);
    chart()->legend()->setLabelColor(text);
    for (auto *axis : chart()->axes()) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setGridLineColor(grid);
        axis->setLinePenColor(grid);
    }
}

void RaceChartView::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    const bool compact = height() < kCompactBelowPx;
    for (auto *axis : chart()->axes()) {
        axis->setTitleVisible(!compact);
        if (auto *values = qobject_cast<QValueAxis *>(axis); values && axis->orientation() == Qt::Vertical)
            values->setTickCount(compact ? 3 : 5);
    }
}

double RaceChartView::secondsAt(const QPointF &widgetPoint) const
{
    return chart()->mapToValue(chart()->mapFromScene(mapToScene(widgetPoint.toPoint()))).x();
}

void RaceChartView::wheelEvent(QWheelEvent *event)
{
    const int steps = event->angleDelta().y() / 120;
    if (steps != 0)
        emit zoomRequested(std::pow(0.8, steps));
    event->accept();
}

void RaceChartView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QChartView::mousePressEvent(event);
    m_pressedAt = event->position();
    m_lastSeconds = secondsAt(event->position());
    m_dragging = false;
    event->accept();
}

void RaceChartView::mouseMoveEvent(QMouseEvent *event)
{
    if (!(event->buttons() & Qt::LeftButton))
        return QChartView::mouseMoveEvent(event);
    if (!m_dragging && (event->position() - m_pressedAt).manhattanLength() < 6)
        return;
    m_dragging = true;
    const double now = secondsAt(event->position());
    emit panRequested(m_lastSeconds - now);
    // The axis moved with the pan: the grabbed moment stays under the mouse.
    m_lastSeconds = secondsAt(event->position());
    event->accept();
}

void RaceChartView::paintEvent(QPaintEvent *event)
{
    if (m_itemsToCache) {
        m_itemsToCache = false;
        cacheStillItems();
    }
    QChartView::paintEvent(event);
}

void RaceChartView::cacheStillItems()
{
    // Grid lines, axis lines and ticks stay where they are from one frame to the next (the
    // axes keep a fixed tick count: a sliding time window changes only the labels). Drawn
    // once into a pixmap each, they are blitted afterwards instead of stroked antialiased
    // every frame. Called after each layout of the chart (items made or moved).
    // Only lines less than 64 pixels tall: Qt's raster engine hands the blit of a taller
    // image to its thread pool and waits for it, which costs more than the stroke.
    // (Text items are left alone: with a device cache Qt Charts' labels were not drawn at all,
    // with an item cache changed labels kept their old text.)
    for (auto *item : scene()->items()) {
        if (const auto *line = qgraphicsitem_cast<QGraphicsLineItem *>(item))
            item->setCacheMode(std::abs(line->line().dy()) < 64 ? QGraphicsItem::DeviceCoordinateCache : QGraphicsItem::NoCache);
    }
}

void RaceChartView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QChartView::mouseReleaseEvent(event);
    if (!m_dragging && chart()->plotArea().contains(chart()->mapFromScene(mapToScene(event->position().toPoint()))))
        emit momentClicked(secondsAt(event->position()));
    m_dragging = false;
    event->accept();
}

} // namespace pitwall
