#pragma once
// Single-line text drawn once into a small transparent pixmap per (text, font, colour),
// then blitted. Shaping and rasterising glyphs was most of what a window repaint cost:
// a live window repaints the same names, labels and headers many times a second. A blit
// of a few hundred pixels is a tenth of the cost. Text that needs more (mnemonics, tabs,
// wrapping, a transformed painter, a gradient pen) is left to the caller's usual path.

#include <QColor>
#include <QFont>
#include <QHash>
#include <QPixmap>
#include <vector>

class QPainter;

namespace pitwall {

class TextRasterCache {
public:
    // Draws `text` aligned in `rect` (horizontal and vertical alignment flags as
    // QPainter::drawText takes them) with the painter's font and pen colour. False, with
    // nothing drawn, when the text or the painter is not one this cache handles.
    bool draw(QPainter &painter, const QRect &rect, int flags, const QString &text);
    // The same, with the text's baseline starting at `baseline` (as QPainter::drawText(QPointF, …)).
    bool drawAtBaseline(QPainter &painter, const QPointF &baseline, const QString &text);
    // The width the text takes in `font` (from the cache when it was drawn before).
    qreal width(const QString &text, const QFont &font, qreal devicePixelRatio = 1.0);

    qsizetype size() const;
    quint64 hits() const { return m_hits; }

    // A font's entries are forgotten once it holds this many: live figures (speeds, gaps)
    // keep changing, names do not.
    static constexpr qsizetype kMaxEntriesPerFont = 4096;

    // The one cache the GUI thread's painting shares (pixmaps are GUI-thread objects).
    static TextRasterCache &shared();

private:
    struct Entry {
        QPixmap pixmap; // transparent, the text at (kMargin, ascent)
        qreal width = 0;
    };
    struct FontEntries {
        QFont font;
        qreal devicePixelRatio = 1.0;
        QHash<QString, QHash<QRgb, Entry>> texts;
        qsizetype count = 0;
    };
    FontEntries &entriesFor(const QFont &font, qreal devicePixelRatio);
    const Entry &entry(FontEntries &entries, const QString &text, QRgb colour);

    std::vector<FontEntries> m_fonts;
    quint64 m_hits = 0;
};

} // namespace pitwall
