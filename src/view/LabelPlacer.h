#pragma once
// Places short text labels beside points so that none overlaps another label or a marked
// point: each label tries the spots around its point in turn (right, left, above, below,
// then a little further out) and takes the first free one inside the area; a label that
// finds no free spot is left out (the map shows it on hover instead). Callers place the
// labels that matter most first.

#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QVector>
#include <optional>

namespace pitwall {

class LabelPlacer {
public:
    explicit LabelPlacer(const QRectF &area);

    // Keeps labels off this rectangle (a car's dot, say).
    void reserve(const QRectF &rect);
    // A free rectangle of `size` beside `anchor`, `gap` away from it; taken once returned.
    std::optional<QRectF> place(QPointF anchor, QSizeF size, double gap);

private:
    bool isFree(const QRectF &rect) const;

    QRectF m_area;
    QVector<QRectF> m_taken;
};

} // namespace pitwall
