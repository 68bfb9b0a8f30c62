// Real races end to end: the 2018 Azerbaijan GP from the F1 live-timing archive and the
// 2024 Austrian GP from OpenF1 files (both read where they lie in ../shared/data/f1) are
// imported into a library and checked against what really happened; the replay's summary
// gives the real classification; the track outline comes from the cars' own positions;
// nothing half-imported shows when the input is unusable.

#include "core/Grid.h"
#include "core/JsonCodec.h"
#include "core/Topics.h"
#include "realrace/RealRaceBuilder.h"
#include "realrace/RealRaceImport.h"
#include "realrace/TrackOutline.h"
#include "storage/RaceLibrary.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

using namespace pitwall;

namespace {

const QString kBaku = QStringLiteral(PITWALL_SHARED_DATA_DIR "/f1/livetiming_2018_azerbaijan_gp_race");
const QString kAustria = QStringLiteral(PITWALL_SHARED_DATA_DIR "/f1/openf1_2024_austrian_gp_race");

std::vector<RecordedMessage> readAll(RaceLibrary &library, const QString &id)
{
    std::vector<RecordedMessage> all;
    const auto read = library.read(id, 0, [&](const std::vector<RecordedMessage> &messages) {
        all.insert(all.end(), messages.begin(), messages.end());
        return true;
    });
    if (!read)
        qWarning("%s", qPrintable(read.error().message));
    return all;
}

// "00:08:31.311{...}" lines' offsets, for the events they must become.
QList<qint64> trackStatusTimes(const QString &status)
{
    QList<qint64> times;
    QFile file(kBaku + QStringLiteral("/TrackStatus.jsonStream"));
    if (!file.open(QIODevice::ReadOnly))
        return times;
    for (QByteArray line : file.readAll().split('\n')) {
        if (line.startsWith("\xEF\xBB\xBF"))
            line.remove(0, 3);
        if (line.size() < 13 || !line.contains("\"Status\":\"" + status.toUtf8() + "\""))
            continue;
        const auto parts = line.left(12).split(':');
        times << qint64((parts[0].toInt() * 3600 + parts[1].toInt() * 60) * 1000 + std::lround(parts[2].toDouble() * 1000));
    }
    return times;
}

} // namespace

class TestRealRace : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(kBaku), "the shared F1 test data is missing");
        QVERIFY(m_dir.isValid());
        m_libraryPath = m_dir.filePath(QStringLiteral("library.sqlite"));
    }

    void bakuImportsAsTheRealRace()
    {
        auto library = RaceLibrary::open(m_libraryPath).value();
        const auto imported = realrace::importRealRace(*library, {kBaku});
        QVERIFY2(imported, imported ? "" : qPrintable(imported.error().message));
        const RaceRecord &race = imported->record;
        m_bakuId = race.id;
        QCOMPARE(race.id, QStringLiteral("real-2018-baku-race"));
        QCOMPARE(race.name, QStringLiteral("2018 Azerbaijan Grand Prix — Race, F1 live timing"));
        QCOMPARE(race.laps, 51);
        QCOMPARE(race.state, QStringLiteral("imported"));
        QCOMPARE(race.drivers.size(), 20);
        QVERIFY(race.result.value("finished").toBool());
        QVERIFY(race.messageCount > 100000); // 20 cars once a race-second for ~1 h 45 min, and the events

        // The classification's first five are the real ones (Ergast): 44, 7, 11, 5, 55.
        const auto grid = Grid::fromJson(QJsonDocument(race.options.value(realrace::kGridOption).toObject()).toJson());
        QVERIFY2(grid, grid ? "" : qPrintable(grid.error().message));
        QStringList numbers;
        for (const auto &name : race.result.value("classification").toArray()) {
            const auto *driver = grid->findDriver(name.toString());
            QVERIFY2(driver, qPrintable(name.toString()));
            numbers << QString::number(driver->number);
        }
        QCOMPARE(numbers.mid(0, 5), (QStringList{"44", "7", "11", "5", "55"}));
        QCOMPARE(grid->findDriver(QStringLiteral("Lewis Hamilton"))->code, QStringLiteral("HAM"));
        QCOMPARE(grid->teamOf(*grid->findDriver(QStringLiteral("Lewis Hamilton"))).colour, QStringLiteral("#00D2BE"));
        QVERIFY(imported->report.join('\n').contains(QLatin1String("CarData.z")));

        // Events: every safety-car deployment at its time, every race-control message once.
        const auto messages = readAll(*library, race.id);
        QCOMPARE(qint64(messages.size()), race.messageCount);
        const qint64 started = 7 * 60 * 1000 + 42253; // SessionStatus Started at 00:07:42.253
        QList<qint64> safetyCars;
        int raceControl = 0, laps = 0, pitStops = 0, retirements = 0;
        QHash<QString, QSet<QString>> tyres;
        QStringList hamiltonStops;
        bool finishedWithClassification = false;
        for (const auto &message : messages) {
            if (message.topic == topics::kDriverPositions) {
                const auto update = codec::decodePositionUpdate(message.value);
                QVERIFY(update);
                if (update->tyre)
                    tyres[update->driverName].insert(*update->tyre);
                continue;
            }
            if (message.topic != topics::kRaceEvents)
                continue;
            const auto event = codec::decodeRaceEvent(message.value);
            QVERIFY(event);
            QCOMPARE(event->timestampMs, race.startedAtMs + message.raceMs);
            if (event->kind == QLatin1String("safety_car") && event->details.value("state").toString() == QLatin1String("deployed")) {
                QCOMPARE(event->details.value("type").toString(), QStringLiteral("SC"));
                safetyCars << message.raceMs;
            }
            raceControl += event->kind == QLatin1String("race_control");
            laps += event->kind == QLatin1String("lap_completed");
            pitStops += event->kind == QLatin1String("pit_stop");
            if (event->kind == QLatin1String("pit_stop") && event->driverName == QLatin1String("Lewis Hamilton"))
                hamiltonStops << QStringLiteral("%1>%2 (%3)")
                                     .arg(event->details.value("from").toString(), event->details.value("to").toString(),
                                          event->details.value("compound").toString());
            retirements += event->kind == QLatin1String("retirement");
            if (event->kind == QLatin1String("race_finished"))
                finishedWithClassification = event->details.value("classification").toArray().size() == 20;
        }
        QList<qint64> expected;
        for (qint64 at : trackStatusTimes(QStringLiteral("4")))
            expected << at - started;
        QCOMPARE(expected.size(), 2);
        QCOMPARE(safetyCars, expected);
        QCOMPARE(raceControl, 109);
        QVERIFY2(laps > 800 && laps <= 51 * 20, qPrintable(QString::number(laps)));
        QVERIFY(pitStops >= 15);
        QVERIFY2(retirements >= 4, qPrintable(QString::number(retirements))); // 2018 Baku: six cars did not finish
        QVERIFY(finishedWithClassification);
        // Hamilton's race in 2018 Baku: supersoft, soft from lap 23, ultrasoft from lap 41 (his
        // stop under the second safety car); in relative names MEDIUM, HARD, SOFT.
        QCOMPARE(tyres.value(QStringLiteral("Lewis Hamilton")),
                 (QSet<QString>{QStringLiteral("MEDIUM"), QStringLiteral("HARD"), QStringLiteral("SOFT")}));
        QCOMPARE(hamiltonStops, (QStringList{QStringLiteral("MEDIUM>HARD (SOFT)"), QStringLiteral("HARD>SOFT (ULTRASOFT)")}));
        QCOMPARE(tyres.size(), 20);
    }

    void bakuReplaysWithItsClassification()
    {
        QVERIFY(!m_bakuId.isEmpty());
        QProcess pitwall;
        auto environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.path());
        environment.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.path());
        pitwall.setProcessEnvironment(environment);
        pitwall.start(QStringLiteral(PITWALL_BINARY), {"replay", m_bakuId, "--headless", "--speed", "max", "--library", m_libraryPath});
        QVERIFY(pitwall.waitForFinished(240000));
        const QByteArray err = pitwall.readAllStandardError();
        QCOMPARE(pitwall.exitCode(), 0);
        const auto summary = QJsonDocument::fromJson(pitwall.readAllStandardOutput().trimmed().split('\n').last()).object();
        QVERIFY2(!summary.isEmpty(), err.constData());
        QVERIFY(summary.value("finished").toBool());
        const auto classification = summary.value("classification").toArray();
        QCOMPARE(classification.size(), 20);
        QCOMPARE(classification.first().toString(), QStringLiteral("Lewis Hamilton"));
        QCOMPARE(classification.at(1).toString(), QStringLiteral("Kimi Räikkönen"));
    }

    void austriaFromOpenF1Positions()
    {
        auto library = RaceLibrary::open(m_libraryPath).value();
        const auto imported = realrace::importRealRace(*library, {kAustria});
        QVERIFY2(imported, imported ? "" : qPrintable(imported.error().message));
        const RaceRecord &race = imported->record;
        QCOMPARE(race.id, QStringLiteral("real-2024-openf1-session-9550"));
        QCOMPARE(race.name, QStringLiteral("2024 OpenF1 session 9550"));
        QCOMPARE(race.drivers.size(), 20);
        const auto messages = readAll(*library, race.id);
        qint64 telemetry = 0;
        QList<QPointF> norrisLast;
        for (const auto &message : messages) {
            if (message.topic != topics::kCarTelemetry)
                continue;
            ++telemetry;
            const auto sample = codec::decodeTelemetrySample(message.value);
            QVERIFY(sample);
            QVERIFY(!sample->engineTemperatureC); // the real feed has no temperatures: null, not zero
            if (sample->driverName == QLatin1String("Lando Norris") && message.raceMs > race.durationMs - 300000)
                norrisLast << QPointF(sample->x, sample->y);
        }
        QCOMPARE(telemetry, qint64(419520)); // every position of every car
        // Norris retired: in the race's last five minutes he stands still.
        QVERIFY(norrisLast.size() > 100);
        for (const auto &p : norrisLast)
            QVERIFY(std::hypot(p.x() - norrisLast.first().x(), p.y() - norrisLast.first().y()) < 1.0);

        // The outline: closed, the Red Bull Ring's length (4.318 km), its box from the data.
        QJsonArray points = race.options.value(realrace::kOutlineOption).toArray();
        QVERIFY(points.size() > 100);
        QVector<QPointF> outline;
        for (const auto &p : points)
            outline << QPointF(p.toArray()[0].toDouble(), p.toArray()[1].toDouble());
        const auto track = realrace::TrackOutline::fromPoints(outline);
        QVERIFY(track);
        QVERIFY2(std::abs(track->lengthM() - 4318) < 250, qPrintable(QString::number(track->lengthM())));
        const QPointF gap = outline.first() - outline.last();
        QVERIFY(std::hypot(gap.x(), gap.y()) < 60); // closed
        double left = outline.first().x(), right = left, bottom = outline.first().y(), top = bottom;
        for (const auto &p : outline) {
            left = std::min(left, p.x());
            right = std::max(right, p.x());
            bottom = std::min(bottom, p.y());
            top = std::max(top, p.y());
        }
        const QSizeF box(right - left, top - bottom);
        QVERIFY(box.width() >= box.height()); // laid across
        QVERIFY(box.width() > 800 && box.width() < 1600);

        // Race order derived from the positions alone: George Russell won; Norris, the one car
        // that did not finish, is classified last.
        const auto classification = race.result.value("classification").toArray();
        QCOMPARE(classification.size(), 20);
        QCOMPARE(classification.first().toString(), QStringLiteral("George Russell"));
        QCOMPARE(classification.last().toString(), QStringLiteral("Lando Norris"));
    }

    void unusableInputAddsNothing()
    {
        auto library = RaceLibrary::open(m_libraryPath).value();
        const auto before = library->list().value().size();
        QTemporaryDir empty;
        QFile junk(empty.filePath(QStringLiteral("TimingData.jsonStream")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("\xEF\xBB\xBF"
                   "00:00:01.000{not json\r\n00:00:00.500{\"Lines\":{}}\r\n");
        junk.close();
        const auto imported = realrace::importRealRace(*library, {empty.path()});
        QVERIFY(!imported);
        QVERIFY2(imported.error().message.contains(QLatin1String("nothing to import")), qPrintable(imported.error().message));
        QVERIFY(!realrace::importRealRace(*library, {m_dir.filePath(QStringLiteral("missing"))}));
        QFile notZip(m_dir.filePath(QStringLiteral("session.zip")));
        QVERIFY(notZip.open(QIODevice::WriteOnly));
        notZip.write("PK\x03\x04 this is not a zip");
        notZip.close();
        const auto zipped = realrace::importRealRace(*library, {notZip.fileName()});
        QVERIFY(!zipped);
        QVERIFY2(zipped.error().message.contains(QLatin1String("zip")), qPrintable(zipped.error().message));
        QCOMPARE(library->list().value().size(), before);
    }

    void importRaceCommandPrintsIdAndSummary()
    {
        QProcess pitwall;
        pitwall.start(QStringLiteral(PITWALL_BINARY), {"import-race", kBaku, "--library", m_libraryPath});
        QVERIFY(pitwall.waitForFinished(120000));
        QCOMPARE(pitwall.exitCode(), 0);
        const QString out = QString::fromUtf8(pitwall.readAllStandardOutput()).trimmed();
        // A second import of the same session is another race, with its own id.
        QCOMPARE(out, QStringLiteral("real-2018-baku-race-2\t51 laps, 20 drivers, winner Lewis Hamilton"));
        QProcess bad;
        bad.start(QStringLiteral(PITWALL_BINARY), {"import-race", m_dir.filePath(QStringLiteral("nowhere")), "--library", m_libraryPath});
        QVERIFY(bad.waitForFinished(60000));
        QCOMPARE(bad.exitCode(), 2);
        QVERIFY(bad.readAllStandardError().contains("does not exist"));
    }

private:
    QTemporaryDir m_dir;
    QString m_libraryPath;
    QString m_bakuId;
};

QTEST_GUILESS_MAIN(TestRealRace)
#include "tst_realrace.moc"
