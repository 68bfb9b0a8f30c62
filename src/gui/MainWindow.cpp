#include "MainWindow.h"

#include "KafkaConnectionDialog.h"
#include "LeaderboardModel.h"
#include "LibraryPanel.h"
#include "RaceLibraryModel.h"
#include "PipelineHealthModel.h"
#include "PipelinePanel.h"
#include "core/Grid.h"
#include "pipeline/PipelineDefinition.h"
#include "pipeline/RaceSession.h"
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
#include <QLabel>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QSignalBlocker>
#include <QSlider>
#include <QStatusBar>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace pitwall {

namespace {

const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
const QString kColumnsKey = QStringLiteral("mainWindow/leaderboardColumns");
const QString kCircuitKey = QStringLiteral("race/circuit");
const QString kSpeedKey = QStringLiteral("race/speed");
const QString kDisabledStagesKey = QStringLiteral("pipeline/disabledStages");

} // namespace

MainWindow::MainWindow(const KafkaSelection &kafka, QWidget *parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_leaderboard(new LeaderboardModel(Grid::builtIn(), this))
{
    m_ui->setupUi(this);
    setWindowIcon(QIcon(QStringLiteral(":/icons/pitwall.svg")));
    m_ui->actionStart->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_ui->actionStop->setIcon(style()->standardIcon(QStyle::SP_MediaStop));
    m_ui->leaderboardView->setModel(m_leaderboard);
    m_ui->leaderboardView->verticalHeader()->setDefaultSectionSize(30);
    m_ui->leaderboardView->setIconSize(QSize(14, 14));
    auto *header = m_ui->leaderboardView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->resizeSection(LeaderboardModel::Position, 60);
    header->resizeSection(LeaderboardModel::Change, 60);
    header->resizeSection(LeaderboardModel::Number, 60);
    header->resizeSection(LeaderboardModel::DriverName, 260);
    header->resizeSection(LeaderboardModel::TeamName, 180);
    header->resizeSection(LeaderboardModel::Gap, 110);
    header->resizeSection(LeaderboardModel::Tyre, 110);
    header->resizeSection(LeaderboardModel::PitStops, 60);
    setUpPipelineDock();
    setUpLibraryDock();
    setUpStatusBar();
    setUpRaceControls();
    setUpReplayControls();

    connect(m_ui->actionStart, &QAction::triggered, this, &MainWindow::startRace);
    connect(m_ui->actionStop, &QAction::triggered, this, &MainWindow::stopRace);
    connect(m_ui->actionKafkaConnection, &QAction::triggered, this, &MainWindow::editKafkaConnection);
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->actionAbout, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Pit Wall"),
                           tr("<b>Pit Wall %1</b><p>Follow a Formula 1 race live: leaderboard, telemetry and a "
                              "streaming-AI pit wall, on an embedded Kafka broker or your own cluster.</p>")
                               .arg(QCoreApplication::applicationVersion()));
    });

    QSettings settings;
    if (!restoreGeometry(settings.value(kGeometryKey).toByteArray())) {
        // First start: most of the screen, so the leaderboard and the panels all fit.
        if (const auto *screen = QGuiApplication::primaryScreen()) {
            const QRect available = screen->availableGeometry();
            resize(available.size() * 0.85);
            move(available.center() - rect().center());
        }
    }
    restoreState(settings.value(kStateKey).toByteArray());
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
            m_circuitBox->addItem(QStringLiteral("%1 (%2 laps)").arg(circuit->grandPrix).arg(circuit->laps), id);
    }
    m_circuitBox->setCurrentIndex(std::max(0, m_circuitBox->findData(settings.value(kCircuitKey, "monza"))));
    m_ui->mainToolBar->addWidget(m_circuitBox);
    m_ui->mainToolBar->addWidget(new QLabel(tr(" Speed "), this));
    m_speedBox = new QComboBox(this);
    m_speedBox->setObjectName(QStringLiteral("speedBox"));
    for (double speed : {0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 16.0, 30.0})
        m_speedBox->addItem(QStringLiteral("%1×").arg(speed), speed);
    m_speedBox->addItem(tr("As fast as possible"), 0.0);
    m_speedBox->setCurrentIndex(std::max(0, m_speedBox->findData(settings.value(kSpeedKey, 1.0))));
    m_ui->mainToolBar->addWidget(m_speedBox);
    connect(m_circuitBox, &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue(kCircuitKey, m_circuitBox->currentData());
        m_raceOptions.race.circuitId = m_circuitBox->currentData().toString();
        m_raceOptions.race.laps = 0;
    });
    connect(m_speedBox, &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue(kSpeedKey, m_speedBox->currentData());
        m_raceOptions.speed = m_speedBox->currentData().toDouble();
    });
    m_raceOptions.race.circuitId = m_circuitBox->currentData().toString();
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

void MainWindow::setUpPipelineDock()
{
    m_pipelinePanel = new PipelinePanel(this);
    m_pipelineDock = addPanel(m_pipelinePanel, tr("Pipeline"), QStringLiteral("pipelineDock"), Qt::BottomDockWidgetArea,
                              QKeySequence(Qt::CTRL | Qt::Key_P));
    // Stages switched off last time stay off.
    m_raceOptions.disabledStages = QSettings().value(kDisabledStagesKey).toStringList();
    m_raceOptions.disabledStages.removeIf([](const QString &name) { return !pipelineStageNames().contains(name); });
    m_pipelinePanel->model()->setDisabledStages(m_raceOptions.disabledStages);
    connect(m_pipelinePanel->model(), &PipelineHealthModel::stageToggleRequested, this, &MainWindow::switchStage);
}

void MainWindow::setUpLibraryDock()
{
    m_libraryPanel = new LibraryPanel(this);
    m_libraryDock = addPanel(m_libraryPanel, tr("Library"), QStringLiteral("libraryDock"), Qt::BottomDockWidgetArea,
                             QKeySequence(Qt::CTRL | Qt::Key_L));
    // By default a tab next to the pipeline, so the leaderboard keeps the window's width.
    tabifyDockWidget(m_pipelineDock, m_libraryDock);
    m_pipelineDock->raise();
    m_raceOptions.libraryPath = LibraryDatabase::defaultPath(); // every race is kept
    m_libraryPanel->openLibrary(m_raceOptions.libraryPath);
    connect(m_libraryPanel, &LibraryPanel::replayRequested, this, &MainWindow::startReplay);
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

void MainWindow::setUpReplayControls()
{
    m_ui->mainToolBar->addSeparator();
    m_pauseAction = m_ui->mainToolBar->addAction(style()->standardIcon(QStyle::SP_MediaPause), tr("Pause"));
    m_pauseAction->setObjectName(QStringLiteral("actionPauseReplay"));
    m_pauseAction->setCheckable(true);
    m_pauseAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Space));
    m_pauseAction->setToolTip(tr("Hold the replay, and resume it (Ctrl+Space)"));
    m_replaySlider = new QSlider(Qt::Horizontal, this);
    m_replaySlider->setObjectName(QStringLiteral("replaySlider"));
    m_replaySlider->setMinimumWidth(320);
    m_replaySlider->setToolTip(tr("Race time of the replay: drag to jump"));
    m_replaySliderAction = m_ui->mainToolBar->addWidget(m_replaySlider);
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

void MainWindow::setRaceOptions(const SessionOptions &options)
{
    const QStringList saved = m_raceOptions.disabledStages;
    m_raceOptions = options;
    for (const auto &stage : saved) { // the command line adds to what was switched off here
        if (!m_raceOptions.disabledStages.contains(stage))
            m_raceOptions.disabledStages << stage;
    }
    m_pipelinePanel->model()->setDisabledStages(m_raceOptions.disabledStages);
    QSignalBlocker circuitBlocker(m_circuitBox), speedBlocker(m_speedBox);
    m_circuitBox->setCurrentIndex(std::max(0, m_circuitBox->findData(options.race.circuitId)));
    const int speedIndex = m_speedBox->findData(options.speed);
    if (speedIndex < 0)
        m_speedBox->addItem(options.speed > 0 ? QStringLiteral("%1×").arg(options.speed) : tr("As fast as possible"), options.speed);
    m_speedBox->setCurrentIndex(m_speedBox->findData(options.speed));
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
    watcher->setFuture(QtConcurrent::run([external = config.value()] { return KafkaEndpoint::prepare(external); }));
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
    if (m_startWhenReady)
        startRace();
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
    startSession(chosenRaceOptions());
}

void MainWindow::startReplay(const QString &raceId, bool rerun)
{
    auto options = chosenRaceOptions();
    options.replayRaceId = raceId;
    options.replayRerun = rerun;
    if (const auto *race = m_libraryPanel->model()->race(raceId)) {
        options.race.circuitId = race->circuit;
        options.race.laps = race->laps;
    }
    startSession(options);
}

void MainWindow::startSession(const SessionOptions &options)
{
    m_startWhenReady = false;
    if (!m_endpoint || (m_session && m_session->state() != RaceSession::State::Stopped
                        && m_session->state() != RaceSession::State::Failed))
        return;
    delete m_session;
    m_leaderboard->clear();
    m_ui->problemBanner->hide();
    m_session = new RaceSession(m_endpoint, Grid::builtIn(), options, this);
    const auto &race = m_session->options().race;
    const auto circuit = Circuit::builtIn(race.circuitId);
    m_raceName = circuit ? circuit->grandPrix : race.circuitId;
    if (!options.replayRaceId.isEmpty())
        m_raceName = tr("Replay of %1").arg(m_raceName);
    m_raceLaps = race.laps > 0 ? race.laps : (circuit ? circuit->laps : 0);
    connect(m_session, &RaceSession::standingChanged, m_leaderboard, &LeaderboardModel::setStanding);
    connect(m_session, &RaceSession::stageSwitched, this, [this](const QString &stage, bool enabled, const QString &error) {
        if (!error.isEmpty())
            m_pipelinePanel->showMessage(enabled ? tr("Could not switch %1 on: %2").arg(stage, error)
                                                 : tr("Could not switch %1 off: %2").arg(stage, error));
    });
    connect(m_session, &RaceSession::statsChanged, this, [this](const SessionStats &stats) {
        showStats(stats);
        if (m_session->state() == RaceSession::State::Running)
            updateTitle();
    });
    connect(m_session, &RaceSession::started, this, [this] {
        m_replaySlider->setRange(0, int(m_session->replayDurationMs() / 1000));
        updateTitle();
        updateActions();
    });
    connect(m_session, &RaceSession::failed, this, [this](const QString &reason) {
        showProblem(tr("The race could not start: %1").arg(reason));
        updateActions();
    });
    connect(m_session, &RaceSession::stopped, this, [this](const SessionStats &stats) {
        showStats(stats);
        const auto summary = m_session->summary();
        const QString result = summary.finished && !summary.classification.isEmpty()
                                   ? tr("won by %1").arg(summary.classification.first())
                                   : tr("stopped on lap %1").arg(summary.leaderLap);
        m_ui->raceTitle->setText(tr("Race %1 — finished: %2 of %3 positions read back — %4")
                                     .arg(m_session->raceId()).arg(stats.consumed).arg(stats.produced).arg(result));
        m_libraryPanel->refresh(); // the race just run is in the library now
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
    m_countsLabel->setText(tr("produced %1 · consumed %2").arg(stats.produced).arg(stats.consumed));
    m_lagLabel->setText(tr("lag %1").arg(stats.lag));
    const quint64 problems = stats.errors + stats.skipped;
    m_errorsLabel->setText(stats.skipped ? tr("errors %1 · skipped %2").arg(stats.errors).arg(stats.skipped)
                                         : tr("errors %1").arg(stats.errors));
    m_errorsLabel->setStyleSheet(problems ? QStringLiteral("color: #e74c3c; font-weight: 600;") : QString());
    m_errorsLabel->setToolTip(stats.lastError);
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
    m_ui->actionStop->setEnabled(state == RaceSession::State::Running);
    m_ui->actionKafkaConnection->setEnabled(!m_preparingKafka && state != RaceSession::State::Stopping);
    m_circuitBox->setEnabled(!raceActive);
    m_speedBox->setEnabled(!raceActive);
    const bool replaying = m_session && m_session->isReplay() && state == RaceSession::State::Running;
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
