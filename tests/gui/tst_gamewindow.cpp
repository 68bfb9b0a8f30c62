// The window following the F1 game: a real F1 24 capture (read where it lies in
// ../shared/data/f1/game_udp) is sent over loopback to a window whose source is the game;
// the game's player appears on the leaderboard and is followed, the car is drawn on the
// map and its speed on the chart, and the status bar says what arrives. Screenshot:
// build/test-output/game-window.png.

#include "gui/MainWindow.h"
#include "gui/TelemetryPanel.h"
#include "gui/TrackMapWidget.h"
#include "pipeline/RaceSession.h"
#include "sources/f1game/CaptureReader.h"
#include "storage/RaceLibrary.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtEndian>

#include <QAction>
#include <QLabel>
#include <QStandardPaths>
#include <QUdpSocket>
#include <QtTest>

using namespace pitwall;

class TestGameWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void aCaptureReplayedIntoTheWindowShowsTheCar()
    {
        const auto capture = sources::f1game::readCapture(
            QStringLiteral(PITWALL_SHARED_DATA_DIR "/f1/game_udp/recordings_no_license/full_lap_20260112_160501.bin"));
        QVERIFY2(capture.ok() && capture.records.size() == 526, qPrintable(capture.error));
        quint16 port = 0;
        {
            QUdpSocket probe;
            probe.bind(QHostAddress::LocalHost, 0);
            port = probe.localPort();
        }
        MainWindow window{KafkaSelection{}};
        SessionOptions options;
        options.game.enabled = true;
        options.game.port = port;
        options.game.bind = QHostAddress::LocalHost;
        options.libraryPath.clear(); // not recorded
        window.setRaceOptions(options);
        window.resize(1600, 900);
        window.show();
        window.startRaceWhenReady();
        auto *status = window.findChild<QLabel *>(QStringLiteral("gameStatusLabel"));
        QVERIFY(status);
        QTRY_VERIFY_WITH_TIMEOUT(status->isVisible() && status->text().contains(QLatin1String("waiting")), 30000);
        QVERIFY(status->text().contains(QStringLiteral("port %1").arg(port)));

        // The capture as the game sent it, four times faster.
        QUdpSocket sender;
        QElapsedTimer clock;
        clock.start();
        const double first = capture.records.front().seconds;
        for (const auto &record : capture.records) {
            const qint64 due = qint64((double(record.seconds) - first) * 250.0);
            while (clock.elapsed() < due)
                QTest::qWait(5);
            sender.writeDatagram(record.payload, QHostAddress::LocalHost, port);
        }
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QLatin1String("Monza")), 10000);
        QVERIFY(status->text().contains(QLatin1String("format 2024")));
        // The player is followed, on the map and in the speed chart.
        const QString player = window.followedDriver();
        QTRY_VERIFY_WITH_TIMEOUT(window.trackMap()->carsDrawn().contains(window.followedDriver()), 10000);
        QVERIFY(!player.isEmpty());
        auto *telemetry = window.telemetryPanel();
        QVERIFY(telemetry);
        QTRY_VERIFY_WITH_TIMEOUT(telemetry->pointsDrawn() > 20, 10000);
        QCOMPARE(telemetry->followedDriver(), window.followedDriver());

        QDir().mkpath(QStringLiteral(PITWALL_TEST_OUTPUT_DIR));
        QVERIFY(window.grab().save(QStringLiteral(PITWALL_TEST_OUTPUT_DIR "/game-window.png")));
        window.close();
    }

    // The player goes from one session to the next (a new sessionUID): the first becomes a
    // race of the library, named and described by what the game said (track, session, its
    // drivers and teams, the player), and the window follows the next as a race of its own,
    // on the same socket: every packet of the new session arrives, its first included.
    void aNewGameSessionIsANewRaceInTheLibrary()
    {
        const auto capture = sources::f1game::readCapture(
            QStringLiteral(PITWALL_SHARED_DATA_DIR "/f1/game_udp/recordings_no_license/full_lap_20260112_160501.bin"));
        QVERIFY2(capture.ok() && capture.records.size() == 526, qPrintable(capture.error));
        QTemporaryDir dir;
        quint16 port = 0;
        {
            QUdpSocket probe;
            probe.bind(QHostAddress::LocalHost, 0);
            port = probe.localPort();
        }
        MainWindow window{KafkaSelection{}};
        SessionOptions options;
        options.game.enabled = true;
        options.game.port = port;
        options.game.bind = QHostAddress::LocalHost;
        options.libraryPath = dir.filePath(QStringLiteral("library.sqlite"));
        window.setRaceOptions(options);
        window.resize(1600, 900);
        window.show();
        window.startRaceWhenReady();
        QTRY_VERIFY_WITH_TIMEOUT(window.session() && window.session()->state() == RaceSession::State::Running, 30000);
        const QString firstRace = window.session()->raceId();

        // The same capture twice, the second as another session (sessionUID at bytes 7-14).
        auto send = [&](quint64 sessionUid) {
            QUdpSocket sender;
            for (auto record : capture.records) {
                if (sessionUid)
                    qToLittleEndian(sessionUid, record.payload.data() + 7);
                sender.writeDatagram(record.payload, QHostAddress::LocalHost, port);
                QTest::qWait(1);
            }
        };
        send(0);
        QTRY_VERIFY_WITH_TIMEOUT(window.session()->gameStatus().value("packets").toInteger() == 526, 20000);
        send(0x1234567890ABCDEFull);
        QTRY_VERIFY_WITH_TIMEOUT(window.session() && window.session()->raceId() != firstRace &&
                                     window.session()->state() == RaceSession::State::Running,
                                 30000);
        QTRY_COMPARE_WITH_TIMEOUT(window.session()->gameStatus().value("packets").toInteger(), qint64(526), 20000);
        QCOMPARE(window.session()->gameStatus().value("track").toString(), QStringLiteral("Monza"));

        auto library = RaceLibrary::open(options.libraryPath);
        QVERIFY(library);
        auto first = library.value()->find(firstRace);
        QVERIFY(first && first.value());
        const RaceRecord &race = *first.value();
        QCOMPARE(race.state, QStringLiteral("stopped"));
        QVERIFY2(race.name.startsWith(QStringLiteral("F1 game: Monza Time Trial, ")), qPrintable(race.name));
        QCOMPARE(race.circuit, QStringLiteral("Monza"));
        QVERIFY(race.messageCount > 50);
        QVERIFY(!race.followedDriver.isEmpty());
        QVERIFY(race.drivers.contains(race.followedDriver));
        const auto grid = Grid::fromJson(QJsonDocument(race.options.value(QStringLiteral("grid")).toObject()).toJson());
        QVERIFY2(grid.hasValue(), "the game's grid is kept with the race");
        QVERIFY(grid->findDriver(race.followedDriver));
        window.findChild<QAction *>(QStringLiteral("actionStop"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(window.session()->state() == RaceSession::State::Stopped, 30000);
        auto races = library.value()->list();
        QVERIFY(races);
        QCOMPARE(races->size(), size_t(2));
        window.close();
    }
};

QTEST_MAIN(TestGameWindow)
#include "tst_gamewindow.moc"
