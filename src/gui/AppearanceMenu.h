#pragma once
// The View menu's appearance: the dark or light theme (applied at once and remembered)
// and the language (remembered; main.cpp reads it, so it applies from the next start).

#include <QObject>

class QAction;
class QMenu;
class QStatusBar;
class QWidget;

namespace pitwall {

class AppearanceMenu : public QObject {
    Q_OBJECT
public:
    // window: its widgets with a style sheet take the new palette; status: where a language
    // change is confirmed.
    AppearanceMenu(QAction &darkTheme, QAction &lightTheme, QMenu &viewMenu, QStatusBar &status, QWidget &window);

    static bool savedThemeIsDark();
    // Applies the theme to the application and remembers it.
    void applyTheme(bool dark);

signals:
    void themeRequested(bool dark); // the user chose a theme in the menu

private:
    void addLanguageMenu(QMenu &viewMenu, QStatusBar &status);

    QAction &m_darkTheme;
    QAction &m_lightTheme;
    QWidget &m_window;
};

} // namespace pitwall
