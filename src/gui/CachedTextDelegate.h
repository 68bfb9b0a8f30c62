#pragma once
// Paints a table cell as QStyledItemDelegate does (the style's background and selection,
// a colour swatch or icon, aligned, elided text in the cell's font and colour), but draws
// the text from a TextRasterCache: a live table repaints many times a second with mostly
// the same strings (names, teams, positions), and shaping and rasterising every cell's
// text on each paint was most of a frame's cost.
// Cells it does not cover (check boxes, text too wide for a view that wraps, text the
// cache does not take) are left to QStyledItemDelegate.

#include "TextRasterCache.h"

#include <QStyledItemDelegate>

namespace pitwall {

class CachedTextDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // How many texts the cache holds now (bounded), and how many paints it answered.
    qsizetype cachedTexts() const { return m_texts.size(); }
    quint64 cacheHits() const { return m_texts.hits(); }
    qsizetype cachedBytes() const { return m_texts.bytes(); }

private:
    mutable TextRasterCache m_texts;
};

} // namespace pitwall
