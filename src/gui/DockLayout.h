#pragma once
// The window's docks: each panel as a dock with its show/hide action in the View menu,
// their default arrangement, and the window's geometry, docks and leaderboard columns
// saved at close and restored at the next start.

#include <QByteArray>
#include <QKeySequence>
#include <QObject>

class QDockWidget;
class QHeaderView;
class QMainWindow;
class QMenu;
class QWidget;

namespace pitwall {

class DockLayout : public QObject {
    Q_OBJECT
public:
    DockLayout(QMainWindow &window, QMenu &viewMenu);

    QDockWidget *addPanel(QWidget *panel, const QString &title, const QString &objectName, Qt::DockWidgetArea area,
                          const QKeySequence &shortcut);
    // Once every dock is added: keeps their arrangement as the default, then restores the
    // saved one (or, at the first start, sizes the window to the screen).
    void restore(QHeaderView &columns);
    void save(const QHeaderView &columns) const;
    // View ▸ Reset layout: every dock back in its default place and size.
    void reset();

private:
    void applyDefaultSizes();

    QMainWindow &m_window;
    QMenu &m_viewMenu;
    QByteArray m_defaultLayout; // saveState() before the saved layout is restored
};

} // namespace pitwall
