#pragma once
// The two looks of the window: a dark F1-broadcast theme (default) and a light one,
// on the Fusion style so they look the same on every desktop.

class QApplication;

namespace pitwall {

enum class Theme { Dark, Light };

void applyTheme(QApplication &app, Theme theme);

} // namespace pitwall
