#pragma once
// Single-line text drawn once into a small transparent pixmap per (text, font, colour),
// then blitted. Shaping and rasterising glyphs was most of what a window repaint cost:
// a live window repaints the same names, labels and headers many times a second. A blit
// of a few hundred pixels is a tenth of the cost. Text that needs more (mnemonics, tabs,
// wrapping, a transformed painter, a gradient pen) is left to the caller's usual path.

#include <QColor>
#include <QFont>
#include <QCache>
#include <QHash>
#include <QPixmap>
#include <memory>
#include <vector>

class QPainter;

namespace pitwall {

class TextRasterCache {
public:
    // Draws `text` aligned in `rect` (horizontal and vertical alignment flags as
    // QPainter::drawText takes them) with the painter's font and pen colour. False, with
    // nothing drawn, when the text or the painter is not one this cache handles, or when
    // the text would be clipped by `rect` (a pixmap is not clipped the way QPainter clips
    // text; Qt::TextDontClip lets it overflow).
    bool draw(QPainter &painter, const QRect &rect, int flags, const QString &text);
    // The same, with the text's baseline starting at `baseline` (as QPainter::drawText(QPointF, …)).
    bool drawAtBaseline(QPainter &painter, const QPointF &baseline, const QString &text);
    // The width the text takes in `font` (from the cache when it was drawn before).
    qreal width(const QString &text, const QFont &font, qreal devicePixelRatio = 1.0);

    qsizetype size() const;  // texts held now
    qsizetype bytes() const; // their pixmaps' memory
    quint64 hits() const { return m_hits; }

    // Pixmap memory kept per font, least recently drawn first out: live figures (speeds,
    // gaps) keep changing, names and labels stay.
    static constexpr qsizetype kMaxBytesPerFont = 1024 * 1024;

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
        QCache<QPair<QString, QRgb>, Entry> texts{kMaxBytesPerFont};
        QHash<QString, qreal> widths; // bounded by clearing: a qreal a text
        int lineHeight = 0;
    };
    FontEntries &entriesFor(const QFont &font, qreal devicePixelRatio);
    static qreal widthIn(FontEntries &entries, const QString &text);
    const Entry *entry(FontEntries &entries, const QString &text, QRgb colour); // null: too long to keep

    std::vector<std::unique_ptr<FontEntries>> m_fonts;
    quint64 m_hits = 0;
};

} // namespace pitwall
