#include "LiveTimingReader.h"

#include "JsonMerge.h"
#include "JsonStreamReader.h"
#include "LiveTimingText.h"
#include "TelemetryParser.h"
#include "TimingDataTracker.h"
#include "ZPayloadDecoder.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTimeZone>
#include <QDateTime>

#include <algorithm>
#include <functional>
#include <map>

namespace pitwall::sources {

using namespace livetiming;

namespace {

constexpr QLatin1String kSuffix(".jsonStream");

QString str(const QJsonObject &object, const char *key)
{
    const QJsonValue value = object.value(QLatin1String(key));
    return value.isString() ? value.toString() : QString();
}

QJsonObject obj(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toObject();
}

// Entries of a value sent as an array or as an object keyed "0", "1"...: (index, value) in order.
std::vector<std::pair<int, QJsonValue>> indexedEntries(const QJsonValue &value)
{
    std::vector<std::pair<int, QJsonValue>> entries;
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            entries.emplace_back(int(i), array.at(i));
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            bool ok = false;
            const int index = it.key().toInt(&ok);
            if (ok && index >= 0)
                entries.emplace_back(index, it.value());
        }
        std::sort(entries.begin(), entries.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    }
    return entries;
}

QString teamColour(const QString &hex)
{
    const QString text = hex.trimmed().remove(QLatin1Char('#'));
    const bool valid = text.size() == 6 && std::all_of(text.begin(), text.end(), [](QChar c) {
                           const QChar lower = c.toLower();
                           return (c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
                                  (lower >= QLatin1Char('a') && lower <= QLatin1Char('f'));
                       });
    return valid ? QLatin1Char('#') + text.toUpper() : QString();
}

template <typename T>
void sortByTime(std::vector<T> &items)
{
    // Lines come in time order, so this is mostly a check; .z entries may still interleave.
    const auto earlier = [](const T &a, const T &b) { return a.ms < b.ms; };
    if (!std::is_sorted(items.begin(), items.end(), earlier))
        std::stable_sort(items.begin(), items.end(), earlier);
}

// One read of one folder: the session being built and the running state of its topics.
class FolderRead {
public:
    FolderRead(const QString &folder, const LiveTimingOptions &options)
        : m_dir(folder)
        , m_options(options)
        , m_tracker(m_session)
        , m_telemetry(m_session)
    {
        m_session.origin = QStringLiteral("F1 live timing");
    }

    RealSession run();

private:
    using JsonHandler = std::function<void(const JsonStreamReader::Line &, const QJsonObject &)>;
    using RawHandler = std::function<void(const JsonStreamReader::Line &)>;

    bool has(const QString &topic) const { return m_present.contains(topic); }
    QString fileOf(const QString &topic) const { return topic + kSuffix; }
    void readRaw(const QString &topic, const RawHandler &handler);
    void readJson(const QString &topic, const JsonHandler &handler);
    void issue(const QString &topic, qint64 line, const QString &message) { m_session.addIssue(fileOf(topic), line, message); }

    void readClockTopic(const QString &topic, std::optional<qint64> &reference);
    void readSessionInfo();
    void readSessionStatus();
    void decideReference();
    void readDriverList();
    void readTimingData();
    void readTimingAppData();
    void readTimingStats();
    void readRaceControl();
    void readTrackStatus();
    void readLapCount();
    void readWeather();
    void readZTopic(const QString &topic, bool carData);

    QDir m_dir;
    LiveTimingOptions m_options;
    RealSession m_session;
    TimingDataTracker m_tracker;
    TelemetryParser m_telemetry;
    QSet<QString> m_present;
    QJsonObject m_sessionInfo;
    std::optional<qint64> m_heartbeatRef;
    std::optional<qint64> m_clockRef;
    std::optional<qint64> m_raceControlRef; // from the messages' own Utc stamps
};

RealSession FolderRead::run()
{
    if (!QFileInfo(m_dir.path()).isDir()) {
        m_session.addIssue(m_dir.path(), 0, QStringLiteral("live-timing folder not found or not a folder"));
        return std::move(m_session);
    }
    const QStringList files = m_dir.entryList(QDir::Files | QDir::Readable | QDir::Hidden, QDir::Name);
    const QStringList known = LiveTimingReader::topics();
    for (const QString &file : files) {
        if (!file.endsWith(kSuffix))
            continue; // not a topic (Ergast JSON, notes...)
        const QString topic = file.chopped(kSuffix.size());
        if (known.contains(topic))
            m_present.insert(topic);
        else
            m_session.ignored.append(topic);
    }
    for (const QString &topic : known) {
        if (!m_present.contains(topic))
            m_session.missing.append(topic);
    }
    if (m_present.isEmpty()) {
        m_session.addIssue(m_dir.path(), 0, QStringLiteral("no live-timing topic (*.jsonStream) in the folder"));
        return std::move(m_session);
    }

    // Clock topics first: the .z topics are stamped in UTC and need the reference.
    readSessionInfo();
    readSessionStatus();
    readClockTopic(QStringLiteral("Heartbeat"), m_heartbeatRef);
    readClockTopic(QStringLiteral("ExtrapolatedClock"), m_clockRef);
    readRaceControl(); // its messages' Utc stamps are a reference too
    decideReference();
    readDriverList();
    readTimingData();
    readTimingAppData();
    readTimingStats();
    readTrackStatus();
    readLapCount();
    readWeather();
    readZTopic(QStringLiteral("CarData.z"), true);
    readZTopic(QStringLiteral("Position.z"), false);

    sortByTime(m_session.timing);
    sortByTime(m_session.laps);
    sortByTime(m_session.pitStops);
    sortByTime(m_session.trackStatus);
    sortByTime(m_session.raceControl);
    sortByTime(m_session.weather);
    sortByTime(m_session.carData);
    sortByTime(m_session.positions);
    sortByTime(m_session.lapCounts);
    return std::move(m_session);
}

void FolderRead::readRaw(const QString &topic, const RawHandler &handler)
{
    if (!has(topic))
        return;
    JsonStreamReader reader(m_dir.filePath(fileOf(topic)), JsonStreamReader::Limits{m_options.maxFileBytes, m_options.maxLineBytes});
    QString problem;
    if (!reader.open(&problem)) {
        issue(topic, 0, problem);
        return;
    }
    JsonStreamReader::Line line;
    bool anything = false;
    for (;;) {
        const auto result = reader.next(line, problem);
        if (result == JsonStreamReader::Result::End)
            break;
        anything = true;
        if (result == JsonStreamReader::Result::Damaged)
            issue(topic, line.number, problem);
        else
            handler(line);
    }
    m_session.linesRead += reader.linesRead();
    if (!anything)
        issue(topic, 0, QStringLiteral("file is empty"));
}

void FolderRead::readJson(const QString &topic, const JsonHandler &handler)
{
    readRaw(topic, [&](const JsonStreamReader::Line &line) {
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromRawData(line.json.data(), line.json.size()), &error);
        if (error.error != QJsonParseError::NoError) {
            issue(topic, line.number, QStringLiteral("invalid JSON at byte %1: %2").arg(error.offset).arg(error.errorString()));
            return;
        }
        if (!document.isObject()) {
            issue(topic, line.number, QStringLiteral("JSON is not an object"));
            return;
        }
        handler(line, document.object());
    });
}

void FolderRead::readClockTopic(const QString &topic, std::optional<qint64> &reference)
{
    // Heartbeat / ExtrapolatedClock carry the UTC time at which their line was written.
    readJson(topic, [&](const JsonStreamReader::Line &line, const QJsonObject &update) {
        if (reference)
            return;
        if (const auto utc = parseUtcMs(str(update, "Utc")))
            reference = *utc - line.offsetMs;
    });
}

void FolderRead::readSessionInfo()
{
    readJson(QStringLiteral("SessionInfo"),
             [&](const JsonStreamReader::Line &, const QJsonObject &update) { JsonMerge::mergeInto(m_sessionInfo, update); });
    SessionMeta &meta = m_session.meta;
    const QJsonObject meeting = obj(m_sessionInfo, "Meeting");
    meta.meetingName = str(meeting, "Name");
    meta.sessionName = str(m_sessionInfo, "Name");
    meta.sessionType = str(m_sessionInfo, "Type");
    meta.circuitShortName = str(obj(meeting, "Circuit"), "ShortName");
    meta.countryName = str(obj(meeting, "Country"), "Name");
    if (const auto start = parseWallClockMs(str(m_sessionInfo, "StartDate")))
        meta.year = QDateTime::fromMSecsSinceEpoch(*start, QTimeZone::utc()).date().year();
}

void FolderRead::readSessionStatus()
{
    readJson(QStringLiteral("SessionStatus"), [&](const JsonStreamReader::Line &line, const QJsonObject &update) {
        const QString status = str(update, "Status");
        if (status == QLatin1String("Started") && !m_session.meta.startedMs)
            m_session.meta.startedMs = line.offsetMs;
        else if (status == QLatin1String("Finished") && !m_session.meta.finishedMs)
            m_session.meta.finishedMs = line.offsetMs;
    });
}

void FolderRead::decideReference()
{
    SessionMeta &meta = m_session.meta;
    QString reference;
    if (m_heartbeatRef) {
        meta.referenceUtcMs = m_heartbeatRef;
        reference = QStringLiteral("referenceUtcMs from Heartbeat Utc minus its line time");
    } else if (m_clockRef) {
        meta.referenceUtcMs = m_clockRef;
        reference = QStringLiteral("referenceUtcMs from ExtrapolatedClock Utc minus its line time");
    } else if (m_raceControlRef) {
        meta.referenceUtcMs = m_raceControlRef;
        reference = QStringLiteral("referenceUtcMs from the race control messages' Utc minus their line times");
    } else {
        const auto start = parseWallClockMs(str(m_sessionInfo, "StartDate"));
        const auto gmtOffset = parseOffsetMs(str(m_sessionInfo, "GmtOffset"));
        if (start && gmtOffset && meta.startedMs) {
            // The scheduled start is taken as the moment of SessionStatus Started: approximate.
            meta.referenceUtcMs = *start - *gmtOffset - *meta.startedMs;
            reference = QStringLiteral("referenceUtcMs approximated from SessionInfo StartDate minus GmtOffset, "
                                       "placed at the SessionStatus Started time");
        } else {
            reference = QStringLiteral("no UTC reference (no Heartbeat, ExtrapolatedClock or SessionInfo start)");
        }
    }
    QString started = meta.startedMs ? QStringLiteral("startedMs from SessionStatus Started")
                                     : QStringLiteral("no SessionStatus Started");
    if (meta.finishedMs)
        started += QStringLiteral(", finishedMs from SessionStatus Finished");
    meta.timingSource = QStringLiteral("live-timing line times; %1; %2").arg(reference, started);
}

void FolderRead::readDriverList()
{
    QJsonObject state;
    QHash<QString, int> firstLine; // the order drivers were first listed in
    readJson(QStringLiteral("DriverList"), [&](const JsonStreamReader::Line &, const QJsonObject &update) {
        JsonMerge::mergeInto(state, update);
        for (auto it = update.begin(); it != update.end(); ++it) {
            if (!firstLine.contains(it.key()) && it.value().isObject())
                firstLine.insert(it.key(), toInt(it.value().toObject().value(QLatin1String("Line"))).value_or(999));
        }
    });
    std::vector<std::pair<QString, QJsonObject>> drivers;
    for (auto it = state.begin(); it != state.end(); ++it) {
        if (it.value().isObject() && !it.key().startsWith(QLatin1Char('_')))
            drivers.emplace_back(it.key(), it.value().toObject());
    }
    std::stable_sort(drivers.begin(), drivers.end(), [&](const auto &a, const auto &b) {
        const int lineA = firstLine.value(a.first, 999), lineB = firstLine.value(b.first, 999);
        return lineA != lineB ? lineA < lineB : a.first.toInt() < b.first.toInt();
    });
    for (const auto &[key, entry] : drivers) {
        RealDriver driver;
        driver.number = str(entry, "RacingNumber");
        if (driver.number.isEmpty())
            driver.number = key;
        driver.code = str(entry, "Tla");
        const QString first = str(entry, "FirstName").trimmed(), last = str(entry, "LastName").trimmed();
        if (!first.isEmpty() && !last.isEmpty())
            driver.fullName = first + QLatin1Char(' ') + last;
        else if (!str(entry, "FullName").isEmpty())
            driver.fullName = nameCase(str(entry, "FullName").trimmed());
        else
            driver.fullName = nameCase(str(entry, "BroadcastName").trimmed());
        driver.teamName = str(entry, "TeamName");
        driver.teamColour = teamColour(str(entry, "TeamColour"));
        m_session.drivers.push_back(driver);
    }
}

void FolderRead::readTimingData()
{
    QJsonObject state;
    readJson(QStringLiteral("TimingData"), [&](const JsonStreamReader::Line &line, const QJsonObject &update) {
        JsonMerge::mergeInto(state, update);
        const QJsonValue lines = update.value(QLatin1String("Lines"));
        if (lines.isUndefined())
            return; // e.g. {"Withheld": false}
        if (!lines.isObject()) {
            issue(QStringLiteral("TimingData"), line.number, QStringLiteral("Lines is not an object"));
            return;
        }
        m_tracker.apply(line.offsetMs, lines.toObject(), obj(state, "Lines"), line.number == 1);
    });
}

void FolderRead::readTimingAppData()
{
    QJsonObject state;
    // When each stint (driver, index) was first seen with the compound it ends with.
    QHash<QString, std::map<int, std::pair<QString, qint64>>> seen;
    readJson(QStringLiteral("TimingAppData"), [&](const JsonStreamReader::Line &line, const QJsonObject &update) {
        JsonMerge::mergeInto(state, update);
        const QJsonObject lines = obj(update, "Lines");
        const QJsonObject linesState = obj(state, "Lines");
        for (auto it = lines.begin(); it != lines.end(); ++it) {
            const QJsonValue stints = it.value().toObject().value(QLatin1String("Stints"));
            if (stints.isUndefined())
                continue;
            const auto merged = indexedEntries(linesState.value(it.key()).toObject().value(QLatin1String("Stints")));
            auto &driverSeen = seen[it.key()];
            for (const auto &[index, updated] : indexedEntries(stints)) {
                for (const auto &[mergedIndex, entry] : merged) {
                    if (mergedIndex != index)
                        continue;
                    const QString compound = str(entry.toObject(), "Compound");
                    auto found = driverSeen.find(index);
                    if (found == driverSeen.end() || found->second.first != compound)
                        driverSeen[index] = {compound, line.offsetMs};
                }
            }
        }
    });
    const QJsonObject lines = obj(state, "Lines");
    std::vector<QString> numbers;
    for (const RealDriver &driver : m_session.drivers)
        numbers.push_back(driver.number);
    for (auto it = lines.begin(); it != lines.end(); ++it) {
        if (std::find(numbers.begin(), numbers.end(), it.key()) == numbers.end())
            numbers.push_back(it.key());
    }
    for (const QString &number : numbers) {
        const auto entries = indexedEntries(lines.value(number).toObject().value(QLatin1String("Stints")));
        const auto finalLaps = m_tracker.lapsCompleted(number);
        const auto &driverSeen = seen.value(number);
        std::optional<int> nextStart = 1;
        std::vector<Stint> stints;
        for (const auto &[index, value] : entries) {
            if (!value.isObject())
                continue; // a gap left by an out-of-order index
            const QJsonObject entry = value.toObject();
            Stint stint;
            stint.number = number;
            stint.stintNumber = int(stints.size()) + 1;
            stint.compound = str(entry, "Compound").toUpper();
            stint.isNew = toBool(entry.value(QLatin1String("New")));
            const auto startLaps = toInt(entry.value(QLatin1String("StartLaps")));
            const auto totalLaps = toInt(entry.value(QLatin1String("TotalLaps")));
            stint.tyreAgeAtStart = startLaps;
            stint.lapStart = nextStart;
            // TotalLaps is the set's age, StartLaps its age when fitted: the difference is the
            // laps of this stint, which chains the stints from lap 1.
            if (nextStart && startLaps && totalLaps && *totalLaps >= *startLaps) {
                const int laps = *totalLaps - *startLaps;
                if (laps > 0)
                    stint.lapEnd = *nextStart + laps - 1;
                nextStart = *nextStart + laps;
            } else {
                nextStart.reset();
            }
            if (auto seenIt = driverSeen.find(index); seenIt != driverSeen.end())
                stint.ms = seenIt->second.second;
            stints.push_back(stint);
        }
        // The last stint runs to the driver's last lap; its TotalLaps can lag the final lap.
        if (!stints.empty() && finalLaps && stints.back().lapStart && *finalLaps >= *stints.back().lapStart)
            stints.back().lapEnd = *finalLaps;
        for (Stint &stint : stints) {
            if (finalLaps && stint.lapEnd && *stint.lapEnd > *finalLaps)
                stint.lapEnd = std::max(*finalLaps, stint.lapStart.value_or(1));
            m_session.stints.push_back(stint);
        }
    }
}

void FolderRead::readTimingStats()
{
    // Best laps and speeds by driver: nothing of it goes into RealSession, but it is read,
    // merged and checked like every topic so a damaged file shows in the issues.
    QJsonObject state;
    readJson(QStringLiteral("TimingStats"), [&](const JsonStreamReader::Line &line, const QJsonObject &update) {
        const QJsonValue lines = update.value(QLatin1String("Lines"));
        if (!lines.isUndefined() && !lines.isObject()) {
            issue(QStringLiteral("TimingStats"), line.number, QStringLiteral("Lines is not an object"));
            return;
        }
        JsonMerge::mergeInto(state, update);
    });
}

void FolderRead::readRaceControl()
{
    QJsonObject state;
    readJson(QStringLiteral("RaceControlMessages"), [&](const JsonStreamReader::Line &line, const QJsonObject &update) {
        JsonMerge::mergeInto(state, update);
        const QJsonValue messages = state.value(QLatin1String("Messages"));
        for (const auto &[index, updated] : indexedEntries(update.value(QLatin1String("Messages")))) {
            // Read the merged entry, so a partial update of a message is complete.
            QJsonObject entry = updated.toObject();
            if (messages.isArray() && index < messages.toArray().size())
                entry = messages.toArray().at(index).toObject();
            else if (messages.isObject())
                entry = messages.toObject().value(QString::number(index)).toObject();
            if (entry.isEmpty()) {
                issue(QStringLiteral("RaceControlMessages"), line.number, QStringLiteral("message %1 is not an object").arg(index));
                continue;
            }
            RaceControlMessage message;
            message.ms = line.offsetMs;
            message.category = str(entry, "Category");
            message.flag = str(entry, "Flag");
            message.scope = str(entry, "Scope");
            message.message = str(entry, "Message");
            message.lap = toInt(entry.value(QLatin1String("Lap")));
            message.sector = toInt(entry.value(QLatin1String("Sector")));
            const QJsonValue car = entry.value(QLatin1String("RacingNumber"));
            message.driverNumber = car.isDouble() ? QString::number(car.toInt()) : car.toString();
            // A message goes out a moment after its Utc: the largest (Utc - line
            // time) is the closest to the stream's start in UTC.
            if (const auto utc = parseUtcMs(str(entry, "Utc")); utc && message.ms >= 0) {
                const qint64 reference = *utc - message.ms;
                if (!m_raceControlRef || reference > *m_raceControlRef)
                    m_raceControlRef = reference;
            }
            m_session.raceControl.push_back(message);
        }
    });
}

void FolderRead::readTrackStatus()
{
    readJson(QStringLiteral("TrackStatus"), [&](const JsonStreamReader::Line &line, const QJsonObject &update) {
        const auto status = toInt(update.value(QLatin1String("Status")));
        if (!status) {
            issue(QStringLiteral("TrackStatus"), line.number, QStringLiteral("no Status number"));
            return;
        }
        m_session.trackStatus.push_back({line.offsetMs, *status, str(update, "Message")});
    });
}

void FolderRead::readLapCount()
{
    QJsonObject state;
    readJson(QStringLiteral("LapCount"), [&](const JsonStreamReader::Line &line, const QJsonObject &update) {
        JsonMerge::mergeInto(state, update);
        const auto current = toInt(state.value(QLatin1String("CurrentLap")));
        if (!current) {
            issue(QStringLiteral("LapCount"), line.number, QStringLiteral("no CurrentLap number"));
            return;
        }
        m_session.lapCounts.push_back({line.offsetMs, *current, toInt(update.value(QLatin1String("TotalLaps")))});
    });
    if (const auto total = toInt(state.value(QLatin1String("TotalLaps"))))
        m_session.meta.totalLaps = total;
}

void FolderRead::readWeather()
{
    QJsonObject state;
    readJson(QStringLiteral("WeatherData"), [&](const JsonStreamReader::Line &line, const QJsonObject &update) {
        // Each line normally carries every value; the merged state fills any it left out.
        JsonMerge::mergeInto(state, update);
        WeatherSample sample;
        sample.ms = line.offsetMs;
        sample.airTempC = toNumber(state.value(QLatin1String("AirTemp")));
        sample.trackTempC = toNumber(state.value(QLatin1String("TrackTemp")));
        sample.humidityPct = toNumber(state.value(QLatin1String("Humidity")));
        sample.pressureMbar = toNumber(state.value(QLatin1String("Pressure")));
        sample.windSpeedMs = toNumber(state.value(QLatin1String("WindSpeed")));
        sample.windDirectionDeg = toInt(state.value(QLatin1String("WindDirection")));
        sample.rainfall = toBool(state.value(QLatin1String("Rainfall")));
        m_session.weather.push_back(sample);
    });
}

void FolderRead::readZTopic(const QString &topic, bool carData)
{
    const auto reference = m_session.meta.referenceUtcMs;
    readRaw(topic, [&](const JsonStreamReader::Line &line) {
        const auto decoded = ZPayloadDecoder::decode(line.json, m_options.maxInflatedBytes, TelemetryParser::paddingBytes());
        if (!decoded.ok()) {
            issue(topic, line.number, decoded.error);
            return;
        }
        int skipped = 0;
        const QString error = carData ? m_telemetry.parseCarData(decoded.json, line.offsetMs, reference, skipped)
                                      : m_telemetry.parsePosition(decoded.json, line.offsetMs, reference, skipped);
        if (!error.isEmpty())
            issue(topic, line.number, error);
        else if (skipped > 0)
            issue(topic, line.number, QStringLiteral("%1 entries without a time or cars skipped").arg(skipped));
    });
}

} // namespace

QStringList LiveTimingReader::topics()
{
    return {QStringLiteral("SessionInfo"),       QStringLiteral("SessionStatus"), QStringLiteral("Heartbeat"),
            QStringLiteral("ExtrapolatedClock"), QStringLiteral("DriverList"),    QStringLiteral("TimingData"),
            QStringLiteral("TimingAppData"),     QStringLiteral("TimingStats"),   QStringLiteral("RaceControlMessages"),
            QStringLiteral("TrackStatus"),       QStringLiteral("LapCount"),      QStringLiteral("WeatherData"),
            QStringLiteral("CarData.z"),         QStringLiteral("Position.z")};
}

RealSession LiveTimingReader::read(const QString &folder) const
{
    FolderRead run(folder, m_options);
    return run.run();
}

RealSession readLiveTimingFolder(const QString &folder)
{
    return LiveTimingReader().read(folder);
}

RealSession readLiveTimingFolder(const QString &folder, const LiveTimingOptions &options)
{
    return LiveTimingReader(options).read(folder);
}

} // namespace pitwall::sources
