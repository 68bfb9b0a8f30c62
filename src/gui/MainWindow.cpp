#include "MainWindow.h"

#include "CachedTextDelegate.h"
#include "AskPanel.h"
#include "mcp/McpTools.h"
#include "engineer/RaceEngineer.h"
#include "aiservices/AiServices.h"
#include "pipeline/AskClient.h"

#include "view/AnomalyListModel.h"
#include "AnomalyPanel.h"
#include "view/DisplayNames.h"
#include "view/FeedModel.h"
#include "FeedPanel.h"
#include "KafkaConnectionDialog.h"
#include "LiveServersDialog.h"
#include "CloudDeployPanel.h"
#include "SetupWizard.h"
#include "cloud/CloudTables.h"
#include "secrets/AppSecrets.h"
#include "setup/SetupConfig.h"
#include "live/LiveServers.h"
#include "LapChartsPanel.h"
#include "view/RaceClock.h"
#include "view/RaceViewStore.h"
#include "TelemetryPanel.h"
#include "Theme.h"
#include "StartPage.h"
#include "TrackMapWidget.h"
#include "view/LeaderboardModel.h"
#include "LibraryPanel.h"
#include "view/RaceLibraryModel.h"
#include "view/PipelineHealthModel.h"
#include "PipelinePanel.h"
#include "core/Grid.h"
#include "pipeline/PipelineDefinition.h"
#include "pipeline/RaceSession.h"
#include "pipeline/RecordedOutputs.h"
#include "realrace/RealRaceBuilder.h"
#include "realrace/TrackOutline.h"
#include "sim/Circuit.h"
#include "storage/LibraryDatabase.h"
#include "stream/KafkaEndpoint.h"
#include "ui_MainWindow.h"

#include <QApplication>
#include <QGuiApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QActionGroup>
#include <QJsonArray>
#include <QJsonDocument>
#include <QInputDialog>
#include <QLabel>
#include <QNetworkInterface>
#include <QProgressBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

namespace pitwall {

namespace {

const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
const QString kColumnsKey = QStringLiteral("mainWindow/leaderboardColumns");
const QString kCircuitKey = QStringLiteral("race/circuit");
const QString kSpeedKey = QStringLiteral("race/speed");
const QString kSourceKey = QStringLiteral("race/source");
const QString kLapsKey = QStringLiteral("race/laps");
const QString kHeroKey = QStringLiteral("race/hero");
const QString kGamePortKey = QStringLiteral("f1game/port");
const QString kGameLoopbackKey = QStringLiteral("f1game/loopbackOnly");
const QString kDisabledStagesKey = QStringLiteral("pipeline/disabledStages");
const QString kFollowedKey = QStringLiteral("race/followed");
const QString kThemeKey = QStringLiteral("view/theme");
const QString kLanguageKey = QStringLiteral("view/language"); // also read by main.cpp

} // namespace

MainWindow::MainWindow(const KafkaSelection &kafka, QWidget *parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_leaderboard(new LeaderboardModel(m_raceGrid, this))
{
    m_ui->setupUi(this);
    setWindowIcon(QIcon(QStringLiteral(":/icons/pitwall.svg")));
    m_ui->actionStart->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_ui->actionStop->setIcon(style()->standardIcon(QStyle::SP_MediaStop));
    m_ui->leaderboardView->setModel(m_leaderboard);
    m_ui->leaderboardView->setItemDelegate(new CachedTextDelegate(m_ui->leaderboardView));
    m_ui->leaderboardView->setIconSize(QSize(14, 14));
    auto *header = m_ui->leaderboardView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true); // the speed column takes what is left: no scroll bar
    m_ui->leaderboardView->verticalHeader()->setDefaultSectionSize(26);
    header->resizeSection(LeaderboardModel::Position, 44);
    header->resizeSection(LeaderboardModel::Change, 44);
    header->resizeSection(LeaderboardModel::Number, 40);
    header->resizeSection(LeaderboardModel::DriverName, 160);
    header->resizeSection(LeaderboardModel::TeamName, 120);
    header->resizeSection(LeaderboardModel::Gap, 76);
    header->resizeSection(LeaderboardModel::Interval, 76);
    header->resizeSection(LeaderboardModel::LastLap, 80);
    header->resizeSection(LeaderboardModel::Tyre, 60);
    header->resizeSection(LeaderboardModel::PitStops, 40);
    // Translated headers can be longer than the English ones the widths were chosen for.
    for (int column = 0; column < LeaderboardModel::ColumnCount; ++column) {
        const QString title = m_leaderboard->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
        header->resizeSection(column, std::max(header->sectionSize(column), header->fontMetrics().horizontalAdvance(title) + 18));
    }
    m_ui->leaderboardView->setToolTip(tr("Double-click a driver to follow them"));
    setUpRaceViews();
    setUpPipelineDock();
    setUpLibraryDock();
    setUpAskDock();
    setUpStatusBar();
    setUpRaceControls();
    setUpReplayControls();
    setUpStartPage();

    connect(m_ui->actionStart, &QAction::triggered, this, &MainWindow::startRace);
    connect(m_ui->actionStop, &QAction::triggered, this, &MainWindow::stopRace);
    connect(m_ui->actionKafkaConnection, &QAction::triggered, this, &MainWindow::editKafkaConnection);
    connect(m_ui->actionLiveServers, &QAction::triggered, this, &MainWindow::editLiveServers);
    connect(m_ui->actionSetupWizard, &QAction::triggered, this, &MainWindow::runSetupWizard);
    m_ui->actionLiveServers->setEnabled(false); // until main() hands over the servers
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->actionAbout, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Pit Wall"),
                           tr("<b>Pit Wall %1</b><p>Follow a Formula 1 race live: leaderboard, telemetry and a "
                              "streaming-AI pit wall, on an embedded Kafka broker or your own cluster.</p>")
                               .arg(QCoreApplication::applicationVersion()));
    });

    setUpViewMenu();

    QSettings settings;
    m_defaultLayout = saveState();
    if (!restoreGeometry(settings.value(kGeometryKey).toByteArray())) {
        // First start: most of the screen, so the leaderboard and the panels all fit.
        if (const auto *screen = QGuiApplication::primaryScreen()) {
            const QRect available = screen->availableGeometry();
            resize(available.size() * 0.85);
            move(available.center() - rect().center());
        }
    }
    if (!restoreState(settings.value(kStateKey).toByteArray()))
        QTimer::singleShot(300, this, &MainWindow::applyDefaultDockSizes); // once the window has its size
    header->restoreState(settings.value(kColumnsKey).toByteArray());

    connectKafka(kafka);
}

MainWindow::~MainWindow() = default;

void MainWindow::setUpRaceControls()
{
    QSettings settings;
    m_ui->mainToolBar->addSeparator();
    m_ui->mainToolBar->addWidget(new QLabel(tr(" Circuit "), this));
    m_circuitBox = new QComboBox(this);
    m_circuitBox->setObjectName(QStringLiteral("circuitBox"));
    for (const auto &id : Circuit::builtInIds()) {
        const auto circuit = Circuit::builtIn(id);
        if (circuit)
            m_circuitBox->addItem(circuit->grandPrix, id);
    }
    m_circuitBox->setCurrentIndex(std::max(0, m_circuitBox->findData(settings.value(kCircuitKey, "monza"))));
    m_ui->mainToolBar->addWidget(m_circuitBox);
    m_ui->mainToolBar->addWidget(new QLabel(tr(" Laps "), this));
    m_lapsBox = new QSpinBox(this);
    m_lapsBox->setObjectName(QStringLiteral("lapsBox"));
    m_lapsBox->setRange(0, 90);
    m_lapsBox->setSpecialValueText(tr("Full"));
    m_lapsBox->setToolTip(tr("Race length in laps (Full: the circuit's race distance)"));
    m_lapsBox->setValue(settings.value(kLapsKey, StartPage::kDefaultLaps).toInt());
    m_ui->mainToolBar->addWidget(m_lapsBox);
    connect(m_lapsBox, &QSpinBox::valueChanged, this, [this](int laps) {
        QSettings().setValue(kLapsKey, laps);
        m_raceOptions.race.laps = laps;
    });
    m_ui->mainToolBar->addWidget(new QLabel(tr(" Speed "), this));
    m_speedBox = new QComboBox(this);
    m_speedBox->setObjectName(QStringLiteral("speedBox"));
    for (double speed : {0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 16.0, 30.0})
        m_speedBox->addItem(QStringLiteral("%1×").arg(speed), speed);
    m_speedBox->addItem(tr("As fast as possible"), 0.0);
    m_speedBox->setCurrentIndex(std::max(0, m_speedBox->findData(settings.value(kSpeedKey, StartPage::kDefaultSpeed))));
    m_ui->mainToolBar->addWidget(m_speedBox);
    m_ui->mainToolBar->addWidget(new QLabel(tr(" Source "), this));
    m_sourceBox = new QComboBox(this);
    m_sourceBox->setObjectName(QStringLiteral("sourceBox"));
    m_sourceBox->addItem(tr("Simulator"), QStringLiteral("simulator"));
    m_sourceBox->addItem(tr("F1 game (UDP)"), QStringLiteral("f1-game"));
    m_sourceBox->setToolTip(tr("What Start starts: a simulated race, or a live race from the EA SPORTS F1 game's UDP telemetry"));
    m_sourceBox->setCurrentIndex(std::max(0, m_sourceBox->findData(settings.value(kSourceKey, "simulator"))));
    m_ui->mainToolBar->addWidget(m_sourceBox);
    connect(m_sourceBox, &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue(kSourceKey, m_sourceBox->currentData());
        m_circuitBox->setEnabled(m_sourceBox->currentData() == QLatin1String("simulator")); // the game picks its track
    });
    m_circuitBox->setEnabled(m_sourceBox->currentData() == QLatin1String("simulator"));
    connect(m_circuitBox, &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue(kCircuitKey, m_circuitBox->currentData());
        m_raceOptions.race.circuitId = m_circuitBox->currentData().toString();
    });
    connect(m_speedBox, &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue(kSpeedKey, m_speedBox->currentData());
        m_raceOptions.speed = m_speedBox->currentData().toDouble();
        if (m_session)
            m_session->setSpeed(m_raceOptions.speed); // the running race changes pace at once
    });
    // Faster / slower from the keyboard: the next entry of the speed list.
    auto *faster = m_ui->menuRace->addAction(tr("&Faster"));
    faster->setObjectName(QStringLiteral("actionFaster"));
    faster->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Plus), QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    connect(faster, &QAction::triggered, this,
            [this] { m_speedBox->setCurrentIndex(std::min(m_speedBox->currentIndex() + 1, m_speedBox->count() - 1)); });
    auto *game = m_ui->menuRace->addAction(tr("Follow the F1 &game (UDP telemetry)"));
    game->setObjectName(QStringLiteral("actionFollowGame"));
    game->setToolTip(tr("A live race from the EA SPORTS F1 game: point its UDP Telemetry at this machine, port 20777"));
    connect(game, &QAction::triggered, this, [this] { startGameSession(); });
    auto *loopback = m_ui->menuRace->addAction(tr("F1 game: listen on this machine only"));
    loopback->setObjectName(QStringLiteral("actionGameLoopbackOnly"));
    loopback->setCheckable(true);
    loopback->setChecked(settings.value(kGameLoopbackKey, false).toBool());
    loopback->setToolTip(tr("On: only a game on this computer can send telemetry (127.0.0.1). Off: the game may run on a console or another PC on your network"));
    connect(loopback, &QAction::toggled, this, [](bool on) { QSettings().setValue(kGameLoopbackKey, on); });
    auto *gamePort = m_ui->menuRace->addAction(tr("F1 game: UDP port…"));
    gamePort->setObjectName(QStringLiteral("actionGamePort"));
    connect(gamePort, &QAction::triggered, this, [this] {
        bool ok = false;
        const int port = QInputDialog::getInt(this, tr("F1 game UDP port"),
                                              tr("The port set in the game's Telemetry Settings (UDP Port):"),
                                              QSettings().value(kGamePortKey, 20777).toInt(), 1024, 65535, 1, &ok);
        if (ok)
            QSettings().setValue(kGamePortKey, port);
    });
    auto *slower = m_ui->menuRace->addAction(tr("S&lower"));
    slower->setObjectName(QStringLiteral("actionSlower"));
    slower->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Minus));
    connect(slower, &QAction::triggered, this, [this] { m_speedBox->setCurrentIndex(std::max(m_speedBox->currentIndex() - 1, 0)); });
    m_raceOptions.race.circuitId = m_circuitBox->currentData().toString();
    m_raceOptions.race.laps = m_lapsBox->value();
    m_raceOptions.speed = m_speedBox->currentData().toDouble();
}

QDockWidget *MainWindow::addPanel(QWidget *panel, const QString &title, const QString &objectName, Qt::DockWidgetArea area,
                                  const QKeySequence &shortcut)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName); // saveState() finds docks by name
    dock->setWidget(panel);
    addDockWidget(area, dock);
    auto *toggle = dock->toggleViewAction();
    toggle->setShortcut(shortcut);
    m_ui->menuView->addAction(toggle);
    return dock;
}

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
    saved.circuitId = m_circuitBox->currentData().toString();
    saved.laps = settings.value(kLapsKey, StartPage::kDefaultLaps).toInt();
    saved.speed = m_speedBox->currentData().toDouble();
    saved.driver = settings.value(kFollowedKey).toString();
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
    settings.setValue(kLapsKey, choice.laps);
    settings.setValue(kHeroKey, choice.hero);
    // The toolbar shows the same race (its circuit and speed boxes save themselves).
    m_circuitBox->setCurrentIndex(std::max(0, m_circuitBox->findData(choice.circuitId)));
    if (m_speedBox->findData(choice.speed) < 0)
        m_speedBox->addItem(choice.speed > 0 ? QStringLiteral("%1×").arg(choice.speed) : tr("As fast as possible"), choice.speed);
    m_speedBox->setCurrentIndex(m_speedBox->findData(choice.speed));
    m_lapsBox->setValue(choice.laps);
    if (!choice.driver.isEmpty())
        followDriver(choice.driver);
    m_raceOptions.race.heroDriver = choice.hero ? choice.driver : QString();
    m_sourceBox->setCurrentIndex(m_sourceBox->findData(QStringLiteral("simulator")));
    m_raceOptions.game.enabled = false;
    useRaceOf(nullptr);
    startSession(chosenRaceOptions());
}

void MainWindow::showSetupStatus()
{
    QStringList lines;
    const bool embeddedKafka = m_kafkaSelection.isEmbedded();
    lines << (embeddedKafka ? tr("Kafka: the embedded broker")
                            : tr("Kafka: %1").arg(m_kafkaSelection.bootstrap.isEmpty() ? m_kafkaSelection.configFile
                                                                                        : m_kafkaSelection.bootstrap));
    bool offline = embeddedKafka;
    if (const auto &ai = m_raceOptions.ai) {
        const auto &settings = ai->settings();
        const QString openAiHost = QUrl(settings.openai.baseUrl).host();
        switch (settings.llm) {
        case ai::LlmChoice::Offline: lines << tr("Commentary: the offline commentator"); break;
        case ai::LlmChoice::Bedrock:
            lines << tr("Commentary: Amazon Bedrock, %1 in %2").arg(settings.bedrock.model, settings.bedrock.region);
            break;
        case ai::LlmChoice::OpenAi: lines << tr("Commentary: OpenAI API, %1 at %2").arg(settings.openai.model, openAiHost); break;
        }
        lines << (settings.embedder == ai::EmbedderChoice::OpenAi
                      ? tr("Embeddings: OpenAI API, %1 at %2").arg(settings.openai.embeddingModel, openAiHost)
                      : tr("Embeddings: offline (%1)").arg(ai->embedderLabel()))
              << tr("Vector store: %1").arg(ai->storeLabel());
        offline = offline && settings.llm == ai::LlmChoice::Offline && settings.embedder == ai::EmbedderChoice::Offline
                  && settings.vectorStore == ai::VectorStoreChoice::Local;
    } else { // the races' own offline services (RaceSession's default)
        lines << tr("Commentary, embeddings and vector store: offline, on this machine");
    }
    m_startPage->setSetupStatus(lines, offline);
}

void MainWindow::setUpPipelineDock()
{
    m_pipelinePanel = new PipelinePanel(this);
    m_pipelineDock = addPanel(m_pipelinePanel, tr("Pipeline"), QStringLiteral("pipelineDock"), Qt::RightDockWidgetArea,
                              QKeySequence(Qt::CTRL | Qt::Key_P));
    // A tab beside the charts: the leaderboard keeps its width.
    if (auto *charts = findChild<QDockWidget *>(QStringLiteral("lapChartsDock")))
        tabifyDockWidget(charts, m_pipelineDock);
    // Stages switched off last time stay off.
    m_raceOptions.disabledStages = QSettings().value(kDisabledStagesKey).toStringList();
    m_raceOptions.disabledStages.removeIf([](const QString &name) { return !pipelineStageNames().contains(name); });
    m_pipelinePanel->model()->setDisabledStages(m_raceOptions.disabledStages);
    connect(m_pipelinePanel->model(), &PipelineHealthModel::stageToggleRequested, this, &MainWindow::switchStage);
    connect(m_pipelinePanel->cloud(), &CloudDeployPanel::cloudStagesChanged, this, &MainWindow::runStagesInCloud);
}

void MainWindow::setUpLibraryDock()
{
    m_libraryPanel = new LibraryPanel(this);
    m_libraryDock = addPanel(m_libraryPanel, tr("Library"), QStringLiteral("libraryDock"), Qt::RightDockWidgetArea,
                             QKeySequence(Qt::CTRL | Qt::Key_L));
    // In sight beside the anomalies, not a tab behind the charts: replay is one click away.
    if (auto *anomalies = findChild<QDockWidget *>(QStringLiteral("anomaliesDock")))
        splitDockWidget(anomalies, m_libraryDock, Qt::Horizontal);
    m_raceOptions.libraryPath = LibraryDatabase::defaultPath(); // every race is kept
    m_libraryPanel->openLibrary(m_raceOptions.libraryPath);
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
    m_askDock = addPanel(m_askPanel, tr("Ask"), QStringLiteral("askDock"), Qt::RightDockWidgetArea, QKeySequence(Qt::CTRL | Qt::Key_E));
    tabifyDockWidget(m_pipelineDock, m_askDock);
    if (auto *telemetry = findChild<QDockWidget *>(QStringLiteral("telemetryDock")))
        telemetry->raise();
    connect(m_askPanel, &AskPanel::askRequested, this, &MainWindow::askCommentary);
    m_askPanel->setModelDescription(tr("Searches the commentary by meaning with the offline embedder."));
    setUpRaceEngineer();
}

void MainWindow::askCommentary(const QString &question, bool thisRaceOnly)
{
    if (!m_endpoint) {
        m_askPanel->showError(tr("Kafka is not ready yet."));
        return;
    }
    const CommentaryQuery query{question, {}, thisRaceOnly && m_session ? m_session->raceId() : QString()};
    // A running race's pipeline answers; otherwise the question gets its own ask stages.
    const bool raceAnswers = m_session && m_session->state() == RaceSession::State::Running;
    std::shared_ptr<AiServices> ai = m_session ? m_session->ai() : m_raceOptions.ai;
    if (!ai)
        ai = AiServices::offline();
    const KafkaConfig config = m_endpoint->clientConfig();
    using Answer = Expected<CommentaryQueryResult>;
    auto *watcher = new QFutureWatcher<Answer>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        const auto answer = watcher->result();
        if (answer)
            m_askPanel->showResult(answer.value());
        else
            m_askPanel->showError(answer.error().message);
    });
    watcher->setFuture(QtConcurrent::run([config, ai, query, raceAnswers]() -> Answer {
        return raceAnswers ? askThroughKafka(config, query, 20000) : askWithOwnStages(config, ai, query, 20000);
    }));
}

void MainWindow::setUpRaceViews()
{
    const Grid &grid = m_raceGrid;
    m_store = new RaceViewStore(this);
    m_clock = new RaceClock(this);

    // The map above the charts, with the room a map needs; feed and anomalies along the bottom.
    m_trackMap = new TrackMapWidget(*m_store, *m_clock, grid, this);
    addPanel(m_trackMap, tr("Track map"), QStringLiteral("trackMapDock"), Qt::RightDockWidgetArea, QKeySequence(Qt::CTRL | Qt::Key_M));
    m_telemetry = new TelemetryPanel(*m_store, *m_clock, grid, this);
    auto *telemetryDock = addPanel(m_telemetry, tr("Telemetry"), QStringLiteral("telemetryDock"), Qt::RightDockWidgetArea,
                                   QKeySequence(Qt::CTRL | Qt::Key_T));
    m_lapCharts = new LapChartsPanel(*m_store, *m_clock, grid, this);
    auto *lapsDock = addPanel(m_lapCharts, tr("Race trace"), QStringLiteral("lapChartsDock"), Qt::RightDockWidgetArea,
                              QKeySequence(Qt::CTRL | Qt::Key_G));
    tabifyDockWidget(telemetryDock, lapsDock);
    telemetryDock->raise();
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea); // the charts get the window's full height

    m_feedModel = new FeedModel(*m_store, grid, this);
    m_feedPanel = new FeedPanel(m_feedModel, grid, this);
    auto *feedDock = addPanel(m_feedPanel, tr("Race feed"), QStringLiteral("feedDock"), Qt::BottomDockWidgetArea,
                              QKeySequence(Qt::CTRL | Qt::Key_F));
    m_anomalyModel = new AnomalyListModel(*m_store, grid, this);
    m_recordedStore = new RaceViewStore(this);
    m_recordedAnomalyModel = new AnomalyListModel(*m_recordedStore, grid, this);
    m_anomalyPanel = new AnomalyPanel(m_anomalyModel, m_recordedAnomalyModel, *m_clock, this);
    // Wide enough to read a row: the library beside them takes what is left.
    m_feedPanel->setMinimumWidth(170);
    m_anomalyPanel->setMinimumWidth(200);
    auto *anomaliesDock = addPanel(m_anomalyPanel, tr("Anomalies"), QStringLiteral("anomaliesDock"), Qt::BottomDockWidgetArea,
                                   QKeySequence(Qt::CTRL | Qt::Key_A));
    splitDockWidget(feedDock, anomaliesDock, Qt::Horizontal);

    connect(m_anomalyPanel, &AnomalyPanel::anomalySelected, this, &MainWindow::showAnomaly);
    connect(m_feedPanel, &FeedPanel::momentSelected, m_clock, &RaceClock::seek);
    connect(m_lapCharts, &LapChartsPanel::momentSelected, m_clock, &RaceClock::seek);
    connect(m_clock, &RaceClock::moved, this, &MainWindow::onClockMoved);
    connect(m_clock, &RaceClock::liveChanged, this, [this](bool live) {
        m_ui->actionLive->setChecked(live);
        if (live)
            m_leaderboard->setStanding(m_store->standingAt(m_clock->liveEdgeMs()));
    });
    connect(m_ui->actionLive, &QAction::triggered, this, [this] {
        m_ui->actionLive->setChecked(true);
        m_clock->goLive();
    });
    connect(m_store, &RaceViewStore::lapsAdded, this, [this] {
        for (const auto &driver : m_raceGrid.drivers()) {
            const auto &laps = m_store->laps(driver.name);
            if (!laps.empty())
                m_leaderboard->setLastLap(driver.name, laps.back().lapTimeMs);
        }
    });
    connect(m_ui->leaderboardView, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        followDriver(m_leaderboard->data(m_leaderboard->index(index.row(), LeaderboardModel::DriverName), Qt::DisplayRole).toString());
    });
    connect(m_ui->backToLeaderboardButton, &QPushButton::clicked, this,
            [this] { m_ui->centralStack->setCurrentWidget(m_ui->leaderboardPage); });

    // Race control: the driver to follow, and where the race is.
    m_followBox = new QComboBox(this);
    m_followBox->setObjectName(QStringLiteral("followBox"));
    m_followBox->setToolTip(tr("The driver to follow: highlighted, ringed on the map, drawn in the charts"));
    fillFollowBox();
    m_ui->mainToolBar->addSeparator();
    m_ui->mainToolBar->addWidget(new QLabel(tr(" Follow "), this));
    m_ui->mainToolBar->addWidget(m_followBox);
    connect(m_followBox, &QComboBox::currentIndexChanged, this, [this] { followDriver(m_followBox->currentData().toString()); });
    m_ui->mainToolBar->addAction(m_ui->actionLive);
    m_clockLabel = new QLabel(this);
    m_clockLabel->setObjectName(QStringLiteral("clockLabel"));
    m_clockLabel->setMinimumWidth(120);
    m_ui->mainToolBar->addWidget(m_clockLabel);
    const QString saved = QSettings().value(kFollowedKey).toString();
    followDriver(grid.findDriver(saved) ? saved : grid.drivers().value(0).name);
}

void MainWindow::applyDefaultDockSizes()
{
    // The right column (map over the charts) takes two fifths of the width, the map a good
    // part of its height; feed, anomalies and library share the bottom under the leaderboard.
    auto dock = [this](const char *name) { return findChild<QDockWidget *>(QLatin1String(name)); };
    resizeDocks({dock("telemetryDock")}, {width() * 2 / 5}, Qt::Horizontal);
    resizeDocks({dock("trackMapDock"), dock("telemetryDock")}, {height() * 7 / 20, height() * 13 / 20}, Qt::Vertical);
    const int bottomWidth = width() * 3 / 5;
    resizeDocks({dock("feedDock"), dock("anomaliesDock"), dock("libraryDock")},
                {bottomWidth * 2 / 5, bottomWidth * 7 / 20, bottomWidth / 4}, Qt::Horizontal);
    resizeDocks({dock("feedDock")}, {height() / 4}, Qt::Vertical);
}

void MainWindow::setUpViewMenu()
{
    auto *themes = new QActionGroup(this);
    themes->addAction(m_ui->actionDarkTheme);
    themes->addAction(m_ui->actionLightTheme);
    connect(m_ui->actionDarkTheme, &QAction::triggered, this, [this] { setTheme(true); });
    connect(m_ui->actionLightTheme, &QAction::triggered, this, [this] { setTheme(false); });
    setTheme(QSettings().value(kThemeKey, QStringLiteral("dark")).toString() != QLatin1String("light"));
    // The language: read at start (main.cpp), so a change applies from the next start.
    auto *languageMenu = m_ui->menuView->addMenu(tr("Lan&guage"));
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
        connect(action, &QAction::triggered, this, [this, code = code, name = name] {
            QSettings().setValue(kLanguageKey, code);
            statusBar()->showMessage(tr("Pit Wall will speak %1 from its next start.").arg(name), 8000);
        });
    }
    connect(m_ui->actionResetLayout, &QAction::triggered, this, [this] {
        restoreState(m_defaultLayout);
        for (auto *dock : findChildren<QDockWidget *>())
            dock->show();
        applyDefaultDockSizes();
    });
}

void MainWindow::setTheme(bool dark)
{
    m_darkTheme = dark;
    QSettings().setValue(kThemeKey, dark ? QStringLiteral("dark") : QStringLiteral("light"));
    (dark ? m_ui->actionDarkTheme : m_ui->actionLightTheme)->setChecked(true);
    if (auto *app = qobject_cast<QApplication *>(QCoreApplication::instance()))
        applyTheme(*app, dark ? Theme::Dark : Theme::Light);
    // Widgets with a style sheet keep the old palette until their sheet is set again.
    for (auto *widget : findChildren<QWidget *>()) {
        if (!widget->styleSheet().isEmpty())
            widget->setStyleSheet(widget->styleSheet());
    }
    m_telemetry->setDark(dark);
    m_lapCharts->setDark(dark);
    m_trackMap->update();
}

void MainWindow::followDriver(const QString &driver)
{
    if (driver.isEmpty())
        return;
    QSettings().setValue(kFollowedKey, driver);
    {
        QSignalBlocker blocker(m_followBox);
        m_followBox->setCurrentIndex(std::max(0, m_followBox->findData(driver)));
    }
    m_leaderboard->setFollowedDriver(driver);
    m_trackMap->setFollowedDriver(driver);
    m_telemetry->setFollowedDriver(driver);
    m_lapCharts->setFollowedDriver(driver);
}

QString MainWindow::followedDriver() const
{
    return m_followBox->currentData().toString();
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

void MainWindow::onViewBatch(const RaceViewBatch &batch)
{
    m_store->add(batch);
    m_clock->setLiveEdge(m_store->newestRaceMs());
}

void MainWindow::onClockMoved(qint64 viewMs)
{
    m_clockLabel->setText(m_clock->isLive() ? tr("%1 live").arg(DisplayNames::raceTime(viewMs))
                                            : tr("%1 (held)").arg(DisplayNames::raceTime(viewMs)));
    if (!m_clock->isLive())
        m_leaderboard->setStanding(m_store->standingAt(viewMs));
}

void MainWindow::loadRecordedRun(const QString &libraryPath, const QString &raceId)
{
    // A re-run is compared with what was recorded: its outputs, read in a worker.
    const auto *race = m_libraryPanel->model()->race(raceId);
    if (!race)
        return;
    const qint64 startEpochMs = race->startedAtMs;
    using Loaded = Expected<RaceViewBatch>;
    auto *watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, startEpochMs, raceId] {
        watcher->deleteLater();
        auto loaded = watcher->result();
        if (!loaded) {
            showProblem(tr("The recorded run of %1 could not be read for comparison: %2").arg(raceId, loaded.error().message));
            return;
        }
        if (!m_session || m_session->options().replayRaceId != raceId)
            return; // another race started meanwhile
        m_recordedStore->reset(startEpochMs);
        m_recordedStore->add(loaded.value());
        m_anomalyPanel->setComparing(true);
    });
    watcher->setFuture(QtConcurrent::run([libraryPath, raceId] { return loadRecordedOutputs(libraryPath, raceId); }));
}

bool MainWindow::isResultsShown() const
{
    return m_ui->centralStack->currentWidget() == m_ui->resultsPage;
}

void MainWindow::showResults(const RaceSummary &summary)
{
    const Grid &grid = m_raceGrid;
    QString fastest;
    for (auto it = m_store->events().crbegin(); it != m_store->events().crend(); ++it) {
        if (it->event.kind == QLatin1String("fastest_lap")) {
            fastest = tr("Fastest lap: <b>%1</b>, %2 on lap %3")
                          .arg(it->event.driverName.toHtmlEscaped(),
                               DisplayNames::lapTime(qint64(it->event.details.value(QStringLiteral("lap_time_ms")).toDouble())))
                          .arg(it->event.lap);
            break;
        }
    }
    const QString followed = followedDriver();
    const int followedPlace = int(summary.classification.indexOf(followed)) + 1;
    QString html = QStringLiteral("<h2>%1</h2>").arg(tr("%1 — classification").arg(m_raceName.toHtmlEscaped()));
    if (followedPlace > 0)
        html += QStringLiteral("<p style='font-size:13pt'>%1</p>").arg(tr("%1 finished <b>P%2</b>.").arg(followed.toHtmlEscaped()).arg(followedPlace));
    if (!fastest.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(fastest);
    html += QStringLiteral("<table cellspacing='0' cellpadding='4'><tr><th align='right'>%1</th><th align='left'>%2</th><th align='left'>%3</th></tr>")
                .arg(tr("Pos"), tr("Driver"), tr("Team"));
    for (int i = 0; i < summary.classification.size(); ++i) {
        const QString &name = summary.classification[i];
        const auto *driver = grid.findDriver(name);
        const QString team = driver ? grid.teamOf(*driver).name : QString();
        const QString colour = driver ? grid.teamOf(*driver).colour : QStringLiteral("#888888");
        const bool isFollowed = name == followed;
        html += QStringLiteral("<tr%1><td align='right'><b>%2</b></td><td><span style='color:%3'>■</span> %4</td><td>%5</td></tr>")
                    .arg(isFollowed ? QStringLiteral(" style='background:#5a3000'") : QString())
                    .arg(i + 1).arg(colour, name.toHtmlEscaped(), team.toHtmlEscaped());
    }
    html += QStringLiteral("</table>");
    m_ui->resultsView->setHtml(html);
    m_ui->centralStack->setCurrentWidget(m_ui->resultsPage);
}

void MainWindow::switchStage(const QString &stage, bool enabled)
{
    m_raceOptions.disabledStages.removeAll(stage);
    if (!enabled)
        m_raceOptions.disabledStages << stage;
    QSettings().setValue(kDisabledStagesKey, m_raceOptions.disabledStages);
    m_pipelinePanel->showMessage({});
    if (m_session)
        m_session->setStageEnabled(stage, enabled);
}

void MainWindow::runStagesInCloud(const QStringList &stages)
{
    // Flink now writes these stages' topics: the local copies step aside (and come back).
    for (const auto &stage : std::as_const(m_cloudStages))
        if (!stages.contains(stage))
            switchStage(stage, true);
    for (const auto &stage : stages)
        switchStage(stage, false);
    m_cloudStages = stages;
    m_pipelinePanel->model()->setDisabledStages(m_raceOptions.disabledStages);
}

void MainWindow::setUpReplayControls()
{
    // A row of its own, shown during a replay: the race controls never push it out of sight.
    m_replayToolBar = new QToolBar(tr("Replay"), this);
    m_replayToolBar->setObjectName(QStringLiteral("replayToolBar"));
    addToolBarBreak(Qt::TopToolBarArea);
    addToolBar(Qt::TopToolBarArea, m_replayToolBar);
    m_replayToolBar->hide();
    m_pauseAction = m_replayToolBar->addAction(style()->standardIcon(QStyle::SP_MediaPause), tr("Pause"));
    m_pauseAction->setObjectName(QStringLiteral("actionPauseReplay"));
    m_pauseAction->setCheckable(true);
    m_pauseAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Space));
    m_pauseAction->setToolTip(tr("Hold the replay, and resume it (Ctrl+Space)"));
    m_replaySlider = new QSlider(Qt::Horizontal, this);
    m_replaySlider->setObjectName(QStringLiteral("replaySlider"));
    m_replaySlider->setMinimumWidth(320);
    m_replaySlider->setToolTip(tr("Race time of the replay: drag to jump"));
    m_replaySliderAction = m_replayToolBar->addWidget(m_replaySlider);
    connect(m_pauseAction, &QAction::toggled, this, [this](bool paused) {
        m_pauseAction->setText(paused ? tr("Resume") : tr("Pause"));
        m_pauseAction->setIcon(style()->standardIcon(paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
        if (m_session)
            m_session->setReplayPaused(paused);
    });
    connect(m_replaySlider, &QSlider::sliderReleased, this, [this] {
        if (m_session)
            m_session->seekReplay(qint64(m_replaySlider->value()) * 1000);
    });
}

void MainWindow::setAiServices(std::shared_ptr<AiServices> services)
{
    m_raceOptions.ai = std::move(services);
    if (!m_raceOptions.ai)
        return;
    m_pipelinePanel->showAi(*m_raceOptions.ai);
    if (m_startPage)
        showSetupStatus();
    const auto &ai = *m_raceOptions.ai;
    m_askPanel->setModelDescription(ai.hasLlm() ? tr("Searches the commentary by meaning (%1); %2 writes an answer from the matches.")
                                                      .arg(ai.embedderLabel(), ai.llmLabel())
                                                : tr("Searches the commentary by meaning (%1). Configure an LLM for written answers.")
                                                      .arg(ai.embedderLabel()));
    setUpRaceEngineer();
}

void MainWindow::setRaceContext(std::shared_ptr<RaceContext> context)
{
    m_raceOptions.context = std::move(context);
    setUpRaceEngineer();
}

void MainWindow::setLiveServers(LiveServers *servers)
{
    m_liveServers = servers;
    m_ui->actionLiveServers->setEnabled(servers != nullptr);
    if (servers)
        setRaceContext(servers->context());
}

void MainWindow::editLiveServers()
{
    if (!m_liveServers)
        return;
    LiveServersDialog dialog(*m_liveServers, this);
    dialog.exec();
}

void MainWindow::runSetupWizard()
{
    QSettings settings;
    auto store = secrets::openAppSecretStore(settings);
    QStringList problems;
    const auto current = setup::SetupConfig::load(settings, *store, &problems);
    SetupWizard wizard(current, store, this);
    if (!problems.isEmpty())
        statusBar()->showMessage(tr("Some saved secrets could not be read: %1").arg(problems.first()), 10000);
    if (wizard.exec() != QDialog::Accepted)
        return;
    applySetup();
}

void MainWindow::applySetup()
{
    QSettings saved;
    auto store = secrets::openAppSecretStore(saved);
    const auto selection = setup::loadKafkaSelection(saved, *store);
    // A running race keeps the connections it started with (its session holds them).
    const bool raceRunning = m_session && m_session->state() == RaceSession::State::Running;
    if (!raceRunning)
        connectKafka(selection);
    else
        m_kafkaAfterRace = selection;
    const QString keeps = raceRunning ? tr(" The running race keeps its settings.") : QString();
    if (!m_aiFactory) {
        statusBar()->showMessage(tr("Setup saved; it applies to the next race.%1").arg(keeps), 15000);
        return;
    }
    // The new models and stores start off the GUI thread (a vector store connects and pings).
    statusBar()->showMessage(tr("Setup saved: starting the new AI connections…%1").arg(keeps), 15000);
    using Started = Expected<std::shared_ptr<AiServices>>;
    auto *watcher = new QFutureWatcher<Started>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, keeps] {
        watcher->deleteLater();
        auto started = watcher->result();
        if (!started) {
            showProblem(tr("The new AI settings could not start: %1. The races keep the previous ones.").arg(started.error().message));
            return;
        }
        setAiServices(started.value());
        statusBar()->showMessage(tr("Setup applied: the next race uses %1 and %2.%3")
                                     .arg(started.value()->llmLabel(), started.value()->embedderLabel(), keeps),
                                 15000);
    });
    watcher->setFuture(QtConcurrent::run([factory = m_aiFactory] { return factory(); }));
}

void MainWindow::setAiServicesFactory(AiServicesFactory factory)
{
    m_aiFactory = std::move(factory);
}

void MainWindow::setUpRaceEngineer()
{
    delete m_engineer;
    m_engineer = nullptr;
    if (!m_raceOptions.ai || !m_raceOptions.context) {
        m_askPanel->setEngineerUnavailableReason(tr("The race engineer reads the live race; it has no race context in this window."));
        return;
    }
    auto tools = std::make_shared<McpTools>(m_raceOptions.context, McpTools::commentarySearch(m_raceOptions.ai, m_raceOptions.context));
    m_engineer = new RaceEngineer(m_raceOptions.ai, std::move(tools), this);
    m_askPanel->setEngineerUnavailableReason(m_engineer->unavailableReason());
    connect(m_askPanel, &AskPanel::engineerAsked, m_engineer, &RaceEngineer::ask);
    connect(m_askPanel, &AskPanel::startOverRequested, m_engineer, &RaceEngineer::startOver);
    connect(m_engineer, &RaceEngineer::toolCalled, m_askPanel, &AskPanel::showToolCall);
    connect(m_engineer, &RaceEngineer::answered, m_askPanel, &AskPanel::showEngineerAnswer);
    connect(m_engineer, &RaceEngineer::failed, m_askPanel, &AskPanel::showEngineerError);
}

void MainWindow::setRaceOptions(const SessionOptions &options)
{
    const QStringList saved = m_raceOptions.disabledStages;
    auto ai = m_raceOptions.ai;
    auto context = m_raceOptions.context;
    m_raceOptions = options;
    if (!m_raceOptions.ai)
        m_raceOptions.ai = ai;
    if (!m_raceOptions.context)
        m_raceOptions.context = context;
    for (const auto &stage : saved) { // the command line adds to what was switched off here
        if (!m_raceOptions.disabledStages.contains(stage))
            m_raceOptions.disabledStages << stage;
    }
    m_pipelinePanel->model()->setDisabledStages(m_raceOptions.disabledStages);
    QSignalBlocker circuitBlocker(m_circuitBox), speedBlocker(m_speedBox), lapsBlocker(m_lapsBox);
    m_lapsBox->setValue(options.race.laps);
    m_circuitBox->setCurrentIndex(std::max(0, m_circuitBox->findData(options.race.circuitId)));
    const int speedIndex = m_speedBox->findData(options.speed);
    if (speedIndex < 0)
        m_speedBox->addItem(options.speed > 0 ? QStringLiteral("%1×").arg(options.speed) : tr("As fast as possible"), options.speed);
    m_speedBox->setCurrentIndex(m_speedBox->findData(options.speed));
    if (options.game.enabled) // pitwall --source f1-game: Start follows the game
        m_sourceBox->setCurrentIndex(m_sourceBox->findData(QStringLiteral("f1-game")));
}

SessionOptions MainWindow::chosenRaceOptions() const
{
    auto options = m_raceOptions;
    options.race.raceId.clear(); // a new race each time
    return options;
}

void MainWindow::updateTitle()
{
    if (m_session)
        m_ui->raceTitle->setText(tr("%1 — lap %2/%3 — live").arg(m_raceName).arg(std::max(1, m_session->stats().leaderLap)).arg(m_raceLaps));
}

void MainWindow::setUpStatusBar()
{
    m_kafkaLabel = new QLabel(this);
    m_countsLabel = new QLabel(this);
    m_lagLabel = new QLabel(this);
    m_errorsLabel = new QLabel(this);
    m_kafkaLabel->setTextInteractionFlags(Qt::TextSelectableByMouse); // so the address can be copied for kcat
    statusBar()->addWidget(m_kafkaLabel, 1);
    m_gameLabel = new QLabel(this);
    m_gameLabel->setObjectName(QStringLiteral("gameStatusLabel"));
    m_gameLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // long text never widens the window
    m_gameLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_gameLabel->hide();
    statusBar()->addWidget(m_gameLabel, 2);
    m_lapProgress = new QProgressBar(this);
    m_lapProgress->setObjectName(QStringLiteral("lapProgress"));
    m_lapProgress->setFormat(tr("Lap %v of %m"));
    m_lapProgress->setRange(0, 1);
    m_lapProgress->setValue(0);
    m_lapProgress->setMaximumWidth(220);
    statusBar()->addPermanentWidget(m_lapProgress);
    for (auto *label : {m_countsLabel, m_lagLabel, m_errorsLabel})
        statusBar()->addPermanentWidget(label);
    showStats({});
}

QString MainWindow::kafkaStatusText() const
{
    return m_kafkaLabel->text();
}

void MainWindow::connectKafka(const KafkaSelection &selection)
{
    m_kafkaSelection = selection;
    m_endpoint.reset();
    if (m_startPage)
        showSetupStatus();
    m_ui->problemBanner->hide();
    auto config = selection.toConfig();
    if (!config) {
        showProblem(config.error().message);
        return;
    }
    m_preparingKafka = true;
    m_kafkaLabel->setText(config.value() ? tr("Connecting to Kafka at %1…").arg(config.value()->bootstrap())
                                         : tr("Starting the embedded Kafka broker…"));
    updateActions();
    using Prepared = Expected<std::shared_ptr<KafkaEndpoint>>;
    auto *watcher = new QFutureWatcher<Prepared>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        onKafkaPrepared(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([external = config.value()] { return KafkaEndpoint::prepare(external, cloud::registrySchemas()); }));
}

void MainWindow::onKafkaPrepared(Expected<std::shared_ptr<KafkaEndpoint>> endpoint)
{
    m_preparingKafka = false;
    if (!endpoint) {
        showProblem(tr("%1. Change it in File ▸ Kafka connection (Ctrl+K).").arg(endpoint.error().message));
        m_kafkaLabel->setText(tr("Kafka: not connected"));
        updateActions();
        emit kafkaFailed(endpoint.error().message);
        return;
    }
    m_endpoint = std::move(endpoint).value();
    m_kafkaLabel->setText(tr("Kafka: %1 (%2)")
                              .arg(m_endpoint->bootstrap(),
                                   m_endpoint->isEmbedded() ? tr("embedded broker") : tr("cluster")));
    updateActions();
    emit kafkaReady();
    if (!m_replayWhenReady.isEmpty())
        replayWhenReady(QString(m_replayWhenReady), m_replayRerunWhenReady); // a copy: the member is cleared there
    else if (m_startWhenReady)
        startRace();
}

void MainWindow::replayWhenReady(const QString &raceId, bool rerun)
{
    m_replayWhenReady = raceId;
    m_replayRerunWhenReady = rerun;
    if (!m_endpoint)
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
    if (m_endpoint)
        startRace();
    else
        m_startWhenReady = true;
}

void MainWindow::startRace()
{
    if (m_raceOptions.game.enabled || m_sourceBox->currentData() == QLatin1String("f1-game")) {
        startGameSession();
        return;
    }
    useRaceOf(nullptr);
    startSession(chosenRaceOptions());
}

void MainWindow::fillFollowBox()
{
    // The race's drivers (the built-in grid, a real race's, the game's); the followed one kept if still there.
    const QString followed = m_followBox->currentData().toString();
    {
        QSignalBlocker blocker(m_followBox);
        m_followBox->clear();
        for (const auto &driver : m_raceGrid.drivers())
            m_followBox->addItem(QStringLiteral("%1  %2").arg(driver.code, driver.name), driver.name);
        m_followBox->setCurrentIndex(std::max(0, m_followBox->findData(followed)));
    }
    if (m_telemetry)
        m_telemetry->refreshDrivers();
    // The followed driver is not in this race: follow its first (a first fill keeps the saved choice).
    if (!followed.isEmpty() && m_followBox->currentData().toString() != followed)
        followDriver(m_followBox->currentData().toString());
}

GameSourceOptions MainWindow::gameSourceOptions() const
{
    if (m_raceOptions.game.enabled) // pitwall --source f1-game --udp-port ...
        return m_raceOptions.game;
    GameSourceOptions game;
    game.enabled = true;
    game.port = quint16(std::clamp(QSettings().value(kGamePortKey, 20777).toInt(), 1, 65535));
    if (QSettings().value(kGameLoopbackKey, false).toBool())
        game.bind = QHostAddress::LocalHost;
    return game;
}

void MainWindow::startGameSession(std::shared_ptr<GameHandover> handover)
{
    useRaceOf(nullptr);
    auto options = chosenRaceOptions();
    options.game = gameSourceOptions();
    options.game.handover = std::move(handover);
    m_gameOutlineSet = false;
    m_gameOutlineTriedMs = -1;
    // The address to type into the game's telemetry settings: this machine's, on its networks.
    m_gameAddresses.clear();
    for (const auto &address : QNetworkInterface::allAddresses()) {
        if (address.protocol() == QAbstractSocket::IPv4Protocol && !address.isLoopback())
            m_gameAddresses << address.toString();
    }
    m_gameGrid = {};
    startSession(options);
    m_raceName = tr("F1 game");
    m_raceLaps = 0;
}

void MainWindow::showGameStatus()
{
    if (!m_session || !m_session->options().game.enabled) {
        m_gameLabel->hide();
        return;
    }
    const auto status = m_session->gameStatus();
    const int port = m_session->options().game.port;
    const QStringList &addresses = m_gameAddresses;
    const QString where = m_session->options().game.bind == QHostAddress::LocalHost
                              ? tr("127.0.0.1 port %1").arg(port)
                              : tr("%1 port %2").arg(addresses.isEmpty() ? tr("this machine") : addresses.join(QLatin1String(", "))).arg(port);
    const QString state = status.value(QStringLiteral("state")).toString();
    QString text;
    if (status.isEmpty() || state == QLatin1String("waiting"))
        text = tr("F1 game: waiting for telemetry on %1 (UDP Telemetry on, UDP Format 2024 or 2025)").arg(where);
    else if (state == QLatin1String("failed"))
        text = tr("F1 game: %1").arg(status.value(QStringLiteral("error")).toString());
    else
        text = tr("F1 game: %1, %2 packets/s, format %3, %4, %5 · refused %6 · on %7")
                   .arg(state == QLatin1String("receiving") ? tr("receiving") : tr("session ended"))
                   .arg(status.value(QStringLiteral("packets_per_s")).toInt())
                   .arg(status.value(QStringLiteral("format")).toInt())
                   .arg(status.value(QStringLiteral("session_type")).toString(), status.value(QStringLiteral("track")).toString())
                   .arg(status.value(QStringLiteral("refused")).toInteger())
                   .arg(where);
    m_gameLabel->setText(text);
    m_gameLabel->show();
    if (const int laps = status.value(QStringLiteral("laps")).toInt(); laps != m_raceLaps) {
        m_raceLaps = laps; // the game's session says (0: not a race of set laps)
        m_lapProgress->setRange(0, std::max(1, laps));
    }
    // The game's drivers and teams replace the built-in grid as soon as they are known;
    // the player's car is followed.
    const auto grid = status.value(QStringLiteral("grid")).toObject();
    if (!grid.isEmpty() && grid != m_gameGrid) {
        if (auto parsed = Grid::fromJson(QJsonDocument(grid).toJson(QJsonDocument::Compact))) {
            m_gameGrid = grid;
            m_raceGrid = parsed.value();
            fillFollowBox();
            if (const QString player = status.value(QStringLiteral("player")).toString(); !player.isEmpty())
                followDriver(player);
        }
    }
    // The circuit, drawn from the followed car's own path once it has closed a lap.
    // Searching the path for a closed lap walks all of it: every two race-seconds is enough.
    if (!m_gameOutlineSet && m_store && m_store->newestRaceMs() - m_gameOutlineTriedMs >= 2000) {
        m_gameOutlineTriedMs = m_store->newestRaceMs();
        const QString driver = followedDriver();
        QVector<QPointF> path;
        for (const auto &point : m_store->telemetry(driver, 0, m_store->newestRaceMs()))
            path.push_back(QPointF(point.x, point.y));
        if (const auto outline = realrace::TrackOutline::fromPathInPlace(path)) {
            m_trackMap->setOutline(outline->points(), status.value(QStringLiteral("track")).toString());
            m_gameOutlineSet = true;
        } else if (path.size() >= 20) {
            m_trackMap->setOutline(path, status.value(QStringLiteral("track")).toString(), false); // the way so far
        }
    }
}

void MainWindow::useRaceOf(const RaceRecord *race)
{
    m_raceOutline.clear();
    m_raceGrid = Grid::builtIn();
    const bool real = race && race->options.value(QStringLiteral("real")).toBool();
    m_telemetry->setSourceLacks(real && !race->options.value(QLatin1String(realrace::kHasCarDataOption)).toBool(), real);
    if (!race) {
        fillFollowBox();
        return;
    }
    const auto gridJson = race->options.value(QLatin1String(realrace::kGridOption)).toObject();
    if (!gridJson.isEmpty()) {
        if (auto grid = Grid::fromJson(QJsonDocument(gridJson).toJson(QJsonDocument::Compact)))
            m_raceGrid = grid.value();
        else
            showProblem(tr("This race's drivers could not be read (%1); the built-in grid is shown.").arg(grid.error().message));
    }
    fillFollowBox();
    if (!race->followedDriver.isEmpty() && m_raceGrid.findDriver(race->followedDriver)
        && !m_raceGrid.findDriver(m_followBox->currentData().toString()))
        followDriver(race->followedDriver);
    for (const auto &point : race->options.value(QLatin1String(realrace::kOutlineOption)).toArray()) {
        const auto xy = point.toArray();
        if (xy.size() == 2)
            m_raceOutline.push_back(QPointF(xy[0].toDouble(), xy[1].toDouble()));
    }
}

void MainWindow::startReplay(const QString &raceId, bool rerun)
{
    auto options = chosenRaceOptions();
    options.replayRaceId = raceId;
    options.replayRerun = rerun;
    const auto *race = m_libraryPanel->model()->race(raceId);
    if (race) {
        options.race.circuitId = race->circuit;
        options.race.laps = race->laps;
    }
    useRaceOf(race);
    startSession(options);
    if (race && race->options.value(QStringLiteral("real")).toBool())
        m_raceName = race->name; // "2018 Azerbaijan Grand Prix — Race, F1 live timing"
}

void MainWindow::startSession(const SessionOptions &options)
{
    m_startWhenReady = false;
    if (!m_endpoint || (m_session && m_session->state() != RaceSession::State::Stopped
                        && m_session->state() != RaceSession::State::Failed))
        return;
    delete m_session;
    m_leaderboard->clear();
    m_ui->centralStack->setCurrentWidget(m_ui->leaderboardPage);
    m_ui->problemBanner->hide();
    auto sessionOptions = options;
    sessionOptions.viewFeed = true; // the charts, map, feed and anomaly list read the race too
    // What a person watches: 60 updates a second, readers that never idle long at the broker
    // (the charts redraw at most 20 times a second whatever arrives).
    sessionOptions.displayIntervalMs = 16;
    sessionOptions.fetchWaitMs = 10;
    m_session = new RaceSession(m_endpoint, Grid::builtIn(), sessionOptions, this);
    const auto &race = m_session->options().race;
    const auto circuit = Circuit::builtIn(race.circuitId);
    m_raceName = circuit ? circuit->grandPrix : race.circuitId;
    if (!options.replayRaceId.isEmpty())
        m_raceName = tr("Replay of %1").arg(m_raceName);
    m_raceLaps = race.laps > 0 ? race.laps : (circuit ? circuit->laps : 0);
    m_lapProgress->setRange(0, std::max(1, m_raceLaps));
    m_lapProgress->setValue(0);
    connect(m_session, &RaceSession::standingChanged, this, [this](const QVector<PositionUpdate> &standing) {
        m_store->setStanding(standing);
        if (m_clock->isLive())
            m_leaderboard->setStanding(standing);
    });
    connect(m_session, &RaceSession::viewBatch, this, &MainWindow::onViewBatch);
    connect(m_session, &RaceSession::replaySeeked, this, [this](qint64 raceMs) {
        if (raceMs < m_store->newestRaceMs())
            m_store->rewindTo(raceMs); // commentary and anomalies come back as the replay reaches them
        m_clock->setLiveEdge(raceMs);
        m_clock->goLive();
    });
    connect(m_session, &RaceSession::stageSwitched, this, [this](const QString &stage, bool enabled, const QString &error) {
        if (!error.isEmpty())
            m_pipelinePanel->showMessage(enabled ? tr("Could not switch %1 on: %2").arg(stage, error)
                                                 : tr("Could not switch %1 off: %2").arg(stage, error));
    });
    connect(m_session, &RaceSession::statsChanged, this, [this](const SessionStats &stats) {
        showStats(stats);
        showGameStatus();
        if (m_session->state() == RaceSession::State::Running)
            updateTitle();
    });
    m_anomalyPanel->setComparing(false);
    if (!options.replayRaceId.isEmpty() && options.replayRerun)
        loadRecordedRun(options.libraryPath, options.replayRaceId);
    connect(m_session, &RaceSession::started, this, [this] {
        m_store->reset(m_session->raceStartEpochMs());
        m_clock->reset();
        if (m_session->options().game.enabled)
            m_trackMap->setOutline({}, m_raceName); // drawn from the cars' own paths (showGameStatus)
        else if (!m_raceOutline.isEmpty())
            m_trackMap->setOutline(m_raceOutline, m_raceName);
        else
            m_trackMap->setCircuit(m_session->options().race.circuitId);
        m_replaySlider->setRange(0, int(m_session->replayDurationMs() / 1000));
        updateTitle();
        updateActions();
    });
    connect(m_session, &RaceSession::failed, this, [this](const QString &reason) {
        showProblem(tr("The race could not start: %1").arg(reason));
        updateActions();
    });
    connect(m_session, &RaceSession::gameSessionChanged, this, [this] { m_nextGameSession = m_session->gameHandover(); });
    connect(m_session, &RaceSession::stopped, this, [this](const SessionStats &stats) {
        if (m_kafkaAfterRace) { // the setup changed Kafka while this race ran
            connectKafka(*m_kafkaAfterRace);
            m_kafkaAfterRace.reset();
        }
        if (auto next = std::move(m_nextGameSession)) {
            // The game went on to another session: this race is in the library; follow the next.
            m_libraryPanel->refresh();
            QTimer::singleShot(0, this, [this, next] { startGameSession(next); });
            return;
        }
        showStats(stats);
        const auto summary = m_session->summary();
        const QString result = summary.finished && !summary.classification.isEmpty()
                                   ? tr("won by %1").arg(summary.classification.first())
                                   : tr("stopped on lap %1").arg(summary.leaderLap);
        m_ui->raceTitle->setText(tr("Race %1 — finished: %2 of %3 positions read back — %4")
                                     .arg(m_session->raceId()).arg(stats.consumed).arg(stats.produced).arg(result));
        m_libraryPanel->refresh(); // the race just run is in the library now
        m_lapProgress->setValue(summary.leaderLap);
        if (summary.finished)
            showResults(summary);
        updateActions();
    });
    m_ui->raceTitle->setText(tr("Starting a race…"));
    m_session->start();
    updateActions();
}

void MainWindow::stopRace()
{
    if (!m_session)
        return;
    m_ui->raceTitle->setText(tr("Race %1 — stopping: reading back every message…").arg(m_session->raceId()));
    m_session->stop();
    updateActions();
}

void MainWindow::editKafkaConnection()
{
    KafkaConnectionDialog dialog(m_kafkaSelection, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const auto selection = dialog.selection();
    QSettings settings;
    selection.save(settings);
    if (m_session && m_session->state() == RaceSession::State::Running)
        stopRace();
    connectKafka(selection);
}

void MainWindow::showStats(const SessionStats &stats)
{
    if (m_session && m_session->isReplay() && !m_replaySlider->isSliderDown()) {
        QSignalBlocker blocker(m_replaySlider);
        m_replaySlider->setValue(int(stats.raceTimeS));
    }
    m_pipelinePanel->model()->updateMetrics(stats.stages);
    if (m_session)
        m_pipelinePanel->showAi(*m_session->ai());
    if (m_session && m_session->state() == RaceSession::State::Running)
        m_lapProgress->setValue(std::clamp(stats.leaderLap, 0, m_lapProgress->maximum()));
    m_countsLabel->setText(tr("produced %1 · consumed %2").arg(stats.produced).arg(stats.consumed));
    m_lagLabel->setText(tr("lag %1").arg(stats.lag));
    const quint64 problems = stats.errors + stats.skipped;
    QString errors = stats.skipped ? tr("errors %1 · skipped %2").arg(stats.errors).arg(stats.skipped)
                                   : tr("errors %1").arg(stats.errors);
    if (stats.brokerRefused)
        errors += tr(" · broker refused %1").arg(stats.brokerRefused);
    m_errorsLabel->setText(errors);
    m_errorsLabel->setStyleSheet(problems ? QStringLiteral("color: #e74c3c; font-weight: 600;") : QString());
    m_errorsLabel->setToolTip(stats.lastError.isEmpty() ? QString()
                                                        : QStringLiteral("<p>%1</p>").arg(stats.lastError.toHtmlEscaped()));
}

void MainWindow::showProblem(const QString &text)
{
    m_ui->problemBanner->setText(text);
    m_ui->problemBanner->show();
}

void MainWindow::updateActions()
{
    const auto state = m_session ? m_session->state() : RaceSession::State::Idle;
    const bool raceActive = state == RaceSession::State::Connecting || state == RaceSession::State::Running
                            || state == RaceSession::State::Stopping;
    m_ui->actionStart->setEnabled(m_endpoint && !raceActive && !m_preparingKafka);
    if (auto *game = findChild<QAction *>(QStringLiteral("actionFollowGame")))
        game->setEnabled(m_endpoint && !raceActive && !m_preparingKafka);
    m_ui->actionStop->setEnabled(state == RaceSession::State::Running);
    m_ui->actionKafkaConnection->setEnabled(!m_preparingKafka && state != RaceSession::State::Stopping);
    m_circuitBox->setEnabled(!raceActive && m_sourceBox->currentData() == QLatin1String("simulator"));
    m_lapsBox->setEnabled(!raceActive);
    if (m_startPage) {
        const bool ready = m_endpoint && !raceActive && !m_preparingKafka;
        m_startPage->setReady(ready, m_preparingKafka ? m_kafkaLabel->text()
                                     : !m_endpoint    ? tr("Kafka is not connected: see File ▸ Kafka connection.")
                                     : raceActive     ? tr("A race is running: stop it (Race ▸ Stop) to start another.")
                                                      : QString());
    }
    const bool replaying = m_session && m_session->isReplay() && state == RaceSession::State::Running;
    m_replayToolBar->setVisible(replaying);
    m_pauseAction->setVisible(replaying);
    m_replaySliderAction->setVisible(replaying);
    if (!replaying && m_pauseAction->isChecked()) {
        QSignalBlocker blocker(m_pauseAction);
        m_pauseAction->setChecked(false);
        m_pauseAction->setText(tr("Pause"));
        m_pauseAction->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
    }
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
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    settings.setValue(kColumnsKey, m_ui->leaderboardView->horizontalHeader()->saveState());
    event->accept();
}

} // namespace pitwall
