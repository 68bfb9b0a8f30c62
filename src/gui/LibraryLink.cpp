#include "LibraryLink.h"

#include "LibraryPanel.h"
#include "view/RaceLibraryModel.h"
#include "control/RaceController.h"
#include "storage/LibraryDatabase.h"

#include <QAction>
#include <QDockWidget>
#include <QMenu>

namespace pitwall {

LibraryLink::LibraryLink(LibraryPanel &panel, QDockWidget &dock, QMenu &fileMenu, RaceController &controller, QObject *parent)
    : QObject(parent)
    , m_panel(panel)
    , m_dock(dock)
{
    controller.raceOptions().libraryPath = LibraryDatabase::defaultPath(); // every race is kept
    m_panel.openLibrary(controller.raceOptions().libraryPath);
    // Real races come in from the File menu too (a menu of its own would widen the window's
    // menu bar past a 1280 px screen).
    auto *importReal = new QAction(tr("Import &real race…"), &fileMenu);
    importReal->setObjectName(QStringLiteral("actionImportRealRace"));
    importReal->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    fileMenu.insertAction(fileMenu.actions().value(0), importReal);
    connect(importReal, &QAction::triggered, this, [this] { show(true); });
}

void LibraryLink::show(bool importRealRace)
{
    m_dock.show();
    m_dock.raise();
    if (importRealRace)
        m_panel.importRealRace();
}

bool LibraryLink::select(const QString &raceId)
{
    m_panel.refresh();
    m_panel.select(raceId);
    return m_panel.model()->race(raceId) != nullptr;
}

} // namespace pitwall
