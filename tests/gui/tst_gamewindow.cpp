// The window following the F1 game: a real F1 24 capture (read where it lies in
// ../shared/data/f1/game_udp) is sent over loopback to a window whose source is the game;
// the game's player appears on the leaderboard and is followed, the car is drawn on the
// map and its speed on the chart, and the status bar says what arrives. Screenshot:
// build/test-output/game-window.png.

#include "gui/MainWindow.h"
#include "gui/TelemetryPanel.h"
#include "gui/TrackMapWidget.h"
#include "sources/f1game/CaptureReader.h"

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
};

QTEST_MAIN(TestGameWindow)
#include "tst_gamewindow.moc"
