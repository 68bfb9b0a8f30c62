#include "Theme.h"

#include "PitWallStyle.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>

namespace pitwall {

void applyTheme(QApplication &app, Theme theme)
{
    app.setStyle(new PitWallStyle); // the application owns it
    QPalette palette;
    if (theme == Theme::Dark) {
        const QColor window(0x15, 0x17, 0x1c), base(0x1e, 0x21, 0x28), text(0xe8, 0xe8, 0xea);
        palette.setColor(QPalette::Window, window);
        palette.setColor(QPalette::WindowText, text);
        palette.setColor(QPalette::Base, base);
        palette.setColor(QPalette::AlternateBase, QColor(0x25, 0x29, 0x31));
        palette.setColor(QPalette::Text, text);
        palette.setColor(QPalette::Button, QColor(0x26, 0x2a, 0x33));
        palette.setColor(QPalette::ButtonText, text);
        palette.setColor(QPalette::ToolTipBase, base);
        palette.setColor(QPalette::ToolTipText, text);
        palette.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x90, 0x9a));
        palette.setColor(QPalette::Highlight, QColor(0xe1, 0x06, 0x00)); // F1 red
        palette.setColor(QPalette::HighlightedText, Qt::white);
        palette.setColor(QPalette::Link, QColor(0xff, 0x5a, 0x4f));
        palette.setColor(QPalette::Mid, QColor(0x44, 0x49, 0x54));
        palette.setColor(QPalette::Dark, QColor(0x0c, 0x0d, 0x10));
        palette.setColor(QPalette::Light, QColor(0x3a, 0x3f, 0x4a));
        palette.setColor(QPalette::Disabled, QPalette::Text, QColor(0x70, 0x74, 0x7c));
        palette.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x70, 0x74, 0x7c));
        palette.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x70, 0x74, 0x7c));
    } else {
        palette = app.style()->standardPalette();
        palette.setColor(QPalette::Highlight, QColor(0xc8, 0x10, 0x2e));
        palette.setColor(QPalette::HighlightedText, Qt::white);
    }
    app.setPalette(palette);
}

} // namespace pitwall
