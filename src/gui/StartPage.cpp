#include "StartPage.h"

#include "sim/Circuit.h"
#include "sim/SpeedProfile.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHash>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace pitwall {

namespace {

// A race lap is a little slower than the reference car's flying lap (traffic, tyres, fuel).
constexpr double kRacePaceFactor = 1.04;

double lapTimeS(const QString &circuitId)
{
    static QHash<QString, double> cache; // GUI thread only
    if (auto found = cache.find(circuitId); found != cache.end())
        return *found;
    const auto circuit = Circuit::builtIn(circuitId);
    const double seconds = circuit ? SpeedProfile(*circuit).lapTimeS() * kRacePaceFactor : 90.0;
    cache.insert(circuitId, seconds);
    return seconds;
}

QString minutesAndSeconds(double seconds)
{
    const qint64 s = qint64(std::lround(seconds));
    return s >= 3600 ? QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60)
                     : QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QPushButton *primaryButton(const QString &text, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setDefault(true);
    button->setMinimumHeight(32);
    return button;
}

// A card of the page; the name is what the style sheet and the tests find it by.
QGroupBox *newCard(const QString &title, const QString &name)
{
    auto *card = new QGroupBox(title);
    card->setObjectName(name);
    return card;
}

// A button at the left of a card's column that asks the page's owner for `request`.
QPushButton *addRequestButton(StartPage *page, void (StartPage::*request)(), QBoxLayout *column, const QString &text, const QString &name)
{
    auto *button = new QPushButton(text, column->parentWidget());
    button->setObjectName(name);
    QObject::connect(button, &QPushButton::clicked, page, request);
    column->addWidget(button, 0, Qt::AlignLeft);
    return button;
}

} // namespace

StartPage::StartPage(QWidget *parent)
    : QWidget(parent)
{
    qRegisterMetaType<pitwall::RaceChoice>();
    auto *content = new QWidget;
    auto *grid = new QGridLayout(content);
    grid->setContentsMargins(12, 12, 12, 12);
    grid->setSpacing(12);
    auto *welcome = new QLabel(tr("<h2>Pit Wall</h2>A live race on this machine: leaderboard, track map and telemetry, "
                                  "AI commentary, anomaly detection and forecasts. Start a short race, replay one, "
                                  "or follow a real one."),
                               content);
    welcome->setWordWrap(true);
    grid->addWidget(welcome, 0, 0, 1, 2);
    m_notReady = new QLabel(content);
    m_notReady->setObjectName(QStringLiteral("startNotReady"));
    m_notReady->setWordWrap(true);
    m_notReady->hide();
    grid->addWidget(m_notReady, 1, 0, 1, 2);
    grid->addWidget(buildRaceCard(), 2, 0);
    grid->addWidget(buildReplayCard(), 2, 1);
    grid->addWidget(buildSourcesCard(), 3, 0);
    grid->addWidget(buildSetupCard(), 3, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(4, 1);
    // Small windows scroll rather than squeeze the cards.
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
}

QWidget *StartPage::buildRaceCard()
{
    auto *card = newCard(tr("Start a race"), QStringLiteral("startRaceCard"));
    auto *form = new QFormLayout(card);
    m_circuit = new QComboBox(card);
    m_circuit->setObjectName(QStringLiteral("startCircuit"));
    for (const auto &id : Circuit::builtInIds()) {
        if (const auto circuit = Circuit::builtIn(id))
            m_circuit->addItem(circuit->grandPrix, id);
    }
    form->addRow(tr("Circuit"), m_circuit);

    m_laps = new QSpinBox(card);
    m_laps->setObjectName(QStringLiteral("startLaps"));
    m_laps->setRange(1, 90);
    m_laps->setValue(kDefaultLaps);
    m_laps->setSuffix(tr(" laps"));
    auto *lengthRow = new QHBoxLayout;
    lengthRow->addWidget(m_laps);
    const std::pair<QString, double> presets[] = {{tr("5-lap sprint"), -1.0}, {tr("25 %"), 0.25}, {tr("Full distance"), 1.0}};
    for (const auto &[label, fraction] : presets) {
        auto *preset = new QPushButton(label, card);
        preset->setObjectName(fraction < 0   ? QStringLiteral("presetSprint")
                              : fraction < 1 ? QStringLiteral("presetQuarter")
                                             : QStringLiteral("presetFull"));
        connect(preset, &QPushButton::clicked, this, [this, fraction = fraction] { setLengthPreset(fraction); });
        lengthRow->addWidget(preset);
    }
    lengthRow->addStretch();
    form->addRow(tr("Race length"), lengthRow);

    m_speed = new QComboBox(card);
    m_speed->setObjectName(QStringLiteral("startSpeed"));
    for (double speed : {0.5, 1.0, 2.0, 5.0, 10.0, 30.0})
        m_speed->addItem(QStringLiteral("%1×").arg(speed), speed);
    m_speed->addItem(tr("As fast as possible"), 0.0);
    m_speed->setCurrentIndex(m_speed->findData(kDefaultSpeed));
    form->addRow(tr("Speed"), m_speed);

    m_driver = new QComboBox(card);
    m_driver->setObjectName(QStringLiteral("startDriver"));
    form->addRow(tr("Select your racer"), m_driver);
    m_hero = new QCheckBox(tr("Make them the hero: starts P5–P10 and fights for the podium"), card);
    m_hero->setObjectName(QStringLiteral("startHero"));
    form->addRow(QString(), m_hero);

    m_duration = new QLabel(card);
    m_duration->setObjectName(QStringLiteral("startDuration"));
    auto *start = primaryButton(tr("Start race"), card);
    start->setObjectName(QStringLiteral("startRaceButton"));
    m_startButtons << start;
    auto *startRow = new QHBoxLayout;
    startRow->addWidget(m_duration, 1);
    startRow->addWidget(start);
    form->addRow(startRow);
    auto updateDuration = [this] {
        const double speed = m_speed->currentData().toDouble();
        const double raceS = m_laps->value() * lapTimeS(m_circuit->currentData().toString());
        m_duration->setText(speed > 0 ? tr("About %1 to the chequered flag").arg(minutesAndSeconds(raceS / speed))
                                      : tr("As fast as this machine runs it"));
    };
    connect(m_circuit, &QComboBox::currentIndexChanged, this, [this, updateDuration] {
        m_laps->setMaximum(std::max(1, fullDistance()));
        updateDuration();
    });
    connect(m_laps, &QSpinBox::valueChanged, this, updateDuration);
    connect(m_speed, &QComboBox::currentIndexChanged, this, updateDuration);
    connect(start, &QPushButton::clicked, this, [this] { emit startRequested(choice()); });
    m_laps->setMaximum(std::max(1, fullDistance()));
    updateDuration();
    return card;
}

QWidget *StartPage::buildReplayCard()
{
    auto *card = newCard(tr("Replay a race"), QStringLiteral("startReplayCard"));
    auto *layout = new QVBoxLayout(card);
    m_recentList = new QVBoxLayout;
    layout->addLayout(m_recentList);
    layout->addStretch();
    addRequestButton(this, &StartPage::libraryRequested, layout, tr("Open the race library…"), QStringLiteral("startOpenLibrary"));
    setRecentRaces({});
    return card;
}

QWidget *StartPage::buildSourcesCard()
{
    auto *card = newCard(tr("Real races"), QStringLiteral("startSourcesCard"));
    auto *layout = new QVBoxLayout(card);
    auto *importText = new QLabel(tr("A Grand Prix from the F1 live-timing archive or OpenF1, or a session folder you have."), card);
    importText->setWordWrap(true);
    layout->addWidget(importText);
    addRequestButton(this, &StartPage::importRequested, layout, tr("Import a real race…"), QStringLiteral("startImport"));
    auto *gameText = new QLabel(tr("Your own race in the EA SPORTS F1 game: turn UDP Telemetry on in its settings and "
                                   "send it to this computer (port 20777 unless you changed it under Race ▸ F1 game)."),
                                card);
    gameText->setWordWrap(true);
    layout->addWidget(gameText);
    m_startButtons << addRequestButton(this, &StartPage::followGameRequested, layout, tr("Follow the F1 game"),
                                       QStringLiteral("startFollowGame"));
    layout->addStretch();
    return card;
}

QWidget *StartPage::buildSetupCard()
{
    auto *card = newCard(tr("Setup"), QStringLiteral("startSetupCard"));
    auto *layout = new QVBoxLayout(card);
    m_setupStatus = new QLabel(card);
    m_setupStatus->setObjectName(QStringLiteral("startSetupStatus"));
    m_setupStatus->setWordWrap(true);
    m_setupStatus->setTextFormat(Qt::PlainText);
    layout->addWidget(m_setupStatus);
    addRequestButton(this, &StartPage::setupRequested, layout, tr("Open the setup wizard…"), QStringLiteral("startSetupWizard"));
    layout->addStretch();
    return card;
}

int StartPage::fullDistance() const
{
    const auto circuit = Circuit::builtIn(m_circuit->currentData().toString());
    return circuit ? circuit->laps : 50;
}

void StartPage::setLengthPreset(double fraction)
{
    m_laps->setValue(fraction < 0 ? kDefaultLaps : std::max(1, int(std::lround(fullDistance() * fraction))));
}

void StartPage::setDrivers(const Grid &grid)
{
    const QString chosen = m_driver->currentData().toString();
    m_driver->clear();
    for (const auto &driver : grid.drivers())
        m_driver->addItem(QStringLiteral("%1  %2").arg(driver.code, driver.name), driver.name);
    m_driver->setCurrentIndex(std::max(0, m_driver->findData(chosen)));
}

void StartPage::setChoice(const RaceChoice &choice)
{
    if (const int index = m_circuit->findData(choice.circuitId); index >= 0)
        m_circuit->setCurrentIndex(index);
    if (choice.laps > 0)
        m_laps->setValue(choice.laps);
    if (const int index = m_speed->findData(choice.speed); index >= 0)
        m_speed->setCurrentIndex(index);
    if (const int index = m_driver->findData(choice.driver); index >= 0)
        m_driver->setCurrentIndex(index);
    m_hero->setChecked(choice.hero);
}

RaceChoice StartPage::choice() const
{
    RaceChoice choice;
    choice.circuitId = m_circuit->currentData().toString();
    choice.laps = m_laps->value() >= fullDistance() ? 0 : m_laps->value();
    choice.speed = m_speed->currentData().toDouble();
    choice.driver = m_driver->currentData().toString();
    choice.hero = m_hero->isChecked() && !choice.driver.isEmpty();
    return choice;
}

void StartPage::setRecentRaces(const std::vector<RaceRecord> &races)
{
    while (auto *item = m_recentList->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_replayButtons.clear();
    if (races.empty()) {
        auto *none = new QLabel(tr("Races you run are kept in the library; the latest appear here."));
        none->setWordWrap(true);
        m_recentList->addWidget(none);
        return;
    }
    int shown = 0;
    for (const auto &race : races) {
        if (shown++ == kRecentRaces)
            break;
        const QString when = QDateTime::fromMSecsSinceEpoch(race.startedAtMs).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        const QString laps = race.laps > 0 ? tr(", %n laps", nullptr, race.laps) : QString();
        auto *button = new QPushButton(tr("▶  %1%2").arg(race.name, laps));
        button->setObjectName(QStringLiteral("replay:%1").arg(race.id));
        button->setToolTip(tr("Replay %1 (%2, %3)").arg(race.name, when, race.state));
        button->setStyleSheet(QStringLiteral("text-align: left; padding: 4px 8px;"));
        button->setEnabled(m_ready);
        m_replayButtons << button;
        connect(button, &QPushButton::clicked, this, [this, id = race.id] { emit replayRequested(id); });
        m_recentList->addWidget(button);
    }
}

void StartPage::setSetupStatus(const QStringList &lines, bool offline)
{
    QStringList text;
    text << (offline ? tr("Everything runs on this machine; nothing is sent anywhere.") : tr("Cloud services are set up:"));
    text << lines;
    m_setupStatus->setText(text.join(QLatin1Char('\n')));
}

void StartPage::setReady(bool ready, const QString &why)
{
    m_ready = ready;
    for (auto *button : m_startButtons + m_replayButtons)
        button->setEnabled(ready);
    m_notReady->setText(why);
    m_notReady->setVisible(!ready && !why.isEmpty());
}

} // namespace pitwall
