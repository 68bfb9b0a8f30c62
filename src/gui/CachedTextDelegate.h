#pragma once
// Paints a table cell as QStyledItemDelegate does (the style's background and selection,
// a colour swatch or icon, aligned, elided text in the cell's font and colour), but keeps
// each text's shaped layout (QStaticText) between paints. A live table repaints many times
// a second with mostly the same strings (names, teams, positions); shaping every cell's
// text again on each paint was most of a frame's cost.
// Cells it does not cover (check boxes, text too wide for a view that wraps) are left to
// QStyledItemDelegate.

#include <QFont>
#include <QHash>
#include <QStaticText>
#include <QStyledItemDelegate>
#include <vector>

namespace pitwall {

class CachedTextDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // How many layouts the cache holds now (bounded), and how many paints it answered.
    qsizetype cachedTexts() const;
    quint64 cacheHits() const { return m_hits; }

    // A font's layouts are forgotten once it holds this many: live figures (speeds, gaps)
    // keep changing, names do not.
    static constexpr qsizetype kMaxTextsPerFont = 4096;

private:
    const QStaticText &layoutOf(const QString &text, const QFont &font) const;

    struct FontTexts {
        QFont font;
        QHash<QString, QStaticText> texts;
    };
    mutable std::vector<FontTexts> m_fonts;
    mutable quint64 m_hits = 0;
};

} // namespace pitwall
