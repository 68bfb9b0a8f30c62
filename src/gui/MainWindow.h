#pragma once
// The pit wall window: the live leaderboard, Start/Stop, and a status bar with the
// Kafka bootstrap address and the message counters.

#include "control/RaceController.h"
#include "core/Expected.h"
#include "core/Grid.h"
#include "pipeline/RaceSession.h"
#include "pipeline/SessionStats.h"
#include "RacePanels.h"
#include "stream/KafkaSelection.h"

#include <QJsonObject>
#include <QMainWindow>
#include <functional>
#include <memory>
#include <optional>

class QAction;
class QDockWidget;

namespace Ui {
class MainWindow;
}

namespace pitwall {

class AnomalyListModel;
class AnomalyPanel;
class AppearanceMenu;
class DockLayout;
class FollowBox;
class AskPanelLink;
class RaceActions;
class LibraryLink;
class ControllerStatus;
class RaceTitle;
class RacePanels;
class SessionDisplay;
class StartPageLink;
class StageSwitches;
class RaceViewSync;
class WindowDialogs;
struct AnomalyRecord;
class FeedModel;
class AskPanel;
class AiServices;
class RaceContext;
class LiveServers;
class FeedPanel;
class LapChartsPanel;
class LeaderboardModel;
class RaceClock;
class RaceViewStore;
class TelemetryPanel;
class TrackMapWidget;
class LibraryPanel;
struct RaceRecord;
class PipelinePanel;
class StartPage;
struct RaceChoice;
class RaceToolbar;
class GameSessionView;
class RaceStatusBar;
class ReplayBar;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const KafkaSelection &kafka, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Starts a race as soon as Kafka is ready (now, if it already is).
    void startRaceWhenReady();
    // Replays a race of the library as soon as Kafka is ready (pitwall replay RACE_ID).
    void replayWhenReady(const QString &raceId, bool rerun);
    void saveScreenshotAndQuit(const QString &path, int delayMs);
    // Races started from now on use these (circuit, laps, speed, seed...).
    void setRaceOptions(const SessionOptions &options);
    // The LLM, embedder and vector store every race of this window uses (default: offline).
    void setAiServices(std::shared_ptr<AiServices> services);
    // Races also fill this context (the race engineer's, and the live servers').
    void setRaceContext(std::shared_ptr<RaceContext> context);
    // The MCP server and live feed, for File ▸ Live servers; sets their race context.
    void setLiveServers(LiveServers *servers);
    void editLiveServers();
    // File ▸ Setup wizard (also at first start): saves the connections; Kafka reconnects
    // at once, the AI services at the next start.
    void runSetupWizard();
    // How the window makes new AI services from the saved settings (after the setup wizard):
    // the next race uses them, without a restart. Called off the GUI thread.
    using AiServicesFactory = RaceController::AiServicesFactory;
    void setAiServicesFactory(AiServicesFactory factory);
    // The saved setup takes effect: Kafka reconnects (after a running race), the AI services
    // are made anew for the next race. The wizard's Finish calls it.
    void applySetup();

    LeaderboardModel *leaderboard() const { return m_leaderboard; }
    PipelinePanel *pipelinePanel() const { return m_panels->pipeline(); }
    LibraryPanel *libraryPanel() const { return m_panels->library(); }
    RaceViewStore *raceView() const { return m_store; }
    RaceClock *raceClock() const { return m_clock; }
    TelemetryPanel *telemetryPanel() const { return m_panels->telemetry(); }
    TrackMapWidget *trackMap() const { return m_panels->trackMap(); }
    FeedPanel *feedPanel() const { return m_panels->feedPanel(); }
    FeedModel *feedModel() const { return m_panels->feedModel(); }
    AnomalyListModel *anomalyModel() const { return m_anomalyModel; }
    AnomalyPanel *anomalyPanel() const { return m_anomalyPanel; }
    LapChartsPanel *lapCharts() const { return m_panels->lapCharts(); }
    RaceSession *session() const { return m_controller->session(); }
    // The race without widgets: Kafka, the race source and session, AI services, live servers.
    RaceController &controller() const { return *m_controller; }
    // Follows a driver everywhere: leaderboard highlight, track map, charts.
    void followDriver(const QString &driver);
    QString followedDriver() const;
    // Moves every panel to the moment of the anomaly in that row of the list (as shown: newest first).
    void selectAnomaly(int row);
    void setTheme(bool dark);
    bool isResultsShown() const;
    // Plays a race of the library through the window (as recorded, or re-running the pipeline).
    void startReplay(const QString &raceId, bool rerun);
    QString kafkaStatusText() const;

signals:
    void kafkaReady();
    void kafkaFailed(const QString &reason);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void connectKafka(const KafkaSelection &selection);
    void startRace();
    void stopRace();
    void editKafkaConnection();
    void showProblem(const QString &text);
    void setUpMenus();
    void setUpControllerSignals();
    // A new race's session: the views start afresh and follow it.
    void watchSession(RaceSession *session);
    void setUpTools(); // the pipeline, library and Ask panels' links to the race
    void setUpRaceViews();
    void setUpAnomalies(QDockWidget *feedDock);
    void showResults(const RaceSummary &summary);
    void showAnomaly(const AnomalyRecord &record);
    // A re-run's recorded outputs, for comparison in the anomaly list.
    void showRecordedRun(const QString &raceId, const Expected<RaceViewBatch> &loaded);
    void onAiServicesChanged();

    // Sets the drivers and teams (and, for a real race, the track outline) the views show:
    // the built-in grid, or a real race's own from its library record.
    void useRaceOf(const RaceRecord *race);
    // The start page: what the main area shows before a race (and Race ▸ Start page).
    void setUpStartPage();
    void startChosenRace(const RaceChoice &choice);
    // Race ▸ Follow the F1 game: a live session from the game's UDP telemetry.
    void startGameSession();
    // The follow box (and the rival box) list the race grid's drivers.
    void fillFollowBox();

    std::unique_ptr<Ui::MainWindow> m_ui;
    RaceController *m_controller;
    // The grid the views show: copied, so a real race's own can replace it between races
    // (the views hold a reference to this member).
    Grid m_raceGrid = Grid::builtIn();
    QVector<QPointF> m_raceOutline; // a real race's track outline, metres; empty: the built-in circuit
    GameSessionView *m_gameView = nullptr;
    LeaderboardModel *m_leaderboard = nullptr;
    QString m_replayWhenReady; // a race to replay once Kafka is ready
    bool m_replayRerunWhenReady = false;
    RaceToolbar *m_raceToolbar = nullptr;
    RaceStatusBar *m_statusGauges = nullptr;
    ReplayBar *m_replayBar = nullptr;
    StartPage *m_startPage = nullptr;
    StartPageLink *m_startLink = nullptr;
    RaceViewStore *m_store = nullptr;
    RaceClock *m_clock = nullptr;
    AskPanelLink *m_askLink = nullptr;
    AnomalyListModel *m_anomalyModel = nullptr;
    AnomalyPanel *m_anomalyPanel = nullptr;
    RaceViewStore *m_recordedStore = nullptr; // a re-run's recorded outputs, for comparison
    AnomalyListModel *m_recordedAnomalyModel = nullptr;
    FollowBox *m_followBox = nullptr;
    DockLayout *m_docks = nullptr;
    AppearanceMenu *m_appearance = nullptr;
    WindowDialogs *m_dialogs = nullptr;
    RaceViewSync *m_viewSync = nullptr;
    RaceTitle *m_title = nullptr;
    RacePanels *m_panels = nullptr;
    LibraryLink *m_library = nullptr;
    RaceActions *m_actions = nullptr;
    SessionDisplay *m_sessionDisplay = nullptr;
    ControllerStatus *m_controllerStatus = nullptr;
    StageSwitches *m_stageSwitches = nullptr;
};

} // namespace pitwall
