#include "StartPageLink.h"

#include "FollowBox.h"
#include "RaceReports.h"
#include "RaceToolbar.h"
#include "StartPage.h"
#include "control/RaceController.h"
#include "view/RaceLibraryModel.h"

#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QStackedWidget>

namespace pitwall {

namespace {

const QString kHeroKey = QStringLiteral("race/hero");

} // namespace

StartPageLink::StartPageLink(QStackedWidget &centralStack, QLabel &raceTitle, QMenu &raceMenu, const RaceToolbar &toolbar,
                             const RaceLibraryModel &library, QObject *parent)
    : QObject(parent)
    , m_page(new StartPage(&centralStack))
{
    m_page->setObjectName(QStringLiteral("startPage"));
    centralStack.insertWidget(0, m_page);
    connect(&centralStack, &QStackedWidget::currentChanged, this,
            [this, &centralStack, &raceTitle] { raceTitle.setVisible(centralStack.currentWidget() != m_page); });
    centralStack.setCurrentWidget(m_page);
    raceTitle.hide();
    m_page->setDrivers(Grid::builtIn());
    QSettings settings;
    RaceChoice saved;
    saved.circuitId = toolbar.circuitId();
    saved.laps = settings.value(RaceToolbar::kLapsKey, StartPage::kDefaultLaps).toInt();
    saved.speed = toolbar.speed();
    saved.driver = FollowBox::savedDriver();
    saved.hero = settings.value(kHeroKey, false).toBool();
    m_page->setChoice(saved);
    m_page->setReady(false, tr("Starting the embedded Kafka broker…"));
    auto showRecent = [this, &library] { m_page->setRecentRaces(library.latest(StartPage::kRecentRaces)); };
    connect(&library, &QAbstractItemModel::modelReset, this, showRecent);
    showRecent();
    auto *show = new QAction(tr("Start &page"), &raceMenu);
    show->setObjectName(QStringLiteral("actionStartPage"));
    show->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Home));
    connect(show, &QAction::triggered, this, [this, &centralStack] { centralStack.setCurrentWidget(m_page); });
    raceMenu.insertAction(raceMenu.actions().value(0), show);
}

void StartPageLink::saveChoice(const RaceChoice &choice)
{
    QSettings settings;
    settings.setValue(RaceToolbar::kLapsKey, choice.laps);
    settings.setValue(kHeroKey, choice.hero);
}

void StartPageLink::showSetup(const RaceController &controller)
{
    bool offline = false;
    const auto lines = RaceReports::setupLines(controller.kafka().selection(), controller.aiServices().get(), &offline);
    m_page->setSetupStatus(lines, offline);
}

void StartPageLink::showReady(const RaceController &controller, const QString &kafkaText)
{
    const auto &kafka = controller.kafka();
    const bool raceActive = controller.isRaceActive();
    const bool canStart = kafka.isReady() && !raceActive && !kafka.isPreparing();
    m_page->setReady(canStart, kafka.isPreparing() ? kafkaText
                               : !kafka.isReady()  ? tr("Kafka is not connected: see File ▸ Kafka connection.")
                               : raceActive        ? tr("A race is running: stop it (Race ▸ Stop) to start another.")
                                                   : QString());
}

} // namespace pitwall
