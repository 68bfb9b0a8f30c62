#include "MainWindow.h"

#include "AnomalyPanel.h"
#include "AppearanceMenu.h"
#include "AskPanel.h"
#include "AskPanelLink.h"
#include "ClockLabel.h"
#include "ControllerStatus.h"
#include "DockLayout.h"
#include "FollowBox.h"
#include "GameSessionView.h"
#include "LapChartsPanel.h"
#include "LeaderboardTable.h"
#include "LibraryLink.h"
#include "LibraryPanel.h"
#include "PipelinePanel.h"
#include "RaceActions.h"
#include "RacePanels.h"
#include "RaceReports.h"
#include "RaceStatusBar.h"
#include "RaceTitle.h"
#include "RaceToolbar.h"
#include "ReplayBar.h"
#include "SessionDisplay.h"
#include "StageSwitches.h"
#include "StartPage.h"
#include "StartPageLink.h"
#include "TelemetryPanel.h"
#include "TrackMapWidget.h"
#include "WindowDialogs.h"
#include "aiservices/AiServices.h"
#include "pipeline/RaceSession.h"
#include "secrets/AppSecrets.h"
#include "setup/SetupConfig.h"
#include "ui_MainWindow.h"
#include "view/AnomalyListModel.h"
#include "view/LeaderboardModel.h"
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

MainWindow::MainWindow(const KafkaSelection &kafka, QWidget *parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_controller(new RaceController(this))
    , m_leaderboard(new LeaderboardModel(m_raceGrid, this))
{
    m_ui->setupUi(this);
    m_docks = new DockLayout(*this, *m_ui->menuView);
    m_dialogs = new WindowDialogs(*this, *statusBar());
    m_title = new RaceTitle(*m_ui->raceTitle, this);
    setWindowIcon(QIcon(QStringLiteral(":/icons/pitwall.svg")));
    m_ui->actionStart->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_ui->actionStop->setIcon(style()->standardIcon(QStyle::SP_MediaStop));
    m_controller->setWatched(true);
    m_controller->setFollowGameSessions(true);
    connect(new LeaderboardTable(*m_ui->leaderboardView, *m_leaderboard), &LeaderboardTable::driverChosen, this, &MainWindow::followDriver);
    setUpRaceViews();
    setUpTools();
    m_statusGauges = new RaceStatusBar(*statusBar());
    m_gameView = new GameSessionView(*m_store, *m_panels->trackMap(), *m_statusGauges, this);
    connect(m_gameView, &GameSessionView::gridKnown, this, [this](const Grid &grid, const QString &player) {
        m_raceGrid = grid; // and the player's car is followed
        fillFollowBox();
        if (!player.isEmpty())
            followDriver(player);
    });
    m_raceToolbar = new RaceToolbar(*m_ui->mainToolBar, *m_ui->menuRace, this);
    m_raceToolbar->drive(*m_controller);
    connect(m_raceToolbar, &RaceToolbar::followGameRequested, this, &MainWindow::startGameSession);
    // A row of its own, shown during a replay: the race controls never push it out of sight.
    m_replayBar = new ReplayBar(this);
    addToolBarBreak(Qt::TopToolBarArea);
    addToolBar(Qt::TopToolBarArea, m_replayBar);
    connect(m_replayBar, &ReplayBar::pauseRequested, m_controller, &RaceController::setPaused);
    connect(m_replayBar, &ReplayBar::seekRequested, m_controller, &RaceController::seek);
    m_sessionDisplay = new SessionDisplay({*m_title, *m_statusGauges, *m_replayBar, *m_panels->pipeline(), *m_panels->trackMap(),
                                           *m_gameView, *m_panels->library(), *m_followBox, *m_viewSync},
                                          *m_controller, m_raceOutline, this);
    connect(m_sessionDisplay, &SessionDisplay::problem, this, &MainWindow::showProblem);
    connect(m_sessionDisplay, &SessionDisplay::finished, this, &MainWindow::showResults);
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
    // The status texts first (the start page's reason not to start reads the Kafka one).
    m_controllerStatus = new ControllerStatus(*m_controller, *m_statusGauges, *statusBar(), this);
    m_actions = new RaceActions({*m_ui->actionStart, *m_ui->actionStop, *m_ui->actionKafkaConnection, *m_raceToolbar,
                                 *m_replayBar, *m_startLink, *m_statusGauges},
                                *m_controller, this);
    connect(m_controllerStatus, &ControllerStatus::problem, this, &MainWindow::showProblem);
    connect(m_controller, &RaceController::kafkaConnecting, this, [this] {
        m_ui->problemBanner->hide();
        m_startLink->showSetup(*m_controller);
        m_actions->update();
    });
    connect(m_controller, &RaceController::kafkaFailed, this, [this](const QString &reason) {
        m_actions->update();
        emit kafkaFailed(reason);
    });
    connect(m_controller, &RaceController::kafkaReady, this, [this] {
        m_actions->update();
        emit kafkaReady();
        if (!m_replayWhenReady.isEmpty())
            replayWhenReady(QString(m_replayWhenReady), m_replayRerunWhenReady); // a copy: the member is cleared there
    });
    connect(m_controller, &RaceController::sessionCreated, this, &MainWindow::watchSession);
    connect(m_controller, &RaceController::recordedRunLoaded, this, &MainWindow::showRecordedRun);
    connect(m_controller, &RaceController::raceStateChanged, m_actions, &RaceActions::update);
    connect(m_controller, &RaceController::aiServicesChanged, this, &MainWindow::onAiServicesChanged);
}

MainWindow::~MainWindow() = default;

void MainWindow::setUpStartPage()
{
    m_startLink = new StartPageLink(*m_ui->centralStack, *m_ui->raceTitle, *m_ui->menuRace, *m_raceToolbar,
                                    *m_panels->library()->model(), this);
    m_startPage = m_startLink->page();
    connect(m_startPage, &StartPage::startRequested, this, &MainWindow::startChosenRace);
    connect(m_startPage, &StartPage::replayRequested, this, [this](const QString &raceId) { startReplay(raceId, false); });
    connect(m_startPage, &StartPage::followGameRequested, this, [this] { startGameSession(); });
    connect(m_startPage, &StartPage::setupRequested, this, &MainWindow::runSetupWizard);
    connect(m_startPage, &StartPage::libraryRequested, this, [this] { m_library->show(false); });
    connect(m_startPage, &StartPage::importRequested, this, [this] { m_library->show(true); });
    auto *replayLatest = m_ui->menuRace->addAction(tr("&Replay the latest race"));
    replayLatest->setObjectName(QStringLiteral("actionReplayLatest"));
    connect(replayLatest, &QAction::triggered, this, [this] {
        const auto latest = m_panels->library()->model()->latest(1);
        if (latest.empty())
            showProblem(tr("The library has no race yet: run one first."));
        else
            startReplay(latest.front().id, false);
    });
}

void MainWindow::startChosenRace(const RaceChoice &choice)
{
    StartPageLink::saveChoice(choice);
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

void MainWindow::setUpTools()
{
    m_panels->addTools();
    m_stageSwitches = new StageSwitches(*m_panels->pipeline(), *m_controller, this); // those switched off last time stay off
    m_library = new LibraryLink(*m_panels->library(), *m_panels->libraryDock(), *m_ui->menuFile, *m_controller, this);
    connect(m_panels->library(), &LibraryPanel::replayRequested, this, &MainWindow::startReplay);
    m_askLink = new AskPanelLink(*m_panels->ask(), *m_controller, this);
}

void MainWindow::setUpRaceViews()
{
    m_store = new RaceViewStore(this);
    m_clock = new RaceClock(this);
    m_viewSync = new RaceViewSync(*m_store, *m_clock, *m_leaderboard, m_raceGrid, this);
    m_panels = new RacePanels(*this, *m_docks, *m_store, *m_clock, m_raceGrid);
    setUpAnomalies(m_panels->addRaceViews());
    connect(m_clock, &RaceClock::liveChanged, m_ui->actionLive, &QAction::setChecked);
    connect(m_ui->actionLive, &QAction::triggered, this, [this] {
        m_ui->actionLive->setChecked(true);
        m_clock->goLive();
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
    m_ui->mainToolBar->addWidget(new ClockLabel(*m_clock, this));
    followDriver(FollowBox::savedDriverIn(m_raceGrid));
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
    if (!record.anomaly.driverName.isEmpty()) // the demo's engine rows name a team, not a car
        followDriver(record.anomaly.driverName);
    m_panels->telemetry()->setTemperatureMetric(record.anomaly.metric);
    m_clock->seek(record.raceMs);
}

void MainWindow::showRecordedRun(const QString &raceId, const Expected<RaceViewBatch> &loaded)
{
    if (!loaded) {
        showProblem(tr("The recorded run of %1 could not be read for comparison: %2").arg(raceId, loaded.error().message));
        return;
    }
    const auto *race = m_panels->library()->model()->race(raceId);
    if (!race)
        return;
    m_recordedStore->reset(race->startedAtMs);
    m_recordedStore->add(loaded.value());
    m_anomalyPanel->setComparing(true);
}

void MainWindow::setTheme(bool dark)
{
    m_appearance->applyTheme(dark);
    m_panels->telemetry()->setDark(dark);
    m_panels->lapCharts()->setDark(dark);
    m_panels->trackMap()->update();
}

void MainWindow::followDriver(const QString &driver)
{
    if (driver.isEmpty())
        return;
    m_followBox->showDriver(driver);
    m_leaderboard->setFollowedDriver(driver);
    m_panels->trackMap()->setFollowedDriver(driver);
    m_panels->telemetry()->setFollowedDriver(driver);
    m_panels->lapCharts()->setFollowedDriver(driver);
}

QString MainWindow::followedDriver() const
{
    return m_followBox->driver();
}

bool MainWindow::isResultsShown() const
{
    return m_ui->centralStack->currentWidget() == m_ui->resultsPage;
}

void MainWindow::showResults(const RaceSummary &summary)
{
    m_ui->resultsView->setHtml(RaceReports::resultsHtml(summary, m_raceGrid, *m_store, m_title->name(), followedDriver()));
    m_ui->centralStack->setCurrentWidget(m_ui->resultsPage);
}

void MainWindow::setAiServices(std::shared_ptr<AiServices> services)
{
    m_controller->setAiServices(std::move(services)); // onAiServicesChanged follows
}

void MainWindow::onAiServicesChanged()
{
    const auto &ai = *m_controller->aiServices();
    m_panels->pipeline()->showAi(ai);
    if (m_startLink)
        m_startLink->showSetup(*m_controller);
    m_askLink->servicesChanged();
}

void MainWindow::setRaceContext(std::shared_ptr<RaceContext> context)
{
    m_controller->setRaceContext(std::move(context));
    m_askLink->rebuildEngineer();
}

void MainWindow::setLiveServers(LiveServers *servers)
{
    m_controller->setLiveServers(servers); // their race context, and the AI services from now on
    m_ui->actionLiveServers->setEnabled(servers != nullptr);
    m_askLink->rebuildEngineer();
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
    m_controllerStatus->showSetupSaved();
    // Kafka reconnects (after a running race); the AI services start anew off this thread.
    m_controller->applySetup(setup::loadKafkaSelection(saved, *store));
}

void MainWindow::setAiServicesFactory(AiServicesFactory factory)
{
    m_controller->setAiServicesFactory(std::move(factory));
}

void MainWindow::setRaceOptions(const SessionOptions &options)
{
    m_controller->setRaceOptions(options); // the command line adds to the stages switched off here
    m_stageSwitches->showDisabled();
    m_raceToolbar->showOptions(options);
}

QString MainWindow::kafkaStatusText() const
{
    return m_statusGauges->kafkaText();
}

void MainWindow::connectKafka(const KafkaSelection &selection)
{
    m_ui->problemBanner->hide();
    if (auto connecting = m_controller->connectKafka(selection); !connecting) {
        m_startLink->showSetup(*m_controller);
        showProblem(connecting.error().message);
        m_actions->update();
    }
}

void MainWindow::replayWhenReady(const QString &raceId, bool rerun)
{
    m_replayWhenReady = raceId;
    m_replayRerunWhenReady = rerun;
    if (!m_controller->kafka().isReady())
        return;
    m_replayWhenReady.clear();
    if (m_library->select(raceId))
        startReplay(raceId, rerun);
    else
        showProblem(tr("There is no race %1 in the library.").arg(raceId));
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
    if (m_panels->telemetry())
        m_panels->telemetry()->refreshDrivers();
    if (!kept) // not in this race: follow its first
        followDriver(m_followBox->driver());
}

void MainWindow::startGameSession()
{
    QSettings settings;
    m_controller->start(RaceRequest::f1Game(gamesettings::load(settings, m_controller->raceOptions().game)));
}

void MainWindow::useRaceOf(const RaceRecord *race)
{
    const auto look = RaceLook::of(race);
    m_raceGrid = look.grid;
    m_raceOutline = look.outline;
    m_panels->telemetry()->setSourceLacks(look.lacksCarData, look.real);
    if (!look.gridProblem.isEmpty())
        showProblem(tr("This race's drivers could not be read (%1); the built-in grid is shown.").arg(look.gridProblem));
    fillFollowBox();
    if (race && !race->followedDriver.isEmpty() && m_raceGrid.findDriver(race->followedDriver) &&
        !m_raceGrid.findDriver(m_followBox->driver()))
        followDriver(race->followedDriver);
}

void MainWindow::startReplay(const QString &raceId, bool rerun)
{
    const auto *race = m_panels->library()->model()->race(raceId);
    useRaceOf(race);
    const auto request = race ? RaceRequest::replay(raceId, rerun, race->circuit, race->laps) : RaceRequest::replay(raceId, rerun);
    if (m_controller->start(request) && race && race->options.value(QStringLiteral("real")).toBool())
        m_title->setName(race->name); // "2018 Azerbaijan Grand Prix — Race, F1 live timing"
}

void MainWindow::watchSession(RaceSession *session)
{
    m_leaderboard->clear();
    m_ui->centralStack->setCurrentWidget(m_ui->leaderboardPage);
    m_ui->problemBanner->hide();
    if (session->options().game.enabled) {
        useRaceOf(nullptr);
        m_gameView->reset();
    }
    m_anomalyPanel->setComparing(false);
    m_sessionDisplay->follow(session);
    m_ui->raceTitle->setText(tr("Starting a race…"));
}

void MainWindow::stopRace()
{
    if (!m_controller->session())
        return;
    m_title->showStopping(m_controller->session()->raceId());
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

void MainWindow::showProblem(const QString &text)
{
    m_ui->problemBanner->setText(text);
    m_ui->problemBanner->show();
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
