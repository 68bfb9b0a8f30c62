#include "CachedTextDelegate.h"

#include <QApplication>
#include <QPainter>

namespace pitwall {

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
    QString text = (cell.features & QStyleOptionViewItem::HasDisplay) && area.width() > 0 ? cell.text : QString();
    const qreal dpr = painter->device() ? painter->device()->devicePixelRatio() : 1.0;
    if (!text.isEmpty() && m_texts.width(text, cell.font, dpr) > area.width()) {
        // Too wide: a view that wraps text wraps it (the styled delegate's way); otherwise
        // the elided text, cached like any other (a column's width seldom changes).
        if (cell.features & QStyleOptionViewItem::WrapText)
            return QStyledItemDelegate::paint(painter, option, index);
        text = cell.fontMetrics.elidedText(text, cell.textElideMode, area.width());
    }

    painter->save();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &cell, painter, widget);
    if (!icon.isNull()) {
        const QIcon::Mode mode = !(cell.state & QStyle::State_Enabled)   ? QIcon::Disabled
                                 : (cell.state & QStyle::State_Selected) ? QIcon::Selected
                                                                         : QIcon::Normal;
        cell.icon.paint(painter, icon, cell.decorationAlignment, mode, QIcon::Off);
    }
    if (!text.isEmpty()) {
        const QPalette::ColorGroup group = !(cell.state & QStyle::State_Enabled) ? QPalette::Disabled
                                           : (cell.state & QStyle::State_Active) ? QPalette::Normal
                                                                                 : QPalette::Inactive;
        painter->setPen(cell.palette.color(group, (cell.state & QStyle::State_Selected) ? QPalette::HighlightedText : QPalette::Text));
        painter->setFont(cell.font);
        const int align = int(QStyle::visualAlignment(cell.direction, cell.displayAlignment));
        // The text fits the area (elided above); what the cache declines, QPainter clips.
        if (!m_texts.draw(*painter, area, align, text))
            painter->drawText(area, align | Qt::TextSingleLine, text);
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
