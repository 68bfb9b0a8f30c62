// The F1 live-timing archive reader: the 2018 Baku race archive from the shared data (read in
// place), .z payloads built here from known JSON, the merge rules, and every kind of damaged
// input, each of which must be counted with its file and line while the rest still reads.

#include "sources/RealSession.h"
#include "sources/livetiming/JsonMerge.h"
#include "sources/livetiming/JsonStreamReader.h"
#include "sources/livetiming/LiveTimingReader.h"
#include "sources/livetiming/LiveTimingText.h"
#include "sources/livetiming/TelemetryParser.h"
#include "sources/livetiming/ZPayloadDecoder.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <thread>

using namespace pitwall::sources;

namespace {

const QByteArray kBom("\xEF\xBB\xBF");

QString bakuFolder()
{
    return QStringLiteral(PITWALL_SHARED_DATA_DIR "/f1/livetiming_2018_azerbaijan_gp_race");
}

qint64 hms(int h, int m, int s, int ms)
{
    return ((h * 60LL + m) * 60 + s) * 1000 + ms;
}

QByteArray deflateRaw(const QByteArray &data)
{
    z_stream stream{};
    if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out(int(deflateBound(&stream, uLong(data.size()))), '\0');
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    const int status = deflate(&stream, Z_FINISH);
    out.resize(qsizetype(stream.total_out));
    deflateEnd(&stream);
    return status == Z_STREAM_END ? out : QByteArray();
}

// A .z line as the archive writes it: time, then a JSON string of base64 of raw DEFLATE.
QByteArray zLine(const char *time, const QByteArray &json, bool bom = false)
{
    return QByteArray(time) + '"' + deflateRaw((bom ? kBom : QByteArray()) + json).toBase64() + "\"\r\n";
}

bool writeFile(const QString &folder, const QString &name, const QByteArray &content)
{
    QFile file(QDir(folder).filePath(name));
    if (!file.open(QIODevice::WriteOnly))
        return false;
    return file.write(content) == content.size();
}

QJsonValue json(const char *text)
{
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(text));
    return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
}

const RealDriver *driver(const RealSession &session, const QString &number)
{
    for (const RealDriver &d : session.drivers) {
        if (d.number == number)
            return &d;
    }
    return nullptr;
}

std::vector<LapRecord> lapsOf(const RealSession &session, const QString &number)
{
    std::vector<LapRecord> laps;
    for (const LapRecord &lap : session.laps) {
        if (lap.number == number)
            laps.push_back(lap);
    }
    return laps;
}

std::vector<Stint> stintsOf(const RealSession &session, const QString &number)
{
    std::vector<Stint> stints;
    for (const Stint &stint : session.stints) {
        if (stint.number == number)
            stints.push_back(stint);
    }
    return stints;
}

bool hasIssue(const RealSession &session, const QString &file, qint64 line, const QString &part)
{
    return std::any_of(session.issues.begin(), session.issues.end(), [&](const ReadIssue &issue) {
        return issue.file == file && issue.line == line && issue.message.contains(part, Qt::CaseInsensitive);
    });
}

QString issuesText(const RealSession &session)
{
    QStringList lines;
    for (const ReadIssue &issue : session.issues)
        lines << QStringLiteral("%1:%2 %3").arg(issue.file).arg(issue.line).arg(issue.message);
    return lines.join(QLatin1Char('\n'));
}

bool near(std::optional<double> value, double expected, double tolerance = 1e-6)
{
    return value && std::abs(*value - expected) <= tolerance;
}

} // namespace

class TestLiveTiming : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    // The 2018 Azerbaijan GP race archive.
    void bakuMetaAndClock();
    void bakuDrivers();
    void bakuFinalPositionsMatchErgast();
    void bakuLapsPerDriver();
    void bakuLapTimesAndSectors();
    void bakuRetirementsAndPitStops();
    void bakuTrackStatus();
    void bakuRaceControl();
    void bakuStints();
    void bakuLapCountsAndOrder();
    void bakuReadsOnWorkerThreads();

    // .z payloads.
    void zPayloadDecodes();
    void zTopicsFromBuiltFolder();
    void zTopicsWithoutHeartbeat();
    void zTopicsAtRaceScale();

    // Parts.
    void mergeRules();
    void streamReaderLines();
    void streamReaderLineLimitIsExact();
    void textValues();

    // Damaged input.
    void damagedTimingLines();
    void damagedZLines();
    void emptyFileAndUnknownTopic();
    void fileLimit();
    void missingFolder();
    void outOfRangeChannelsReadAsZero();

private:
    RealSession m_baku;
    qint64 m_bakuReadMs = 0;
};

void TestLiveTiming::initTestCase()
{
    QVERIFY2(QFileInfo(bakuFolder()).isDir(), qPrintable(bakuFolder()));
    QElapsedTimer timer;
    timer.start();
    m_baku = readLiveTimingFolder(bakuFolder());
    m_bakuReadMs = timer.elapsed();
    qInfo("Baku race folder read in %lld ms (%lld lines)", m_bakuReadMs, m_baku.linesRead);
}

void TestLiveTiming::bakuMetaAndClock()
{
    const RealSession &s = m_baku;
    QCOMPARE(s.origin, QStringLiteral("F1 live timing"));
    QVERIFY2(s.issueCount == 0, qPrintable(issuesText(s)));
    QCOMPARE(s.linesRead, qint64(165 + 51 + 109 + 1 + 5 + 388 + 23496 + 22));
    QCOMPARE(s.meta.year, 2018);
    QCOMPARE(s.meta.meetingName, QStringLiteral("Azerbaijan Grand Prix"));
    QCOMPARE(s.meta.sessionName, QStringLiteral("Race"));
    QCOMPARE(s.meta.sessionType, QStringLiteral("Race"));
    QCOMPARE(s.meta.circuitShortName, QStringLiteral("Baku"));
    QCOMPARE(s.meta.countryName, QStringLiteral("Azerbaijan"));
    QCOMPARE(s.meta.totalLaps, std::optional<int>(51));
    QCOMPARE(s.meta.startedMs, std::optional<qint64>(hms(0, 7, 42, 253)));
    QCOMPARE(s.meta.finishedMs, std::optional<qint64>(hms(1, 51, 26, 763)));
    // No Heartbeat or ExtrapolatedClock: the race control messages' Utc stamps (whole seconds)
    // against their line times put the stream's start at 12:06:00 UTC, within a second
    // ("GREEN LIGHT - PIT EXIT OPEN" at 12:13:42 on line time 00:07:42.411).
    const qint64 streamStartUtc = QDateTime(QDate(2018, 4, 29), QTime(12, 6), QTimeZone::utc()).toMSecsSinceEpoch();
    QVERIFY(s.meta.referenceUtcMs);
    QVERIFY2(std::llabs(*s.meta.referenceUtcMs - streamStartUtc) <= 1000,
             qPrintable(QString::number(*s.meta.referenceUtcMs - streamStartUtc)));
    QVERIFY2(s.meta.timingSource.contains(QStringLiteral("race control")), qPrintable(s.meta.timingSource));
    for (const char *topic : {"CarData.z", "Position.z", "WeatherData", "Heartbeat", "ExtrapolatedClock", "TimingStats"})
        QVERIFY2(s.missing.contains(QLatin1String(topic)), topic);
    QCOMPARE(s.missing.size(), 6);
    QVERIFY(s.ignored.isEmpty()); // the Ergast files are not topics
    QVERIFY(s.carData.empty());
    QVERIFY(s.positions.empty());
    QVERIFY(s.weather.empty());
}

void TestLiveTiming::bakuDrivers()
{
    const RealSession &s = m_baku;
    QCOMPARE(s.drivers.size(), size_t(20));
    QCOMPARE(s.drivers.front().number, QStringLiteral("5")); // DriverList line 1
    const RealDriver *ham = driver(s, QStringLiteral("44"));
    QVERIFY(ham);
    QCOMPARE(ham->code, QStringLiteral("HAM"));
    QCOMPARE(ham->fullName, QStringLiteral("Lewis Hamilton"));
    QCOMPARE(ham->teamName, QStringLiteral("Mercedes"));
    QCOMPARE(ham->teamColour, QStringLiteral("#00D2BE"));
    const RealDriver *rai = driver(s, QStringLiteral("7"));
    QVERIFY(rai);
    QCOMPARE(rai->code, QStringLiteral("RAI"));
    QCOMPARE(rai->fullName, QString::fromUtf8("Kimi Räikkönen"));
    QCOMPARE(rai->teamColour, QStringLiteral("#DC0000"));
    const RealDriver *ver = driver(s, QStringLiteral("33"));
    QVERIFY(ver);
    QCOMPARE(ver->fullName, QStringLiteral("Max Verstappen"));
    QCOMPARE(ver->teamName, QStringLiteral("Red Bull Racing"));
    QCOMPARE(ver->teamColour, QStringLiteral("#1E41FF"));
    const RealDriver *str = driver(s, QStringLiteral("18"));
    QVERIFY(str);
    QCOMPARE(str->code, QStringLiteral("STR"));
    QCOMPARE(str->teamColour, QStringLiteral("#FFFFFF"));
    QSet<QString> codes;
    for (const RealDriver &d : s.drivers) {
        QCOMPARE(d.code.size(), 3);
        QVERIFY2(d.teamColour.size() == 7 && d.teamColour.startsWith(QLatin1Char('#')), qPrintable(d.number));
        QVERIFY(!d.fullName.isEmpty() && d.fullName != d.fullName.toUpper());
        codes.insert(d.code);
    }
    QCOMPARE(codes.size(), 20);
}

void TestLiveTiming::bakuFinalPositionsMatchErgast()
{
    QMap<QString, int> finalPosition;
    for (const TimingUpdate &t : m_baku.timing) {
        if (t.position)
            finalPosition[t.number] = *t.position;
    }
    QCOMPARE(finalPosition.size(), 20);
    std::vector<std::pair<int, QString>> order;
    for (auto it = finalPosition.begin(); it != finalPosition.end(); ++it)
        order.emplace_back(it.value(), it.key());
    std::sort(order.begin(), order.end());
    const QStringList firstFive = {QStringLiteral("44"), QStringLiteral("7"), QStringLiteral("11"), QStringLiteral("5"),
                                   QStringLiteral("55")};
    for (int i = 0; i < 5; ++i)
        QCOMPARE(order[size_t(i)].second, firstFive[i]);

    QFile file(bakuFolder() + QStringLiteral("/ergast_2018_4_results.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonArray results =
        QJsonDocument::fromJson(file.readAll())
            .object()[QLatin1String("MRData")][QLatin1String("RaceTable")][QLatin1String("Races")][0][QLatin1String("Results")]
            .toArray();
    QCOMPARE(results.size(), 20);
    for (const QJsonValue &result : results) {
        const QString number = result[QLatin1String("number")].toString();
        QCOMPARE(finalPosition.value(number), result[QLatin1String("position")].toString().toInt());
    }
}

void TestLiveTiming::bakuLapsPerDriver()
{
    // Laps completed as Ergast classifies them: the last NumberOfLaps and the lap records agree.
    const QMap<QString, int> expected = {{"44", 51}, {"7", 51},  {"11", 51}, {"5", 51},  {"55", 51}, {"16", 51}, {"14", 51},
                                         {"18", 51}, {"2", 51},  {"28", 51}, {"9", 51},  {"10", 51}, {"20", 51}, {"77", 48},
                                         {"8", 42},  {"33", 39}, {"3", 39},  {"27", 10}, {"31", 0},  {"35", 0}};
    QMap<QString, int> lastCount;
    for (const TimingUpdate &t : m_baku.timing) {
        if (t.lapsCompleted)
            lastCount[t.number] = *t.lapsCompleted;
    }
    for (auto it = expected.begin(); it != expected.end(); ++it) {
        QCOMPARE(lastCount.value(it.key(), 0), it.value());
        const auto laps = lapsOf(m_baku, it.key());
        QCOMPARE(int(laps.size()), it.value());
        for (size_t i = 0; i < laps.size(); ++i)
            QCOMPARE(laps[i].lap, int(i) + 1);
    }
    QCOMPARE(m_baku.laps.size(), size_t(841));
}

void TestLiveTiming::bakuLapTimesAndSectors()
{
    const auto ham = lapsOf(m_baku, QStringLiteral("44"));
    QCOMPARE(ham.size(), size_t(51));
    // Lap 1: no lap time in the feed, no first sector (the start is past the line).
    QVERIFY(!ham[0].lapTimeS);
    QVERIFY(!ham[0].sectorS[0]);
    QVERIFY(near(ham[0].sectorS[1], 64.609));
    QVERIFY(near(ham[0].sectorS[2], 42.450));
    QCOMPARE(ham[0].ms, hms(0, 10, 12, 448));
    QVERIFY(near(ham[1].lapTimeS, 188.609));
    QVERIFY(near(ham[1].sectorS[0], 75.079));
    QVERIFY(near(ham[1].sectorS[1], 62.616));
    QVERIFY(near(ham[1].sectorS[2], 50.914));
    // Lap 11: LastLapTime 1:47.989 came 107 s after the lap 11 count, just before lap 12's:
    // it belongs to lap 12 and lap 11 keeps its own.
    QVERIFY(near(ham[11].lapTimeS, 107.989));
    // A lap time sent a fraction of a second after the count (00:39:35.226 after 00:39:35.187).
    QVERIFY(near(ham[14].lapTimeS, 107.810));

    // Gasly's last lap: LastLapTime at 01:51:51.564, NumberOfLaps 51 at 01:51:55.416.
    const auto gas = lapsOf(m_baku, QStringLiteral("10"));
    QCOMPARE(gas.size(), size_t(51));
    QVERIFY(near(gas[50].lapTimeS, 111.493));
    QVERIFY(near(gas[50].sectorS[2], 27.055));
    QCOMPARE(gas[50].ms, hms(1, 51, 55, 416));
    // Vettel lap 10: the last sector came 0.14 s before the count, in its own line.
    const auto vet = lapsOf(m_baku, QStringLiteral("5"));
    QVERIFY(near(vet[9].sectorS[2], 26.570));
    QVERIFY(near(vet[9].lapTimeS, 107.506));

    // Every lap with all three sectors and a time adds up (the feed rounds to the ms).
    int complete = 0, withTime = 0;
    for (const LapRecord &lap : m_baku.laps) {
        if (lap.lapTimeS)
            ++withTime;
        if (!lap.lapTimeS || !lap.sectorS[0] || !lap.sectorS[1] || !lap.sectorS[2])
            continue;
        ++complete;
        const double sum = *lap.sectorS[0] + *lap.sectorS[1] + *lap.sectorS[2];
        QVERIFY2(std::abs(sum - *lap.lapTimeS) < 0.0015,
                 qPrintable(QStringLiteral("car %1 lap %2: %3 vs %4").arg(lap.number).arg(lap.lap).arg(sum).arg(*lap.lapTimeS)));
    }
    QVERIFY2(withTime >= 800, qPrintable(QString::number(withTime)));
    QVERIFY2(complete >= 780, qPrintable(QString::number(complete)));
}

void TestLiveTiming::bakuRetirementsAndPitStops()
{
    QMap<QString, bool> retired;
    for (const TimingUpdate &t : m_baku.timing) {
        if (t.retired)
            retired[t.number] = *t.retired;
    }
    const QStringList out = {QStringLiteral("31"), QStringLiteral("35"), QStringLiteral("27"), QStringLiteral("3"),
                             QStringLiteral("33"), QStringLiteral("8"),  QStringLiteral("77")};
    for (const RealDriver &d : m_baku.drivers)
        QCOMPARE(retired.value(d.number, false), out.contains(d.number));

    std::vector<PitStop> ham;
    for (const PitStop &stop : m_baku.pitStops) {
        if (stop.number == QLatin1String("44"))
            ham.push_back(stop);
    }
    QCOMPARE(ham.size(), size_t(2));
    QCOMPARE(ham[0].ms, hms(0, 52, 8, 205));
    QCOMPARE(ham[0].lap, std::optional<int>(22));
    QVERIFY(near(ham[0].pitLaneS, 20.346));
    QCOMPARE(ham[1].ms, hms(1, 24, 37, 761));
    QCOMPARE(ham[1].lap, std::optional<int>(40));
    const auto hamLaps = lapsOf(m_baku, QStringLiteral("44"));
    QVERIFY(hamLaps[22].pitOutLap); // lap 23
    QVERIFY(hamLaps[40].pitOutLap); // lap 41
    QVERIFY(!hamLaps[21].pitOutLap);
    QCOMPARE(int(std::count_if(hamLaps.begin(), hamLaps.end(), [](const LapRecord &l) { return l.pitOutLap; })), 2);
    int lastStops = 0;
    for (const TimingUpdate &t : m_baku.timing) {
        if (t.number == QLatin1String("9") && t.pitStops)
            lastStops = *t.pitStops;
    }
    QCOMPARE(lastStops, 4);
}

void TestLiveTiming::bakuTrackStatus()
{
    const auto &track = m_baku.trackStatus;
    QCOMPARE(track.size(), size_t(22));
    QCOMPARE(track.front().ms, hms(0, 8, 8, 35));
    QCOMPARE(track.front().status, 2);
    QCOMPARE(track.front().message, QStringLiteral("Yellow"));
    std::vector<std::pair<qint64, qint64>> safetyCar;
    for (size_t i = 0; i < track.size(); ++i) {
        if (track[i].status == 4) {
            QVERIFY(i + 1 < track.size());
            QCOMPARE(track[i].message, QStringLiteral("SCDeployed"));
            safetyCar.emplace_back(track[i].ms, track[i + 1].ms);
            QCOMPARE(track[i + 1].status, 1);
        }
    }
    QCOMPARE(safetyCar.size(), size_t(2));
    QCOMPARE(safetyCar[0], std::make_pair(hms(0, 8, 31, 311), hms(0, 20, 55, 542)));
    QCOMPARE(safetyCar[1], std::make_pair(hms(1, 23, 50, 402), hms(1, 44, 3, 406)));
    QCOMPARE(track.back().status, 1);
}

void TestLiveTiming::bakuRaceControl()
{
    const auto &rc = m_baku.raceControl;
    QCOMPARE(rc.size(), size_t(109));
    QMap<QString, int> categories;
    for (const RaceControlMessage &m : rc)
        ++categories[m.category];
    QCOMPARE(categories.value("Flag"), 71);
    QCOMPARE(categories.value("Drs"), 16);
    QCOMPARE(categories.value("Other"), 15);
    QCOMPARE(categories.value("SafetyCar"), 5);
    QCOMPARE(categories.value("CarEvent"), 2);
    QCOMPARE(categories.size(), 5);
    QCOMPARE(rc.front().ms, hms(0, 1, 10, 485));
    QCOMPARE(rc.front().message, QStringLiteral("DRS DISABLED"));
    QCOMPARE(rc.front().lap, std::optional<int>(1));
    const RaceControlMessage &yellow = rc[2];
    QCOMPARE(yellow.flag, QStringLiteral("YELLOW"));
    QCOMPARE(yellow.scope, QStringLiteral("Sector"));
    QCOMPARE(yellow.sector, std::optional<int>(2));
    const auto hul = std::find_if(rc.begin(), rc.end(), [](const RaceControlMessage &m) {
        return m.category == QLatin1String("CarEvent") && m.driverNumber == QLatin1String("27");
    });
    QVERIFY(hul != rc.end());
    QCOMPARE(hul->ms, hms(0, 32, 28, 553));
    QCOMPARE(hul->lap, std::optional<int>(12));
    QCOMPARE(hul->message, QStringLiteral("CAR 27 (HUL) STOPPED AT TURN 5"));
    QVERIFY(!hul->sector);
}

void TestLiveTiming::bakuStints()
{
    for (const RealDriver &d : m_baku.drivers) {
        const auto stints = stintsOf(m_baku, d.number);
        QVERIFY2(!stints.empty(), qPrintable(d.number));
        const int laps = int(lapsOf(m_baku, d.number).size());
        std::optional<int> previousEnd = 0;
        for (size_t i = 0; i < stints.size(); ++i) {
            QCOMPARE(stints[i].stintNumber, int(i) + 1);
            QVERIFY2(!stints[i].compound.isEmpty(), qPrintable(d.number));
            QVERIFY(stints[i].isNew.has_value());
            QVERIFY(stints[i].tyreAgeAtStart.has_value());
            QVERIFY(stints[i].ms.has_value());
            QCOMPARE(stints[i].lapStart, std::optional<int>(*previousEnd + 1));
            previousEnd = stints[i].lapEnd;
            if (laps > 0)
                QVERIFY2(previousEnd.has_value(), qPrintable(d.number));
        }
        if (laps > 0)
            QCOMPARE(stints.back().lapEnd, std::optional<int>(laps));
    }
    const auto ham = stintsOf(m_baku, QStringLiteral("44"));
    QCOMPARE(ham.size(), size_t(3));
    QCOMPARE(ham[0].compound, QStringLiteral("SUPERSOFT"));
    QCOMPARE(ham[0].isNew, std::optional<bool>(false));
    QCOMPARE(ham[0].tyreAgeAtStart, std::optional<int>(5));
    QCOMPARE(ham[0].lapEnd, std::optional<int>(22));
    QCOMPARE(ham[0].ms, std::optional<qint64>(hms(0, 13, 19, 945)));
    QCOMPARE(ham[1].compound, QStringLiteral("SOFT"));
    QCOMPARE(ham[1].isNew, std::optional<bool>(true));
    QCOMPARE(ham[1].lapStart, std::optional<int>(23));
    QCOMPARE(ham[1].lapEnd, std::optional<int>(40));
    QCOMPARE(ham[2].compound, QStringLiteral("ULTRASOFT"));
    QCOMPARE(ham[2].lapStart, std::optional<int>(41));
    // Raikkonen's third entry first held a repeat of his SOFT set; its ms is when it became ULTRASOFT.
    const auto rai = stintsOf(m_baku, QStringLiteral("7"));
    QCOMPARE(rai.size(), size_t(3));
    QCOMPARE(rai[0].compound, QStringLiteral("ULTRASOFT"));
    QCOMPARE(rai[0].lapEnd, std::optional<int>(1));
    QCOMPARE(rai[2].compound, QStringLiteral("ULTRASOFT"));
    QCOMPARE(rai[2].lapStart, std::optional<int>(41));
    QCOMPARE(rai[2].ms, std::optional<qint64>(hms(1, 25, 50, 465)));
    // Ocon: out on lap 1, one stint and no lap finished on it.
    const auto oco = stintsOf(m_baku, QStringLiteral("31"));
    QCOMPARE(oco.size(), size_t(1));
    QCOMPARE(oco[0].lapStart, std::optional<int>(1));
    QVERIFY(!oco[0].lapEnd);
}

void TestLiveTiming::bakuLapCountsAndOrder()
{
    const auto &counts = m_baku.lapCounts;
    QCOMPARE(counts.size(), size_t(51));
    QCOMPARE(counts.front().ms, hms(0, 0, 2, 24));
    QCOMPARE(counts.front().currentLap, 1);
    QCOMPARE(counts.front().totalLaps, std::optional<int>(51));
    QCOMPARE(counts.back().currentLap, 51);
    QVERIFY(!counts.back().totalLaps);
    auto byTime = [](const auto &a, const auto &b) { return a.ms < b.ms; };
    QVERIFY(std::is_sorted(m_baku.timing.begin(), m_baku.timing.end(), byTime));
    QVERIFY(std::is_sorted(m_baku.laps.begin(), m_baku.laps.end(), byTime));
    QVERIFY(m_baku.timing.size() > 20000);
    // Only what each line carried: the first update after the keyframe is Hamilton's gap alone.
    const auto first = std::find_if(m_baku.timing.begin(), m_baku.timing.end(), [](const TimingUpdate &t) { return t.ms > 5000; });
    QVERIFY(first != m_baku.timing.end());
    QCOMPARE(first->number, QStringLiteral("44"));
    QVERIFY(near(first->gapToLeaderS, 0.404));
    QVERIFY(near(first->intervalS, 0.404));
    QVERIFY(!first->position && !first->lapsCompleted && !first->inPit && !first->retired);
}

void TestLiveTiming::bakuReadsOnWorkerThreads()
{
    // No shared state: two workers reading at once get what the main thread got.
    RealSession first, second;
    std::thread a([&] { first = readLiveTimingFolder(bakuFolder()); });
    std::thread b([&] { second = readLiveTimingFolder(bakuFolder()); });
    a.join();
    b.join();
    for (const RealSession *s : {&first, &second}) {
        QCOMPARE(s->timing.size(), m_baku.timing.size());
        QCOMPARE(s->laps.size(), m_baku.laps.size());
        QCOMPARE(s->stints.size(), m_baku.stints.size());
        QCOMPARE(s->raceControl.size(), m_baku.raceControl.size());
        QCOMPARE(s->meta.referenceUtcMs, m_baku.meta.referenceUtcMs);
        QCOMPARE(s->issueCount, qint64(0));
        for (size_t i = 0; i < s->laps.size(); ++i) {
            QCOMPARE(s->laps[i].lapTimeS, m_baku.laps[i].lapTimeS);
            QCOMPARE(s->laps[i].number, m_baku.laps[i].number);
        }
    }
}

void TestLiveTiming::zPayloadDecodes()
{
    const QByteArray document = R"({"Entries":[]})";
    for (bool bom : {false, true}) {
        const QByteArray quoted = '"' + deflateRaw((bom ? kBom : QByteArray()) + document).toBase64() + '"';
        const auto result = ZPayloadDecoder::decode(quoted, 1 << 20, 64);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.json, document);
        QVERIFY(result.json.capacity() - result.json.size() >= 64);
    }
    // "\/" is how some JSON writers escape the base64 '/'.
    QByteArray payload;
    for (int i = 0; i < 400; ++i)
        payload += QByteArray::number(i * 7919 % 1000) + ',';
    const QByteArray base64 = deflateRaw(payload).toBase64();
    QVERIFY(base64.contains('/'));
    QByteArray escaped = base64;
    escaped.replace("/", "\\/");
    const auto unescaped = ZPayloadDecoder::decode('"' + escaped + '"', 1 << 20);
    QVERIFY2(unescaped.ok(), qPrintable(unescaped.error));
    QCOMPARE(unescaped.json, payload);
    // The inflated size is capped.
    const auto capped = ZPayloadDecoder::decode('"' + base64 + '"', payload.size() - 1);
    QVERIFY(!capped.ok());
    QVERIFY(capped.error.contains(QStringLiteral("limit")));
    QVERIFY(ZPayloadDecoder::decode('"' + base64 + '"', payload.size()).ok());
    QVERIFY(!ZPayloadDecoder::decode("{\"a\":1}", 1 << 20).ok());
}

void TestLiveTiming::zTopicsFromBuiltFolder()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.path(), "SessionStatus.jsonStream", kBom + "00:00:10.000{\"Status\":\"Started\"}\r\n"));
    // Heartbeat: session time 0 is 12:00:00.000 UTC.
    QVERIFY(writeFile(dir.path(), "Heartbeat.jsonStream", kBom + "00:00:01.500{\"Utc\":\"2018-04-29T12:00:01.5Z\",\"_kf\":true}\r\n"));
    const QByteArray car1 = R"({"Entries":[{"Utc":"2018-04-29T12:10:00.250Z","Cars":{
        "44":{"Channels":{"0":11000,"2":250,"3":7,"4":100,"5":0,"45":12}},
        "5":{"Channels":{"0":10500,"2":248.5,"3":6,"4":104,"5":100,"45":8}}}},
        {"Utc":"2018-04-29T12:10:00.5123456Z",)"
                            R"("Cars":{"44":{"Channels":{"0":11100,"2":252,"3":7,"4":99,"5":0,"45":14}}}}]})";
    const QByteArray car2 = R"({"Entries":[{"Utc":"2018-04-29T12:10:01Z","Cars":{
        "44":{"Channels":{"0":9000,"2":180,"3":4,"4":0,"5":100,"45":0}}}}]})";
    QVERIFY(writeFile(dir.path(), "CarData.z.jsonStream", kBom + zLine("00:10:00.300", car1) + zLine("00:10:01.100", car2, true)));
    const QByteArray pos = R"({"Position":[{"Timestamp":"2018-04-29T12:10:00.300Z","Entries":{
        "44":{"Status":"OnTrack","X":-1234,"Y":5678,"Z":90},"5":{"Status":"OnTrack","X":10.5,"Y":-20,"Z":0}}},
        {"Timestamp":"2018-04-29T12:10:00.200Z","Entries":{"44":{"Status":"OnTrack","X":-1200,"Y":5600,"Z":91}}}]})";
    QVERIFY(writeFile(dir.path(), "Position.z.jsonStream", zLine("00:10:00.400", pos, true)));
    QVERIFY(writeFile(dir.path(), "WeatherData.jsonStream",
                      R"(00:00:05.000{"AirTemp":"24.3","Humidity":"60.0","Pressure":"1012.5","Rainfall":"0",)"
                      R"("TrackTemp":"40.1","WindDirection":"120","WindSpeed":"1.2"})"
                      "\r\n"
                      R"(00:01:05.000{"AirTemp":"24.5","Rainfall":"1"})"
                      "\r\n"));

    const RealSession s = readLiveTimingFolder(dir.path());
    QVERIFY2(s.issueCount == 0, qPrintable(issuesText(s)));
    QCOMPARE(s.meta.referenceUtcMs,
             std::optional<qint64>(QDateTime(QDate(2018, 4, 29), QTime(12, 0), QTimeZone::utc()).toMSecsSinceEpoch()));
    QVERIFY(s.meta.timingSource.contains(QStringLiteral("Heartbeat")));
    QCOMPARE(s.meta.startedMs, std::optional<qint64>(10000));
    QVERIFY(!s.missing.contains(QStringLiteral("CarData.z")));
    QVERIFY(s.missing.contains(QStringLiteral("TimingData")));
    QCOMPARE(s.linesRead, qint64(7));
    QCOMPARE(s.weather.size(), size_t(2));
    QCOMPARE(s.weather[0].ms, qint64(5000));
    QVERIFY(near(s.weather[0].airTempC, 24.3));
    QVERIFY(near(s.weather[0].trackTempC, 40.1));
    QVERIFY(near(s.weather[0].humidityPct, 60.0));
    QVERIFY(near(s.weather[0].pressureMbar, 1012.5));
    QVERIFY(near(s.weather[0].windSpeedMs, 1.2));
    QCOMPARE(s.weather[0].windDirectionDeg, std::optional<int>(120));
    QCOMPARE(s.weather[0].rainfall, std::optional<bool>(false));
    // A partial line keeps the values it did not send.
    QVERIFY(near(s.weather[1].airTempC, 24.5));
    QVERIFY(near(s.weather[1].trackTempC, 40.1));
    QCOMPARE(s.weather[1].rainfall, std::optional<bool>(true));

    QCOMPARE(s.carData.size(), size_t(4));
    const CarSample &a = s.carData[0];
    QCOMPARE(a.ms, qint64(600250));
    QCOMPARE(a.number, QStringLiteral("44"));
    QCOMPARE(a.rpm, 11000);
    QCOMPARE(a.speedKph, 250.0);
    QCOMPARE(a.gear, 7);
    QCOMPARE(a.throttlePct, 100.0);
    QCOMPARE(a.brakePct, 0.0);
    QVERIFY(a.drs);
    const CarSample &b = s.carData[1];
    QCOMPARE(b.ms, qint64(600250));
    QCOMPARE(b.number, QStringLiteral("5"));
    QCOMPARE(b.rpm, 10500);
    QCOMPARE(b.speedKph, 248.5);
    QCOMPARE(b.gear, 6);
    QCOMPARE(b.throttlePct, 100.0); // 104 is the feed's "invalid" mark, kept in range
    QCOMPARE(b.brakePct, 100.0);
    QVERIFY(!b.drs); // 8 = eligible, not open
    QCOMPARE(s.carData[2].ms, qint64(600512));
    QCOMPARE(s.carData[2].rpm, 11100);
    QVERIFY(s.carData[2].drs);
    const CarSample &d = s.carData[3]; // from the payload that began with a BOM
    QCOMPARE(d.ms, qint64(601000));
    QCOMPARE(d.speedKph, 180.0);
    QCOMPARE(d.gear, 4);
    QCOMPARE(d.brakePct, 100.0);
    QVERIFY(!d.drs);

    QCOMPARE(s.positions.size(), size_t(3));
    // Sorted by time: the 12:10:00.200 entry came second in the payload.
    QCOMPARE(s.positions[0].ms, qint64(600200));
    QCOMPARE(s.positions[0].x, -1200.0);
    QCOMPARE(s.positions[0].z, 91.0);
    QCOMPARE(s.positions[1].ms, qint64(600300));
    QCOMPARE(s.positions[1].number, QStringLiteral("44"));
    QCOMPARE(s.positions[1].x, -1234.0);
    QCOMPARE(s.positions[1].y, 5678.0);
    QCOMPARE(s.positions[1].z, 90.0);
    QCOMPARE(s.positions[2].number, QStringLiteral("5"));
    QCOMPARE(s.positions[2].x, 10.5);
    QCOMPARE(s.positions[2].y, -20.0);
}

void TestLiveTiming::zTopicsWithoutHeartbeat()
{
    const QByteArray car = R"({"Entries":[{"Utc":"2018-04-29T12:10:00.250Z","Cars":{"44":{"Channels":{"2":100}}}}]})";
    {
        // SessionInfo's start (16:10 at GMT+4 = 12:10 UTC) is put at Started (10 s).
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.path(), "SessionInfo.jsonStream",
                          R"(00:00:00.000{"Name":"Race","StartDate":"2018-04-29T16:10:00","GmtOffset":"04:00:00"})"
                          "\n"));
        QVERIFY(writeFile(dir.path(), "SessionStatus.jsonStream", "00:00:10.000{\"Status\":\"Started\"}\n"));
        QVERIFY(writeFile(dir.path(), "CarData.z.jsonStream", zLine("00:00:11.000", car)));
        const RealSession s = readLiveTimingFolder(dir.path());
        QVERIFY2(s.issueCount == 0, qPrintable(issuesText(s)));
        QCOMPARE(s.carData.size(), size_t(1));
        QCOMPARE(s.carData[0].ms, qint64(10250));
        QCOMPARE(s.carData[0].speedKph, 100.0);
        QVERIFY(s.meta.timingSource.contains(QStringLiteral("SessionInfo")));
    }
    {
        // ExtrapolatedClock comes before SessionInfo.
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.path(), "ExtrapolatedClock.jsonStream",
                          R"(00:00:02.000{"Utc":"2018-04-29T12:09:00.000Z","Remaining":"02:00:00"})"
                          "\n"));
        QVERIFY(writeFile(dir.path(), "CarData.z.jsonStream", zLine("00:00:11.000", car)));
        const RealSession s = readLiveTimingFolder(dir.path());
        QCOMPARE(s.carData.size(), size_t(1));
        QCOMPARE(s.carData[0].ms, qint64(62250));
        QVERIFY(s.meta.timingSource.contains(QStringLiteral("ExtrapolatedClock")));
    }
    {
        // No reference at all: the line's own time.
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.path(), "CarData.z.jsonStream", zLine("00:00:11.000", car)));
        const RealSession s = readLiveTimingFolder(dir.path());
        QVERIFY(!s.meta.referenceUtcMs);
        QCOMPARE(s.carData.size(), size_t(1));
        QCOMPARE(s.carData[0].ms, qint64(11000));
    }
}

void TestLiveTiming::zTopicsAtRaceScale()
{
    // A race's worth of CarData.z: two hours of 4 Hz samples for 20 cars, one line a second.
    constexpr int kLines = 7200, kEntries = 4, kCars = 20;
    QTemporaryDir dir;
    QFile file(QDir(dir.path()).filePath(QStringLiteral("CarData.z.jsonStream")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(kBom);
    const qint64 base = QDateTime(QDate(2018, 4, 29), QTime(12, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    for (int line = 0; line < kLines; ++line) {
        QByteArray payload = R"({"Entries":[)";
        for (int e = 0; e < kEntries; ++e) {
            const qint64 utc = base + line * 1000LL + e * 250;
            payload += (e ? ",{\"Utc\":\"" : "{\"Utc\":\"") +
                       QDateTime::fromMSecsSinceEpoch(utc, QTimeZone::utc()).toString(Qt::ISODateWithMs).toLatin1() + "\",\"Cars\":{";
            for (int car = 0; car < kCars; ++car) {
                payload += (car ? ",\"" : "\"") + QByteArray::number(car + 1) +
                           "\":{\"Channels\":{\"0\":" + QByteArray::number(9000 + (line * 37 + car * 11) % 3000) +
                           ",\"2\":" + QByteArray::number((line + car) % 330) + ",\"3\":" + QByteArray::number(car % 8 + 1) +
                           ",\"4\":" + QByteArray::number(line % 101) + ",\"5\":0,\"45\":" + (e % 2 ? "12" : "8") + "}}";
            }
            payload += "}}";
        }
        payload += "]}";
        const qint64 ms = line * 1000LL + 900;
        file.write(QStringLiteral("%1:%2:%3.900")
                       .arg(ms / 3600000, 2, 10, QLatin1Char('0'))
                       .arg(ms / 60000 % 60, 2, 10, QLatin1Char('0'))
                       .arg(ms / 1000 % 60, 2, 10, QLatin1Char('0'))
                       .toLatin1() +
                   '"' + deflateRaw(payload).toBase64() + "\"\r\n");
    }
    file.close();
    QVERIFY(writeFile(dir.path(), "Heartbeat.jsonStream", "00:00:00.000{\"Utc\":\"2018-04-29T12:00:00Z\"}\n"));
    QElapsedTimer timer;
    timer.start();
    const RealSession s = readLiveTimingFolder(dir.path());
    const qint64 elapsed = timer.elapsed();
    qInfo("%d CarData.z lines (%lld MB) read in %lld ms", kLines, file.size() >> 20, elapsed);
    QVERIFY2(s.issueCount == 0, qPrintable(issuesText(s)));
    QCOMPARE(s.carData.size(), size_t(kLines) * kEntries * kCars);
    QCOMPARE(s.carData.back().ms, (kLines - 1) * 1000LL + (kEntries - 1) * 250);
    QCOMPARE(s.carData.back().number, QString::number(kCars));
    QCOMPARE(s.carData.back().rpm, 9000 + ((kLines - 1) * 37 + (kCars - 1) * 11) % 3000);
    QCOMPARE(s.carData.back().drs, true);
    QVERIFY(std::is_sorted(s.carData.begin(), s.carData.end(), [](const CarSample &a, const CarSample &b) { return a.ms < b.ms; }));
    // Generous: the point is a few seconds, not minutes, even on a loaded machine.
    QVERIFY2(elapsed < 30000, qPrintable(QString::number(elapsed)));
}

void TestLiveTiming::mergeRules()
{
    // Objects merge key by key, recursively; untouched keys stay.
    QCOMPARE(JsonMerge::merged(json(R"({"a":1,"b":{"c":2,"d":3}})"), json(R"({"b":{"c":5},"e":6})")),
             json(R"({"a":1,"b":{"c":5,"d":3},"e":6})"));
    // An index-keyed object updates array entries (merging objects) and appends.
    QCOMPARE(JsonMerge::merged(json(R"({"s":[{"x":1,"y":2},{"x":3}]})"), json(R"({"s":{"1":{"y":4},"2":{"x":5}}})")),
             json(R"({"s":[{"x":1,"y":2},{"x":3,"y":4},{"x":5}]})"));
    // Appends in index order whatever the key order; a gap is filled with null.
    QCOMPARE(JsonMerge::merged(json(R"([1])"), json(R"({"3":4,"1":2})")), json(R"([1,2,null,4])"));
    // Other values replace: scalars, arrays, objects over scalars, scalars over objects.
    QCOMPARE(JsonMerge::merged(json(R"({"a":[1,2,3]})"), json(R"({"a":[9]})")), json(R"({"a":[9]})"));
    QCOMPARE(JsonMerge::merged(json(R"({"a":{"b":1}})"), json(R"({"a":"x"})")), json(R"({"a":"x"})"));
    QCOMPARE(JsonMerge::merged(json(R"({"a":"x"})"), json(R"({"a":{"b":1}})")), json(R"({"a":{"b":1}})"));
    QCOMPARE(JsonMerge::merged(QJsonValue(5), QJsonValue(QStringLiteral("6"))), QJsonValue(QStringLiteral("6")));
    // An array with a non-index object over it is replaced, not merged.
    QCOMPARE(JsonMerge::merged(json(R"({"a":[1]})"), json(R"({"a":{"k":1}})")), json(R"({"a":{"k":1}})"));
    // Index keys over an object are plain keys.
    QCOMPARE(JsonMerge::merged(json(R"({"a":{"0":1}})"), json(R"({"a":{"1":2}})")), json(R"({"a":{"0":1,"1":2}})"));
    QVERIFY(JsonMerge::isIndexKeyed(json(R"({"0":1,"12":2})").toObject()));
    QVERIFY(!JsonMerge::isIndexKeyed(json(R"({"0":1,"x":2})").toObject()));
    QVERIFY(!JsonMerge::isIndexKeyed(json(R"({"-1":1})").toObject()));
    QVERIFY(!JsonMerge::isIndexKeyed(QJsonObject()));
    QJsonObject state = json(R"({"Lines":{"44":{"Sectors":[{"Value":""},{"Value":""}]}}})").toObject();
    JsonMerge::mergeInto(state, json(R"({"Lines":{"44":{"Sectors":{"0":{"Value":"30.1"}}}}})").toObject());
    QCOMPARE(QJsonValue(state), json(R"({"Lines":{"44":{"Sectors":[{"Value":"30.1"},{"Value":""}]}}})"));
}

void TestLiveTiming::streamReaderLines()
{
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.path(), "T.jsonStream", kBom + "00:00:01.500{\"a\":1}\r\n\r\n1:02:03.4{\"b\":2}\n00:00:00.000{}\r\n12:00:00.000"));
    JsonStreamReader reader(dir.filePath("T.jsonStream"));
    QString problem;
    QVERIFY(reader.open(&problem));
    JsonStreamReader::Line line;
    QCOMPARE(reader.next(line, problem), JsonStreamReader::Result::Line);
    QCOMPARE(line.number, qint64(1));
    QCOMPARE(line.offsetMs, qint64(1500));
    QCOMPARE(line.json, QByteArrayView("{\"a\":1}"));
    QCOMPARE(reader.next(line, problem), JsonStreamReader::Result::Line); // the blank line 2 is passed over
    QCOMPARE(line.number, qint64(3));
    QCOMPARE(line.offsetMs, hms(1, 2, 3, 400));
    QCOMPARE(line.json, QByteArrayView("{\"b\":2}"));
    QCOMPARE(reader.next(line, problem), JsonStreamReader::Result::Damaged);
    QCOMPARE(line.number, qint64(4));
    QVERIFY(problem.contains(QStringLiteral("backwards")));
    QCOMPARE(reader.next(line, problem), JsonStreamReader::Result::Damaged);
    QCOMPARE(line.number, qint64(5));
    QVERIFY(problem.contains(QStringLiteral("no JSON")));
    QCOMPARE(reader.next(line, problem), JsonStreamReader::Result::End);
    QCOMPARE(reader.linesRead(), qint64(5));

    qint64 ms = 0;
    QCOMPARE(JsonStreamReader::parseOffset("00:07:42.253{", ms), qsizetype(12));
    QCOMPARE(ms, hms(0, 7, 42, 253));
    QCOMPARE(JsonStreamReader::parseOffset("00:60:00.000{", ms), qsizetype(0));
    QCOMPARE(JsonStreamReader::parseOffset("00:00:00{", ms), qsizetype(0));
    QCOMPARE(JsonStreamReader::parseOffset("x0:00:00.000{", ms), qsizetype(0));
    QCOMPARE(JsonStreamReader::parseOffset("00:00:00.1234567{", ms), qsizetype(0));
}

void TestLiveTiming::streamReaderLineLimitIsExact()
{
    // A line of exactly the limit (CR LF not counted) reads whole; one byte more is refused,
    // never cut short. The lines span several 1 MiB read chunks.
    const qint64 limit = (qint64(1) << 20) + 1000;
    const QByteArray head = "00:00:01.000\"";
    QByteArray fits = head + QByteArray(limit - head.size() - 1, 'A') + '"';
    QByteArray over = head + QByteArray(limit - head.size(), 'B') + '"';
    QCOMPARE(fits.size(), limit);
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.path(), "T.jsonStream", fits + "\r\n" + over + "\n" + "00:00:02.000{}\n"));
    JsonStreamReader reader(dir.filePath("T.jsonStream"), JsonStreamReader::Limits{qint64(1) << 30, limit});
    QString problem;
    QVERIFY(reader.open(&problem));
    JsonStreamReader::Line line;
    QCOMPARE(reader.next(line, problem), JsonStreamReader::Result::Line);
    QCOMPARE(line.json.size(), limit - head.size() + 1);
    QCOMPARE(reader.next(line, problem), JsonStreamReader::Result::Damaged);
    QCOMPARE(line.number, qint64(2));
    QVERIFY(problem.contains(QStringLiteral("longer")));
    QCOMPARE(reader.next(line, problem), JsonStreamReader::Result::Line);
    QCOMPARE(line.number, qint64(3));
    QCOMPARE(line.offsetMs, qint64(2000));
    QCOMPARE(reader.next(line, problem), JsonStreamReader::Result::End);
}

void TestLiveTiming::textValues()
{
    using namespace pitwall::sources::livetiming;
    QVERIFY(near(parseLapTime(u"1:45.123"), 105.123));
    QVERIFY(near(parseLapTime(u"45.5"), 45.5));
    QVERIFY(near(parseLapTime(u"1:02:03.456"), 3723.456));
    QVERIFY(!parseLapTime(u""));
    QVERIFY(!parseLapTime(u"1:x"));
    Gap gap = parseGap(u"+0.404");
    QVERIFY(near(gap.seconds, 0.404));
    QCOMPARE(gap.laps, std::optional<int>(0));
    gap = parseGap(u"LAP 12");
    QVERIFY(near(gap.seconds, 0));
    gap = parseGap(u"1L");
    QVERIFY(!gap.seconds);
    QCOMPARE(gap.laps, std::optional<int>(1));
    QCOMPARE(parseGap(u"+2 LAPS").laps, std::optional<int>(2));
    QCOMPARE(parseGap(u"+1 LAP").laps, std::optional<int>(1));
    QVERIFY(!parseGap(u"").seconds && !parseGap(u"").laps);
    QCOMPARE(parseUtcMs(QStringLiteral("1970-01-01T00:00:01.5Z")), std::optional<qint64>(1500));
    QCOMPARE(parseUtcMs(QStringLiteral("1970-01-01T00:00:01")), std::optional<qint64>(1000));
    QCOMPARE(parseUtcMs(QStringLiteral("1970-01-01T02:00:00+02:00")), std::optional<qint64>(0));
    QVERIFY(!parseUtcMs(QStringLiteral("yesterday")));
    QCOMPARE(parseOffsetMs(u"04:00:00"), std::optional<qint64>(4 * 3600000LL));
    QCOMPARE(parseOffsetMs(u"-05:30:00"), std::optional<qint64>(-(5 * 3600000LL + 1800000)));
    QCOMPARE(nameCase(QStringLiteral("Sebastian VETTEL")), QStringLiteral("Sebastian Vettel"));
    QCOMPARE(toBool(QJsonValue(QStringLiteral("true"))), std::optional<bool>(true));
    QCOMPARE(toInt(QJsonValue(QStringLiteral("7"))), std::optional<int>(7));
    QVERIFY(near(toNumber(QJsonValue(QStringLiteral("24.3"))), 24.3));
}

void TestLiveTiming::damagedTimingLines()
{
    QTemporaryDir dir;
    LiveTimingOptions options;
    options.maxLineBytes = 300;
    const QByteArray longLine = "00:00:06.000{\"Lines\":{\"44\":{\"GapToLeader\":\"" + QByteArray(400, '1') + "\"}}}\r\n";
    QVERIFY(writeFile(dir.path(), "TimingData.jsonStream",
                      kBom +
                          "00:00:01.000{\"Lines\":{\"44\":{\"Position\":\"1\",\"NumberOfLaps\":0},"
                          "\"5\":{\"Position\":\"2\"}}}\r\n"                            // 1
                          + "00:00:02.000{\"Lines\":{\"44\":{\"Position\":\"2\"}\r\n"   // 2 bad JSON
                          + "00:00:03.000{\"Lines\":{\"5\":{\"Position\":\"1\"}}}\r\n"  // 3
                          + "00:00:02.500{\"Lines\":{\"44\":{\"Position\":\"9\"}}}\r\n" // 4 backwards
                          + "00:00:04.000[1,2]\r\n"                                     // 5 not an object
                          + "garbage\r\n"                                               // 6 no time
                          + longLine                                                    // 7 too long
                          + "00:00:08.000{\"Lines\":{\"44\":{\"NumberOfLaps\":1,\"Sectors\":{\"2\":"
                            "{\"Value\":\"30.000\"}},\"LastLapTime\":{\"Value\":\"1:30.000\"}}}}\r\n" // 8
                          + "00:00:09.000{\"Lines\":{\"44\":{\"Retired\":true}}}\r\n"));              // 9
    QVERIFY(writeFile(dir.path(), "TrackStatus.jsonStream",
                      "00:00:01.000{\"Status\":\"1\",\"Message\":\"AllClear\"}\n00:00:02.000{\"Message\":\"x\"}\n"
                      "00:00:03.000{\"Status\":\"6\",\"Message\":\"VSCDeployed\"}\n"));
    QVERIFY(writeFile(dir.path(), "TimingStats.jsonStream",
                      "00:00:01.000{\"Lines\":{\"44\":{\"PersonalBestLapTime\":{\"Value\":\"1:45.1\"}}}}\n"
                      "00:00:02.000{\"Lines\":[]}\n"));
    const RealSession s = readLiveTimingFolder(dir.path(), options);
    const QString file = QStringLiteral("TimingData.jsonStream");
    QVERIFY2(hasIssue(s, file, 2, QStringLiteral("invalid JSON")), qPrintable(issuesText(s)));
    QVERIFY(hasIssue(s, file, 4, QStringLiteral("backwards")));
    QVERIFY(hasIssue(s, file, 5, QStringLiteral("not an object")));
    QVERIFY(hasIssue(s, file, 6, QStringLiteral("HH:MM:SS")));
    QVERIFY(hasIssue(s, file, 7, QStringLiteral("longer")));
    QVERIFY(hasIssue(s, QStringLiteral("TrackStatus.jsonStream"), 2, QStringLiteral("Status")));
    QVERIFY(hasIssue(s, QStringLiteral("TimingStats.jsonStream"), 2, QStringLiteral("Lines")));
    QCOMPARE(s.issueCount, qint64(7));
    QCOMPARE(qint64(s.issues.size()), s.issueCount);
    QCOMPARE(s.linesRead, qint64(14));
    QVERIFY(!s.missing.contains(QStringLiteral("TimingStats")));

    // The good lines still read: 1 (two drivers), 3, 8, 9.
    QCOMPARE(s.timing.size(), size_t(5));
    QCOMPARE(s.timing[2].ms, qint64(3000));
    QCOMPARE(s.timing[2].position, std::optional<int>(1));
    QCOMPARE(s.timing[3].lapsCompleted, std::optional<int>(1));
    QCOMPARE(s.timing[4].retired, std::optional<bool>(true));
    QCOMPARE(s.laps.size(), size_t(1));
    QCOMPARE(s.laps[0].lap, 1);
    QCOMPARE(s.laps[0].ms, qint64(8000));
    QVERIFY(near(s.laps[0].lapTimeS, 90.0));
    QVERIFY(near(s.laps[0].sectorS[2], 30.0));
    QCOMPARE(s.trackStatus.size(), size_t(2));
    QCOMPARE(s.trackStatus[1].status, 6);
}

void TestLiveTiming::damagedZLines()
{
    QTemporaryDir dir;
    LiveTimingOptions options;
    options.maxInflatedBytes = 2000;
    const QByteArray good = R"({"Entries":[{"Utc":"2018-04-29T12:10:00Z","Cars":{"44":{"Channels":{"2":200}}}}]})";
    QByteArray big = R"({"Entries":[)";
    for (int i = 0; i < 60; ++i)
        big += R"({"Utc":"2018-04-29T12:10:00Z","Cars":{"44":{"Channels":{"2":1}}}},)";
    big += R"({"Utc":"2018-04-29T12:10:00Z","Cars":{}}]})";
    const QByteArray deflated = deflateRaw(good);
    QVERIFY(writeFile(dir.path(), "CarData.z.jsonStream",
                      zLine("00:00:01.000", good)                                                           // 1
                          + "00:00:02.000\"!!not base64!!\"\r\n"                                            // 2
                          + "00:00:03.000\"" + QByteArray("hello world, not deflate").toBase64() + "\"\r\n" // 3
                          + "00:00:04.000\"" + deflated.left(deflated.size() / 2).toBase64() + "\"\r\n"     // 4
                          + zLine("00:00:05.000", "{\"Entries\":[ oops")                                    // 5 bad JSON
                          + zLine("00:00:06.000", big)                                                      // 6 too big
                          + zLine("00:00:07.000", R"({"Other":[]})")                                        // 7 no Entries
                          + zLine("00:00:08.000", R"({"Entries":[{"Cars":{}}]})")                           // 8 no Utc
                          + "00:00:09.000{\"Entries\":[]}\r\n"                                              // 9 not a string
                          + zLine("00:00:10.000", good, true)));                                            // 10
    QVERIFY(writeFile(dir.path(), "Position.z.jsonStream", "00:00:01.000\"AAAA\"\n"));
    const RealSession s = readLiveTimingFolder(dir.path(), options);
    const QString file = QStringLiteral("CarData.z.jsonStream");
    QVERIFY2(hasIssue(s, file, 2, QStringLiteral("base64")), qPrintable(issuesText(s)));
    QVERIFY(hasIssue(s, file, 3, QStringLiteral("DEFLATE")));
    QVERIFY(hasIssue(s, file, 4, QStringLiteral("truncated")));
    QVERIFY(hasIssue(s, file, 5, QStringLiteral("JSON")));
    QVERIFY(hasIssue(s, file, 6, QStringLiteral("limit")));
    QVERIFY(hasIssue(s, file, 7, QStringLiteral("Entries")));
    QVERIFY(hasIssue(s, file, 8, QStringLiteral("skipped")));
    QVERIFY(hasIssue(s, file, 9, QStringLiteral("not a JSON string")));
    QVERIFY(hasIssue(s, QStringLiteral("Position.z.jsonStream"), 1, QString()));
    QCOMPARE(s.issueCount, qint64(9));
    QCOMPARE(s.carData.size(), size_t(2));
    QCOMPARE(s.carData[0].ms, qint64(1000)); // no reference: line time
    QCOMPARE(s.carData[1].ms, qint64(10000));
    QCOMPARE(s.carData[1].speedKph, 200.0);
    QCOMPARE(s.linesRead, qint64(11));
}

void TestLiveTiming::emptyFileAndUnknownTopic()
{
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.path(), "DriverList.jsonStream", QByteArray()));
    QVERIFY(writeFile(dir.path(), "LapCount.jsonStream", kBom + "\r\n"));
    QVERIFY(writeFile(dir.path(), "TeamRadio.jsonStream", "00:00:01.000{}\n"));
    QVERIFY(writeFile(dir.path(), "notes.txt", "not a topic"));
    QVERIFY(writeFile(dir.path(), "RaceControlMessages.jsonStream",
                      kBom + "00:00:01.000{\"Messages\":[{\"Category\":\"Flag\",\"Flag\":\"GREEN\",\"Lap\":1}]}\r\n"
                             "00:00:02.000{\"Messages\":{\"1\":{\"Category\":\"Other\",\"Message\":\"M\","
                             "\"RacingNumber\":\"44\"}}}\r\n"
                             "00:00:03.000{\"Messages\":{\"1\":{\"Lap\":2}}}\r\n"));
    const RealSession s = readLiveTimingFolder(dir.path());
    QVERIFY2(hasIssue(s, QStringLiteral("DriverList.jsonStream"), 0, QStringLiteral("empty")), qPrintable(issuesText(s)));
    QVERIFY(hasIssue(s, QStringLiteral("LapCount.jsonStream"), 0, QStringLiteral("empty")));
    QCOMPARE(s.issueCount, qint64(2));
    QCOMPARE(s.ignored, QStringList{QStringLiteral("TeamRadio")});
    QVERIFY(!s.missing.contains(QStringLiteral("DriverList")));
    QVERIFY(s.drivers.empty());
    QCOMPARE(s.raceControl.size(), size_t(3));
    QCOMPARE(s.raceControl[0].flag, QStringLiteral("GREEN"));
    QCOMPARE(s.raceControl[1].driverNumber, QStringLiteral("44"));
    // A partial update of message 1 is read with the rest of that message.
    QCOMPARE(s.raceControl[2].message, QStringLiteral("M"));
    QCOMPARE(s.raceControl[2].lap, std::optional<int>(2));
}

void TestLiveTiming::fileLimit()
{
    QTemporaryDir dir;
    LiveTimingOptions options;
    options.maxFileBytes = 80;
    QByteArray lines;
    for (int i = 1; i <= 9; ++i)
        lines += "00:00:0" + QByteArray::number(i) + ".000{\"Status\":\"1\"}\n"; // 31 bytes each
    QVERIFY(writeFile(dir.path(), "TrackStatus.jsonStream", lines));
    const RealSession s = readLiveTimingFolder(dir.path(), options);
    QCOMPARE(s.trackStatus.size(), size_t(2));
    QVERIFY2(hasIssue(s, QStringLiteral("TrackStatus.jsonStream"), 3, QStringLiteral("limit")), qPrintable(issuesText(s)));
    QCOMPARE(s.issueCount, qint64(1));
}

void TestLiveTiming::missingFolder()
{
    const QString folder = QDir::temp().filePath(QStringLiteral("pitwall-no-such-livetiming-folder"));
    QVERIFY(!QFileInfo::exists(folder));
    const RealSession s = readLiveTimingFolder(folder);
    QCOMPARE(s.issueCount, qint64(1));
    QCOMPARE(s.issues.front().file, folder);
    QCOMPARE(s.issues.front().line, qint64(0));
    QVERIFY(s.issues.front().message.contains(QStringLiteral("not found")));
    QVERIFY(s.drivers.empty() && s.timing.empty() && s.missing.isEmpty() && s.linesRead == 0);

    QTemporaryDir empty;
    const RealSession none = readLiveTimingFolder(empty.path());
    QCOMPARE(none.issueCount, qint64(1));
    QCOMPARE(none.missing.size(), LiveTimingReader::topics().size());
}

// Found by tests/fuzz/fuzz_zpayload: an rpm of 1.1e74 was converted to int (undefined
// behaviour); channels past int's range now read as 0, the rest of the sample is kept.
void TestLiveTiming::outOfRangeChannelsReadAsZero()
{
    RealSession session;
    TelemetryParser parser(session);
    QByteArray json("{\"Entries\":[{\"Utc\":\"2018-04-29T12:07:10.1Z\",\"Cars\":{\"44\":{\"Channels\":"
                    "{\"0\":11000e70,\"2\":290,\"3\":-1e300,\"45\":1e20}}}}]}");
    json.reserve(json.size() + TelemetryParser::paddingBytes());
    int skipped = 0;
    QCOMPARE(parser.parseCarData(json, 1000, std::nullopt, skipped), QString());
    QCOMPARE(int(session.carData.size()), 1);
    QCOMPARE(session.carData.front().rpm, 0);
    QCOMPARE(session.carData.front().gear, 0);
    QCOMPARE(session.carData.front().speedKph, 290.0);
    QVERIFY(!session.carData.front().drs);
}

QTEST_GUILESS_MAIN(TestLiveTiming)
#include "tst_livetiming.moc"
