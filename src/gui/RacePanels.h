#pragma once
// The window's panels over the one race view store and clock, each in its dock in the
// default arrangement: the race views (track map over telemetry and race trace, the feed
// along the bottom), then the tools (pipeline and Ask as tabs beside the charts, the
// library beside the anomalies). The anomalies' dock, between the two, is MainWindow's.

#include <QObject>

class QDockWidget;
class QMainWindow;

namespace pitwall {

class AskPanel;
class DockLayout;
class FeedModel;
class FeedPanel;
class Grid;
class LapChartsPanel;
class LibraryPanel;
class PipelinePanel;
class RaceClock;
class RaceViewStore;
class TelemetryPanel;
class TrackMapWidget;

class RacePanels : public QObject {
    Q_OBJECT
public:
    // grid: the race's drivers, read by the panels as they draw (the caller may replace its value).
    RacePanels(QMainWindow &window, DockLayout &docks, RaceViewStore &store, RaceClock &clock, const Grid &grid);

    // The race views; returns the feed's dock, beside which the anomalies go.
    QDockWidget *addRaceViews();
    // The tools, once the anomalies' dock is there.
    void addTools();

    TrackMapWidget *trackMap() const { return m_trackMap; }
    TelemetryPanel *telemetry() const { return m_telemetry; }
    LapChartsPanel *lapCharts() const { return m_lapCharts; }
    FeedModel *feedModel() const { return m_feedModel; }
    FeedPanel *feedPanel() const { return m_feedPanel; }
    PipelinePanel *pipeline() const { return m_pipeline; }
    LibraryPanel *library() const { return m_library; }
    QDockWidget *libraryDock() const { return m_libraryDock; }
    AskPanel *ask() const { return m_ask; }

private:
    QMainWindow &m_window;
    DockLayout &m_docks;
    RaceViewStore &m_store;
    RaceClock &m_clock;
    const Grid &m_grid;
    TrackMapWidget *m_trackMap = nullptr;
    TelemetryPanel *m_telemetry = nullptr;
    LapChartsPanel *m_lapCharts = nullptr;
    FeedModel *m_feedModel = nullptr;
    FeedPanel *m_feedPanel = nullptr;
    PipelinePanel *m_pipeline = nullptr;
    LibraryPanel *m_library = nullptr;
    QDockWidget *m_libraryDock = nullptr;
    AskPanel *m_ask = nullptr;
};

} // namespace pitwall
