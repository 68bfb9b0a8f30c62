// The OpenF1 reader: the MongoDB Extended JSON fixtures of every endpoint, a whole race of
// location CSVs (2024 Austrian GP), API-form JSON and CSV built here, and damaged input.
// Data is read where it lies (PITWALL_SHARED_DATA_DIR), never copied into the repository.
#include "sources/openf1/CsvReader.h"
#include "sources/openf1/DateParser.h"
#include "sources/openf1/OpenF1Endpoints.h"
#include "sources/openf1/OpenF1Reader.h"

#include <QBuffer>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <thread>

using namespace pitwall::sources;

namespace {

QString f1Dir(const QString &name)
{
    return QStringLiteral(PITWALL_SHARED_DATA_DIR "/f1/") + name;
}

qint64 utcMs(const char *iso)
{
    const QDateTime t = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs);
    Q_ASSERT(t.isValid());
    return t.toMSecsSinceEpoch();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

const RealDriver *driver(const RealSession &s, const QString &number)
{
    const auto it = std::find_if(s.drivers.begin(), s.drivers.end(), [&](const RealDriver &d) { return d.number == number; });
    return it == s.drivers.end() ? nullptr : &*it;
}

template <typename T>
const T *firstOf(const std::vector<T> &items, const QString &number)
{
    const auto it = std::find_if(items.begin(), items.end(), [&](const T &x) { return x.number == number; });
    return it == items.end() ? nullptr : &*it;
}

template <typename T>
bool sortedByTime(const std::vector<T> &items)
{
    return std::is_sorted(items.begin(), items.end(), [](const T &a, const T &b) { return a.ms < b.ms; });
}

bool hasIssue(const RealSession &s, const QString &file, qint64 line, const QString &part = {})
{
    return std::any_of(s.issues.begin(), s.issues.end(),
                       [&](const ReadIssue &i) { return i.file == file && i.line == line && i.message.contains(part); });
}

QString issuesText(const RealSession &s)
{
    QStringList out;
    for (const ReadIssue &i : s.issues)
        out << QStringLiteral("%1:%2: %3").arg(i.file).arg(i.line).arg(i.message);
    return out.join(u'\n');
}

} // namespace

// The issue must be there; all issues are shown when it is not.
#define VERIFY_ISSUE(session, file, line, part)                                                                                  \
    QVERIFY2(hasIssue(session, file, line, QStringLiteral(part)), qPrintable(issuesText(session)))

class TestOpenF1 : public QObject {
    Q_OBJECT

private slots:
    void fileNames();
    void dates();
    void csvReader();
    void csvReaderLimits();
    void fixturesEveryEndpoint();
    void extendedJsonForms();
    void apiFormJson();
    void csvWithQuotes();
    void austrianRace();
    void badInput();
    void overLongLineAtDefaultLimit();
    void sizeLimits();
    void sessionChoice();
    void driverNames();
    void looksLikeOpenF1Paths();
    void concurrentReads();
};

void TestOpenF1::fileNames()
{
    const auto location = classifyOpenF1File(u"location_driver_44.csv");
    QVERIFY(location);
    QCOMPARE(location->endpoint, OpenF1Endpoint::Location);
    QCOMPARE(location->format, OpenF1FileFormat::Csv);
    const auto carData = classifyOpenF1File(u"car_data_1.json");
    QVERIFY(carData);
    QCOMPARE(carData->endpoint, OpenF1Endpoint::CarData);
    QCOMPARE(carData->format, OpenF1FileFormat::Json);
    QCOMPARE(classifyOpenF1File(u"RACE_CONTROL.JSON")->endpoint, OpenF1Endpoint::RaceControl);
    QCOMPARE(classifyOpenF1File(u"pit.csv")->endpoint, OpenF1Endpoint::Pit);
    QCOMPARE(classifyOpenF1File(u"team_radio.json")->endpoint, OpenF1Endpoint::TeamRadio);
    QVERIFY(!classifyOpenF1File(u"lapsed.json")); // a longer word, not laps
    QVERIFY(!classifyOpenF1File(u"positions.csv"));
    QVERIFY(!classifyOpenF1File(u"laps.txt"));
    QVERIFY(!classifyOpenF1File(u"laps"));
    QVERIFY(!classifyOpenF1File(u".json"));
    QCOMPARE(openF1EndpointName(OpenF1Endpoint::RaceControl), QStringLiteral("race_control"));
}

void TestOpenF1::dates()
{
    // One parser through a sequence whose later dates take the within-minute path: each
    // must equal Qt's parse of the text alone.
    const char *texts[] = {
        "2024-06-30T13:00:00.263000+00:00",
        "2024-06-30T13:00:00.643000+00:00",
        "2024-06-30T13:00:59.999600+00:00",
        "2024-06-30T13:00:07+00:00",
        "2024-06-30T13:00:07.5+00:00",
        "2024-06-30T15:00:07.25+02:00",
        "2024-06-30T13:00:08Z",
        "2024-06-30T13:00:08.1Z",
        "2024-06-30T13:01:00.000001+00:00",
        "2024-06-30 13:01:02.2639+00:00",
        "2024-06-30T13:01:03",
        "2024-06-30T13:01:04.5",
    };
    DateParser parser;
    for (const char *text : texts) {
        const auto ms = parser.parseIso(text);
        QVERIFY2(ms, text);
        QDateTime qt = QDateTime::fromString(QString::fromLatin1(text), Qt::ISODateWithMs);
        if (qt.timeSpec() == Qt::LocalTime)
            qt = QDateTime(qt.date(), qt.time(), Qt::UTC);
        QCOMPARE(*ms, qt.toMSecsSinceEpoch());
    }
    QCOMPARE(*parser.parseIso("2024-06-30T13:00:00.263000+00:00"), utcMs("2024-06-30T13:00:00.263Z"));
    QCOMPARE(*parser.parseIso("2024-06-30T13:00:01.2639+00:00"), utcMs("2024-06-30T13:00:01.264Z"));
    QCOMPARE(*parser.parseIso("2024-06-30T15:00:01+02:00"), utcMs("2024-06-30T13:00:01Z"));
    // Within a known minute, bad seconds still fail; so do other bad dates.
    for (const char *bad : {"2024-06-30T13:00:61+00:00", "2024-06-30T13:00:5x+00:00", "2024-06-30T13:00:05.+00:00",
                            "2024-02-30T13:00:00Z", "2024-06-30T24:30:00Z", "yesterday", "", "2024-06-30T13:00:00+25:00"})
        QVERIFY2(!parser.parseIso(bad), bad);
    QCOMPARE(DateParser::fromEpochMs(1718968625129.0), std::optional<qint64>(1718968625129));
    QVERIFY(!DateParser::fromEpochMs(-1));
    QVERIFY(!DateParser::fromEpochMs(1e300));
}

void TestOpenF1::csvReader()
{
    // BOM, CRLF, quoted commas, doubled quotes, a line break inside quotes, empty fields,
    // a blank line, and a last line without a break.
    QByteArray text = "\xEF\xBB\xBF"
                      "a,b,c\r\n"
                      "1,\"x, y\",\"say \"\"hi\"\"\"\r\n"
                      "\r\n"
                      "2,\"two\nlines\",\r\n"
                      ",,\n"
                      "3,plain,end";
    QBuffer buffer(&text);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    CsvReader csv(buffer, 1024);
    using S = CsvReader::Status;
    QCOMPARE(csv.next(), S::Record);
    QCOMPARE(csv.fields().size(), size_t(3));
    QCOMPARE(csv.fields()[0], std::string_view("a"));
    QCOMPARE(csv.line(), qint64(1));
    QCOMPARE(csv.next(), S::Record);
    QCOMPARE(csv.fields()[1], std::string_view("x, y"));
    QCOMPARE(csv.fields()[2], std::string_view("say \"hi\""));
    QCOMPARE(csv.line(), qint64(2));
    QCOMPARE(csv.next(), S::Record);
    QCOMPARE(csv.line(), qint64(4));
    QCOMPARE(csv.fields()[1], std::string_view("two\nlines"));
    QCOMPARE(csv.fields()[2], std::string_view(""));
    QCOMPARE(csv.next(), S::Record);
    QCOMPARE(csv.line(), qint64(6));
    QCOMPARE(csv.fields().size(), size_t(3));
    QCOMPARE(csv.next(), S::Record);
    QCOMPARE(csv.line(), qint64(7));
    QCOMPARE(csv.fields()[2], std::string_view("end"));
    QCOMPARE(csv.next(), S::End);
}

void TestOpenF1::csvReaderLimits()
{
    // A record over the limit is skipped up to its line's end; text after a closing quote is
    // malformed; an unclosed quote runs on until the limit, then the next line reads again.
    QByteArray text = "h1,h2\n" + QByteArray(300, 'x') + ",1\n" + "ok,2\n" + "\"bad\"x,3\n" + "\"open,4\n" + "after,5\n" +
                      QByteArray(200, 'y') + "\n" + "\"never closed," + QByteArray(10, 'z');
    QBuffer buffer(&text);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    CsvReader csv(buffer, 100);
    using S = CsvReader::Status;
    QCOMPARE(csv.next(), S::Record);
    QCOMPARE(csv.next(), S::TooLong);
    QCOMPARE(csv.line(), qint64(2));
    QCOMPARE(csv.next(), S::Record);
    QCOMPARE(csv.fields()[0], std::string_view("ok"));
    QCOMPARE(csv.line(), qint64(3));
    QCOMPARE(csv.next(), S::Malformed);
    QCOMPARE(csv.line(), qint64(4));
    // "open,4 / after,5 / yyyy…" is one quoted field that passes the limit: skipped to line 5.
    QCOMPARE(csv.next(), S::TooLong);
    QCOMPARE(csv.line(), qint64(5));
    QCOMPARE(csv.next(), S::Record);
    QCOMPARE(csv.fields()[0], std::string_view("after"));
    QCOMPARE(csv.line(), qint64(6));
    QCOMPARE(csv.next(), S::TooLong);
    QCOMPARE(csv.line(), qint64(7));
    QCOMPARE(csv.next(), S::Malformed); // the quote never closes before the end
    QCOMPARE(csv.line(), qint64(8));
    QCOMPARE(csv.next(), S::End);
}

void TestOpenF1::fixturesEveryEndpoint()
{
    const RealSession s = readOpenF1Files({f1Dir(QStringLiteral("openf1_api_fixtures"))});
    QVERIFY2(s.issueCount == 0, qPrintable(issuesText(s)));
    QCOMPARE(s.origin, QStringLiteral("OpenF1"));
    QVERIFY2(s.missing.isEmpty(), qPrintable(s.missing.join(u',')));
    QVERIFY(s.ignored.contains(QStringLiteral("team_radio.json")));
    QVERIFY(s.ignored.contains(QStringLiteral("LICENSE.CC-BY-NC-SA-4.0.txt")));
    QCOMPARE(s.ignored.size(), 2);
    QCOMPARE(s.linesRead, qint64(10 * 10 + 9 + 9)); // ten endpoints of 10 records, sessions and meetings of 9

    // sessions: the data is FP1 (9532) but for the intervals, which are the race's (9539).
    const qint64 ref = 1718969400000;
    QCOMPARE(s.meta.referenceUtcMs, std::optional<qint64>(ref));
    QCOMPARE(s.meta.startedMs, std::optional<qint64>(0));
    QCOMPARE(s.meta.sessionName, QStringLiteral("Practice 1"));
    QCOMPARE(s.meta.sessionType, QStringLiteral("Practice"));
    QCOMPARE(s.meta.year, 2024);
    QCOMPARE(s.meta.circuitShortName, QStringLiteral("Catalunya"));
    QCOMPARE(s.meta.countryName, QStringLiteral("Spain"));
    QCOMPARE(s.meta.meetingName, QStringLiteral("Spanish Grand Prix")); // meetings
    QVERIFY2(s.meta.timingSource.contains(QStringLiteral("9532")), qPrintable(s.meta.timingSource));
    QVERIFY2(s.meta.timingSource.contains(QStringLiteral("9539")), qPrintable(s.meta.timingSource));

    // drivers
    QCOMPARE(s.drivers.size(), size_t(10));
    const RealDriver *max = driver(s, QStringLiteral("1"));
    QVERIFY(max);
    QCOMPARE(max->fullName, QStringLiteral("Max Verstappen"));
    QCOMPARE(max->code, QStringLiteral("VER"));
    QCOMPARE(max->teamName, QStringLiteral("Red Bull Racing"));
    QCOMPARE(max->teamColour, QStringLiteral("#3671C6"));
    QCOMPARE(driver(s, QStringLiteral("10"))->teamColour, QStringLiteral("#0093CC")); // "0093cc"
    QCOMPARE(driver(s, QStringLiteral("20"))->fullName, QStringLiteral("Kevin Magnussen"));

    // position (10) and intervals (one of ten has gaps; the others are empty strings)
    QCOMPARE(s.timing.size(), size_t(11));
    QVERIFY(sortedByTime(s.timing));
    const TimingUpdate *gasly = firstOf(s.timing, QStringLiteral("10"));
    QCOMPARE(gasly->position, std::optional<int>(5));
    QCOMPARE(gasly->ms, 1718968563987 - ref);
    QVERIFY(!gasly->gapToLeaderS);
    const TimingUpdate &interval = s.timing.back();
    QCOMPARE(interval.number, QStringLiteral("4"));
    QCOMPARE(interval.ms, 1719144447798 - ref);
    QCOMPARE(interval.gapToLeaderS, std::optional<double>(0.0));
    QCOMPARE(interval.intervalS, std::optional<double>(0.0));
    QVERIFY(!interval.position);

    // laps: no lap_duration and no next lap, so a lap is placed at its start
    QCOMPARE(s.laps.size(), size_t(10));
    QVERIFY(sortedByTime(s.laps));
    const LapRecord *lap = firstOf(s.laps, QStringLiteral("1"));
    QCOMPARE(lap->lap, 1);
    QCOMPARE(lap->ms, 1718969615872 - ref);
    QVERIFY(!lap->lapTimeS);
    QVERIFY(!lap->sectorS[0]);
    QCOMPARE(lap->sectorS[1], std::optional<double>(35.704));
    QCOMPARE(lap->sectorS[2], std::optional<double>(26.353));
    QVERIFY(lap->pitOutLap);
    QCOMPARE(firstOf(s.laps, QStringLiteral("14"))->sectorS[2], std::optional<double>(28.07));

    // pit: the old pit_duration field, null here
    QCOMPARE(s.pitStops.size(), size_t(10));
    QVERIFY(sortedByTime(s.pitStops));
    QCOMPARE(s.pitStops.front().number, QStringLiteral("77"));
    QCOMPARE(s.pitStops.front().ms, 1718969402317 - ref);
    QCOMPARE(s.pitStops.front().lap, std::optional<int>(1));
    QVERIFY(!s.pitStops.front().pitLaneS);
    QCOMPARE(s.pitStops.back().number, QStringLiteral("2"));

    // stints
    QCOMPARE(s.stints.size(), size_t(10));
    const Stint *ric = firstOf(s.stints, QStringLiteral("3"));
    QCOMPARE(ric->stintNumber, 1);
    QCOMPARE(ric->lapStart, std::optional<int>(1));
    QCOMPARE(ric->lapEnd, std::optional<int>(11));
    QCOMPARE(ric->compound, QStringLiteral("SOFT"));
    QCOMPARE(ric->tyreAgeAtStart, std::optional<int>(0));

    // race_control
    QCOMPARE(s.raceControl.size(), size_t(10));
    QVERIFY(sortedByTime(s.raceControl));
    const RaceControlMessage &green = s.raceControl.front();
    QCOMPARE(green.ms, 0);
    QCOMPARE(green.category, QStringLiteral("Flag"));
    QCOMPARE(green.flag, QStringLiteral("GREEN"));
    QCOMPARE(green.scope, QStringLiteral("Track"));
    QCOMPARE(green.message, QStringLiteral("GREEN LIGHT - PIT EXIT OPEN"));
    QVERIFY(!green.lap);
    QVERIFY(!green.sector);
    QVERIFY(green.driverNumber.isEmpty());
    QCOMPARE(s.raceControl[3].category, QStringLiteral("Drs"));
    QVERIFY(s.raceControl[3].flag.isEmpty());
    const RaceControlMessage &sector = s.raceControl[7];
    QCOMPARE(sector.ms, 1718972500000 - ref);
    QCOMPARE(sector.flag, QStringLiteral("CLEAR"));
    QCOMPARE(sector.scope, QStringLiteral("Sector"));
    QCOMPARE(sector.sector, std::optional<int>(3));
    QCOMPARE(sector.message, QStringLiteral("CLEAR IN TRACK SECTOR 3"));

    // weather: {"$numberDouble": …} values
    QCOMPARE(s.weather.size(), size_t(10));
    const WeatherSample &w = s.weather.front();
    QCOMPARE(w.ms, 1718968586087 - ref);
    QCOMPARE(w.airTempC, std::optional<double>(27.5));
    QCOMPARE(w.trackTempC, std::optional<double>(46.3));
    QCOMPARE(w.humidityPct, std::optional<double>(37.0));
    QCOMPARE(w.pressureMbar, std::optional<double>(1004.3));
    QCOMPARE(w.rainfall, std::optional<bool>(false));
    QCOMPARE(w.windSpeedMs, std::optional<double>(0.0));
    QCOMPARE(w.windDirectionDeg, std::optional<int>(93));
    QCOMPARE(s.weather[2].windSpeedMs, std::optional<double>(2.3));
    QCOMPARE(s.weather[2].windDirectionDeg, std::optional<int>(241));

    // location and car_data
    QCOMPARE(s.positions.size(), size_t(10));
    QCOMPARE(s.positions.front().ms, 1718968581363 - ref);
    QCOMPARE(s.positions.front().number, QStringLiteral("1"));
    QCOMPARE(s.positions.back().number, QStringLiteral("20"));
    QCOMPARE(s.carData.size(), size_t(10));
    QCOMPARE(s.carData.front().ms, 1718968625129 - ref);
    QCOMPARE(s.carData[4].number, QStringLiteral("10"));
    QCOMPARE(s.carData[4].speedKph, 0.0);
    QVERIFY(!s.carData[4].drs);
}

void TestOpenF1::extendedJsonForms()
{
    // The wrappers mongoexport writes besides the fixtures' ones, and its default layout: one
    // document per line, no array.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(QStringLiteral("car_data.json")),
                      R"({"_id": {"$oid": "66"}, "date": {"$date": {"$numberLong": "1719752400500"}}, )"
                      R"("driver_number": {"$numberInt": "44"}, "speed": {"$numberDouble": "301.5"}, )"
                      R"("rpm": {"$numberLong": "11800"}, "n_gear": 8, "throttle": 99, "brake": 0, )"
                      R"("drs": {"$numberInt": "12"}})"
                      "\n"
                      R"({"date": {"$date": "2024-06-30T13:00:01.000Z"}, "driver_number": 44, "speed": 250, )"
                      R"("rpm": 10000, "n_gear": 7, "throttle": 0, "brake": 100, "drs": 8})"
                      "\n"
                      R"({"date": {"$date": 1719752400000}, "driver_number": 1, "speed": {"$numberDouble": "NaN"}, )"
                      R"("rpm": 0, "n_gear": 0, "throttle": 0, "brake": 0, "drs": 14, )"
                      R"("segments": [1, [2, {"a": 3}]]})"
                      "\n"));
    const RealSession s = readOpenF1Files({dir.path()});
    QVERIFY2(s.issueCount == 0, qPrintable(issuesText(s)));
    QCOMPARE(s.linesRead, qint64(3));
    QCOMPARE(s.meta.referenceUtcMs, std::optional<qint64>(1719752400000));
    QVERIFY(!s.meta.startedMs);
    QVERIFY2(s.meta.timingSource.contains(QStringLiteral("earliest date")), qPrintable(s.meta.timingSource));
    QCOMPARE(s.carData.size(), size_t(3));
    QCOMPARE(s.carData[0].ms, 0);
    QCOMPARE(s.carData[0].number, QStringLiteral("1"));
    QCOMPARE(s.carData[0].speedKph, 0.0); // NaN: unset
    QVERIFY(s.carData[0].drs);            // 14
    QCOMPARE(s.carData[1].ms, 500);
    QCOMPARE(s.carData[1].number, QStringLiteral("44"));
    QCOMPARE(s.carData[1].speedKph, 301.5);
    QCOMPARE(s.carData[1].rpm, 11800);
    QCOMPARE(s.carData[1].gear, 8);
    QCOMPARE(s.carData[1].throttlePct, 99.0);
    QVERIFY(s.carData[1].drs); // 12
    QCOMPARE(s.carData[2].ms, 1000);
    QCOMPARE(s.carData[2].brakePct, 100.0);
    QVERIFY(!s.carData[2].drs); // 8: eligible, not open
    QVERIFY(s.missing.contains(QStringLiteral("laps")));
    QVERIFY(!s.missing.contains(QStringLiteral("car_data")));
}

void TestOpenF1::apiFormJson()
{
    // The public API's form: plain numbers, ISO dates with microseconds and offsets, gaps
    // as numbers or "+1 LAP", both pit fields.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(QStringLiteral("sessions.json")), R"([
 {"session_key": 9550, "meeting_key": 1239, "session_name": "Race", "session_type": "Race", "year": 2024,
  "circuit_short_name": "Spielberg", "country_name": "Austria", "date_start": "2024-06-30T13:00:00+00:00",
  "date_end": "2024-06-30T15:00:00+00:00"}])"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("meetings.json")), R"([
 {"meeting_key": 1238, "meeting_name": "Spanish Grand Prix", "year": 2024},
 {"meeting_key": 1239, "meeting_name": "Austrian Grand Prix", "year": 2024}])"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("laps.json")), R"([
 {"session_key": 9550, "driver_number": 1, "lap_number": 2, "date_start": "2024-06-30T13:05:10.500000+00:00",
  "lap_duration": 70.25, "duration_sector_1": 20.1, "duration_sector_2": 30.05, "duration_sector_3": 20.1,
  "is_pit_out_lap": false},
 {"session_key": 9550, "driver_number": 1, "lap_number": 1, "date_start": "2024-06-30T15:03:50.000+02:00",
  "lap_duration": null, "duration_sector_1": null, "duration_sector_2": 31.0, "duration_sector_3": 21.0,
  "is_pit_out_lap": false}])"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("intervals.json")), R"([
 {"session_key": 9550, "date": "2024-06-30T13:10:00.000000+00:00", "driver_number": 1,
  "gap_to_leader": 0, "interval": 0},
 {"session_key": 9550, "date": "2024-06-30T13:10:00.100000+00:00", "driver_number": 2,
  "gap_to_leader": "+1 LAP", "interval": 3.25},
 {"session_key": 9550, "date": "2024-06-30T13:10:00.200000+00:00", "driver_number": 3,
  "gap_to_leader": "+2 LAPS", "interval": "+1 LAP"},
 {"session_key": 9550, "date": "2024-06-30T13:10:00.300000Z", "driver_number": 4,
  "gap_to_leader": 12.5, "interval": null}])"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("pit.json")), R"([
 {"session_key": 9550, "date": "2024-06-30T13:30:00", "driver_number": 4, "lap_number": 20, "pit_duration": 22.5},
 {"session_key": 9550, "date": "2024-06-30T13:40:00Z", "driver_number": 1, "lap_number": 25,
  "lane_duration": 19.8, "stop_duration": 2.4}])"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("position.json")),
                      R"([{"session_key": 9550, "date": "2024-06-30T13:04:00.5+00:00", "driver_number": 81,
                            "position": 2}])"));

    const RealSession s = readOpenF1Files({dir.path()});
    QVERIFY2(s.issueCount == 0, qPrintable(issuesText(s)));
    const qint64 ref = utcMs("2024-06-30T13:00:00Z");
    QCOMPARE(s.meta.referenceUtcMs, std::optional<qint64>(ref));
    QCOMPARE(s.meta.startedMs, std::optional<qint64>(0));
    QCOMPARE(s.meta.meetingName, QStringLiteral("Austrian Grand Prix"));
    QCOMPARE(s.meta.sessionName, QStringLiteral("Race"));
    QCOMPARE(s.meta.circuitShortName, QStringLiteral("Spielberg"));
    QVERIFY(s.meta.timingSource.contains(QStringLiteral("date_start")));

    // Lap 1 has no duration: it ends where lap 2 starts. Lap 2 ends at its start + 70.25 s.
    QCOMPARE(s.laps.size(), size_t(2));
    QCOMPARE(s.laps[0].lap, 1);
    QCOMPARE(s.laps[0].ms, 5 * 60000 + 10500);
    QVERIFY(!s.laps[0].lapTimeS);
    QCOMPARE(s.laps[1].lap, 2);
    QCOMPARE(s.laps[1].ms, 5 * 60000 + 10500 + 70250);
    QCOMPARE(s.laps[1].lapTimeS, std::optional<double>(70.25));
    QCOMPARE(s.laps[1].sectorS[1], std::optional<double>(30.05));

    QCOMPARE(s.timing.size(), size_t(5));
    QCOMPARE(s.timing[0].number, QStringLiteral("81"));
    QCOMPARE(s.timing[0].ms, 4 * 60000 + 500);
    QCOMPARE(s.timing[0].position, std::optional<int>(2));
    QCOMPARE(s.timing[1].gapToLeaderS, std::optional<double>(0.0));
    QCOMPARE(s.timing[2].ms, 10 * 60000 + 100);
    QVERIFY(!s.timing[2].gapToLeaderS);
    QCOMPARE(s.timing[2].lapsBehindLeader, std::optional<int>(1));
    QCOMPARE(s.timing[2].intervalS, std::optional<double>(3.25));
    QCOMPARE(s.timing[3].lapsBehindLeader, std::optional<int>(2));
    QCOMPARE(s.timing[3].lapsBehindAhead, std::optional<int>(1));
    QCOMPARE(s.timing[4].gapToLeaderS, std::optional<double>(12.5));
    QVERIFY(!s.timing[4].intervalS);
    QVERIFY(!s.timing[4].lapsBehindAhead);

    QCOMPARE(s.pitStops.size(), size_t(2));
    QCOMPARE(s.pitStops[0].ms, 30 * 60000); // no offset written: UTC
    QCOMPARE(s.pitStops[0].pitLaneS, std::optional<double>(22.5));
    QCOMPARE(s.pitStops[0].lap, std::optional<int>(20));
    QCOMPARE(s.pitStops[1].pitLaneS, std::optional<double>(19.8));
    QCOMPARE(s.pitStops[1].number, QStringLiteral("1"));
}

void TestOpenF1::csvWithQuotes()
{
    // CSV as the API's csv=true answers or an export writes: columns in another order,
    // quoted text with commas, quotes and a line break, CRLF, empty cells for nulls.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(QStringLiteral("race_control.csv")),
                      "message,date,category,flag,scope,sector,lap_number,driver_number,session_key\r\n"
                      "\"CAR 44 (HAM) TIME 1:07.123 DELETED - TRACK LIMITS AT TURN 10 LAP 3 14:02:12\","
                      "2024-06-30T13:10:00.250000+00:00,Other,,,,3,44,9550\r\n"
                      "\"YELLOW IN TRACK SECTOR 2, \"\"CAR STOPPED\"\"\nON TRACK\",2024-06-30T13:05:00+00:00,"
                      "Flag,YELLOW,Sector,2,2,,9550\r\n"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("laps_part1.csv")), "driver_number,lap_number,date_start,lap_duration,duration_sector_1,duration_sector_2,"
                                                                      "duration_sector_3,is_pit_out_lap\n"
                                                                      "44,2,2024-06-30T13:02:00+00:00,68.5,17.5,30.0,21.0,False\n"
                                                                      "44,1,2024-06-30T13:00:30+00:00,,,,,True\n"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("weather.csv")),
                      "date,air_temperature,track_temperature,humidity,pressure,rainfall,wind_speed,wind_direction\n"
                      "2024-06-30T12:59:00+00:00,29.1,48.2,45,938.5,1,1.4,180\n"));
    const RealSession s = readOpenF1Files({dir.path()});
    QVERIFY2(s.issueCount == 0, qPrintable(issuesText(s)));
    QCOMPARE(s.linesRead, qint64(5));
    const qint64 ref = utcMs("2024-06-30T12:59:00Z"); // the earliest date: weather's
    QCOMPARE(s.meta.referenceUtcMs, std::optional<qint64>(ref));

    QCOMPARE(s.raceControl.size(), size_t(2));
    const RaceControlMessage &yellow = s.raceControl[0];
    QCOMPARE(yellow.message, QStringLiteral("YELLOW IN TRACK SECTOR 2, \"CAR STOPPED\"\nON TRACK"));
    QCOMPARE(yellow.flag, QStringLiteral("YELLOW"));
    QCOMPARE(yellow.sector, std::optional<int>(2));
    QCOMPARE(yellow.lap, std::optional<int>(2));
    QVERIFY(yellow.driverNumber.isEmpty());
    QCOMPARE(yellow.ms, utcMs("2024-06-30T13:05:00Z") - ref);
    const RaceControlMessage &deleted = s.raceControl[1];
    QCOMPARE(deleted.driverNumber, QStringLiteral("44"));
    QCOMPARE(deleted.category, QStringLiteral("Other"));
    QVERIFY(deleted.flag.isEmpty());
    QVERIFY(!deleted.sector);
    QCOMPARE(deleted.ms, utcMs("2024-06-30T13:10:00.250Z") - ref);

    QCOMPARE(s.laps.size(), size_t(2));
    QVERIFY(s.laps[0].pitOutLap);
    QCOMPARE(s.laps[0].ms, utcMs("2024-06-30T13:02:00Z") - ref); // ends where lap 2 starts
    QVERIFY(!s.laps[1].pitOutLap);
    QCOMPARE(s.laps[1].lapTimeS, std::optional<double>(68.5));
    QCOMPARE(s.laps[1].sectorS[0], std::optional<double>(17.5));

    QCOMPARE(s.weather.size(), size_t(1));
    QCOMPARE(s.weather[0].rainfall, std::optional<bool>(true));
    QCOMPARE(s.weather[0].pressureMbar, std::optional<double>(938.5));
    QCOMPARE(s.weather[0].windDirectionDeg, std::optional<int>(180));
}

void TestOpenF1::austrianRace()
{
    QElapsedTimer timer;
    timer.start();
    const RealSession s = readOpenF1Files({f1Dir(QStringLiteral("openf1_2024_austrian_gp_race"))});
    qInfo("Austrian GP folder read in %lld ms", qint64(timer.elapsed()));
    QVERIFY2(s.issueCount == 0, qPrintable(issuesText(s)));
    QCOMPARE(s.linesRead, qint64(419520 + 20 + 65));
    QVERIFY(s.ignored.isEmpty());
    for (const char *name : {"sessions", "meetings", "laps", "position", "intervals", "pit", "race_control", "weather", "car_data"})
        QVERIFY2(s.missing.contains(QLatin1String(name)), name);
    QCOMPARE(s.missing.size(), 9);

    QCOMPARE(s.drivers.size(), size_t(20));
    QCOMPARE(driver(s, QStringLiteral("1"))->fullName, QStringLiteral("Max Verstappen"));
    QCOMPARE(driver(s, QStringLiteral("1"))->teamColour, QStringLiteral("#3671C6"));
    const RealDriver *norris = driver(s, QStringLiteral("4"));
    QCOMPARE(norris->fullName, QStringLiteral("Lando Norris"));
    QCOMPARE(norris->code, QStringLiteral("NOR"));
    QCOMPARE(norris->teamName, QStringLiteral("McLaren"));
    QCOMPARE(norris->teamColour, QStringLiteral("#FF8000"));
    QCOMPARE(driver(s, QStringLiteral("44"))->code, QStringLiteral("HAM"));
    QCOMPARE(driver(s, QStringLiteral("44"))->teamColour, QStringLiteral("#27F4D2"));
    QCOMPARE(driver(s, QStringLiteral("24"))->teamColour, QStringLiteral("#52E252"));

    QCOMPARE(s.stints.size(), size_t(65));
    std::vector<Stint> norrisStints;
    std::copy_if(s.stints.begin(), s.stints.end(), std::back_inserter(norrisStints),
                 [](const Stint &st) { return st.number == QLatin1String("4"); });
    QCOMPARE(norrisStints.size(), size_t(3));
    std::sort(norrisStints.begin(), norrisStints.end(),
              [](const Stint &a, const Stint &b) { return a.stintNumber < b.stintNumber; });
    QCOMPARE(norrisStints[1].compound, QStringLiteral("HARD"));
    QCOMPARE(norrisStints[1].lapStart, std::optional<int>(24));
    QCOMPARE(norrisStints[1].lapEnd, std::optional<int>(51));
    QCOMPARE(norrisStints[2].lapEnd, std::optional<int>(64));

    // No sessions file: time 0 is the earliest date read.
    const qint64 first = utcMs("2024-06-30T13:00:00.263Z");
    QCOMPARE(s.meta.referenceUtcMs, std::optional<qint64>(first));
    QVERIFY(!s.meta.startedMs);
    QVERIFY2(s.meta.timingSource.contains(QStringLiteral("earliest date")), qPrintable(s.meta.timingSource));

    QCOMPARE(s.positions.size(), size_t(419520));
    QVERIFY(sortedByTime(s.positions));
    QCOMPARE(s.positions.front().ms, 0);
    QCOMPARE(s.positions.back().ms, utcMs("2024-06-30T14:31:28.065Z") - first);
    // Every car at every instant: the first 20 samples are the 20 cars at 13:00:00.263.
    QCOMPARE(s.positions[19].ms, 0);
    QVERIFY(s.positions[20].ms > 0);
    QCOMPARE(s.positions.front().number, QStringLiteral("1"));
    QCOMPARE(s.positions[1].number, QStringLiteral("10")); // equal times keep the files' (name) order
    QCOMPARE(s.positions[19].number, QStringLiteral("81"));
    const PositionSample *norrisFirst = firstOf(s.positions, QStringLiteral("4"));
    QCOMPARE(norrisFirst->x, 1145.0);
    QCOMPARE(norrisFirst->y, -1197.0);
    QCOMPARE(norrisFirst->z, 7215.0);

    // Norris retired: over the last five minutes his car moves at most 1 unit (0.1 m) while
    // the winner's covers the lap.
    const qint64 lastFive = s.positions.back().ms - 5 * 60000;
    double minX = 1e9, maxX = -1e9, minY = 1e9, maxY = -1e9, winnerMinX = 1e9, winnerMaxX = -1e9;
    int norrisSamples = 0;
    for (const PositionSample &p : s.positions) {
        if (p.ms < lastFive)
            continue;
        if (p.number == QLatin1String("4")) {
            ++norrisSamples;
            minX = std::min(minX, p.x), maxX = std::max(maxX, p.x);
            minY = std::min(minY, p.y), maxY = std::max(maxY, p.y);
            QCOMPARE(p.z, 7313.0);
        } else if (p.number == QLatin1String("63")) {
            winnerMinX = std::min(winnerMinX, p.x), winnerMaxX = std::max(winnerMaxX, p.x);
        }
    }
    QVERIFY(norrisSamples > 1000);
    QVERIFY(maxX - minX <= 1.0);
    QVERIFY(maxY - minY <= 1.0);
    QCOMPARE(maxY, -1286.0);
    QVERIFY(winnerMaxX - winnerMinX > 5000.0);
}

void TestOpenF1::badInput()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // location: line 3 bad number, 4 bad date, 5 too few fields, 6 over the line limit, 7 no date;
    // lines 2 and 8 are good.
    QVERIFY(writeFile(dir.filePath(QStringLiteral("location_driver_4.csv")),
                      "date,session_key,z,x,driver_number,meeting_key,y\n"
                      "2024-06-30T13:00:00.263000+00:00,9550,7215,1145,4,1239,-1197\n"
                      "2024-06-30T13:00:00.643000+00:00,9550,7215,abc,4,1239,-1199\n"
                      "2024-06-30T25:00:00.643000+00:00,9550,7215,1,4,1239,-1199\n"
                      "2024-06-30T13:00:01.000000+00:00,9550,7215\n"
                      "2024-06-30T13:00:01.100000+00:00,9550,7215,1,4,1239," +
                          QByteArray(400, '9') +
                          "\n"
                          ",9550,7215,1,4,1239,-1199\n"
                          "2024-06-30T13:00:02.000000+00:00,9550,7216,1150,4,1239,-1190\n"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("car_data.json")), "this is not JSON\n"));
    // weather: record 2 is not an object, record 3 has a bad date, record 4 a text temperature.
    QVERIFY(writeFile(dir.filePath(QStringLiteral("weather.json")), R"([
 {"date": "2024-06-30T13:00:00Z", "air_temperature": 29.5, "rainfall": 0},
 42,
 {"date": "yesterday", "air_temperature": 29.5},
 {"date": "2024-06-30T13:01:00Z", "air_temperature": "warm"},
 {"date": "2024-06-30T13:02:00Z", "air_temperature": 30.0, "rainfall": true}
])"));
    // laps: cut off in record 2, a fault of structure: the file is one issue.
    QVERIFY(writeFile(dir.filePath(QStringLiteral("laps.json")),
                      R"([{"date_start": "2024-06-30T13:00:10Z", "driver_number": 4, "lap_number": 1,
   "lap_duration": 80.5},
 {"date_start": "2024-06-30T13:01:30Z", "driver_number": )"));
    // position: a bad number literal in record 2 spoils that record only.
    QVERIFY(writeFile(dir.filePath(QStringLiteral("position.json")), R"([
 {"date": "2024-06-30T13:00:00Z", "driver_number": 1, "position": 1},
 {"date": "2024-06-30T13:00:01Z", "driver_number": 2, "position": 2x},
 {"date": "2024-06-30T13:00:02Z", "driver_number": 3, "position": 3}])"));
    // intervals: a comma missing before record 3 ends the file there; records 1 and 2 are kept.
    QVERIFY(writeFile(dir.filePath(QStringLiteral("intervals.json")), R"([
 {"date": "2024-06-30T13:00:00Z", "driver_number": 1, "gap_to_leader": 0.0, "interval": 0.0},
 {"date": "2024-06-30T13:00:01Z", "driver_number": 2, "gap_to_leader": 1.5, "interval": 1.5}
 {"date": "2024-06-30T13:00:02Z", "driver_number": 3, "gap_to_leader": 2.5, "interval": 1.0}])"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("pit.json")), QByteArray()));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("stints.csv")), "just,some,words\n1,2,3\n"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("notes.txt")), "hello"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("team_radio.json")), "[]"));
    const QString absent = dir.filePath(QStringLiteral("no_such_folder"));

    OpenF1ReadOptions options;
    options.maxLineBytes = 256;
    const RealSession s = readOpenF1Files({dir.path(), absent}, options);
    const QString location = QStringLiteral("location_driver_4.csv");
    VERIFY_ISSUE(s, location, 3, "x: not a number");
    VERIFY_ISSUE(s, location, 4, "date: not a date");
    VERIFY_ISSUE(s, location, 5, "3 fields");
    VERIFY_ISSUE(s, location, 6, "longer than 256");
    VERIFY_ISSUE(s, location, 7, "date: missing");
    VERIFY_ISSUE(s, QStringLiteral("car_data.json"), 0, "not a JSON file");
    VERIFY_ISSUE(s, QStringLiteral("weather.json"), 2, "not an object");
    VERIFY_ISSUE(s, QStringLiteral("weather.json"), 3, "not a date");
    VERIFY_ISSUE(s, QStringLiteral("weather.json"), 4, "air_temperature: not a number");
    VERIFY_ISSUE(s, QStringLiteral("laps.json"), 0, "not valid JSON");
    VERIFY_ISSUE(s, QStringLiteral("position.json"), 2, "position: not a number");
    VERIFY_ISSUE(s, QStringLiteral("intervals.json"), 3, "not valid JSON");
    VERIFY_ISSUE(s, QStringLiteral("pit.json"), 0, "empty file");
    VERIFY_ISSUE(s, QStringLiteral("stints.csv"), 1, "not an OpenF1 CSV");
    VERIFY_ISSUE(s, absent, 0, "no such file");
    QCOMPARE(s.issueCount, qint64(15));
    QCOMPARE(qint64(s.issues.size()), s.issueCount);

    QCOMPARE(s.ignored, QStringList({QStringLiteral("notes.txt"), QStringLiteral("team_radio.json")}));
    // The rest still reads.
    QCOMPARE(s.positions.size(), size_t(2));
    QCOMPARE(s.positions[1].x, 1150.0);
    QCOMPARE(s.meta.referenceUtcMs, std::optional<qint64>(utcMs("2024-06-30T13:00:00Z"))); // weather, position
    QCOMPARE(s.positions[1].ms, 2000);
    QCOMPARE(s.weather.size(), size_t(2));
    QCOMPARE(s.weather[1].airTempC, std::optional<double>(30.0));
    QCOMPARE(s.weather[1].rainfall, std::optional<bool>(true));
    QVERIFY(s.laps.empty());
    // Gaps of cars 1 and 2, positions of cars 1 and 3 (at equal times intervals.json first).
    QCOMPARE(s.timing.size(), size_t(4));
    QCOMPARE(s.timing[0].number, QStringLiteral("1"));
    QCOMPARE(s.timing[0].gapToLeaderS, std::optional<double>(0.0));
    QCOMPARE(s.timing[1].number, QStringLiteral("1"));
    QCOMPARE(s.timing[1].position, std::optional<int>(1));
    QCOMPARE(s.timing[2].number, QStringLiteral("2"));
    QCOMPARE(s.timing[2].intervalS, std::optional<double>(1.5));
    QCOMPARE(s.timing[3].number, QStringLiteral("3"));
    QCOMPARE(s.timing[3].position, std::optional<int>(3));
    // Files that gave no record leave their endpoints missing.
    for (const char *name : {"car_data", "pit", "stints", "sessions", "laps"})
        QVERIFY2(s.missing.contains(QLatin1String(name)), name);
    QVERIFY(!s.missing.contains(QStringLiteral("intervals")));
    // Counted: 7 location rows, 5 weather records, 3 position and 2 intervals records.
    QCOMPARE(s.linesRead, qint64(7 + 5 + 3 + 2));
}

void TestOpenF1::overLongLineAtDefaultLimit()
{
    // A line just over 1 MiB in the middle of a file: reported and skipped, and the lines
    // around it read (a readLine(max) cut would have turned its tail into a bad record).
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QByteArray text = "date,driver_number,x,y,z\n2024-06-30T13:00:00Z,1,1,2,3\n";
    text += "2024-06-30T13:00:01Z,1,1,2," + QByteArray((1 << 20) + 10, '7') + "\n";
    text += "2024-06-30T13:00:02Z,1,4,5,6\n";
    QVERIFY(writeFile(dir.filePath(QStringLiteral("location.csv")), text));
    const RealSession s = readOpenF1Files({dir.filePath(QStringLiteral("location.csv"))});
    QCOMPARE(s.issueCount, qint64(1));
    VERIFY_ISSUE(s, QStringLiteral("location.csv"), 3, "longer than 1048576");
    QCOMPARE(s.positions.size(), size_t(2));
    QCOMPARE(s.positions[1].ms, 2000);
    QCOMPARE(s.positions[1].z, 6.0);
}

void TestOpenF1::sizeLimits()
{
    const QStringList fixtures{f1Dir(QStringLiteral("openf1_api_fixtures"))};

    // Files over the size limit are skipped (laps.json is 20 KB, the others under 6 KB).
    OpenF1ReadOptions small;
    small.maxFileBytes = 10000;
    RealSession s = readOpenF1Files(fixtures, small);
    QCOMPARE(s.issueCount, qint64(1)); // the license is as large, but ignored unread
    VERIFY_ISSUE(s, QStringLiteral("laps.json"), 0, "larger than 10000 bytes");
    QVERIFY(s.laps.empty());
    QVERIFY(s.missing.contains(QStringLiteral("laps")));
    QCOMPARE(s.weather.size(), size_t(10));

    // The record limit stops the whole read.
    OpenF1ReadOptions few;
    few.maxRecords = 25;
    s = readOpenF1Files(fixtures, few);
    QCOMPARE(s.issueCount, qint64(1));
    VERIFY_ISSUE(s, QStringLiteral("intervals.json"), 6, "more than 25 records");
    QCOMPARE(s.carData.size(), size_t(10));
    QCOMPARE(s.drivers.size(), size_t(10));
    QCOMPARE(s.timing.size(), size_t(1)); // intervals: car 4's gaps among the first five
    QVERIFY(s.laps.empty());

    // The file count limit: the first files by name only.
    OpenF1ReadOptions fewFiles;
    fewFiles.maxFiles = 3; // LICENSE…txt, car_data.json, drivers.json
    s = readOpenF1Files(fixtures, fewFiles);
    VERIFY_ISSUE(s, QString(), 0, "more than 3 files");
    QCOMPARE(s.issueCount, qint64(1));
    QCOMPARE(s.carData.size(), size_t(10));
    QCOMPARE(s.drivers.size(), size_t(10));
    QVERIFY(s.weather.empty());
    QCOMPARE(s.ignored, QStringList{QStringLiteral("LICENSE.CC-BY-NC-SA-4.0.txt")});
}

void TestOpenF1::sessionChoice()
{
    // Several sessions, none of them the data's: none is used, and the reader says why.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(QStringLiteral("sessions.json")), R"([
 {"session_key": 1, "session_name": "Practice 1", "date_start": "2024-06-28T10:30:00Z", "country_name": "Austria"},
 {"session_key": 2, "session_name": "Qualifying", "date_start": "2024-06-29T14:00:00Z", "country_name": "Austria"}])"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("position.json")),
                      R"([{"session_key": 3, "date": "2024-06-30T13:04:00Z", "driver_number": 81, "position": 2}])"));
    RealSession s = readOpenF1Files({dir.path()});
    QCOMPARE(s.issueCount, qint64(0));
    QVERIFY(s.meta.sessionName.isEmpty());
    QCOMPARE(s.meta.referenceUtcMs, std::optional<qint64>(utcMs("2024-06-30T13:04:00Z")));
    QVERIFY2(s.meta.timingSource.contains(QStringLiteral("does not list the data's session 3")), qPrintable(s.meta.timingSource));

    // The one that matches is chosen; without meetings the name comes from the country.
    QVERIFY(writeFile(dir.filePath(QStringLiteral("position.json")),
                      R"([{"session_key": 2, "date": "2024-06-29T14:04:00Z", "driver_number": 81, "position": 2}])"));
    s = readOpenF1Files({dir.path()});
    QCOMPARE(s.meta.sessionName, QStringLiteral("Qualifying"));
    QCOMPARE(s.meta.referenceUtcMs, std::optional<qint64>(utcMs("2024-06-29T14:00:00Z")));
    QCOMPARE(s.timing.front().ms, 4 * 60000);
    QCOMPARE(s.meta.meetingName, QStringLiteral("Austria Grand Prix"));
    QVERIFY2(s.meta.timingSource.contains(QStringLiteral("meeting name made from the country")), qPrintable(s.meta.timingSource));
}

void TestOpenF1::driverNames()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(QStringLiteral("drivers.csv")), "driver_number,full_name,name_acronym,team_colour,team_name\n"
                                                                   "1,Max VERSTAPPEN,VER,3671C6,Red Bull Racing\n"
                                                                   "21,Nyck DE VRIES,DEV,#5e8faa,AlphaTauri\n"
                                                                   "25,Jean-Eric VERGNE,JEV,not a colour,Toro Rosso\n"
                                                                   "24,ZHOU Guanyu,ZHO,,Kick Sauber\n"
                                                                   "1,Someone ELSE,XXX,000000,Other\n"));
    const RealSession s = readOpenF1Files({dir.path()});
    QCOMPARE(s.issueCount, qint64(0));
    QCOMPARE(s.drivers.size(), size_t(4)); // number 1 once: the first record
    QCOMPARE(s.drivers[0].fullName, QStringLiteral("Max Verstappen"));
    QCOMPARE(s.drivers[0].code, QStringLiteral("VER"));
    QCOMPARE(s.drivers[1].fullName, QStringLiteral("Nyck De Vries"));
    QCOMPARE(s.drivers[1].teamColour, QStringLiteral("#5E8FAA"));
    QCOMPARE(s.drivers[2].fullName, QStringLiteral("Jean-Eric Vergne"));
    QVERIFY(s.drivers[2].teamColour.isEmpty());
    QCOMPARE(s.drivers[3].fullName, QStringLiteral("Zhou Guanyu"));
    QVERIFY(s.drivers[3].teamColour.isEmpty());
}

void TestOpenF1::looksLikeOpenF1Paths()
{
    QVERIFY(looksLikeOpenF1({f1Dir(QStringLiteral("openf1_api_fixtures"))}));
    QVERIFY(looksLikeOpenF1({f1Dir(QStringLiteral("openf1_2024_austrian_gp_race"))})); // endpoint files in a subfolder
    QVERIFY(looksLikeOpenF1({f1Dir(QStringLiteral("openf1_2024_austrian_gp_race/location/location_driver_44.csv"))}));
    QVERIFY(!looksLikeOpenF1({f1Dir(QStringLiteral("livetiming_2018_azerbaijan_gp_race"))}));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(!looksLikeOpenF1({dir.path()}));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("lapsed.json")), "[]"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("notes.txt")), "x"));
    QVERIFY(!looksLikeOpenF1({dir.path(), dir.filePath(QStringLiteral("missing"))}));
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("a/b")));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("a/b/pit_2024.csv")), "date\n"));
    QVERIFY(looksLikeOpenF1({dir.path()}));
    OpenF1ReadOptions shallow;
    shallow.maxFolderDepth = 1; // a/b is two below
    QVERIFY(!looksLikeOpenF1({dir.path()}, shallow));
}

void TestOpenF1::concurrentReads()
{
    // Two reads at once on worker threads give what one read alone gives.
    const QStringList paths{f1Dir(QStringLiteral("openf1_api_fixtures"))};
    const RealSession alone = readOpenF1Files(paths);
    RealSession a, b;
    std::thread first([&] { a = readOpenF1Files(paths); });
    std::thread second([&] { b = readOpenF1Files(paths); });
    first.join();
    second.join();
    for (const RealSession *s : {&a, &b}) {
        QCOMPARE(s->linesRead, alone.linesRead);
        QCOMPARE(s->weather.size(), alone.weather.size());
        QCOMPARE(s->meta.referenceUtcMs, alone.meta.referenceUtcMs);
        QCOMPARE(s->laps.back().ms, alone.laps.back().ms);
        QCOMPARE(s->drivers.back().fullName, alone.drivers.back().fullName);
    }
}

QTEST_GUILESS_MAIN(TestOpenF1)
#include "tst_openf1.moc"
