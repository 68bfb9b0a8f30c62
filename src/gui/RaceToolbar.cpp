#include "RaceToolbar.h"

#include "StartPage.h"
#include "control/RaceController.h"
#include "control/RaceRequest.h"
#include "pipeline/RaceSession.h"
#include "sim/Circuit.h"

#include <QComboBox>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolBar>

namespace pitwall {

namespace {
const QString kCircuitKey = QStringLiteral("race/circuit");
const QString kSpeedKey = QStringLiteral("race/speed");
const QString kSourceKey = QStringLiteral("race/source");
} // namespace

RaceToolbar::RaceToolbar(QToolBar &toolBar, QMenu &raceMenu, QWidget *parent)
    : QObject(parent)
    , m_parent(parent)
{
    QSettings settings;
    toolBar.addSeparator();
    toolBar.addWidget(new QLabel(tr(" Circuit "), parent));
    m_circuitBox = new QComboBox(parent);
    m_circuitBox->setObjectName(QStringLiteral("circuitBox"));
    for (const auto &id : Circuit::builtInIds()) {
        if (const auto circuit = Circuit::builtIn(id))
            m_circuitBox->addItem(circuit->grandPrix, id);
    }
    m_circuitBox->setCurrentIndex(std::max(0, m_circuitBox->findData(settings.value(kCircuitKey, "monza"))));
    toolBar.addWidget(m_circuitBox);
    toolBar.addWidget(new QLabel(tr(" Laps "), parent));
    m_lapsBox = new QSpinBox(parent);
    m_lapsBox->setObjectName(QStringLiteral("lapsBox"));
    m_lapsBox->setRange(0, 90);
    m_lapsBox->setSpecialValueText(tr("Full"));
    m_lapsBox->setToolTip(tr("Race length in laps (Full: the circuit's race distance)"));
    m_lapsBox->setValue(settings.value(RaceToolbar::kLapsKey, StartPage::kDefaultLaps).toInt());
    toolBar.addWidget(m_lapsBox);
    connect(m_lapsBox, &QSpinBox::valueChanged, this, [this](int laps) {
        QSettings().setValue(RaceToolbar::kLapsKey, laps);
        emit lapsChanged(laps);
    });
    toolBar.addWidget(new QLabel(tr(" Speed "), parent));
    m_speedBox = new QComboBox(parent);
    m_speedBox->setObjectName(QStringLiteral("speedBox"));
    for (double speed : {0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 16.0, 30.0})
        m_speedBox->addItem(QStringLiteral("%1×").arg(speed), speed);
    m_speedBox->addItem(tr("As fast as possible"), 0.0);
    m_speedBox->setCurrentIndex(std::max(0, m_speedBox->findData(settings.value(kSpeedKey, StartPage::kDefaultSpeed))));
    toolBar.addWidget(m_speedBox);
    toolBar.addWidget(new QLabel(tr(" Source "), parent));
    m_sourceBox = new QComboBox(parent);
    m_sourceBox->setObjectName(QStringLiteral("sourceBox"));
    m_sourceBox->addItem(tr("Simulator"), QStringLiteral("simulator"));
    m_sourceBox->addItem(tr("F1 game (UDP)"), QStringLiteral("f1-game"));
    m_sourceBox->setToolTip(tr("What Start starts: a simulated race, or a live race from the EA SPORTS F1 game's UDP telemetry"));
    m_sourceBox->setCurrentIndex(std::max(0, m_sourceBox->findData(settings.value(kSourceKey, "simulator"))));
    toolBar.addWidget(m_sourceBox);
    connect(m_sourceBox, &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue(kSourceKey, m_sourceBox->currentData());
        setRaceActive(m_raceActive); // the game picks its track
    });
    setRaceActive(false);
    connect(m_circuitBox, &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue(kCircuitKey, m_circuitBox->currentData());
        emit circuitChanged(circuitId());
    });
    connect(m_speedBox, &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue(kSpeedKey, m_speedBox->currentData());
        emit speedChanged(speed());
    });

    // Faster / slower from the keyboard: the next entry of the speed list.
    auto *faster = raceMenu.addAction(tr("&Faster"));
    faster->setObjectName(QStringLiteral("actionFaster"));
    faster->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Plus), QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    connect(faster, &QAction::triggered, this,
            [this] { m_speedBox->setCurrentIndex(std::min(m_speedBox->currentIndex() + 1, m_speedBox->count() - 1)); });
    m_followGame = raceMenu.addAction(tr("Follow the F1 &game (UDP telemetry)"));
    m_followGame->setObjectName(QStringLiteral("actionFollowGame"));
    m_followGame->setToolTip(tr("A live race from the EA SPORTS F1 game: point its UDP Telemetry at this machine, port 20777"));
    connect(m_followGame, &QAction::triggered, this, &RaceToolbar::followGameRequested);
    auto *loopback = raceMenu.addAction(tr("F1 game: listen on this machine only"));
    loopback->setObjectName(QStringLiteral("actionGameLoopbackOnly"));
    loopback->setCheckable(true);
    loopback->setChecked(settings.value(gamesettings::kLoopbackOnlyKey, false).toBool());
    loopback->setToolTip(tr(
        "On: only a game on this computer can send telemetry (127.0.0.1). Off: the game may run on a console or another PC on your network"));
    connect(loopback, &QAction::toggled, this, [](bool on) { QSettings().setValue(gamesettings::kLoopbackOnlyKey, on); });
    auto *gamePort = raceMenu.addAction(tr("F1 game: UDP port…"));
    gamePort->setObjectName(QStringLiteral("actionGamePort"));
    connect(gamePort, &QAction::triggered, this, [this] {
        bool ok = false;
        const int port = QInputDialog::getInt(m_parent, tr("F1 game UDP port"),
                                              tr("The port set in the game's Telemetry Settings (UDP Port):"),
                                              QSettings().value(gamesettings::kPortKey, 20777).toInt(), 1024, 65535, 1, &ok);
        if (ok)
            QSettings().setValue(gamesettings::kPortKey, port);
    });
    auto *slower = raceMenu.addAction(tr("S&lower"));
    slower->setObjectName(QStringLiteral("actionSlower"));
    slower->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Minus));
    connect(slower, &QAction::triggered, this, [this] { m_speedBox->setCurrentIndex(std::max(m_speedBox->currentIndex() - 1, 0)); });
}

QString RaceToolbar::circuitId() const
{
    return m_circuitBox->currentData().toString();
}

int RaceToolbar::laps() const
{
    return m_lapsBox->value();
}

double RaceToolbar::speed() const
{
    return m_speedBox->currentData().toDouble();
}

bool RaceToolbar::gameChosen() const
{
    return m_sourceBox->currentData() == QLatin1String("f1-game");
}

void RaceToolbar::selectSpeed(double speed)
{
    if (m_speedBox->findData(speed) < 0)
        m_speedBox->addItem(speed > 0 ? QStringLiteral("%1×").arg(speed) : tr("As fast as possible"), speed);
    m_speedBox->setCurrentIndex(m_speedBox->findData(speed));
}

void RaceToolbar::showOptions(const SessionOptions &options)
{
    QSignalBlocker circuitBlocker(m_circuitBox), speedBlocker(m_speedBox), lapsBlocker(m_lapsBox);
    m_lapsBox->setValue(options.race.laps);
    m_circuitBox->setCurrentIndex(std::max(0, m_circuitBox->findData(options.race.circuitId)));
    selectSpeed(options.speed);
    if (options.game.enabled) // pitwall --source f1-game: Start follows the game
        m_sourceBox->setCurrentIndex(m_sourceBox->findData(QStringLiteral("f1-game")));
}

void RaceToolbar::choose(const QString &circuitId, int laps, double speed)
{
    m_circuitBox->setCurrentIndex(std::max(0, m_circuitBox->findData(circuitId)));
    selectSpeed(speed);
    m_lapsBox->setValue(laps);
}

void RaceToolbar::chooseSimulator()
{
    m_sourceBox->setCurrentIndex(m_sourceBox->findData(QStringLiteral("simulator")));
}

void RaceToolbar::setRaceActive(bool active)
{
    m_raceActive = active;
    m_circuitBox->setEnabled(!active && !gameChosen());
    m_lapsBox->setEnabled(!active);
}

void RaceToolbar::setKafkaReady(bool ready)
{
    m_followGame->setEnabled(ready && !m_raceActive);
}

void RaceToolbar::drive(RaceController &controller)
{
    auto &options = controller.raceOptions();
    options.race.circuitId = circuitId();
    options.race.laps = laps();
    options.speed = speed();
    connect(this, &RaceToolbar::circuitChanged, &controller,
            [&controller](const QString &id) { controller.raceOptions().race.circuitId = id; });
    connect(this, &RaceToolbar::lapsChanged, &controller, [&controller](int laps) { controller.raceOptions().race.laps = laps; });
    connect(this, &RaceToolbar::speedChanged, &controller, &RaceController::setSpeed);
}

} // namespace pitwall
