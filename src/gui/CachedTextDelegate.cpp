#include "CachedTextDelegate.h"

#include <QApplication>
#include <QPainter>

namespace pitwall {

const QStaticText &CachedTextDelegate::layoutOf(const QString &text, const QFont &font) const
{
    auto fontTexts = std::find_if(m_fonts.begin(), m_fonts.end(), [&](const FontTexts &known) { return known.font == font; });
    if (fontTexts == m_fonts.end()) {
        m_fonts.push_back({font, {}});
        fontTexts = std::prev(m_fonts.end());
    }
    auto &texts = fontTexts->texts;
    if (auto known = texts.constFind(text); known != texts.cend()) {
        ++m_hits;
        return *known;
    }
    if (texts.size() >= kMaxTextsPerFont)
        texts.clear();
    QStaticText layout(text);
    layout.setTextFormat(Qt::PlainText);
    layout.setPerformanceHint(QStaticText::AggressiveCaching);
    layout.prepare(QTransform(), font);
    return *texts.insert(text, layout);
}

qsizetype CachedTextDelegate::cachedTexts() const
{
    qsizetype count = 0;
    for (const auto &fontTexts : m_fonts)
        count += fontTexts.texts.size();
    return count;
}

void CachedTextDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem cell = option;
    initStyleOption(&cell, index);
    if (cell.features & QStyleOptionViewItem::HasCheckIndicator)
        return QStyledItemDelegate::paint(painter, option, index);

    const QWidget *widget = cell.widget;
    const QStyle *style = widget ? widget->style() : QApplication::style();
    // The style's own margins, as its item layout uses them.
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    QRect area = cell.rect.adjusted(margin, 0, -margin, 0);
    QRect icon;
    if (cell.features & QStyleOptionViewItem::HasDecoration) {
        const QSize size = cell.decorationSize;
        icon = QRect(area.left(), area.top() + (area.height() - size.height()) / 2, size.width(), size.height());
        area.setLeft(icon.right() + 1 + 2 * margin);
    }
    const bool hasText = (cell.features & QStyleOptionViewItem::HasDisplay) && !cell.text.isEmpty() && area.width() > 0;
    const QStaticText *layout = hasText ? &layoutOf(cell.text, cell.font) : nullptr;
    if (layout && layout->size().width() > area.width()) {
        // Too wide: a view that wraps text wraps it (the styled delegate's way); otherwise
        // the elided text, kept like any other (a column's width seldom changes).
        if (cell.features & QStyleOptionViewItem::WrapText)
            return QStyledItemDelegate::paint(painter, option, index);
        layout = &layoutOf(cell.fontMetrics.elidedText(cell.text, cell.textElideMode, area.width()), cell.font);
    }

    painter->save();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &cell, painter, widget);
    if (!icon.isNull()) {
        const QIcon::Mode mode = !(cell.state & QStyle::State_Enabled) ? QIcon::Disabled
                                 : (cell.state & QStyle::State_Selected) ? QIcon::Selected
                                                                         : QIcon::Normal;
        cell.icon.paint(painter, icon, cell.decorationAlignment, mode, QIcon::Off);
    }

    if (layout) {
        const QPalette::ColorGroup group = !(cell.state & QStyle::State_Enabled) ? QPalette::Disabled
                                           : (cell.state & QStyle::State_Active) ? QPalette::Normal
                                                                                 : QPalette::Inactive;
        painter->setPen(cell.palette.color(group, (cell.state & QStyle::State_Selected) ? QPalette::HighlightedText : QPalette::Text));
        painter->setFont(cell.font);
        const QSizeF size = layout->size();
        const Qt::Alignment align = QStyle::visualAlignment(cell.direction, cell.displayAlignment);
        double x = area.left();
        if (align & Qt::AlignRight)
            x = area.right() + 1 - size.width();
        else if (align & Qt::AlignHCenter)
            x = area.left() + (area.width() - size.width()) / 2.0;
        double y = area.top() + (area.height() - size.height()) / 2.0;
        if (align & Qt::AlignTop)
            y = area.top();
        else if (align & Qt::AlignBottom)
            y = area.bottom() + 1 - size.height();
        painter->setClipRect(area, Qt::IntersectClip);
        painter->drawStaticText(QPointF(x, y).toPoint(), *layout);
    }

    if (cell.state & QStyle::State_HasFocus) {
        QStyleOptionFocusRect focus;
        focus.QStyleOption::operator=(cell);
        focus.rect = cell.rect;
        focus.state |= QStyle::State_KeyboardFocusChange;
        focus.backgroundColor = cell.palette.color(QPalette::Window);
        style->drawPrimitive(QStyle::PE_FrameFocusRect, &focus, painter, widget);
    }
    painter->restore();
}

} // namespace pitwall
