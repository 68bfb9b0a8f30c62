#include "DockLayout.h"

#include <QDockWidget>
#include <QGuiApplication>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenu>
#include <QScreen>
#include <QSettings>
#include <QTimer>

namespace pitwall {

namespace {

const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
const QString kColumnsKey = QStringLiteral("mainWindow/leaderboardColumns");

} // namespace

DockLayout::DockLayout(QMainWindow &window, QMenu &viewMenu)
    : QObject(&window)
    , m_window(window)
    , m_viewMenu(viewMenu)
{
}

QDockWidget *DockLayout::addPanel(QWidget *panel, const QString &title, const QString &objectName, Qt::DockWidgetArea area,
                                  const QKeySequence &shortcut)
{
    auto *dock = new QDockWidget(title, &m_window);
    dock->setObjectName(objectName); // saveState() finds docks by name
    dock->setWidget(panel);
    m_window.addDockWidget(area, dock);
    auto *toggle = dock->toggleViewAction();
    toggle->setShortcut(shortcut);
    m_viewMenu.addAction(toggle);
    return dock;
}

void DockLayout::restore(QHeaderView &columns)
{
    QSettings settings;
    m_defaultLayout = m_window.saveState();
    if (!m_window.restoreGeometry(settings.value(kGeometryKey).toByteArray())) {
        // First start: most of the screen, so the leaderboard and the panels all fit.
        if (const auto *screen = QGuiApplication::primaryScreen()) {
            const QRect available = screen->availableGeometry();
            m_window.resize(available.size() * 0.85);
            m_window.move(available.center() - m_window.rect().center());
        }
    }
    if (!m_window.restoreState(settings.value(kStateKey).toByteArray()))
        QTimer::singleShot(300, this, &DockLayout::applyDefaultSizes); // once the window has its size
    columns.restoreState(settings.value(kColumnsKey).toByteArray());
}

void DockLayout::save(const QHeaderView &columns) const
{
    QSettings settings;
    settings.setValue(kGeometryKey, m_window.saveGeometry());
    settings.setValue(kStateKey, m_window.saveState());
    settings.setValue(kColumnsKey, columns.saveState());
}

void DockLayout::reset()
{
    m_window.restoreState(m_defaultLayout);
    for (auto *dock : m_window.findChildren<QDockWidget *>())
        dock->show();
    applyDefaultSizes();
}

void DockLayout::applyDefaultSizes()
{
    // The right column (map over the charts) takes two fifths of the width, the map a good
    // part of its height; feed, anomalies and library share the bottom under the leaderboard.
    auto dock = [this](const char *name) { return m_window.findChild<QDockWidget *>(QLatin1String(name)); };
    const int width = m_window.width();
    const int height = m_window.height();
    m_window.resizeDocks({dock("telemetryDock")}, {width * 2 / 5}, Qt::Horizontal);
    m_window.resizeDocks({dock("trackMapDock"), dock("telemetryDock")}, {height * 7 / 20, height * 13 / 20}, Qt::Vertical);
    const int bottomWidth = width * 3 / 5;
    m_window.resizeDocks({dock("feedDock"), dock("anomaliesDock"), dock("libraryDock")},
                         {bottomWidth * 2 / 5, bottomWidth * 7 / 20, bottomWidth / 4}, Qt::Horizontal);
    m_window.resizeDocks({dock("feedDock")}, {height / 4}, Qt::Vertical);
}

} // namespace pitwall
