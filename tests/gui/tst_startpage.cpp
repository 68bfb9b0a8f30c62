// The first five minutes, as a new user lives them (issue 20): the window opens on the
// start page (not the setup wizard); the default race — a 5-lap sprint at the default
// speed — started from it reaches its chequered flag and the results page; the track map
// keeps its labels apart while the field is bunched at the start; replay is one click on
// the start page; and the setup wizard's choices apply at Finish, without a restart: the
// next race's commentary comes from the OpenAI-compatible server it was given.
// Screenshots: build/test-output/start-page-*.png, start-race-1920.png.

#include "../support/FakeCommentator.h"
#include "../support/FakeHttpServer.h"
#include "view/FeedModel.h"
#include "view/LeaderboardModel.h"
#include "gui/MainWindow.h"
#include "gui/SetupWizard.h"
#include "gui/StartPage.h"
#include "gui/TrackMapWidget.h"
#include "aiservices/AiServices.h"
#include "pipeline/RaceSession.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

using namespace pitwall;
using pitwall::test::FakeHttpServer;
using pitwall::test::FakeRequest;
using pitwall::test::FakeResponse;

namespace {

template <typename T>
T *child(QObject &parent, const QString &name)
{
    auto *found = parent.findChild<T *>(name);
    if (!found)
        qFatal("no child %s", qPrintable(name));
    return found;
}

QWidget *currentPage(MainWindow &window)
{
    return window.findChild<QStackedWidget *>(QStringLiteral("centralStack"))->currentWidget();
}

void waitForKafka(MainWindow &window)
{
    auto *start = child<QPushButton>(window, QStringLiteral("startRaceButton"));
    QTRY_VERIFY_WITH_TIMEOUT(start->isEnabled(), 30000);
}

} // namespace

class TestStartPage : public QObject {
    Q_OBJECT

    QTemporaryDir m_home;

private slots:
    void initTestCase()
    {
        // A new user: settings, library and secrets in a folder of this test; no keychain.
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_home.filePath(QStringLiteral("config")));
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
        qputenv("HOME", m_home.path().toUtf8());
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/pitwall-test-bus");
        for (const char *name : {"OPENAI_API_KEY", "OPENAI_BASE_URL", "PITWALL_LLM", "AWS_ACCESS_KEY_ID", "AWS_PROFILE", "MONGODB_URI"})
            qunsetenv(name);
        QCoreApplication::setOrganizationName(QStringLiteral("PitWallTest"));
        QCoreApplication::setApplicationName(QStringLiteral("startpage"));
        QDir().mkpath(QStringLiteral(PITWALL_TEST_OUTPUT_DIR));
    }

    void firstStartShowsTheStartPage()
    {
        for (const QSize size : {QSize(1366, 768), QSize(1920, 1080)}) {
            for (const bool dark : {false, true}) {
                MainWindow window{KafkaSelection{}};
                window.setTheme(dark);
                window.resize(size);
                window.show();
                QVERIFY(QTest::qWaitForWindowExposed(&window));
                waitForKafka(window);
                QCOMPARE(currentPage(window)->objectName(), QStringLiteral("startPage"));
                QVERIFY(!QApplication::activeModalWidget()); // no wizard over an empty window
                QVERIFY(window.findChildren<SetupWizard *>().isEmpty());
                const QString setup = child<QLabel>(window, QStringLiteral("startSetupStatus"))->text();
                QVERIFY2(setup.contains(QStringLiteral("Everything runs on this machine")), qPrintable(setup));
                QVERIFY(setup.contains(QStringLiteral("embedded broker")));
                // The default race: a 5-lap sprint, about three minutes at the default speed.
                QCOMPARE(child<QSpinBox>(window, QStringLiteral("startLaps"))->value(), StartPage::kDefaultLaps);
                const QString duration = child<QLabel>(window, QStringLiteral("startDuration"))->text();
                QVERIFY2(duration.contains(QStringLiteral("About 3 min")) || duration.contains(QStringLiteral("About 2 min")),
                         qPrintable(duration));
                QVERIFY(window.grab().save(
                    QStringLiteral(PITWALL_TEST_OUTPUT_DIR "/start-page-%1x%2-%3.png").arg(size.width()).arg(size.height()).arg(dark ? "dark" : "light")));
                window.close();
            }
        }
    }

    void theDefaultRaceReachesTheResultsAndReplaysInOneClick()
    {
        MainWindow window{KafkaSelection{}};
        window.resize(1920, 1080);
        window.show();
        waitForKafka(window);
        // "Select your racer": followed from the start, and the hero of the race.
        auto *driver = child<QComboBox>(window, QStringLiteral("startDriver"));
        driver->setCurrentIndex(driver->findData(QStringLiteral("Oscar Piastri")));
        child<QAbstractButton>(window, QStringLiteral("startHero"))->setChecked(true);
        QElapsedTimer clock;
        clock.start();
        child<QPushButton>(window, QStringLiteral("startRaceButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(window.session() && window.session()->state() == RaceSession::State::Running, 30000);
        QCOMPARE(currentPage(window)->objectName(), QStringLiteral("leaderboardPage"));
        const auto &race = window.session()->options().race;
        QCOMPARE(race.laps, StartPage::kDefaultLaps);
        QCOMPARE(window.session()->options().speed, StartPage::kDefaultSpeed);
        QCOMPARE(race.heroDriver, QStringLiteral("Oscar Piastri"));
        QCOMPARE(window.followedDriver(), QStringLiteral("Oscar Piastri"));
        const QString raceId = window.session()->raceId();

        // The field bunched on the grid: every car drawn, no label over another or over a car.
        auto *map = window.trackMap();
        QTRY_VERIFY_WITH_TIMEOUT(map->carsDrawn().size() >= 20, 30000);
        map->repaint();
        const auto labels = map->labelsDrawn();
        const auto cars = map->carsDrawn();
        QVERIFY2(labels.size() >= 4, qPrintable(QString::number(labels.size())));
        QVERIFY(labels.contains(QStringLiteral("Oscar Piastri"))); // the followed driver's first
        for (auto a = labels.cbegin(); a != labels.cend(); ++a) {
            QVERIFY(QRectF(map->rect()).contains(a.value()));
            for (auto b = std::next(a); b != labels.cend(); ++b)
                QVERIFY2(!a.value().intersects(b.value()), qPrintable(a.key() + QStringLiteral(" / ") + b.key()));
            for (auto car = cars.cbegin(); car != cars.cend(); ++car)
                QVERIFY2(!a.value().contains(car.value()), qPrintable(a.key() + QStringLiteral(" covers ") + car.key()));
        }
        QVERIFY(window.grab().save(QStringLiteral(PITWALL_TEST_OUTPUT_DIR "/start-race-1920.png")));

        // The chequered flag and the results page, within the few minutes the page promised.
        QTRY_COMPARE_WITH_TIMEOUT(currentPage(window)->objectName(), QStringLiteral("resultsPage"), 400000);
        qInfo("the default race took %.0f s to its results page", double(clock.elapsed()) / 1000.0);
        QVERIFY(clock.elapsed() < 300000);

        // Back on the start page, the race just run is the first to replay.
        window.findChild<QAction *>(QStringLiteral("actionStartPage"))->trigger();
        QCOMPARE(currentPage(window)->objectName(), QStringLiteral("startPage"));
        auto *replay = window.findChild<QPushButton *>(QStringLiteral("replay:%1").arg(raceId));
        QTRY_VERIFY_WITH_TIMEOUT((replay = window.findChild<QPushButton *>(QStringLiteral("replay:%1").arg(raceId))), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(replay->isEnabled(), 10000);
        replay->click();
        QTRY_VERIFY_WITH_TIMEOUT(window.session() && window.session()->isReplay() && window.session()->state() == RaceSession::State::Running,
                                 30000);
        QCOMPARE(window.session()->raceId(), raceId);
        QTRY_VERIFY_WITH_TIMEOUT(window.leaderboard()->rowCount() == 20, 30000);
        window.findChild<QAction *>(QStringLiteral("actionStop"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(window.session()->state() == RaceSession::State::Stopped, 60000);
        window.close();
    }

    void theWizardAppliesAtFinish()
    {
        int chatCalls = 0;
        FakeHttpServer openAi([&](const FakeRequest &request) {
            if (request.target == "/v1/models")
                return FakeResponse::json(200, "{\"data\":[{\"id\":\"gpt-4o-mini\"},{\"id\":\"text-embedding-3-small\"}]}");
            if (request.target == "/v1/embeddings") {
                const auto input = QJsonDocument::fromJson(request.body).object().value("input");
                const int count = input.isArray() ? int(input.toArray().size()) : 1;
                QJsonArray data;
                for (int i = 0; i < count; ++i) {
                    QJsonArray vector;
                    for (int d = 0; d < 1536; ++d)
                        vector.append(double((d * 7 + i) % 13) / 13.0);
                    data.append(QJsonObject{{"object", "embedding"}, {"index", i}, {"embedding", vector}});
                }
                return FakeResponse::json(200,
                                          QJsonDocument(QJsonObject{{"object", "list"},
                                                                    {"data", data},
                                                                    {"usage", QJsonObject{{"prompt_tokens", 5}, {"total_tokens", 5}}}})
                                              .toJson(QJsonDocument::Compact));
            }
            const auto messages = QJsonDocument::fromJson(request.body).object().value("messages").toArray();
            const QString prompt = messages.last().toObject().value("content").toString();
            ++chatCalls;
            const QJsonObject answer{
                {"id", "c"},
                {"object", "chat.completion"},
                {"model", "fake-model"},
                {"choices",
                 QJsonArray{QJsonObject{{"index", 0},
                                        {"finish_reason", "stop"},
                                        {"message", QJsonObject{{"role", "assistant"},
                                                                {"content", pitwall::test::fakeCommentaryAnswer(prompt, false)}}}}}},
                {"usage", QJsonObject{{"prompt_tokens", 200}, {"completion_tokens", 30}, {"total_tokens", 230}}}};
            return FakeResponse::json(200, QJsonDocument(answer).toJson(QJsonDocument::Compact));
        });

        MainWindow window{KafkaSelection{}};
        window.setAiServicesFactory(
            [vectors = m_home.filePath(QStringLiteral("vectors"))] { return AiServices::startConfigured({}, vectors); });
        window.resize(1600, 900);
        window.show();
        waitForKafka(window);
        // From the start page's setup card, through the wizard's pages to Finish.
        QTimer::singleShot(0, this, [&] {
            auto *wizard = qobject_cast<SetupWizard *>(QApplication::activeModalWidget());
            QVERIFY(wizard);
            wizard->next(); // Mode: local (the default)
            wizard->next(); // Bedrock: left empty
            wizard->next(); // OpenAI
            QCOMPARE(wizard->currentId(), int(SetupWizard::OpenAi));
            child<QLineEdit>(*wizard, QStringLiteral("openAiBaseEdit"))->setText(openAi.baseUrl() + QStringLiteral("/v1"));
            wizard->next(); // MongoDB: left empty
            wizard->next(); // Test connections
            wizard->next(); // Summary
            QCOMPARE(wizard->currentId(), int(SetupWizard::Summary));
            child<QRadioButton>(*wizard, QStringLiteral("fileChoice"))->setChecked(true);
            wizard->button(QWizard::FinishButton)->click();
        });
        child<QPushButton>(window, QStringLiteral("startSetupWizard"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(window.statusBar()->currentMessage().contains(QStringLiteral("Setup applied")), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(window, QStringLiteral("startSetupStatus"))->text().contains(QStringLiteral("OpenAI")),
                                 5000);

        // The next race, short and fast: its commentary is the server's, no restart between
        // (Kafka reconnects with the saved setup first).
        waitForKafka(window);
        child<QSpinBox>(window, QStringLiteral("startLaps"))->setValue(2);
        auto *speed = child<QComboBox>(window, QStringLiteral("startSpeed"));
        speed->setCurrentIndex(speed->findData(0.0));
        child<QPushButton>(window, QStringLiteral("startRaceButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(window.session() && window.session()->state() == RaceSession::State::Running, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(chatCalls > 0, 120000);
        QVERIFY(window.session()->ai()->hasLlm());
        QTRY_VERIFY_WITH_TIMEOUT(window.session()->ai()->linesByModel() > 0, 120000);
        window.findChild<QAction *>(QStringLiteral("actionStop"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(window.session()->state() == RaceSession::State::Stopped, 60000);
        window.close();
    }
};

QTEST_MAIN(TestStartPage)
#include "tst_startpage.moc"
