#include "AppearanceMenu.h"

#include "Theme.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QMenu>
#include <QSettings>
#include <QStatusBar>
#include <QWidget>

namespace pitwall {

namespace {

const QString kThemeKey = QStringLiteral("view/theme");
const QString kLanguageKey = QStringLiteral("view/language"); // also read by main.cpp

} // namespace

AppearanceMenu::AppearanceMenu(QAction &darkTheme, QAction &lightTheme, QMenu &viewMenu, QStatusBar &status, QWidget &window)
    : QObject(&window)
    , m_darkTheme(darkTheme)
    , m_lightTheme(lightTheme)
    , m_window(window)
{
    auto *themes = new QActionGroup(this);
    themes->addAction(&m_darkTheme);
    themes->addAction(&m_lightTheme);
    connect(&m_darkTheme, &QAction::triggered, this, [this] { emit themeRequested(true); });
    connect(&m_lightTheme, &QAction::triggered, this, [this] { emit themeRequested(false); });
    addLanguageMenu(viewMenu, status);
}

bool AppearanceMenu::savedThemeIsDark()
{
    return QSettings().value(kThemeKey, QStringLiteral("dark")).toString() != QLatin1String("light");
}

void AppearanceMenu::applyTheme(bool dark)
{
    QSettings().setValue(kThemeKey, dark ? QStringLiteral("dark") : QStringLiteral("light"));
    (dark ? m_darkTheme : m_lightTheme).setChecked(true);
    if (auto *app = qobject_cast<QApplication *>(QCoreApplication::instance()))
        pitwall::applyTheme(*app, dark ? Theme::Dark : Theme::Light);
    // Widgets with a style sheet keep the old palette until their sheet is set again.
    for (auto *widget : m_window.findChildren<QWidget *>()) {
        if (!widget->styleSheet().isEmpty())
            widget->setStyleSheet(widget->styleSheet());
    }
}

void AppearanceMenu::addLanguageMenu(QMenu &viewMenu, QStatusBar &status)
{
    auto *languageMenu = viewMenu.addMenu(tr("Lan&guage"));
    languageMenu->setObjectName(QStringLiteral("menuLanguage"));
    auto *languages = new QActionGroup(this);
    const QString current = QSettings().value(kLanguageKey).toString();
    const std::pair<QString, QString> choices[] = {{QString(), tr("System default")},
                                                   {QStringLiteral("en"), QStringLiteral("English")},
                                                   {QStringLiteral("de"), QStringLiteral("Deutsch")},
                                                   {QStringLiteral("es"), QStringLiteral("Español")}};
    for (const auto &[code, name] : choices) {
        auto *action = languageMenu->addAction(name);
        action->setCheckable(true);
        action->setChecked(code == current);
        languages->addAction(action);
        connect(action, &QAction::triggered, this, [&status, code = code, name = name] {
            QSettings().setValue(kLanguageKey, code);
            status.showMessage(tr("Pit Wall will speak %1 from its next start.").arg(name), 8000);
        });
    }
}

} // namespace pitwall
