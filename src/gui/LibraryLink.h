#pragma once
// The race library in the window: opened where every race is kept (the controller records
// each race there), File ▸ Import real race, and its dock brought into sight on request.

#include <QObject>

class QDockWidget;
class QMenu;

namespace pitwall {

class LibraryPanel;
class RaceController;

class LibraryLink : public QObject {
    Q_OBJECT
public:
    LibraryLink(LibraryPanel &panel, QDockWidget &dock, QMenu &fileMenu, RaceController &controller, QObject *parent = nullptr);

    // Shows the library's dock, and with importRealRace its import dialog.
    void show(bool importRealRace);
    // Reads the list afresh and selects the race; false when the library has no such race.
    bool select(const QString &raceId);

private:
    LibraryPanel &m_panel;
    QDockWidget &m_dock;
};

} // namespace pitwall
