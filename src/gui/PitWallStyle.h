#pragma once
// Fusion, with flat tool bars and scroll bars. Fusion paints a main window's tool bar and
// every scroll bar with gradients; Qt's raster engine (6.4) hands a gradient or image fill
// of 96 spans or more to its global thread pool and waits for it, so each window repaint
// waited on worker threads dozens of times (measured: ~33 waits per frame, and the tool
// bar alone cost 1.3 ms). Flat fills stay on the GUI thread, and flat is the broadcast
// look anyway. Item text (labels, tabs, headers, menus, buttons) is drawn from the
// shared TextRasterCache instead of being shaped and rasterised on every repaint.

#include <QProxyStyle>

namespace pitwall {

class PitWallStyle : public QProxyStyle {
    Q_OBJECT
public:
    PitWallStyle();

    void drawControl(ControlElement element, const QStyleOption *option, QPainter *painter, const QWidget *widget = nullptr) const override;
    void drawComplexControl(ComplexControl control, const QStyleOptionComplex *option, QPainter *painter,
                            const QWidget *widget = nullptr) const override;
    void drawItemText(QPainter *painter, const QRect &rect, int flags, const QPalette &palette, bool enabled, const QString &text,
                      QPalette::ColorRole textRole = QPalette::NoRole) const override;
};

} // namespace pitwall
