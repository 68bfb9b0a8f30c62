#include "MainWindow.h"

#include "AnomalyPanel.h"
#include "AppearanceMenu.h"
#include "AskPanel.h"
#include "CloudDeployPanel.h"
#include "DockLayout.h"
#include "FeedPanel.h"
#include "FollowBox.h"
#include "GameSessionView.h"
#include "LapChartsPanel.h"
#include "LeaderboardTable.h"
#include "LibraryPanel.h"
#include "PipelinePanel.h"
#include "RaceEngineerLink.h"
#include "RaceReports.h"
#include "RaceStatusBar.h"
#include "RaceToolbar.h"
#include "ReplayBar.h"
#include "StartPage.h"
#include "TelemetryPanel.h"
#include "TrackMapWidget.h"
#include "WindowDialogs.h"
#include "aiservices/AiServices.h"
#include "pipeline/PipelineDefinition.h"
#include "pipeline/RaceSession.h"
#include "secrets/AppSecrets.h"
#include "setup/SetupConfig.h"
#include "sim/Circuit.h"
#include "storage/LibraryDatabase.h"
#include "stream/KafkaEndpoint.h"
#include "ui_MainWindow.h"
#include "view/AnomalyListModel.h"
#include "view/DisplayNames.h"
#include "view/FeedModel.h"
#include "view/LeaderboardModel.h"
#include "view/PipelineHealthModel.h"
#include "view/RaceClock.h"
#include "view/RaceLibraryModel.h"
#include "view/RaceLook.h"
#include "view/RaceViewStore.h"
#include "view/RaceViewSync.h"

#include <QCloseEvent>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>

namespace pitwall {

namespace {

const QString kHeroKey = QStringLiteral("race/hero");
const QString kDisabledStagesKey = QStringLiteral("pipeline/disabledStages");

} // namespace

MainWindow::MainWindow(const KafkaSelection &kafka, QWidget *parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_controller(new RaceController(this))
    , m_leaderboard(new LeaderboardModel(m_raceGrid, this))
{
    m_ui->setupUi(this);
    m_docks = new DockLayout(*this, *m_ui->menuView);
    m_dialogs = new WindowDialogs(*this, *statusBar());
    setWindowIcon(QIcon(QStringLiteral(":/icons/pitwall.svg")));
    m_ui->actionStart->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_ui->actionStop->setIcon(style()->standardIcon(QStyle::SP_MediaStop));
    m_controller->setWatched(true);
    m_controller->setFollowGameSessions(true);
    setUpLeaderboardTable(*m_ui->leaderboardView, *m_leaderboard);
    m_ui->leaderboardView->setToolTip(tr("Double-click a driver to follow them"));
    setUpRaceViews();
    setUpPipelineDock();
    setUpLibraryDock();
    setUpAskDock();
    m_statusGauges = new RaceStatusBar(*statusBar());
    m_gameView = new GameSessionView(*m_store, *m_trackMap, *m_statusGauges, this);
    connect(m_gameView, &GameSessionView::lapsKnown, this, [this](int laps) {
        m_raceLaps = laps;
        m_statusGauges->setLaps(laps);
    });
    connect(m_gameView, &GameSessionView::gridKnown, this, [this](const Grid &grid, const QString &player) {
        m_raceGrid = grid; // and the player's car is followed
        fillFollowBox();
        if (!player.isEmpty())
            followDriver(player);
    });
    m_raceToolbar = new RaceToolbar(*m_ui->mainToolBar, *m_ui->menuRace, this);
    auto &options = m_controller->raceOptions();
    options.race.circuitId = m_raceToolbar->circuitId();
    options.race.laps = m_raceToolbar->laps();
    options.speed = m_raceToolbar->speed();
    connect(m_raceToolbar, &RaceToolbar::circuitChanged, this,
            [this](const QString &id) { m_controller->raceOptions().race.circuitId = id; });
    connect(m_raceToolbar, &RaceToolbar::lapsChanged, this, [this](int laps) { m_controller->raceOptions().race.laps = laps; });
    connect(m_raceToolbar, &RaceToolbar::speedChanged, m_controller, &RaceController::setSpeed);
    connect(m_raceToolbar, &RaceToolbar::followGameRequested, this, &MainWindow::startGameSession);
    // A row of its own, shown during a replay: the race controls never push it out of sight.
    m_replayBar = new ReplayBar(this);
    addToolBarBreak(Qt::TopToolBarArea);
    addToolBar(Qt::TopToolBarArea, m_replayBar);
    connect(m_replayBar, &ReplayBar::pauseRequested, m_controller, &RaceController::setPaused);
    connect(m_replayBar, &ReplayBar::seekRequested, m_controller, &RaceController::seek);
    setUpStartPage();
    setUpControllerSignals();

    setUpMenus();
    m_docks->restore(*m_ui->leaderboardView->horizontalHeader());
    connectKafka(kafka);
}

void MainWindow::setUpMenus()
{
    connect(m_ui->actionStart, &QAction::triggered, this, &MainWindow::startRace);
    connect(m_ui->actionStop, &QAction::triggered, this, &MainWindow::stopRace);
    connect(m_ui->actionKafkaConnection, &QAction::triggered, this, &MainWindow::editKafkaConnection);
    connect(m_ui->actionLiveServers, &QAction::triggered, this, &MainWindow::editLiveServers);
    connect(m_ui->actionSetupWizard, &QAction::triggered, this, &MainWindow::runSetupWizard);
    m_ui->actionLiveServers->setEnabled(false); // until main() hands over the servers
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->actionAbout, &QAction::triggered, m_dialogs, &WindowDialogs::showAbout);
    m_appearance = new AppearanceMenu(*m_ui->actionDarkTheme, *m_ui->actionLightTheme, *m_ui->menuView, *statusBar(), *this);
    connect(m_appearance, &AppearanceMenu::themeRequested, this, &MainWindow::setTheme);
    setTheme(AppearanceMenu::savedThemeIsDark());
    connect(m_ui->actionResetLayout, &QAction::triggered, m_docks, &DockLayout::reset);
}

void MainWindow::setUpControllerSignals()
{
    connect(m_controller, &RaceController::kafkaConnecting, this, [this] {
        m_ui->problemBanner->hide();
        showSetupStatus();
        const QString bootstrap = m_controller->kafka().pendingBootstrap();
        m_statusGauges->setKafkaText(bootstrap.isEmpty() ? tr("Starting the embedded Kafka broker…")
                                                         : tr("Connecting to Kafka at %1…").arg(bootstrap));
        updateActions();
    });
    connect(m_controller, &RaceController::kafkaFailed, this, [this](const QString &reason) {
        showProblem(tr("%1. Change it in File ▸ Kafka connection (Ctrl+K).").arg(reason));
        m_statusGauges->setKafkaText(tr("Kafka: not connected"));
        updateActions();
        emit kafkaFailed(reason);
    });
    connect(m_controller, &RaceController::kafkaReady, this, [this] {
        const auto &endpoint = *m_controller->kafka().endpoint();
        m_statusGauges->setKafkaText(
            tr("Kafka: %1 (%2)").arg(endpoint.bootstrap(), endpoint.isEmbedded() ? tr("embedded broker") : tr("cluster")));
        updateActions();
        emit kafkaReady();
        if (!m_replayWhenReady.isEmpty())
            replayWhenReady(QString(m_replayWhenReady), m_replayRerunWhenReady); // a copy: the member is cleared there
    });
    connect(m_controller, &RaceController::sessionCreated, this, &MainWindow::watchSession);
    connect(m_controller, &RaceController::recordedRunLoaded, this, &MainWindow::showRecordedRun);
    connect(m_controller, &RaceController::raceStateChanged, this, &MainWindow::updateActions);
    connect(m_controller, &RaceController::aiServicesChanged, this, &MainWindow::onAiServicesChanged);
    connect(m_controller, &RaceController::setupApplied, this, [this](const std::shared_ptr<AiServices> &ai, bool raceKeeps) {
        statusBar()->showMessage(tr("Setup applied: the next race uses %1 and %2.%3")
                                     .arg(ai->llmLabel(), ai->embedderLabel(),
                                          raceKeeps ? tr(" The running race keeps its settings.") : QString()),
                                 15000);
    });
    connect(m_controller, &RaceController::setupFailed, this, [this](const QString &reason) {
        showProblem(tr("The new AI settings could not start: %1. The races keep the previous ones.").arg(reason));
    });
}

MainWindow::~MainWindow() = default;

void MainWindow::setUpStartPage()
{
    m_startPage = new StartPage(this);
    m_startPage->setObjectName(QStringLiteral("startPage"));
    m_ui->centralStack->insertWidget(0, m_startPage);
    // The race's title line says nothing before a race: the page speaks for itself.
    connect(m_ui->centralStack, &QStackedWidget::currentChanged, this,
            [this] { m_ui->raceTitle->setVisible(m_ui->centralStack->currentWidget() != m_startPage); });
    m_ui->centralStack->setCurrentWidget(m_startPage);
    m_ui->raceTitle->hide();
    m_startPage->setDrivers(Grid::builtIn());
    QSettings settings;
    RaceChoice saved;
    saved.circuitId = m_raceToolbar->circuitId();
    saved.laps = settings.value(RaceToolbar::kLapsKey, StartPage::kDefaultLaps).toInt();
    saved.speed = m_raceToolbar->speed();
    saved.driver = FollowBox::savedDriver();
    saved.hero = settings.value(kHeroKey, false).toBool();
    m_startPage->setChoice(saved);
    m_startPage->setReady(false, tr("Starting the embedded Kafka broker…"));
    connect(m_startPage, &StartPage::startRequested, this, &MainWindow::startChosenRace);
    connect(m_startPage, &StartPage::replayRequested, this, [this](const QString &raceId) { startReplay(raceId, false); });
    connect(m_startPage, &StartPage::followGameRequested, this, [this] { startGameSession(); });
    connect(m_startPage, &StartPage::setupRequested, this, &MainWindow::runSetupWizard);
    connect(m_startPage, &StartPage::libraryRequested, this, [this] {
        m_libraryDock->show();
        m_libraryDock->raise();
    });
    connect(m_startPage, &StartPage::importRequested, this, [this] {
        m_libraryDock->show();
        m_libraryDock->raise();
        m_libraryPanel->importRealRace();
    });
    auto showRecent = [this] { m_startPage->setRecentRaces(m_libraryPanel->model()->latest(StartPage::kRecentRaces)); };
    connect(m_libraryPanel->model(), &QAbstractItemModel::modelReset, this, showRecent);
    showRecent();
    auto *show = m_ui->menuRace->addAction(tr("Start &page"));
    show->setObjectName(QStringLiteral("actionStartPage"));
    show->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Home));
    connect(show, &QAction::triggered, this, [this] { m_ui->centralStack->setCurrentWidget(m_startPage); });
    auto *replayLatest = m_ui->menuRace->addAction(tr("&Replay the latest race"));
    replayLatest->setObjectName(QStringLiteral("actionReplayLatest"));
    connect(replayLatest, &QAction::triggered, this, [this] {
        const auto latest = m_libraryPanel->model()->latest(1);
        if (latest.empty())
            showProblem(tr("The library has no race yet: run one first."));
        else
            startReplay(latest.front().id, false);
    });
    m_ui->menuRace->insertAction(m_ui->menuRace->actions().value(0), show);
}

void MainWindow::startChosenRace(const RaceChoice &choice)
{
    QSettings settings;
    settings.setValue(RaceToolbar::kLapsKey, choice.laps);
    settings.setValue(kHeroKey, choice.hero);
    // The toolbar shows the same race (its boxes save themselves and tell the controller).
    m_raceToolbar->choose(choice.circuitId, choice.laps, choice.speed);
    if (!choice.driver.isEmpty())
        followDriver(choice.driver);
    auto &options = m_controller->raceOptions();
    options.race.heroDriver = choice.hero ? choice.driver : QString();
    m_raceToolbar->chooseSimulator();
    options.game.enabled = false;
    useRaceOf(nullptr);
    m_controller->start(RaceRequest::configured());
}

void MainWindow::showSetupStatus()
{
    bool offline = false;
    const auto lines = RaceReports::setupLines(m_controller->kafka().selection(), m_controller->aiServices().get(), &offline);
    m_startPage->setSetupStatus(lines, offline);
}

void MainWindow::setUpPipelineDock()
{
    m_pipelinePanel = new PipelinePanel(this);
    m_pipelineDock = m_docks->addPanel(m_pipelinePanel, tr("Pipeline"), QStringLiteral("pipelineDock"), Qt::RightDockWidgetArea,
                                       QKeySequence(Qt::CTRL | Qt::Key_P));
    // A tab beside the charts: the leaderboard keeps its width.
    if (auto *charts = findChild<QDockWidget *>(QStringLiteral("lapChartsDock")))
        tabifyDockWidget(charts, m_pipelineDock);
    // Stages switched off last time stay off.
    auto &disabled = m_controller->raceOptions().disabledStages;
    disabled = QSettings().value(kDisabledStagesKey).toStringList();
    disabled.removeIf([](const QString &name) { return !pipelineStageNames().contains(name); });
    m_pipelinePanel->model()->setDisabledStages(disabled);
    connect(m_pipelinePanel->model(), &PipelineHealthModel::stageToggleRequested, this, &MainWindow::switchStage);
    connect(m_pipelinePanel->cloud(), &CloudDeployPanel::cloudStagesChanged, this, &MainWindow::runStagesInCloud);
}

void MainWindow::setUpLibraryDock()
{
    m_libraryPanel = new LibraryPanel(this);
    m_libraryDock = m_docks->addPanel(m_libraryPanel, tr("Library"), QStringLiteral("libraryDock"), Qt::RightDockWidgetArea,
                                      QKeySequence(Qt::CTRL | Qt::Key_L));
    // In sight beside the anomalies, not a tab behind the charts: replay is one click away.
    if (auto *anomalies = findChild<QDockWidget *>(QStringLiteral("anomaliesDock")))
        splitDockWidget(anomalies, m_libraryDock, Qt::Horizontal);
    m_controller->raceOptions().libraryPath = LibraryDatabase::defaultPath(); // every race is kept
    m_libraryPanel->openLibrary(m_controller->raceOptions().libraryPath);
    connect(m_libraryPanel, &LibraryPanel::replayRequested, this, &MainWindow::startReplay);
    // Real races come in from the File menu too (a menu of its own would widen the window's
    // menu bar past a 1280 px screen).
    auto *importReal = new QAction(tr("Import &real race…"), this);
    importReal->setObjectName(QStringLiteral("actionImportRealRace"));
    importReal->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    m_ui->menuFile->insertAction(m_ui->menuFile->actions().value(0), importReal);
    connect(importReal, &QAction::triggered, this, [this] {
        m_libraryDock->show();
        m_libraryDock->raise();
        m_libraryPanel->importRealRace();
    });
}

void MainWindow::setUpAskDock()
{
    m_askPanel = new AskPanel(this);
    m_askDock = m_docks->addPanel(m_askPanel, tr("Ask"), QStringLiteral("askDock"), Qt::RightDockWidgetArea,
                                  QKeySequence(Qt::CTRL | Qt::Key_E));
    tabifyDockWidget(m_pipelineDock, m_askDock);
    if (auto *telemetry = findChild<QDockWidget *>(QStringLiteral("telemetryDock")))
        telemetry->raise();
    connect(m_askPanel, &AskPanel::askRequested, this, &MainWindow::askCommentary);
    m_askPanel->setModelDescription(tr("Searches the commentary by meaning with the offline embedder."));
    m_engineer = new RaceEngineerLink(*m_askPanel, this);
    setUpRaceEngineer();
}

void MainWindow::askCommentary(const QString &question, bool thisRaceOnly)
{
    if (!m_controller->kafka().isReady()) {
        m_askPanel->showError(tr("Kafka is not ready yet."));
        return;
    }
    m_controller->ask(question, thisRaceOnly, [this](const Expected<CommentaryQueryResult> &answer) {
        if (answer)
            m_askPanel->showResult(answer.value());
        else
            m_askPanel->showError(answer.error().message);
    });
}

void MainWindow::setUpRaceViews()
{
    const Grid &grid = m_raceGrid;
    m_store = new RaceViewStore(this);
    m_clock = new RaceClock(this);
    m_viewSync = new RaceViewSync(*m_store, *m_clock, *m_leaderboard, m_raceGrid, this);

    // The map above the charts, with the room a map needs; feed and anomalies along the bottom.
    m_trackMap = new TrackMapWidget(*m_store, *m_clock, grid, this);
    m_docks->addPanel(m_trackMap, tr("Track map"), QStringLiteral("trackMapDock"), Qt::RightDockWidgetArea,
                      QKeySequence(Qt::CTRL | Qt::Key_M));
    m_telemetry = new TelemetryPanel(*m_store, *m_clock, grid, this);
    auto *telemetryDock = m_docks->addPanel(m_telemetry, tr("Telemetry"), QStringLiteral("telemetryDock"),
                                            Qt::RightDockWidgetArea, QKeySequence(Qt::CTRL | Qt::Key_T));
    m_lapCharts = new LapChartsPanel(*m_store, *m_clock, grid, this);
    auto *lapsDock = m_docks->addPanel(m_lapCharts, tr("Race trace"), QStringLiteral("lapChartsDock"), Qt::RightDockWidgetArea,
                                       QKeySequence(Qt::CTRL | Qt::Key_G));
    tabifyDockWidget(telemetryDock, lapsDock);
    telemetryDock->raise();
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea); // the charts get the window's full height

    m_feedModel = new FeedModel(*m_store, grid, this);
    m_feedPanel = new FeedPanel(m_feedModel, grid, this);
    auto *feedDock = m_docks->addPanel(m_feedPanel, tr("Race feed"), QStringLiteral("feedDock"), Qt::BottomDockWidgetArea,
                                       QKeySequence(Qt::CTRL | Qt::Key_F));
    m_feedPanel->setMinimumWidth(170); // wide enough to read a row: the library beside it takes what is left
    setUpAnomalies(feedDock);

    connect(m_feedPanel, &FeedPanel::momentSelected, m_clock, &RaceClock::seek);
    connect(m_lapCharts, &LapChartsPanel::momentSelected, m_clock, &RaceClock::seek);
    connect(m_clock, &RaceClock::moved, this, &MainWindow::showClock);
    connect(m_clock, &RaceClock::liveChanged, m_ui->actionLive, &QAction::setChecked);
    connect(m_ui->actionLive, &QAction::triggered, this, [this] {
        m_ui->actionLive->setChecked(true);
        m_clock->goLive();
    });
    connect(m_ui->leaderboardView, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        followDriver(m_leaderboard->data(m_leaderboard->index(index.row(), LeaderboardModel::DriverName), Qt::DisplayRole).toString());
    });
    connect(m_ui->backToLeaderboardButton, &QPushButton::clicked, this,
            [this] { m_ui->centralStack->setCurrentWidget(m_ui->leaderboardPage); });

    // Race control: the driver to follow, and where the race is.
    m_followBox = new FollowBox(this);
    fillFollowBox();
    m_ui->mainToolBar->addSeparator();
    m_ui->mainToolBar->addWidget(new QLabel(tr(" Follow "), this));
    m_ui->mainToolBar->addWidget(m_followBox);
    connect(m_followBox, &FollowBox::driverChosen, this, &MainWindow::followDriver);
    m_ui->mainToolBar->addAction(m_ui->actionLive);
    m_clockLabel = new QLabel(this);
    m_clockLabel->setObjectName(QStringLiteral("clockLabel"));
    m_clockLabel->setMinimumWidth(120);
    m_ui->mainToolBar->addWidget(m_clockLabel);
    const QString saved = FollowBox::savedDriver();
    followDriver(grid.findDriver(saved) ? saved : grid.drivers().value(0).name);
}

// The window's anomaly wiring is here and in selectAnomaly, showAnomaly and showRecordedRun:
// the list (live and, for a re-run, as recorded) and what choosing a row does.
void MainWindow::setUpAnomalies(QDockWidget *feedDock)
{
    m_anomalyModel = new AnomalyListModel(*m_store, m_raceGrid, this);
    m_recordedStore = new RaceViewStore(this);
    m_recordedAnomalyModel = new AnomalyListModel(*m_recordedStore, m_raceGrid, this);
    m_anomalyPanel = new AnomalyPanel(m_anomalyModel, m_recordedAnomalyModel, *m_clock, this);
    m_anomalyPanel->setMinimumWidth(200);
    auto *anomaliesDock = m_docks->addPanel(m_anomalyPanel, tr("Anomalies"), QStringLiteral("anomaliesDock"),
                                            Qt::BottomDockWidgetArea, QKeySequence(Qt::CTRL | Qt::Key_A));
    splitDockWidget(feedDock, anomaliesDock, Qt::Horizontal);
    connect(m_anomalyPanel, &AnomalyPanel::anomalySelected, this, &MainWindow::showAnomaly);
}

void MainWindow::selectAnomaly(int row)
{
    if (row >= 0 && row < m_anomalyPanel->liveRows())
        showAnomaly(m_anomalyPanel->liveRecord(row));
}

void MainWindow::showAnomaly(const AnomalyRecord &record)
{
    followDriver(record.anomaly.driverName);
    m_telemetry->setTemperatureMetric(record.anomaly.metric);
    m_clock->seek(record.raceMs);
}

void MainWindow::showRecordedRun(const QString &raceId, const Expected<RaceViewBatch> &loaded)
{
    if (!loaded) {
        showProblem(tr("The recorded run of %1 could not be read for comparison: %2").arg(raceId, loaded.error().message));
        return;
    }
    const auto *race = m_libraryPanel->model()->race(raceId);
    if (!race)
        return;
    m_recordedStore->reset(race->startedAtMs);
    m_recordedStore->add(loaded.value());
    m_anomalyPanel->setComparing(true);
}

void MainWindow::setTheme(bool dark)
{
    m_appearance->applyTheme(dark);
    m_telemetry->setDark(dark);
    m_lapCharts->setDark(dark);
    m_trackMap->update();
}

void MainWindow::followDriver(const QString &driver)
{
    if (driver.isEmpty())
        return;
    m_followBox->showDriver(driver);
    m_leaderboard->setFollowedDriver(driver);
    m_trackMap->setFollowedDriver(driver);
    m_telemetry->setFollowedDriver(driver);
    m_lapCharts->setFollowedDriver(driver);
}

QString MainWindow::followedDriver() const
{
    return m_followBox->driver();
}

void MainWindow::showClock(qint64 viewMs)
{
    m_clockLabel->setText(m_clock->isLive() ? tr("%1 live").arg(DisplayNames::raceTime(viewMs))
                                            : tr("%1 (held)").arg(DisplayNames::raceTime(viewMs)));
}

bool MainWindow::isResultsShown() const
{
    return m_ui->centralStack->currentWidget() == m_ui->resultsPage;
}

void MainWindow::showResults(const RaceSummary &summary)
{
    m_ui->resultsView->setHtml(RaceReports::resultsHtml(summary, m_raceGrid, *m_store, m_raceName, followedDriver()));
    m_ui->centralStack->setCurrentWidget(m_ui->resultsPage);
}

void MainWindow::switchStage(const QString &stage, bool enabled)
{
    m_controller->setStageEnabled(stage, enabled);
    QSettings().setValue(kDisabledStagesKey, m_controller->raceOptions().disabledStages);
    m_pipelinePanel->showMessage({});
}

void MainWindow::runStagesInCloud(const QStringList &stages)
{
    m_controller->runStagesInCloud(stages);
    QSettings().setValue(kDisabledStagesKey, m_controller->raceOptions().disabledStages);
    m_pipelinePanel->showMessage({});
    m_pipelinePanel->model()->setDisabledStages(m_controller->raceOptions().disabledStages);
}

void MainWindow::setAiServices(std::shared_ptr<AiServices> services)
{
    m_controller->setAiServices(std::move(services)); // onAiServicesChanged follows
}

void MainWindow::onAiServicesChanged()
{
    const auto &ai = *m_controller->aiServices();
    m_pipelinePanel->showAi(ai);
    if (m_startPage)
        showSetupStatus();
    m_askPanel->setModelDescription(
        ai.hasLlm()
            ? tr("Searches the commentary by meaning (%1); %2 writes an answer from the matches.").arg(ai.embedderLabel(), ai.llmLabel())
            : tr("Searches the commentary by meaning (%1). Configure an LLM for written answers.").arg(ai.embedderLabel()));
    setUpRaceEngineer();
}

void MainWindow::setRaceContext(std::shared_ptr<RaceContext> context)
{
    m_controller->setRaceContext(std::move(context));
    setUpRaceEngineer();
}

void MainWindow::setLiveServers(LiveServers *servers)
{
    m_controller->setLiveServers(servers); // their race context, and the AI services from now on
    m_ui->actionLiveServers->setEnabled(servers != nullptr);
    setUpRaceEngineer();
}

void MainWindow::editLiveServers()
{
    if (auto *servers = m_controller->liveServers())
        m_dialogs->editLiveServers(*servers);
}

void MainWindow::runSetupWizard()
{
    if (m_dialogs->runSetupWizard())
        applySetup();
}

void MainWindow::applySetup()
{
    QSettings saved;
    auto store = secrets::openAppSecretStore(saved);
    const bool raceRunning = m_controller->isRaceRunning();
    const QString keeps = raceRunning ? tr(" The running race keeps its settings.") : QString();
    statusBar()->showMessage(m_controller->hasAiServicesFactory() ? tr("Setup saved: starting the new AI connections…%1").arg(keeps)
                                                                  : tr("Setup saved; it applies to the next race.%1").arg(keeps),
                             15000);
    // Kafka reconnects (after a running race); the AI services start anew off this thread.
    m_controller->applySetup(setup::loadKafkaSelection(saved, *store));
}

void MainWindow::setAiServicesFactory(AiServicesFactory factory)
{
    m_controller->setAiServicesFactory(std::move(factory));
}

void MainWindow::setUpRaceEngineer()
{
    m_engineer->rebuild(m_controller->raceOptions());
}

void MainWindow::setRaceOptions(const SessionOptions &options)
{
    m_controller->setRaceOptions(options); // the command line adds to the stages switched off here
    m_pipelinePanel->model()->setDisabledStages(m_controller->raceOptions().disabledStages);
    m_raceToolbar->showOptions(options);
}

void MainWindow::updateTitle()
{
    if (const auto *session = m_controller->session())
        m_ui->raceTitle->setText(tr("%1 — lap %2/%3 — live").arg(m_raceName).arg(std::max(1, session->stats().leaderLap)).arg(m_raceLaps));
}

QString MainWindow::kafkaStatusText() const
{
    return m_statusGauges->kafkaText();
}

void MainWindow::connectKafka(const KafkaSelection &selection)
{
    m_ui->problemBanner->hide();
    if (auto connecting = m_controller->connectKafka(selection); !connecting) {
        showSetupStatus();
        showProblem(connecting.error().message);
        updateActions();
    }
}

void MainWindow::replayWhenReady(const QString &raceId, bool rerun)
{
    m_replayWhenReady = raceId;
    m_replayRerunWhenReady = rerun;
    if (!m_controller->kafka().isReady())
        return;
    m_replayWhenReady.clear();
    m_libraryPanel->refresh();
    m_libraryPanel->select(raceId);
    if (!m_libraryPanel->model()->race(raceId)) {
        showProblem(tr("There is no race %1 in the library.").arg(raceId));
        return;
    }
    startReplay(raceId, rerun);
}

void MainWindow::startRaceWhenReady()
{
    if (m_controller->kafka().isReady())
        startRace();
    else
        connect(m_controller, &RaceController::kafkaReady, this, &MainWindow::startRace, Qt::SingleShotConnection);
}

void MainWindow::startRace()
{
    if (m_controller->raceOptions().game.enabled || m_raceToolbar->gameChosen()) {
        startGameSession();
        return;
    }
    useRaceOf(nullptr);
    m_controller->start(RaceRequest::configured());
}

void MainWindow::fillFollowBox()
{
    // The race's drivers (the built-in grid, a real race's, the game's); the followed one kept if still there.
    const bool kept = m_followBox->setDrivers(m_raceGrid);
    if (m_telemetry)
        m_telemetry->refreshDrivers();
    if (!kept) // not in this race: follow its first
        followDriver(m_followBox->driver());
}

void MainWindow::startGameSession()
{
    QSettings settings;
    m_controller->start(RaceRequest::f1Game(gamesettings::load(settings, m_controller->raceOptions().game)));
}

void MainWindow::showGameStatus()
{
    const auto *session = m_controller->session();
    if (session && session->options().game.enabled)
        m_gameView->update(*session, followedDriver());
    else
        m_statusGauges->hideGame();
}

void MainWindow::useRaceOf(const RaceRecord *race)
{
    const auto look = RaceLook::of(race);
    m_raceGrid = look.grid;
    m_raceOutline = look.outline;
    m_telemetry->setSourceLacks(look.lacksCarData, look.real);
    if (!look.gridProblem.isEmpty())
        showProblem(tr("This race's drivers could not be read (%1); the built-in grid is shown.").arg(look.gridProblem));
    fillFollowBox();
    if (race && !race->followedDriver.isEmpty() && m_raceGrid.findDriver(race->followedDriver) &&
        !m_raceGrid.findDriver(m_followBox->driver()))
        followDriver(race->followedDriver);
}

void MainWindow::startReplay(const QString &raceId, bool rerun)
{
    const auto *race = m_libraryPanel->model()->race(raceId);
    useRaceOf(race);
    const auto request = race ? RaceRequest::replay(raceId, rerun, race->circuit, race->laps) : RaceRequest::replay(raceId, rerun);
    if (m_controller->start(request) && race && race->options.value(QStringLiteral("real")).toBool())
        m_raceName = race->name; // "2018 Azerbaijan Grand Prix — Race, F1 live timing"
}

void MainWindow::watchSession(RaceSession *session)
{
    m_leaderboard->clear();
    m_ui->centralStack->setCurrentWidget(m_ui->leaderboardPage);
    m_ui->problemBanner->hide();
    const auto &options = session->options();
    if (options.game.enabled) {
        useRaceOf(nullptr);
        m_gameView->reset();
        m_raceName = tr("F1 game");
        m_raceLaps = 0;
    } else {
        const auto circuit = Circuit::builtIn(options.race.circuitId);
        m_raceName = circuit ? circuit->grandPrix : options.race.circuitId;
        if (session->isReplay())
            m_raceName = tr("Replay of %1").arg(m_raceName);
        m_raceLaps = options.race.laps > 0 ? options.race.laps : (circuit ? circuit->laps : 0);
    }
    m_statusGauges->setLaps(m_raceLaps);
    m_viewSync->follow(session);
    connect(session, &RaceSession::stageSwitched, this, [this](const QString &stage, bool enabled, const QString &error) {
        if (!error.isEmpty())
            m_pipelinePanel->showMessage(enabled ? tr("Could not switch %1 on: %2").arg(stage, error)
                                                 : tr("Could not switch %1 off: %2").arg(stage, error));
    });
    connect(session, &RaceSession::statsChanged, this, [this, session](const SessionStats &stats) {
        showStats(stats);
        showGameStatus();
        if (session->state() == RaceSession::State::Running)
            updateTitle();
    });
    m_anomalyPanel->setComparing(false);
    connect(session, &RaceSession::started, this, [this, session] {
        m_viewSync->restart(session->raceStartEpochMs());
        if (session->options().game.enabled)
            m_trackMap->setOutline({}, m_raceName); // drawn from the cars' own paths (showGameStatus)
        else if (!m_raceOutline.isEmpty())
            m_trackMap->setOutline(m_raceOutline, m_raceName);
        else
            m_trackMap->setCircuit(session->options().race.circuitId);
        m_replayBar->setDurationMs(session->replayDurationMs());
        updateTitle();
    });
    connect(session, &RaceSession::failed, this,
            [this](const QString &reason) { showProblem(tr("The race could not start: %1").arg(reason)); });
    connect(session, &RaceSession::stopped, this, [this, session](const SessionStats &stats) {
        m_libraryPanel->refresh(); // the race just run is in the library now
        if (m_controller->isHandingOverGameSession())
            return; // the game's next session follows at once
        showStats(stats);
        const auto summary = session->summary();
        const QString result = summary.finished && !summary.classification.isEmpty()
                                   ? tr("won by %1").arg(summary.classification.first())
                                   : tr("stopped on lap %1").arg(summary.leaderLap);
        m_ui->raceTitle->setText(tr("Race %1 — finished: %2 of %3 positions read back — %4")
                                     .arg(session->raceId())
                                     .arg(stats.consumed)
                                     .arg(stats.produced)
                                     .arg(result));
        m_statusGauges->setLap(summary.leaderLap);
        if (summary.finished)
            showResults(summary);
    });
    m_ui->raceTitle->setText(tr("Starting a race…"));
}

void MainWindow::stopRace()
{
    if (!m_controller->session())
        return;
    m_ui->raceTitle->setText(tr("Race %1 — stopping: reading back every message…").arg(m_controller->session()->raceId()));
    m_controller->stop();
}

void MainWindow::editKafkaConnection()
{
    const auto selection = m_dialogs->chooseKafkaConnection(m_controller->kafka().selection());
    if (!selection)
        return;
    if (m_controller->isRaceRunning())
        stopRace();
    connectKafka(*selection);
}

void MainWindow::showStats(const SessionStats &stats)
{
    const auto *session = m_controller->session();
    if (session && session->isReplay())
        m_replayBar->showRaceTime(stats.raceTimeS);
    m_pipelinePanel->model()->updateMetrics(stats.stages);
    if (session)
        m_pipelinePanel->showAi(*session->ai());
    if (session && session->state() == RaceSession::State::Running)
        m_statusGauges->setLap(stats.leaderLap);
    m_statusGauges->showStats(stats);
}

void MainWindow::showProblem(const QString &text)
{
    m_ui->problemBanner->setText(text);
    m_ui->problemBanner->show();
}

void MainWindow::updateActions()
{
    const auto &kafka = m_controller->kafka();
    const bool raceActive = m_controller->isRaceActive();
    const bool canStart = kafka.isReady() && !raceActive && !kafka.isPreparing();
    m_ui->actionStart->setEnabled(canStart);
    m_raceToolbar->setRaceActive(raceActive);
    m_raceToolbar->setKafkaReady(kafka.isReady() && !kafka.isPreparing());
    m_ui->actionStop->setEnabled(m_controller->isRaceRunning());
    const bool stopping = m_controller->session() && m_controller->session()->state() == RaceSession::State::Stopping;
    m_ui->actionKafkaConnection->setEnabled(!kafka.isPreparing() && !stopping);
    if (m_startPage) {
        m_startPage->setReady(canStart, kafka.isPreparing() ? m_statusGauges->kafkaText()
                                        : !kafka.isReady()  ? tr("Kafka is not connected: see File ▸ Kafka connection.")
                                        : raceActive        ? tr("A race is running: stop it (Race ▸ Stop) to start another.")
                                                            : QString());
    }
    m_replayBar->setReplaying(m_controller->isRaceRunning() && m_controller->session()->isReplay());
}

void MainWindow::saveScreenshotAndQuit(const QString &path, int delayMs)
{
    QTimer::singleShot(delayMs, this, [this, path] {
        const bool saved = grab().save(path);
        if (!saved)
            qWarning("pitwall: could not write the screenshot to %s", qPrintable(path));
        QCoreApplication::exit(saved ? 0 : 1);
    });
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_docks->save(*m_ui->leaderboardView->horizontalHeader());
    event->accept();
}

} // namespace pitwall
