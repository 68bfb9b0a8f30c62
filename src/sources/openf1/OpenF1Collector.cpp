#include "OpenF1Collector.h"

#include <QDateTime>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <string_view>

namespace pitwall::sources {

namespace {

// Every endpoint's fields start with these two, so records can be told apart by session.
enum Common { SessionKey, MeetingKey, FirstOwn };

enum SessionField { SeDateStart = FirstOwn, SeName, SeType, SeCircuit, SeCountry, SeYear };
constexpr std::string_view kSessionFields[] = {"session_key",  "meeting_key",        "date_start",   "session_name",
                                               "session_type", "circuit_short_name", "country_name", "year"};

enum MeetingField { MeName = FirstOwn, MeYear, MeCountry, MeCircuit };
constexpr std::string_view kMeetingFields[] = {"session_key", "meeting_key",  "meeting_name",
                                               "year",        "country_name", "circuit_short_name"};

enum DriverField { DrNumber = FirstOwn, DrFirst, DrLast, DrFull, DrBroadcast, DrAcronym, DrTeam, DrColour };
constexpr std::string_view kDriverFields[] = {"session_key", "meeting_key",    "driver_number", "first_name", "last_name",
                                              "full_name",   "broadcast_name", "name_acronym",  "team_name",  "team_colour"};

enum LapField { LaDateStart = FirstOwn, LaDriver, LaNumber, LaDuration, LaSector1, LaSector2, LaSector3, LaPitOut };
constexpr std::string_view kLapFields[] = {"session_key",       "meeting_key",   "date_start",        "driver_number",
                                           "lap_number",        "lap_duration",  "duration_sector_1", "duration_sector_2",
                                           "duration_sector_3", "is_pit_out_lap"};

enum PositionField { PoDate = FirstOwn, PoDriver, PoPosition };
constexpr std::string_view kPositionFields[] = {"session_key", "meeting_key", "date", "driver_number", "position"};

enum IntervalField { InDate = FirstOwn, InDriver, InGap, InInterval };
constexpr std::string_view kIntervalFields[] = {"session_key",   "meeting_key",   "date",
                                                "driver_number", "gap_to_leader", "interval"};

enum PitField { PiDate = FirstOwn, PiDriver, PiLap, PiDuration, PiLane };
constexpr std::string_view kPitFields[] = {"session_key", "meeting_key",  "date",         "driver_number",
                                           "lap_number",  "pit_duration", "lane_duration"};

enum StintField { StDriver = FirstOwn, StNumber, StLapStart, StLapEnd, StCompound, StTyreAge };
constexpr std::string_view kStintFields[] = {"session_key", "meeting_key", "driver_number", "stint_number",
                                             "lap_start",   "lap_end",     "compound",      "tyre_age_at_start"};

enum RaceControlField { RcDate = FirstOwn, RcCategory, RcFlag, RcScope, RcSector, RcMessage, RcLap, RcDriver };
constexpr std::string_view kRaceControlFields[] = {"session_key", "meeting_key", "date",    "category",   "flag",
                                                   "scope",       "sector",      "message", "lap_number", "driver_number"};

enum WeatherField { WeDate = FirstOwn, WeAir, WeTrack, WeHumidity, WePressure, WeRain, WeWindSpeed, WeWindDirection };
constexpr std::string_view kWeatherFields[] = {"session_key", "meeting_key", "date",     "air_temperature", "track_temperature",
                                               "humidity",    "pressure",    "rainfall", "wind_speed",      "wind_direction"};

enum LocationField { LoDate = FirstOwn, LoDriver, LoX, LoY, LoZ };
constexpr std::string_view kLocationFields[] = {"session_key", "meeting_key", "date", "driver_number", "x", "y", "z"};

enum CarDataField { CaDate = FirstOwn, CaDriver, CaSpeed, CaRpm, CaGear, CaThrottle, CaBrake, CaDrs };
constexpr std::string_view kCarDataFields[] = {"session_key", "meeting_key", "date",     "driver_number", "speed",
                                               "rpm",         "n_gear",      "throttle", "brake",         "drs"};

constexpr std::string_view kTeamRadioFields[] = {"session_key", "meeting_key"};

bool isDataEndpoint(OpenF1Endpoint endpoint)
{
    return endpoint != OpenF1Endpoint::Sessions && endpoint != OpenF1Endpoint::Meetings && endpoint != OpenF1Endpoint::TeamRadio;
}

// "Max VERSTAPPEN" -> "Max Verstappen": words written all in capitals are capitalised as
// names, after hyphens and apostrophes too ("JEAN-ERIC" -> "Jean-Eric", "O'WARD" -> "O'Ward").
QString nameCase(const QString &name)
{
    const QStringList words = name.simplified().split(u' ', Qt::SkipEmptyParts);
    QStringList out;
    for (const QString &word : words) {
        if (word.size() < 2 || word.toUpper() != word || word.toLower() == word) {
            out << word;
            continue;
        }
        QString cased = word.toLower();
        bool startOfPart = true;
        for (QChar &c : cased) {
            if (startOfPart && c.isLetter())
                c = c.toUpper();
            startOfPart = c == u'-' || c == u'\'' || c == u'\u2019';
        }
        out << cased;
    }
    return out.join(u' ');
}

// "3671C6" -> "#3671C6"; anything that is not six hex digits gives no colour.
QString teamColour(const QString &text)
{
    QString hex = text.trimmed();
    if (hex.startsWith(u'#'))
        hex.remove(0, 1);
    if (hex.size() != 6)
        return {};
    for (const QChar c : hex) {
        if (!isxdigit(c.toLatin1()))
            return {};
    }
    return u'#' + hex.toUpper();
}

qint64 secondsToMs(double seconds)
{
    return qint64(std::llround(seconds * 1000.0));
}

QString isoText(qint64 epochMs)
{
    return QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC).toString(Qt::ISODateWithMs);
}

// Stable. Records come in sorted runs (a file each, often a car each): merging neighbouring
// runs pairwise takes log2(runs) passes where a sort takes log2(records).
template <typename T>
void sortByTime(std::vector<T> &items)
{
    const auto earlier = [](const T &a, const T &b) { return a.ms < b.ms; };
    std::vector<size_t> bounds{0};
    for (size_t i = 1; i < items.size(); ++i) {
        if (earlier(items[i], items[i - 1]))
            bounds.push_back(i);
    }
    if (bounds.size() == 1)
        return;
    if (bounds.size() > items.size() / 16) { // short runs: not worth merging
        std::stable_sort(items.begin(), items.end(), earlier);
        return;
    }
    bounds.push_back(items.size());
    const auto at = [&](size_t i) { return items.begin() + qsizetype(i); };
    while (bounds.size() > 2) {
        std::vector<size_t> merged;
        size_t r = 0;
        for (; r + 2 < bounds.size(); r += 2) {
            std::inplace_merge(at(bounds[r]), at(bounds[r + 1]), at(bounds[r + 2]), earlier);
            merged.push_back(bounds[r]);
        }
        if (r + 1 < bounds.size())
            merged.push_back(bounds[r]); // an odd run left over
        merged.push_back(items.size());
        bounds = std::move(merged);
    }
}

template <typename T>
void shift(std::vector<T> &items, qint64 referenceMs)
{
    for (T &item : items)
        item.ms -= referenceMs;
}

std::optional<int> mostCommon(const QMap<int, qint64> &counts)
{
    std::optional<int> best;
    qint64 bestCount = 0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (it.value() > bestCount) {
            best = it.key();
            bestCount = it.value();
        }
    }
    return best;
}

} // namespace

OpenF1Collector::OpenF1Collector(RealSession &session, qint64 maxRecords)
    : m_session(session)
    , m_maxRecords(maxRecords)
{
}

FieldNames OpenF1Collector::fields(OpenF1Endpoint endpoint)
{
    switch (endpoint) {
    case OpenF1Endpoint::Sessions: return kSessionFields;
    case OpenF1Endpoint::Meetings: return kMeetingFields;
    case OpenF1Endpoint::Drivers: return kDriverFields;
    case OpenF1Endpoint::Laps: return kLapFields;
    case OpenF1Endpoint::Position: return kPositionFields;
    case OpenF1Endpoint::Intervals: return kIntervalFields;
    case OpenF1Endpoint::Pit: return kPitFields;
    case OpenF1Endpoint::Stints: return kStintFields;
    case OpenF1Endpoint::RaceControl: return kRaceControlFields;
    case OpenF1Endpoint::Weather: return kWeatherFields;
    case OpenF1Endpoint::Location: return kLocationFields;
    case OpenF1Endpoint::CarData: return kCarDataFields;
    case OpenF1Endpoint::TeamRadio: return kTeamRadioFields;
    }
    return kTeamRadioFields;
}

bool OpenF1Collector::add(OpenF1Endpoint endpoint, FieldValues values, const QString &file, qint64 where)
{
    if (m_records >= m_maxRecords) {
        if (!m_limitReported) {
            m_limitReported = true;
            m_session.addIssue(file, where, QStringLiteral("stopped: more than %1 records in all").arg(m_maxRecords));
        }
        return false;
    }
    ++m_records;
    m_currentFile = file;
    FieldReader r(values, fields(endpoint), m_dates, m_numbers);
    const auto sessionKey = r.integer(SessionKey);
    const auto meetingKey = r.integer(MeetingKey);
    if (!r.ok()) {
        m_session.addIssue(file, where, r.error());
        return true;
    }
    // Each add* reads every field first and stores only a good record.
    switch (endpoint) {
    case OpenF1Endpoint::Sessions: addSession(r, sessionKey, meetingKey); break;
    case OpenF1Endpoint::Meetings: addMeeting(r, meetingKey); break;
    case OpenF1Endpoint::Drivers: addDriver(r, sessionKey); break;
    case OpenF1Endpoint::Laps: addLap(r, file, where); break;
    case OpenF1Endpoint::Position: addPosition(r); break;
    case OpenF1Endpoint::Intervals: addInterval(r); break;
    case OpenF1Endpoint::Pit: addPit(r); break;
    case OpenF1Endpoint::Stints: addStint(r); break;
    case OpenF1Endpoint::RaceControl: addRaceControl(r); break;
    case OpenF1Endpoint::Weather: addWeather(r); break;
    case OpenF1Endpoint::Location: addLocation(r); break;
    case OpenF1Endpoint::CarData: addCarData(r); break;
    case OpenF1Endpoint::TeamRadio: break;
    }
    if (!r.ok()) {
        m_session.addIssue(file, where, r.error());
        return true;
    }
    if (isDataEndpoint(endpoint)) {
        if (sessionKey)
            ++m_dataSessionKeys[*sessionKey];
        if (meetingKey)
            ++m_dataMeetingKeys[*meetingKey];
    }
    return true;
}

std::optional<qint64> OpenF1Collector::requiredDate(FieldReader &r, int field)
{
    const auto ms = r.dateMs(field);
    if (!ms && r.ok())
        r.fail(field, "missing");
    return ms;
}

QString OpenF1Collector::requiredDriver(FieldReader &r, int field)
{
    QString number = r.driverNumber(field);
    if (number.isEmpty() && r.ok())
        r.fail(field, "missing");
    return number;
}

void OpenF1Collector::noteDate(qint64 ms, const QString &file)
{
    if (!m_earliestMs || ms < *m_earliestMs) {
        m_earliestMs = ms;
        m_earliestFile = file;
    }
}

void OpenF1Collector::addSession(FieldReader &r, std::optional<int> sessionKey, std::optional<int> meetingKey)
{
    SessionRow row{sessionKey,     meetingKey,     r.integer(SeYear), r.dateMs(SeDateStart),
                   r.text(SeName), r.text(SeType), r.text(SeCircuit), r.text(SeCountry)};
    if (r.ok())
        m_sessions.push_back(std::move(row));
}

void OpenF1Collector::addMeeting(FieldReader &r, std::optional<int> meetingKey)
{
    MeetingRow row{meetingKey, r.integer(MeYear), r.text(MeName), r.text(MeCircuit), r.text(MeCountry)};
    if (r.ok())
        m_meetings.push_back(std::move(row));
}

void OpenF1Collector::addDriver(FieldReader &r, std::optional<int> sessionKey)
{
    RealDriver driver;
    driver.number = requiredDriver(r, DrNumber);
    driver.code = r.text(DrAcronym).trimmed();
    const QString first = r.text(DrFirst).simplified();
    const QString last = r.text(DrLast).simplified();
    if (!first.isEmpty() && !last.isEmpty())
        driver.fullName = first + u' ' + last;
    else if (r.isSet(DrFull))
        driver.fullName = nameCase(r.text(DrFull));
    else
        driver.fullName = nameCase(r.text(DrBroadcast));
    driver.teamName = r.text(DrTeam).trimmed();
    driver.teamColour = teamColour(r.text(DrColour));
    if (r.ok())
        m_drivers.push_back({std::move(driver), sessionKey});
}

void OpenF1Collector::addLap(FieldReader &r, const QString &file, qint64 where)
{
    PendingLap pending;
    pending.startMs = r.dateMs(LaDateStart);
    pending.lap.number = requiredDriver(r, LaDriver);
    const auto lap = r.integer(LaNumber);
    if (!lap && r.ok())
        r.fail(LaNumber, "missing");
    pending.lap.lap = lap.value_or(0);
    pending.lap.lapTimeS = r.number(LaDuration);
    pending.lap.sectorS[0] = r.number(LaSector1);
    pending.lap.sectorS[1] = r.number(LaSector2);
    pending.lap.sectorS[2] = r.number(LaSector3);
    pending.lap.pitOutLap = r.boolean(LaPitOut).value_or(false);
    if (!r.ok())
        return;
    if (pending.startMs)
        noteDate(*pending.startMs, file);
    pending.file = file;
    pending.where = where;
    m_laps.push_back(std::move(pending));
}

void OpenF1Collector::addPosition(FieldReader &r)
{
    TimingUpdate update;
    const auto ms = requiredDate(r, PoDate);
    update.number = requiredDriver(r, PoDriver);
    update.position = r.integer(PoPosition);
    if (!update.position && r.ok())
        r.fail(PoPosition, "missing");
    keepIfRead(r, ms, std::move(update), m_session.timing);
}

void OpenF1Collector::addInterval(FieldReader &r)
{
    TimingUpdate update;
    const auto ms = requiredDate(r, InDate);
    update.number = requiredDriver(r, InDriver);
    const FieldReader::Gap gap = r.gap(InGap);
    const FieldReader::Gap interval = r.gap(InInterval);
    if (!r.ok())
        return;
    noteDate(*ms, m_currentFile);
    update.ms = *ms;
    update.gapToLeaderS = gap.seconds;
    update.lapsBehindLeader = gap.laps;
    update.intervalS = interval.seconds;
    update.lapsBehindAhead = interval.laps;
    // Before the first timing line every gap is empty: such a record tells nothing.
    if (update.gapToLeaderS || update.lapsBehindLeader || update.intervalS || update.lapsBehindAhead)
        m_session.timing.push_back(std::move(update));
}

void OpenF1Collector::addPit(FieldReader &r)
{
    PitStop stop;
    const auto ms = requiredDate(r, PiDate);
    stop.number = requiredDriver(r, PiDriver);
    stop.lap = r.integer(PiLap);
    // pit_duration until 2025; lane_duration (with stop_duration) since: both are pit lane time.
    const auto pitDuration = r.number(PiDuration);
    const auto laneDuration = r.number(PiLane);
    stop.pitLaneS = pitDuration ? pitDuration : laneDuration;
    keepIfRead(r, ms, std::move(stop), m_session.pitStops);
}

void OpenF1Collector::addStint(FieldReader &r)
{
    Stint stint;
    stint.number = requiredDriver(r, StDriver);
    const auto number = r.integer(StNumber);
    if (!number && r.ok())
        r.fail(StNumber, "missing");
    stint.stintNumber = number.value_or(0);
    stint.lapStart = r.integer(StLapStart);
    stint.lapEnd = r.integer(StLapEnd);
    stint.compound = r.text(StCompound).trimmed().toUpper();
    stint.tyreAgeAtStart = r.integer(StTyreAge);
    if (r.ok())
        m_session.stints.push_back(std::move(stint));
}

void OpenF1Collector::addRaceControl(FieldReader &r)
{
    RaceControlMessage message;
    const auto ms = requiredDate(r, RcDate);
    message.category = r.text(RcCategory);
    message.flag = r.text(RcFlag);
    message.scope = r.text(RcScope);
    message.sector = r.integer(RcSector);
    message.message = r.text(RcMessage);
    message.lap = r.integer(RcLap);
    message.driverNumber = r.driverNumber(RcDriver);
    keepIfRead(r, ms, std::move(message), m_session.raceControl);
}

void OpenF1Collector::addWeather(FieldReader &r)
{
    WeatherSample sample;
    const auto ms = requiredDate(r, WeDate);
    sample.airTempC = r.number(WeAir);
    sample.trackTempC = r.number(WeTrack);
    sample.humidityPct = r.number(WeHumidity);
    sample.pressureMbar = r.number(WePressure);
    sample.rainfall = r.boolean(WeRain);
    sample.windSpeedMs = r.number(WeWindSpeed);
    if (const auto direction = r.number(WeWindDirection))
        sample.windDirectionDeg = int(std::lround(*direction));
    keepIfRead(r, ms, std::move(sample), m_session.weather);
}

void OpenF1Collector::addLocation(FieldReader &r)
{
    PositionSample sample;
    const auto ms = requiredDate(r, LoDate);
    sample.number = requiredDriver(r, LoDriver);
    sample.x = r.number(LoX).value_or(0);
    sample.y = r.number(LoY).value_or(0);
    sample.z = r.number(LoZ).value_or(0);
    keepIfRead(r, ms, std::move(sample), m_session.positions);
}

void OpenF1Collector::addCarData(FieldReader &r)
{
    CarSample sample;
    const auto ms = requiredDate(r, CaDate);
    sample.number = requiredDriver(r, CaDriver);
    sample.speedKph = r.number(CaSpeed).value_or(0);
    sample.rpm = r.integer(CaRpm).value_or(0);
    sample.gear = r.integer(CaGear).value_or(0);
    sample.throttlePct = r.number(CaThrottle).value_or(0);
    sample.brakePct = r.number(CaBrake).value_or(0);
    // OpenF1: 0/1 off, 8 eligible, 10/12/14 open.
    const int drs = r.integer(CaDrs).value_or(0);
    sample.drs = drs == 10 || drs == 12 || drs == 14;
    keepIfRead(r, ms, std::move(sample), m_session.carData);
}

const OpenF1Collector::SessionRow *OpenF1Collector::chooseSession(std::optional<int> dataSession, QStringList &notes) const
{
    if (m_sessions.empty()) {
        notes << QStringLiteral("no sessions file");
        return nullptr;
    }
    if (dataSession) {
        for (const SessionRow &row : m_sessions) {
            if (row.sessionKey == dataSession)
                return &row;
        }
        notes << QStringLiteral("the sessions file does not list the data's session %1").arg(*dataSession);
        return nullptr;
    }
    if (m_sessions.size() == 1)
        return &m_sessions.front();
    notes << QStringLiteral("the sessions file lists %1 sessions and no record says which is the data's").arg(m_sessions.size());
    return nullptr;
}

void OpenF1Collector::chooseMeeting(std::optional<int> meetingKey, QStringList &notes)
{
    SessionMeta &meta = m_session.meta;
    const MeetingRow *chosen = nullptr;
    for (const MeetingRow &row : m_meetings) {
        if (meetingKey && row.meetingKey == meetingKey) {
            chosen = &row;
            break;
        }
    }
    if (!chosen && !m_meetings.empty()) {
        // Without a key to go by, a file of one meeting's records still names it.
        const bool oneMeeting = std::all_of(m_meetings.begin(), m_meetings.end(),
                                            [&](const MeetingRow &row) { return row.name == m_meetings.front().name; });
        if (oneMeeting)
            chosen = &m_meetings.front();
    }
    if (chosen) {
        meta.meetingName = chosen->name;
        if (meta.year == 0 && chosen->year)
            meta.year = *chosen->year;
        if (meta.countryName.isEmpty())
            meta.countryName = chosen->country;
        if (meta.circuitShortName.isEmpty())
            meta.circuitShortName = chosen->circuit;
    }
    if (meta.meetingName.isEmpty() && !meta.countryName.isEmpty()) {
        meta.meetingName = meta.countryName + QStringLiteral(" Grand Prix");
        notes << QStringLiteral("meeting name made from the country (no meetings record for it)");
    }
}

void OpenF1Collector::resolveLaps()
{
    // A lap is complete at date_start + lap_duration; without a duration (out-laps, laps
    // under red flag) the same car's next lap start says when it ended, else its own start.
    std::vector<size_t> order(m_laps.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [this](size_t a, size_t b) {
        const LapRecord &x = m_laps[a].lap, &y = m_laps[b].lap;
        return x.number != y.number ? x.number < y.number : x.lap < y.lap;
    });
    for (size_t k = 0; k < order.size(); ++k) {
        PendingLap &pending = m_laps[order[k]];
        std::optional<qint64> done;
        if (pending.startMs && pending.lap.lapTimeS)
            done = *pending.startMs + secondsToMs(*pending.lap.lapTimeS);
        if (!done && k + 1 < order.size()) {
            const PendingLap &next = m_laps[order[k + 1]];
            if (next.lap.number == pending.lap.number && next.lap.lap == pending.lap.lap + 1 && next.startMs)
                done = next.startMs;
        }
        if (!done)
            done = pending.startMs;
        if (!done) {
            m_session.addIssue(pending.file, pending.where,
                               QStringLiteral("lap %1 of car %2 has no time").arg(pending.lap.lap).arg(pending.lap.number));
            continue;
        }
        pending.lap.ms = *done;
        m_session.laps.push_back(std::move(pending.lap));
    }
    m_laps.clear();
}

void OpenF1Collector::chooseDrivers(std::optional<int> sessionKey)
{
    // One entry per car: the record of the chosen session when there is one, else the first.
    std::vector<RealDriver> drivers;
    std::vector<bool> fromSession;
    for (PendingDriver &pending : m_drivers) {
        const bool matches = sessionKey && pending.sessionKey == sessionKey;
        const auto it = std::find_if(drivers.begin(), drivers.end(),
                                     [&](const RealDriver &d) { return d.number == pending.driver.number; });
        if (it == drivers.end()) {
            drivers.push_back(std::move(pending.driver));
            fromSession.push_back(matches);
        } else if (matches && !fromSession[size_t(it - drivers.begin())]) {
            *it = std::move(pending.driver);
            fromSession[size_t(it - drivers.begin())] = true;
        }
    }
    m_session.drivers = std::move(drivers);
    m_drivers.clear();
}

void OpenF1Collector::moveTimes(qint64 referenceMs)
{
    shift(m_session.timing, referenceMs);
    shift(m_session.laps, referenceMs);
    shift(m_session.pitStops, referenceMs);
    shift(m_session.raceControl, referenceMs);
    shift(m_session.weather, referenceMs);
    shift(m_session.carData, referenceMs);
    shift(m_session.positions, referenceMs);
}

void OpenF1Collector::finish(const std::array<bool, kOpenF1EndpointCount> &endpointsSeen)
{
    SessionMeta &meta = m_session.meta;
    QStringList notes;

    const std::optional<int> dataSession = mostCommon(m_dataSessionKeys);
    if (m_dataSessionKeys.size() > 1) {
        QStringList others;
        for (auto it = m_dataSessionKeys.cbegin(); it != m_dataSessionKeys.cend(); ++it) {
            if (it.key() != dataSession)
                others << QStringLiteral("%1 (%2 records)").arg(it.key()).arg(it.value());
        }
        notes << QStringLiteral("the data also holds session %1").arg(others.join(u", "));
    }
    const SessionRow *session = chooseSession(dataSession, notes);
    if (dataSession)
        meta.sessionKey = QString::number(*dataSession);
    std::optional<int> meetingKey = mostCommon(m_dataMeetingKeys);
    QString timeZero;
    if (session) {
        meta.year = session->year.value_or(0);
        meta.sessionName = session->name;
        meta.sessionType = session->type;
        meta.circuitShortName = session->circuit;
        meta.countryName = session->country;
        if (session->meetingKey)
            meetingKey = session->meetingKey;
        if (session->dateStartMs) {
            meta.referenceUtcMs = session->dateStartMs;
            meta.startedMs = 0;
            timeZero = QStringLiteral("time 0 and the start are date_start of OpenF1 session %1 (%2, %3)")
                           .arg(session->sessionKey ? QString::number(*session->sessionKey) : QStringLiteral("?"), session->name,
                                isoText(*session->dateStartMs));
        } else {
            notes << QStringLiteral("the session has no date_start");
        }
    }
    chooseMeeting(meetingKey, notes);
    resolveLaps();
    if (!meta.referenceUtcMs && m_earliestMs) {
        meta.referenceUtcMs = m_earliestMs;
        timeZero = QStringLiteral("time 0 is the earliest date read (%1, in %2); no start known").arg(isoText(*m_earliestMs), m_earliestFile);
    }
    if (timeZero.isEmpty())
        timeZero = QStringLiteral("no dates read");
    notes.prepend(timeZero);
    meta.timingSource = QStringLiteral("OpenF1: ") + notes.join(QStringLiteral("; "));

    if (meta.referenceUtcMs)
        moveTimes(*meta.referenceUtcMs);
    sortByTime(m_session.timing);
    sortByTime(m_session.laps);
    sortByTime(m_session.pitStops);
    sortByTime(m_session.raceControl);
    sortByTime(m_session.weather);
    sortByTime(m_session.carData);
    sortByTime(m_session.positions);
    chooseDrivers(session ? session->sessionKey : dataSession);

    for (int i = 0; i < kOpenF1EndpointCount; ++i) {
        if (!endpointsSeen[size_t(i)] && OpenF1Endpoint(i) != OpenF1Endpoint::TeamRadio)
            m_session.missing << openF1EndpointName(OpenF1Endpoint(i));
    }
}

} // namespace pitwall::sources
