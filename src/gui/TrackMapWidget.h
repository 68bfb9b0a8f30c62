#pragma once
// The circuit seen from above: its centreline, and every car as a team-coloured dot
// with its timing code at the race clock's moment; the followed driver is larger and
// ringed. Labels never overlap (LabelPlacer): in a bunched field the followed driver's and
// the leaders' come first, and every name shows on hover.

#include "core/Grid.h"

#include <QPixmap>
#include <QPointF>
#include <QVector>
#include <QWidget>

namespace pitwall {

class RaceClock;
class RaceViewStore;

class TrackMapWidget : public QWidget {
    Q_OBJECT
public:
    TrackMapWidget(const RaceViewStore &store, const RaceClock &clock, const Grid &grid, QWidget *parent = nullptr);

    // Draws this circuit (a built-in id); unknown ids leave the map empty with a note.
    void setCircuit(const QString &circuitId);
    // Draws a real race's outline (metres, in the frame of its telemetry's x/y).
    // closed = false: a path driven so far, drawn open (a live source before its first lap).
    void setOutline(const QVector<QPointF> &outline, const QString &name, bool closed = true);
    void setFollowedDriver(const QString &driver);
    QSize sizeHint() const override { return {420, 320}; }

    // What was drawn last, for tests: driver → position on the widget.
    const QHash<QString, QPointF> &carsDrawn() const { return m_carsDrawn; }
    // Where each label was drawn (drivers without one had no free spot).
    const QHash<QString, QRectF> &labelsDrawn() const { return m_labelsDrawn; }

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    QTransform worldToWidget() const;
    void paintTrack(QPainter &painter, const QTransform &transform) const;

    const RaceViewStore &m_store;
    const RaceClock &m_clock;
    const Grid &m_grid;
    QString m_circuitName;
    QString m_emptyNote; // shown when there is no circuit to draw
    bool m_closed = true;
    QVector<QPointF> m_centreline;
    QRectF m_bounds;
    QString m_followed;
    QHash<QString, QPointF> m_carsDrawn;
    QHash<QString, QRectF> m_labelsDrawn;
    // The circuit drawn once per size and palette: the cars move, the track does not.
    QPixmap m_trackCache;
    qint64 m_trackCacheKey = 0;
};

} // namespace pitwall
