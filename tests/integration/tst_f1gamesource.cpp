// The F1 game as a live race source, end to end over loopback: a headless Pit Wall
// listens (--source f1-game), pitwall udp-replay sends a real F1 24 capture (read where it
// lies in ../shared/data/f1/game_udp), and the summary shows what the receiver saw and the
// race it made of it: every packet received and decoded, the session and track, telemetry and
// positions produced to Kafka, a capture of what arrived that plays back identically.

#include "sources/f1game/CaptureReader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QUdpSocket>
#include <QtTest>

namespace {

const QString kRecordings = QStringLiteral(PITWALL_SHARED_DATA_DIR "/f1/game_udp/recordings_no_license");

quint16 freeUdpPort()
{
    QUdpSocket probe;
    probe.bind(QHostAddress::LocalHost, 0);
    return probe.localPort();
}

} // namespace

class TestF1GameSource : public QObject {
    Q_OBJECT

private slots:
    void aCaptureSentOverLoopbackBecomesARace()
    {
        QTemporaryDir dir;
        const quint16 port = freeUdpPort();
        QVERIFY(port > 0);
        const QString recording = kRecordings + QStringLiteral("/full_lap_20260112_160501.bin");
        QVERIFY2(QFileInfo::exists(recording), "the shared F1 game test data is missing");
        const QString captured = dir.filePath(QStringLiteral("received.bin"));

        QProcess pitwall;
        auto environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.path());
        environment.insert(QStringLiteral("XDG_DATA_HOME"), dir.path());
        pitwall.setProcessEnvironment(environment);
        pitwall.start(QStringLiteral(PITWALL_BINARY),
                      {"--headless", "--source", "f1-game", "--udp-port", QString::number(port), "--udp-bind", "127.0.0.1",
                       "--udp-capture", captured, "--duration-seconds", "25", "--library", dir.filePath("library.sqlite")});
        QVERIFY(pitwall.waitForStarted());
        // Wait until the race is under way (the receiver is listening), then send.
        QByteArray log;
        QTRY_VERIFY_WITH_TIMEOUT((log += pitwall.readAllStandardError()).contains("started"), 20000);
        QProcess sender;
        sender.start(QStringLiteral(PITWALL_BINARY), {"udp-replay", recording, "--port", QString::number(port), "--speed", "4"});
        QVERIFY(sender.waitForFinished(60000));
        QCOMPARE(sender.exitCode(), 0);
        QVERIFY(sender.readAllStandardError().contains("sent 526 of 526"));

        QVERIFY(pitwall.waitForFinished(60000));
        log += pitwall.readAllStandardError();
        const auto lines = pitwall.readAllStandardOutput().trimmed().split('\n');
        const auto summary = QJsonDocument::fromJson(lines.last()).object();
        QVERIFY2(!summary.isEmpty(), log.constData());
        const auto game = summary.value("f1_game").toObject();
        QCOMPARE(game.value("packets").toInteger(), 526);
        QCOMPARE(game.value("refused").toInteger(), 0);
        QCOMPARE(game.value("format").toInt(), 2024);
        QVERIFY2(game.value("decoded").toInteger() + game.value("not_decoded").toInteger() +
                         game.value("duplicates").toInteger() + game.value("stale").toInteger() ==
                     526,
                 QJsonDocument(game).toJson().constData());
        const auto topics = summary.value("topics").toObject();
        // The capture is sparse (10-17 packets a second of every kind, ~90 CarTelemetry in all):
        // one sample of the player's car per telemetry packet, at most ten a second.
        QVERIFY2(topics.value("f1-car-telemetry").toInteger() > 50, QJsonDocument(topics).toJson().constData());
        QVERIFY(topics.value("f1-driver-positions").toInteger() > 0);
        // A Time Trial at Monza: the capture's out lap and the start of a timed lap (no lap ends in it).
        QCOMPARE(summary.value("track").toString(), QStringLiteral("Monza"));
        QCOMPARE(game.value("session_type").toString(), QStringLiteral("Time Trial"));
        QCOMPARE(summary.value("leader_lap").toInt(), 1);
        QCOMPARE(summary.value("library").toObject().value("state").toString(), QStringLiteral("stopped"));

        // What arrived was kept, with its arrival time, and plays back the same packets.
        const auto original = pitwall::sources::f1game::readCapture(recording);
        const auto kept = pitwall::sources::f1game::readCapture(captured);
        QVERIFY2(kept.ok(), qPrintable(kept.error));
        QCOMPARE(kept.records.size(), original.records.size());
        for (size_t i = 0; i < kept.records.size(); ++i)
            QCOMPARE(kept.records[i].payload, original.records[i].payload);
    }

    void oldFormatsAndJunkAreRefusedAndCounted()
    {
        QTemporaryDir dir;
        const quint16 port = freeUdpPort();
        QProcess pitwall;
        auto environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.path());
        environment.insert(QStringLiteral("XDG_DATA_HOME"), dir.path());
        pitwall.setProcessEnvironment(environment);
        pitwall.start(QStringLiteral(PITWALL_BINARY), {"--headless", "--source", "f1-game", "--udp-port", QString::number(port),
                                                       "--udp-bind", "127.0.0.1", "--duration-seconds", "8", "--no-record"});
        QByteArray log;
        QTRY_VERIFY_WITH_TIMEOUT((log += pitwall.readAllStandardError()).contains("started"), 20000);
        QUdpSocket socket;
        QFile old(QStringLiteral(PITWALL_SHARED_DATA_DIR "/f1/game_udp/packets/2022-06.bin"));
        QVERIFY(old.open(QIODevice::ReadOnly));
        const QByteArray oldPacket = old.readAll();
        for (int i = 0; i < 5; ++i)
            socket.writeDatagram(oldPacket, QHostAddress::LocalHost, port);
        socket.writeDatagram(QByteArray(3, 'x'), QHostAddress::LocalHost, port);     // shorter than a header
        socket.writeDatagram(QByteArray(1900, '\0'), QHostAddress::LocalHost, port); // format 0
        QVERIFY(pitwall.waitForFinished(60000));
        const auto summary = QJsonDocument::fromJson(pitwall.readAllStandardOutput().trimmed().split('\n').last()).object();
        const auto game = summary.value("f1_game").toObject();
        QCOMPARE(game.value("packets").toInteger(), 7);
        QCOMPARE(game.value("refused").toInteger(), 7);
        QCOMPARE(game.value("decoded").toInteger(), 0);
        const auto refusedBy = game.value("refused_by").toObject();
        QCOMPARE(refusedBy.value("old packet format").toInteger(), 5);
        qint64 total = 0;
        for (const auto &count : refusedBy)
            total += count.toInteger();
        QCOMPARE(total, qint64(7)); // the two junk datagrams too, whatever reason each got
        QVERIFY(game.value("last_refusal").toString().size() > 10);
        QCOMPARE(summary.value("finished").toBool(), false);
    }
};

QTEST_GUILESS_MAIN(TestF1GameSource)
#include "tst_f1gamesource.moc"
