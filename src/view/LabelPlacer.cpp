#include "LabelPlacer.h"

namespace pitwall {

LabelPlacer::LabelPlacer(const QRectF &area)
    : m_area(area)
{
}

void LabelPlacer::reserve(const QRectF &rect)
{
    m_taken.push_back(rect);
}

bool LabelPlacer::isFree(const QRectF &rect) const
{
    if (!m_area.contains(rect))
        return false;
    for (const auto &taken : m_taken) {
        if (taken.intersects(rect))
            return false;
    }
    return true;
}

std::optional<QRectF> LabelPlacer::place(QPointF anchor, QSizeF size, double gap)
{
    const double w = size.width(), h = size.height();
    // Around the point, nearest spots first; then the same ring one label-height further out.
    for (const double out : {gap, gap + h}) {
        const QPointF corners[] = {
            {anchor.x() + out, anchor.y() - h},         // right, above the line
            {anchor.x() + out, anchor.y()},             // right, below
            {anchor.x() - out - w, anchor.y() - h},     // left, above
            {anchor.x() - out - w, anchor.y()},         // left, below
            {anchor.x() - w / 2, anchor.y() - out - h}, // above
            {anchor.x() - w / 2, anchor.y() + out},     // below
            {anchor.x() + out, anchor.y() - h / 2},     // right, centred
            {anchor.x() - out - w, anchor.y() - h / 2}, // left, centred
        };
        for (const auto &corner : corners) {
            const QRectF rect(corner, size);
            if (isFree(rect)) {
                m_taken.push_back(rect);
                return rect;
            }
        }
    }
    return std::nullopt;
}

} // namespace pitwall
