#include "PitWallStyle.h"

#include "TextRasterCache.h"

#include <QPainter>
#include <QStyleFactory>
#include <QStyleOption>

namespace pitwall {

PitWallStyle::PitWallStyle()
    : QProxyStyle(QStyleFactory::create(QStringLiteral("Fusion")))
{
}

void PitWallStyle::drawControl(ControlElement element, const QStyleOption *option, QPainter *painter, const QWidget *widget) const
{
    if (element == CE_ToolBar) {
        // The window's colour and a hairline along the bottom to part it from the panels.
        painter->fillRect(option->rect, option->palette.window());
        painter->setPen(option->palette.window().color().darker(130));
        painter->drawLine(option->rect.bottomLeft(), option->rect.bottomRight());
        return;
    }
    QProxyStyle::drawControl(element, option, painter, widget);
}

void PitWallStyle::drawComplexControl(ComplexControl control, const QStyleOptionComplex *option, QPainter *painter,
                                      const QWidget *widget) const
{
    const auto *bar = qstyleoption_cast<const QStyleOptionSlider *>(option);
    if (control != CC_ScrollBar || !bar)
        return QProxyStyle::drawComplexControl(control, option, painter, widget);

    const QColor window = bar->palette.window().color();
    const bool dark = window.lightness() < 128;
    painter->fillRect(bar->rect, dark ? window.lighter(115) : window.darker(104));
    // The arrow buttons keep Fusion's places, drawn as plain arrows.
    const bool horizontal = bar->orientation == Qt::Horizontal;
    const std::pair<SubControl, PrimitiveElement> arrows[] = {
        {SC_ScrollBarSubLine, horizontal ? PE_IndicatorArrowLeft : PE_IndicatorArrowUp},
        {SC_ScrollBarAddLine, horizontal ? PE_IndicatorArrowRight : PE_IndicatorArrowDown},
    };
    for (const auto &[part, arrow] : arrows) {
        QStyleOption arrowOption = *bar;
        arrowOption.rect = subControlRect(CC_ScrollBar, bar, part, widget).adjusted(3, 3, -3, -3);
        if (arrowOption.rect.isValid())
            proxy()->drawPrimitive(arrow, &arrowOption, painter, widget);
    }
    if (bar->subControls & SC_ScrollBarSlider) {
        const QRect slider = subControlRect(CC_ScrollBar, bar, SC_ScrollBarSlider, widget).adjusted(2, 2, -2, -2);
        QColor handle = bar->palette.mid().color();
        if (bar->activeSubControls & SC_ScrollBarSlider)
            handle = (bar->state & State_Sunken) ? bar->palette.highlight().color() : (dark ? handle.lighter(130) : handle.darker(115));
        painter->fillRect(slider, handle);
    }
}

void PitWallStyle::drawItemText(QPainter *painter, const QRect &rect, int flags, const QPalette &palette, bool enabled,
                                const QString &text, QPalette::ColorRole textRole) const
{
    if (text.isEmpty())
        return;
    const QPen saved = painter->pen();
    if (textRole != QPalette::NoRole)
        painter->setPen(QPen(palette.brush(textRole), saved.widthF()));
    const bool cached = TextRasterCache::shared().draw(*painter, rect, flags, text);
    painter->setPen(saved);
    if (!cached) // what the cache does not take, and text that would be clipped: Fusion's own way
        QProxyStyle::drawItemText(painter, rect, flags, palette, enabled, text, textRole);
}

} // namespace pitwall
