#include "RacePanels.h"

#include "AskPanel.h"
#include "DockLayout.h"
#include "FeedPanel.h"
#include "LapChartsPanel.h"
#include "LibraryPanel.h"
#include "PipelinePanel.h"
#include "TelemetryPanel.h"
#include "TrackMapWidget.h"
#include "view/FeedModel.h"
#include "view/RaceClock.h"

#include <QDockWidget>
#include <QMainWindow>

namespace pitwall {

RacePanels::RacePanels(QMainWindow &window, DockLayout &docks, RaceViewStore &store, RaceClock &clock, const Grid &grid)
    : QObject(&window)
    , m_window(window)
    , m_docks(docks)
    , m_store(store)
    , m_clock(clock)
    , m_grid(grid)
{
}

QDockWidget *RacePanels::addRaceViews()
{
    // The map above the charts, with the room a map needs; feed and anomalies along the bottom.
    m_trackMap = new TrackMapWidget(m_store, m_clock, m_grid, &m_window);
    m_docks.addPanel(m_trackMap, tr("Track map"), QStringLiteral("trackMapDock"), Qt::RightDockWidgetArea,
                     QKeySequence(Qt::CTRL | Qt::Key_M));
    m_telemetry = new TelemetryPanel(m_store, m_clock, m_grid, &m_window);
    auto *telemetryDock = m_docks.addPanel(m_telemetry, tr("Telemetry"), QStringLiteral("telemetryDock"), Qt::RightDockWidgetArea,
                                           QKeySequence(Qt::CTRL | Qt::Key_T));
    m_lapCharts = new LapChartsPanel(m_store, m_clock, m_grid, &m_window);
    auto *lapsDock = m_docks.addPanel(m_lapCharts, tr("Race trace"), QStringLiteral("lapChartsDock"), Qt::RightDockWidgetArea,
                                      QKeySequence(Qt::CTRL | Qt::Key_G));
    m_window.tabifyDockWidget(telemetryDock, lapsDock);
    telemetryDock->raise();
    m_window.setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea); // the charts get the window's full height

    m_feedModel = new FeedModel(m_store, m_grid, &m_window);
    m_feedPanel = new FeedPanel(m_feedModel, m_grid, &m_window);
    auto *feedDock = m_docks.addPanel(m_feedPanel, tr("Race feed"), QStringLiteral("feedDock"), Qt::BottomDockWidgetArea,
                                      QKeySequence(Qt::CTRL | Qt::Key_F));
    m_feedPanel->setMinimumWidth(170); // wide enough to read a row: the library beside it takes what is left
    connect(m_feedPanel, &FeedPanel::momentSelected, &m_clock, &RaceClock::seek);
    connect(m_lapCharts, &LapChartsPanel::momentSelected, &m_clock, &RaceClock::seek);
    return feedDock;
}

void RacePanels::addTools()
{
    m_pipeline = new PipelinePanel(&m_window);
    auto *pipelineDock = m_docks.addPanel(m_pipeline, tr("Pipeline"), QStringLiteral("pipelineDock"), Qt::RightDockWidgetArea,
                                          QKeySequence(Qt::CTRL | Qt::Key_P));
    // A tab beside the charts: the leaderboard keeps its width.
    if (auto *charts = m_window.findChild<QDockWidget *>(QStringLiteral("lapChartsDock")))
        m_window.tabifyDockWidget(charts, pipelineDock);

    m_library = new LibraryPanel(&m_window);
    m_libraryDock = m_docks.addPanel(m_library, tr("Library"), QStringLiteral("libraryDock"), Qt::RightDockWidgetArea,
                                     QKeySequence(Qt::CTRL | Qt::Key_L));
    // In sight beside the anomalies, not a tab behind the charts: replay is one click away.
    if (auto *anomalies = m_window.findChild<QDockWidget *>(QStringLiteral("anomaliesDock")))
        m_window.splitDockWidget(anomalies, m_libraryDock, Qt::Horizontal);

    m_ask = new AskPanel(&m_window);
    auto *askDock = m_docks.addPanel(m_ask, tr("Ask"), QStringLiteral("askDock"), Qt::RightDockWidgetArea,
                                     QKeySequence(Qt::CTRL | Qt::Key_E));
    m_window.tabifyDockWidget(pipelineDock, askDock);
    if (auto *telemetry = m_window.findChild<QDockWidget *>(QStringLiteral("telemetryDock")))
        telemetry->raise();
}

} // namespace pitwall
