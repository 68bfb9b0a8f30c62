#include "RealRaceBuilder.h"

#include "Slug.h"
#include "TrackOutline.h"
#include "core/Grid.h"
#include "core/JsonCodec.h"
#include "core/Topics.h"
#include "sim/Circuit.h"

#include <QDateTime>
#include <QTimeZone>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace pitwall::realrace {

using namespace sources;

namespace {

constexpr double kUnitsPerMetre = 10.0; // live timing and OpenF1 positions are in tenths of a metre
constexpr qint64 kStandstillMs = 60000; // a car that does not move for this long while racing has stopped
constexpr double kStandstillM = 5.0;
constexpr qint64 kRecentPitMs = 60000; // position swaps this near a pit stop are the stop, not a pass
constexpr qint64 kDerivedPassCheckMs = 5000;
// A racing car this slow for this long is in the pit lane (limiter 60-80 km/h): derived
// pit stops, where the source has positions only.
constexpr double kPitLaneKph = 90;
constexpr double kLeftPitKph = 120;
constexpr qint64 kPitLaneMs = 8000;

struct DriverInfo {
    QString number;
    QString name;
    QString code;
    QString team;
    QString colour;
};

struct CarState {
    bool seen = false;
    std::optional<int> position;
    std::optional<double> gapS;
    std::optional<double> intervalS;
    int lapsCompleted = 0;
    bool inPit = false;
    bool pitOut = false;
    bool retired = false;
    bool finished = false;
    int pitStops = 0;  // as the timing counts them
    int stopsSeen = 0; // pit stop events given
    qint64 lastPitMs = -kRecentPitMs * 10;
    // Latest car data.
    std::optional<CarSample> car;
    // From positions.
    bool havePoint = false;
    QPointF lastPoint; // metres, outline frame
    qint64 lastPointMs = 0;
    QPointF stillSince; // where it stood since lastMovedMs
    qint64 lastMovedMs = 0;
    int outlineHint = -1;
    double lapDistanceM = 0;
    int derivedLaps = 0;
    int finishOrder = 0;      // 1 for the winner...: the order cars took the flag (derived races)
    bool lapsCounted = false; // derivedLaps set from where the car stood at the start
    double derivedSpeedKph = 0;
    qint64 slowSinceMs = -1; // derived pit stops: how long the car has been at pit-lane speed
};

// One of our built-in circuits, when the session ran on it (its map and lap length then
// come for free); empty otherwise.
QString builtInCircuitFor(const SessionMeta &meta)
{
    static const std::pair<const char *, const char *> known[] = {{"monza", "monza"},
                                                                  {"silverstone", "silverstone"},
                                                                  {"spa", "spa"},
                                                                  {"suzuka", "suzuka"},
                                                                  {"interlagos", "interlagos"},
                                                                  {"sao paulo", "interlagos"},
                                                                  {"monaco", "monaco"},
                                                                  {"monte carlo", "monaco"},
                                                                  {"spielberg", "red-bull-ring"},
                                                                  {"red bull ring", "red-bull-ring"}};
    const QString name = meta.circuitShortName.toLower();
    for (const auto &[prefix, id] : known) {
        if (!name.isEmpty() && name.startsWith(QLatin1String(prefix)))
            return QString::fromLatin1(id);
    }
    return {};
}

// Pit Wall's compounds are the relative ones (SOFT/MEDIUM/HARD, as Pirelli has named a
// race's three dry compounds since 2019); older sessions name the compound itself
// (ULTRASOFT...). Those map by their order from soft to hard among the ones the session
// used; the real name stays in the events' details.
class CompoundNames {
public:
    explicit CompoundNames(const std::vector<Stint> &stints)
    {
        static const QStringList softToHard{QStringLiteral("HYPERSOFT"), QStringLiteral("ULTRASOFT"), QStringLiteral("SUPERSOFT"),
                                            QStringLiteral("SOFT"),      QStringLiteral("MEDIUM"),    QStringLiteral("HARD"),
                                            QStringLiteral("SUPERHARD")};
        constexpr int kSoft = 3, kHard = 5;
        std::set<int> used;
        for (const auto &stint : stints) {
            const int rank = softToHard.indexOf(stint.compound.toUpper());
            if (rank >= 0)
                used.insert(rank);
        }
        const std::vector<int> ranks(used.begin(), used.end());
        const bool relativeAlready = std::all_of(ranks.begin(), ranks.end(), [](int r) { return r >= kSoft && r <= kHard; });
        for (size_t i = 0; i < ranks.size(); ++i) {
            int relative = ranks[i] - kSoft; // the name itself, when it is already relative
            if (!relativeAlready) {
                if (ranks.size() == 1)
                    relative = std::clamp(ranks[i] - kSoft, 0, 2);
                else // softest SOFT, hardest HARD (MEDIUM when only two), the rest MEDIUM
                    relative = i == 0 ? 0 : (i + 1 == ranks.size() && ranks.size() > 2) ? 2 : 1;
            }
            m_map.insert(softToHard[ranks[i]], softToHard[kSoft + relative]);
        }
    }
    QString relative(const QString &compound) const
    {
        const QString upper = compound.toUpper();
        if (upper == QLatin1String("INTERMEDIATE") || upper == QLatin1String("WET"))
            return upper;
        return m_map.value(upper, QStringLiteral("UNKNOWN"));
    }

private:
    QHash<QString, QString> m_map;
};

class RaceBuilder {
public:
    RaceBuilder(const RealSession &session, const BuildOptions &options)
        : m_session(session)
        , m_options(options)
        , m_compounds(session.stints)
    {
    }

    RealRace build();

private:
    void collectDrivers();
    void chooseTimeBase();
    void buildOutline();
    void deriveFinish();
    void sweep();
    void applyTiming(const TimingUpdate &update, qint64 raceMs);
    void applyPosition(const PositionSample &sample, qint64 raceMs);
    void emitTelemetry(const DriverInfo &driver, CarState &car, qint64 raceMs);
    void emitPositions(qint64 raceMs);
    void deriveOrder(qint64 raceMs);
    void findOvertakes(qint64 raceMs, const QHash<QString, int> &before);
    void emitTrackStatus(const TrackStatusChange &change, qint64 raceMs);
    void emitLap(const LapRecord &lap, qint64 raceMs);
    void emitPitStop(const QString &number, qint64 raceMs, std::optional<double> laneS);
    void emitFinish(qint64 raceMs);
    QJsonObject gridJson() const;
    QStringList classification() const;
    void event(qint64 raceMs, const QString &kind, int lap, const QString &driver, const QJsonObject &details);
    void produce(const char *topic, const QByteArray &key, qint64 raceMs, QByteArray value);
    const Stint *stintAt(const QString &number, int lap) const;
    int currentLap(const CarState &car) const;
    int leaderLap() const;
    qint64 raceMsOf(qint64 sessionMs) const { return sessionMs - m_startMs; }
    qint64 epochOf(qint64 raceMs) const { return m_startEpochMs + raceMs; }
    const DriverInfo *driver(const QString &number) const
    {
        const auto it = m_driverIndex.find(number);
        return it == m_driverIndex.end() ? nullptr : &m_drivers[size_t(*it)];
    }

    const RealSession &m_session;
    BuildOptions m_options;
    CompoundNames m_compounds;
    RealRace m_race;
    std::vector<DriverInfo> m_drivers;
    QHash<QString, int> m_driverIndex;
    QHash<QString, CarState> m_cars;
    QHash<QString, std::vector<Stint>> m_stints;
    qint64 m_startMs = 0;  // session ms of race time 0
    qint64 m_signalMs = 0; // race time of the start signal (later than 0 when the data has a lead-in)
    qint64 m_endMs = 0;
    std::optional<qint64> m_finishMs;
    qint64 m_startEpochMs = 0;
    int m_totalLaps = 0;
    bool m_timingOrder = false; // the source gives positions (else: derived from the track)
    std::optional<TrackOutline> m_outline;
    QString m_raceId;
    double m_fastestLapS = 0;
    int m_trackStatus = 1;
    bool m_finishEmitted = false;
    QMap<QString, int> m_eventCounts;
    // Where the leader was when: for gaps from positions (time since the leader passed here).
    std::vector<std::pair<double, qint64>> m_leaderProgress;
    bool m_derivedFinish = false;
    int m_finishers = 0;
    QHash<QString, int> m_gridSlots; // derived races: each car's place on the grid, shown until the start
};

void RaceBuilder::collectDrivers()
{
    QSet<QString> names;
    auto add = [&](const QString &number, DriverInfo info) {
        if (number.isEmpty() || m_driverIndex.contains(number))
            return;
        if (info.name.isEmpty() || names.contains(info.name))
            info.name = info.name.isEmpty() ? QStringLiteral("Car %1").arg(number) : info.name + QStringLiteral(" (%1)").arg(number);
        names.insert(info.name);
        if (info.code.size() != 3)
            info.code = QStringLiteral("%1").arg(number, 3, QLatin1Char('0')).right(3);
        if (info.team.isEmpty())
            info.team = QStringLiteral("Unknown team");
        static const QRegularExpression colourPattern(QStringLiteral("^#[0-9A-Fa-f]{6}$"));
        if (!colourPattern.match(info.colour).hasMatch())
            info.colour = QStringLiteral("#888888");
        info.number = number;
        m_driverIndex.insert(number, int(m_drivers.size()));
        m_drivers.push_back(info);
    };
    for (const auto &d : m_session.drivers)
        add(d.number, {d.number, d.fullName.trimmed(), d.code.toUpper(), d.teamName.trimmed(), d.teamColour});
    // Cars the timing or positions name but the driver list does not.
    for (const auto &t : m_session.timing)
        add(t.number, {});
    for (const auto &p : m_session.positions)
        if (!m_driverIndex.contains(p.number))
            add(p.number, {});
    for (const auto &s : m_session.stints)
        m_stints[s.number].push_back(s);
    for (auto &list : m_stints)
        std::stable_sort(list.begin(), list.end(), [](const Stint &a, const Stint &b) { return a.stintNumber < b.stintNumber; });
}

// Race time 0 is the start signal: the source's when it says it, else the moment the
// field, standing still, set off at racing speed (positions), else the first timing.
void RaceBuilder::chooseTimeBase()
{
    const auto &meta = m_session.meta;
    qint64 lastData = 0;
    auto later = [&](qint64 ms) { lastData = std::max(lastData, ms); };
    for (const auto &t : m_session.timing)
        later(t.ms);
    if (!m_session.positions.empty())
        later(m_session.positions.back().ms);
    if (!m_session.carData.empty())
        later(m_session.carData.back().ms);
    for (const auto &l : m_session.laps)
        later(l.ms);

    if (meta.startedMs) {
        m_startMs = *meta.startedMs;
        m_race.report << QStringLiteral("Race start: the source's start signal (%1).").arg(meta.timingSource);
    } else if (!m_session.positions.empty()) {
        // Mean speed of the field, second by second, from the positions.
        const qint64 first = m_session.positions.front().ms;
        const qint64 seconds = std::min<qint64>((lastData - first) / 1000 + 1, 4 * 3600);
        std::vector<double> moved(size_t(std::max<qint64>(seconds, 1)), 0.0);
        std::vector<int> count(moved.size(), 0);
        QHash<QString, const PositionSample *> previous;
        for (const auto &p : m_session.positions) {
            const auto *before = previous.value(p.number);
            previous.insert(p.number, &p);
            if (!before || p.ms <= before->ms)
                continue;
            const auto second = size_t(std::clamp<qint64>((p.ms - first) / 1000, 0, qint64(moved.size()) - 1));
            moved[second] += std::hypot(p.x - before->x, p.y - before->y) / kUnitsPerMetre / (double(p.ms - before->ms) / 1000.0);
            ++count[second];
        }
        auto kph = [&](size_t s) { return count[s] ? moved[s] / count[s] * 3.6 : 0.0; };
        size_t racing = moved.size();
        for (size_t s = 0; s + 20 < moved.size(); ++s) {
            bool fast = true;
            for (size_t k = s; k < s + 20 && fast; ++k)
                fast = kph(k) > 150;
            if (fast) {
                racing = s;
                break;
            }
        }
        size_t standing = 0;
        for (size_t s = 0; s < racing && s < moved.size(); ++s) {
            if (count[s] && kph(s) < 5)
                standing = s;
        }
        // The replay keeps the lead-in (grid, formation lap): every position the source has.
        m_startMs = first;
        m_signalMs = qint64(standing + 1) * 1000;
        m_race.report << QStringLiteral("Race start: not in the source; taken from the cars' positions (the field "
                                        "stood still, then set off at racing speed) at %1 s into the data.")
                             .arg(m_signalMs / 1000);
    } else if (!m_session.timing.empty()) {
        m_startMs = m_session.timing.front().ms;
        m_race.report << QStringLiteral("Race start: not in the source; the first timing update is taken as the start.");
    }
    if (meta.finishedMs)
        m_finishMs = raceMsOf(*meta.finishedMs);
    qint64 end = lastData;
    if (meta.finishedMs)
        end = std::min(end, *meta.finishedMs + m_options.tailAfterFinishMs);
    m_endMs = std::max<qint64>(0, raceMsOf(end));
    if (meta.referenceUtcMs) {
        m_startEpochMs = *meta.referenceUtcMs + m_startMs;
    } else {
        m_startEpochMs = QDateTime::currentMSecsSinceEpoch();
        m_race.report << QStringLiteral("Wall-clock time: not in the source; timestamps count from the import.");
    }
    m_totalLaps = meta.totalLaps.value_or(0);
    for (const auto &count : m_session.lapCounts)
        if (count.totalLaps)
            m_totalLaps = *count.totalLaps;
}

void RaceBuilder::buildOutline()
{
    if (m_session.positions.empty()) {
        m_race.report << QStringLiteral("Track map: the source has no car positions.");
        return;
    }
    // The car with the most positions, from two minutes after the start (the grid and
    // the first corners behind it).
    QHash<QString, int> counts;
    for (const auto &p : m_session.positions)
        ++counts[p.number];
    QString busiest;
    for (auto it = counts.begin(); it != counts.end(); ++it)
        if (busiest.isEmpty() || it.value() > counts.value(busiest))
            busiest = it.key();
    QVector<QPointF> path;
    for (const auto &p : m_session.positions) {
        if (p.number == busiest && raceMsOf(p.ms) >= m_signalMs + 120000)
            path.push_back(QPointF(p.x, p.y) / kUnitsPerMetre);
    }
    m_outline = TrackOutline::fromPath(path);
    if (!m_outline) {
        m_race.report << QStringLiteral("Track map: no closed lap found in the positions.");
        return;
    }
    // Distance 0 at the grid: where the field stood at the start.
    QPointF grid;
    int cars = 0;
    QSet<QString> placed;
    for (const auto &p : m_session.positions) {
        if (raceMsOf(p.ms) > m_signalMs)
            break;
        if (raceMsOf(p.ms) > m_signalMs - 5000 && !placed.contains(p.number)) {
            placed.insert(p.number);
            grid += m_outline->toFrame(QPointF(p.x, p.y) / kUnitsPerMetre);
            ++cars;
        }
    }
    if (cars > 0)
        m_outline->startAt(grid / cars);
    m_race.report << QStringLiteral("Track map: outline from a lap of car %1 (%2 m).").arg(busiest).arg(qRound(m_outline->lengthM()));
}

// Where the source says neither the finish nor the order, the chequered flag is the last
// racing lap of the car that covered the most laps: the lap before its cool-down lap
// (slower than kCoolDownFactor times the field's median lap) or the end of the data.
void RaceBuilder::deriveFinish()
{
    constexpr double kCoolDownFactor = 1.3;
    const bool timingOrder = std::any_of(m_session.timing.begin(), m_session.timing.end(),
                                         [](const TimingUpdate &u) { return u.position.has_value(); });
    if (!m_outline || m_finishMs || timingOrder)
        return;
    const double length = m_outline->lengthM();
    struct Walk {
        int hint = -1;
        double distance = 0;
        bool counted = false;
        int laps = 0;
        std::vector<std::pair<int, qint64>> crossings; // lap completed, race ms
    };
    QHash<QString, Walk> walks;
    std::vector<std::pair<double, QString>> grid; // how far ahead of the grid's middle, at the start
    for (const auto &p : m_session.positions) {
        const qint64 raceMs = raceMsOf(p.ms);
        Walk &walk = walks[p.number];
        const double before = walk.distance;
        walk.distance = m_outline->lapDistance(m_outline->toFrame(QPointF(p.x, p.y) / kUnitsPerMetre), walk.hint);
        if (raceMs < m_signalMs)
            continue;
        if (!walk.counted) {
            walk.counted = true;
            walk.laps = walk.distance > length / 2 ? -1 : 0;
            grid.emplace_back(walk.distance > length / 2 ? walk.distance - length : walk.distance, p.number);
        } else if (before > 0.8 * length && walk.distance < 0.2 * length) {
            ++walk.laps;
            if (walk.laps > 0)
                walk.crossings.emplace_back(walk.laps, raceMs);
        }
    }
    std::sort(grid.begin(), grid.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    for (size_t i = 0; i < grid.size(); ++i)
        m_gridSlots.insert(grid[i].second, int(i) + 1);
    std::vector<qint64> lapTimes;
    const Walk *top = nullptr;
    for (const auto &walk : walks) {
        for (size_t i = 1; i < walk.crossings.size(); ++i)
            lapTimes.push_back(walk.crossings[i].second - walk.crossings[i - 1].second);
        if (!walk.crossings.empty() && (!top || walk.laps > top->laps ||
                                        (walk.laps == top->laps && walk.crossings.back().second < top->crossings.back().second)))
            top = &walk;
    }
    if (!top || lapTimes.size() < 10)
        return;
    std::nth_element(lapTimes.begin(), lapTimes.begin() + qsizetype(lapTimes.size() / 2), lapTimes.end());
    const double median = double(lapTimes[lapTimes.size() / 2]);
    const auto &crossings = top->crossings;
    size_t last = crossings.size() - 1;
    while (last > 0 && double(crossings[last].second - crossings[last - 1].second) > kCoolDownFactor * median)
        --last;
    m_finishMs = crossings[last].second;
    m_derivedFinish = true;
    if (m_totalLaps == 0)
        m_totalLaps = crossings[last].first;
    m_race.report << QStringLiteral("Finish: not in the source; the chequered flag taken as the leader's last racing "
                                    "lap (lap %1, %2 s into the data), the order as the cars then crossed the line.")
                         .arg(crossings[last].first)
                         .arg(*m_finishMs / 1000);
}

void RaceBuilder::event(qint64 raceMs, const QString &kind, int lap, const QString &driverName, const QJsonObject &details)
{
    const RaceEvent e{m_raceId, epochOf(std::max<qint64>(raceMs, 0)), kind, std::clamp(lap, 0, 200), driverName, details};
    produce(topics::kRaceEvents, m_raceId.toUtf8(), raceMs, codec::encode(e));
    ++m_eventCounts[kind];
}

void RaceBuilder::produce(const char *topic, const QByteArray &key, qint64 raceMs, QByteArray value)
{
    m_race.messages.push_back({std::max<qint64>(raceMs, 0), QByteArray(topic), key, std::move(value)});
}

const Stint *RaceBuilder::stintAt(const QString &number, int lap) const
{
    const auto it = m_stints.find(number);
    if (it == m_stints.end() || it->empty())
        return nullptr;
    const Stint *found = &it->front();
    for (const auto &stint : *it) {
        if (stint.lapStart && *stint.lapStart <= lap)
            found = &stint;
    }
    return found;
}

int RaceBuilder::currentLap(const CarState &car) const
{
    const int completed = m_timingOrder ? car.lapsCompleted : car.derivedLaps;
    const int lap = std::max(completed + 1, 0);
    return m_totalLaps > 0 ? std::min(lap, m_totalLaps) : lap;
}

int RaceBuilder::leaderLap() const
{
    int lap = 1;
    for (const auto &car : m_cars)
        lap = std::max(lap, currentLap(car));
    return lap;
}

void RaceBuilder::applyTiming(const TimingUpdate &update, qint64 raceMs)
{
    CarState &car = m_cars[update.number];
    car.seen = true;
    const DriverInfo *info = driver(update.number);
    const bool racing = raceMs >= m_signalMs;
    if (update.position)
        car.position = *update.position;
    if (update.gapToLeaderS)
        car.gapS = *update.gapToLeaderS;
    else if (update.lapsBehindLeader)
        car.gapS.reset();
    if (update.intervalS)
        car.intervalS = *update.intervalS;
    else if (update.lapsBehindAhead)
        car.intervalS.reset();
    if (update.lapsCompleted) {
        car.lapsCompleted = *update.lapsCompleted;
        if (m_finishMs && raceMs >= *m_finishMs && racing)
            car.finished = true;
    }
    if (update.pitStops)
        car.pitStops = std::max(car.pitStops, *update.pitStops);
    if (update.pitOut)
        car.pitOut = *update.pitOut;
    if (update.inPit) {
        const bool entering = *update.inPit && !car.inPit;
        car.inPit = *update.inPit;
        if (entering && racing && !car.finished) {
            car.lastPitMs = raceMs;
            if (m_session.pitStops.empty() && info)
                emitPitStop(update.number, raceMs, std::nullopt);
        }
    }
    if (update.retired && *update.retired && !car.retired) {
        car.retired = true;
        if (racing && info && !car.finished && !(m_finishMs && raceMs >= *m_finishMs))
            event(raceMs, QStringLiteral("retirement"), currentLap(car), info->name, {{"reason", "retired"}});
    }
}

void RaceBuilder::emitPitStop(const QString &number, qint64 raceMs, std::optional<double> laneS)
{
    const DriverInfo *info = driver(number);
    CarState &car = m_cars[number];
    if (!info)
        return;
    const int lap = currentLap(car);
    const Stint *before = stintAt(number, lap);
    const Stint *after = stintAt(number, lap + 1);
    QJsonObject details{{"stop", ++car.stopsSeen}};
    if (before)
        details.insert(QStringLiteral("from"), m_compounds.relative(before->compound));
    if (after)
        details.insert(QStringLiteral("to"), m_compounds.relative(after->compound));
    if (after)
        details.insert(QStringLiteral("compound"), after->compound.toUpper());
    if (laneS)
        details.insert(QStringLiteral("pit_lane_ms"), qint64(std::llround(*laneS * 1000)));
    car.lastPitMs = raceMs;
    event(raceMs, QStringLiteral("pit_stop"), lap, info->name, details);
}

void RaceBuilder::emitLap(const LapRecord &lap, qint64 raceMs)
{
    const DriverInfo *info = driver(lap.number);
    if (!info || raceMs < m_signalMs)
        return;
    const Stint *stint = stintAt(lap.number, lap.lap);
    QJsonObject details{{"pit_lap", lap.pitOutLap}};
    if (lap.lapTimeS)
        details.insert(QStringLiteral("lap_time_ms"), qint64(std::llround(*lap.lapTimeS * 1000)));
    if (lap.sectorS[0] && lap.sectorS[1] && lap.sectorS[2]) {
        details.insert(QStringLiteral("sector_ms"),
                       QJsonArray{qint64(std::llround(*lap.sectorS[0] * 1000)), qint64(std::llround(*lap.sectorS[1] * 1000)),
                                  qint64(std::llround(*lap.sectorS[2] * 1000))});
    }
    if (stint) {
        details.insert(QStringLiteral("tyre"), m_compounds.relative(stint->compound));
        details.insert(QStringLiteral("tyre_age_laps"), stint->tyreAgeAtStart.value_or(0) + lap.lap - stint->lapStart.value_or(1));
    }
    details.insert(QStringLiteral("neutralised"), m_trackStatus == 4 || m_trackStatus == 6 || m_trackStatus == 7);
    event(raceMs, QStringLiteral("lap_completed"), lap.lap, info->name, details);
    if (lap.lapTimeS && lap.lap > 1 && !lap.pitOutLap && (m_fastestLapS == 0 || *lap.lapTimeS < m_fastestLapS)) {
        m_fastestLapS = *lap.lapTimeS;
        event(raceMs, QStringLiteral("fastest_lap"), lap.lap, info->name, {{"lap_time_ms", qint64(std::llround(*lap.lapTimeS * 1000))}});
    }
}

void RaceBuilder::emitTrackStatus(const TrackStatusChange &change, qint64 raceMs)
{
    const int previous = m_trackStatus;
    m_trackStatus = change.status;
    if (change.status == previous)
        return;
    const int lap = leaderLap();
    if (change.status == 4)
        event(raceMs, QStringLiteral("safety_car"), lap, {}, {{"type", "SC"}, {"state", "deployed"}, {"reason", change.message}});
    else if (change.status == 6)
        event(raceMs, QStringLiteral("safety_car"), lap, {}, {{"type", "VSC"}, {"state", "deployed"}, {"reason", change.message}});
    else if (change.status == 7)
        event(raceMs, QStringLiteral("safety_car"), lap, {}, {{"type", "VSC"}, {"state", "ending"}});
    else if (change.status == 5)
        event(raceMs, QStringLiteral("red_flag"), lap, {}, {{"message", change.message}});
    else if (previous == 4)
        event(raceMs, QStringLiteral("safety_car"), lap, {}, {{"type", "SC"}, {"state", "ending"}});
}

void RaceBuilder::applyPosition(const PositionSample &sample, qint64 raceMs)
{
    CarState &car = m_cars[sample.number];
    const QPointF source = QPointF(sample.x, sample.y) / kUnitsPerMetre;
    const QPointF point = m_outline ? m_outline->toFrame(source) : source;
    if (car.havePoint && sample.ms > car.lastPointMs) {
        const double dt = double(sample.ms - car.lastPointMs) / 1000.0;
        const double kph = std::hypot(point.x() - car.lastPoint.x(), point.y() - car.lastPoint.y()) / dt * 3.6;
        // Positions come every ~0.25 s in whole decimetres: a single step's speed is noisy,
        // so it is smoothed (about a second's memory); a gap in the data starts over.
        if (dt <= 2.0 && kph < 400)
            car.derivedSpeedKph += 0.35 * (kph - car.derivedSpeedKph);
        else if (dt > 2.0)
            car.derivedSpeedKph = 0;
    }
    if (!m_timingOrder && m_session.pitStops.empty() && raceMs > m_signalMs + 60000 && !car.finished && !car.retired &&
        (!m_finishMs || raceMs < *m_finishMs)) {
        if (car.derivedSpeedKph < kPitLaneKph) {
            if (car.slowSinceMs < 0)
                car.slowSinceMs = raceMs;
            else if (!car.inPit && raceMs - car.slowSinceMs >= kPitLaneMs) {
                car.inPit = true;
                emitPitStop(sample.number, car.slowSinceMs, std::nullopt);
            }
        } else if (car.derivedSpeedKph > kLeftPitKph) {
            car.slowSinceMs = -1;
            car.inPit = false;
        }
    }
    if (!car.havePoint || std::hypot(point.x() - car.stillSince.x(), point.y() - car.stillSince.y()) > kStandstillM) {
        car.stillSince = point;
        car.lastMovedMs = raceMs;
    }
    car.havePoint = true;
    car.lastPoint = point;
    car.lastPointMs = sample.ms;
    if (m_outline) {
        const double before = car.lapDistanceM;
        car.lapDistanceM = m_outline->lapDistance(point, car.outlineHint);
        // Distance 0 is the middle of the grid: a car behind it starts one crossing short.
        // Crossing 0 forwards after the start completes a lap (the formation lap does not).
        if (raceMs >= m_signalMs && !car.lapsCounted) {
            car.lapsCounted = true;
            car.derivedLaps = car.lapDistanceM > 0.5 * m_outline->lengthM() ? -1 : 0;
        } else if (car.lapsCounted && !car.finished && before > 0.8 * m_outline->lengthM() &&
                   car.lapDistanceM < 0.2 * m_outline->lengthM()) {
            ++car.derivedLaps;
            // After the flag, a car's next time over the line is its finish.
            if (m_derivedFinish && raceMs >= *m_finishMs) {
                car.finished = true;
                car.finishOrder = ++m_finishers;
            }
        }
    }
}

void RaceBuilder::emitTelemetry(const DriverInfo &info, CarState &car, qint64 raceMs)
{
    TelemetrySample sample;
    sample.raceId = m_raceId;
    sample.driverName = info.name;
    sample.teamName = info.team;
    sample.timestampMs = epochOf(std::max<qint64>(raceMs, 0));
    sample.lap = std::clamp(currentLap(car), 0, codec::kMaxLap);
    sample.lapDistanceM = std::clamp(car.lapDistanceM, 0.0, 20000.0);
    sample.x = std::clamp(car.lastPoint.x(), -1e5, 1e5);
    sample.y = std::clamp(car.lastPoint.y(), -1e5, 1e5);
    const bool freshCar = car.car && std::llabs(car.car->ms - (raceMs + m_startMs)) <= 1500;
    if (freshCar) {
        sample.speedKph = std::clamp(car.car->speedKph, 0.0, codec::kMaxSpeedKph);
        sample.rpm = std::clamp(car.car->rpm, 0, 20000);
        sample.gear = std::clamp(car.car->gear, 0, 8);
        sample.throttle = std::clamp(car.car->throttlePct, 0.0, 100.0);
        sample.brake = std::clamp(car.car->brakePct, 0.0, 100.0);
        sample.drs = car.car->drs;
    } else {
        sample.speedKph = std::clamp(car.derivedSpeedKph, 0.0, codec::kMaxSpeedKph);
    }
    const Stint *stint = stintAt(info.number, sample.lap);
    sample.tyre = stint ? m_compounds.relative(stint->compound) : QStringLiteral("UNKNOWN");
    sample.tyreAgeLaps = stint ? std::clamp(stint->tyreAgeAtStart.value_or(0) + sample.lap - stint->lapStart.value_or(1), 0, codec::kMaxLap)
                               : 0;
    produce(topics::kCarTelemetry, info.name.toUtf8(), raceMs, codec::encode(sample));
}

// Race order from the track where the source has no timing: laps and distance round
// the lap; gaps are the time since the leader passed the same point.
void RaceBuilder::deriveOrder(qint64 raceMs)
{
    if (!m_outline)
        return;
    if (raceMs < m_signalMs) {
        // The lead-in (grid, formation lap): the order they will start in, no gaps yet.
        for (auto it = m_cars.begin(); it != m_cars.end(); ++it) {
            if (const int slot = m_gridSlots.value(it.key()); slot > 0 && it->havePoint) {
                it->position = slot;
                it->gapS.reset();
                it->intervalS.reset();
            }
        }
        return;
    }
    struct Entry {
        QString number;
        double progress;
    };
    std::vector<Entry> order;
    for (auto it = m_cars.begin(); it != m_cars.end(); ++it) {
        CarState &car = it.value();
        if (!car.havePoint)
            continue;
        if (raceMs > m_signalMs && !car.retired && !car.finished &&
            raceMs - std::max(car.lastMovedMs, m_signalMs) > kStandstillMs && (!m_finishMs || raceMs < *m_finishMs)) {
            car.retired = true;
            if (const auto *info = driver(it.key()))
                event(car.lastMovedMs, QStringLiteral("retirement"), currentLap(car), info->name,
                      {{"reason", "stopped"}, {"derived", "the car stood still for a minute"}});
        }
        car.lapsCompleted = std::max(car.derivedLaps, 0);
        const double length = m_outline->lengthM();
        // Before the start: how far ahead of (or behind) the middle of the grid.
        const double progress = car.lapsCounted ? car.derivedLaps * length + car.lapDistanceM
                                                : (car.lapDistanceM > length / 2 ? car.lapDistanceM - length : car.lapDistanceM);
        order.push_back({it.key(), progress});
    }
    // Cars that took the flag, in the order they took it; then the running ones; retired
    // cars behind, in the order they stopped.
    std::stable_sort(order.begin(), order.end(), [&](const Entry &a, const Entry &b) {
        const CarState &ca = m_cars[a.number], &cb = m_cars[b.number];
        if (ca.finishOrder != cb.finishOrder && (ca.finishOrder == 0 || cb.finishOrder == 0))
            return ca.finishOrder != 0;
        if (ca.finishOrder != cb.finishOrder) // both took the flag: more laps first, then who crossed first
            return ca.derivedLaps != cb.derivedLaps ? ca.derivedLaps > cb.derivedLaps : ca.finishOrder < cb.finishOrder;
        if (ca.retired != cb.retired)
            return !ca.retired;
        return a.progress > b.progress;
    });
    if (order.empty())
        return;
    if (m_leaderProgress.empty() || order.front().progress > m_leaderProgress.back().first)
        m_leaderProgress.emplace_back(order.front().progress, raceMs); // kept increasing: searched by progress
    // When the leader passed this point: between the two ticks around it, in proportion
    // (ticks are a second apart; gaps are finer than that).
    auto passedAt = [&](double progress) -> std::optional<double> {
        const auto it = std::lower_bound(m_leaderProgress.begin(), m_leaderProgress.end(), progress,
                                         [](const auto &entry, double p) { return entry.first < p; });
        if (it == m_leaderProgress.end())
            return std::nullopt;
        if (it == m_leaderProgress.begin())
            return double(it->second);
        const auto &before = *(it - 1);
        const double share = (progress - before.first) / (it->first - before.first);
        return double(before.second) + share * double(it->second - before.second);
    };
    std::optional<double> previousGap;
    for (size_t i = 0; i < order.size(); ++i) {
        CarState &car = m_cars[order[i].number];
        car.position = int(i) + 1;
        const auto at = passedAt(order[i].progress);
        car.gapS = i == 0 ? 0.0
                          : (at && !car.retired ? std::optional<double>(std::max(0.0, (double(raceMs) - *at) / 1000.0)) : std::nullopt);
        car.intervalS = i == 0 || !car.gapS || !previousGap ? std::nullopt
                                                            : std::optional<double>(std::max(0.0, *car.gapS - *previousGap));
        previousGap = car.gapS;
    }
}

void RaceBuilder::findOvertakes(qint64 raceMs, const QHash<QString, int> &before)
{
    if (raceMs <= m_signalMs || m_trackStatus == 4 || m_trackStatus == 5 || m_trackStatus == 6)
        return;
    for (auto it = m_cars.begin(); it != m_cars.end(); ++it) {
        const CarState &car = it.value();
        const int was = before.value(it.key(), 0);
        if (!car.position || was == 0 || *car.position >= was || car.inPit || car.retired || car.finished ||
            raceMs - car.lastPitMs < kRecentPitMs)
            continue;
        for (auto other = m_cars.begin(); other != m_cars.end(); ++other) {
            const CarState &passed = other.value();
            const int otherWas = before.value(other.key(), 0);
            if (other.key() == it.key() || !passed.position || otherWas == 0 || otherWas >= was || *passed.position <= *car.position)
                continue;
            if (passed.inPit || passed.retired || passed.finished || raceMs - passed.lastPitMs < kRecentPitMs ||
                std::abs(passed.lapsCompleted - car.lapsCompleted) > 1)
                continue;
            const DriverInfo *a = driver(it.key());
            const DriverInfo *b = driver(other.key());
            if (a && b)
                event(raceMs, QStringLiteral("overtake"), currentLap(car), a->name, {{"passed", b->name}, {"position", *car.position}});
        }
    }
}

void RaceBuilder::emitPositions(qint64 raceMs)
{
    for (const auto &info : m_drivers) {
        const auto it = m_cars.find(info.number);
        if (it == m_cars.end() || !it->position)
            continue;
        const CarState &car = *it;
        PositionUpdate update;
        update.driverName = info.name;
        update.position = std::clamp(*car.position, 1, codec::kMaxPosition);
        update.timestampMs = epochOf(raceMs);
        update.raceId = m_raceId;
        update.teamName = info.team;
        if (car.car && std::llabs(car.car->ms - (raceMs + m_startMs)) <= 1500)
            update.speedKph = std::clamp(car.car->speedKph, 0.0, codec::kMaxSpeedKph);
        else if (car.havePoint)
            update.speedKph = std::clamp(car.derivedSpeedKph, 0.0, codec::kMaxSpeedKph);
        if (car.gapS)
            update.gapToLeaderS = std::clamp(*car.gapS, 0.0, codec::kMaxGapS);
        if (car.intervalS)
            update.intervalS = std::clamp(*car.intervalS, 0.0, codec::kMaxGapS);
        update.lap = std::clamp(currentLap(car), 0, codec::kMaxLap);
        if (const Stint *stint = stintAt(info.number, *update.lap)) {
            update.tyre = m_compounds.relative(stint->compound);
            update.tyreAgeLaps = std::clamp(stint->tyreAgeAtStart.value_or(0) + *update.lap - stint->lapStart.value_or(1), 0,
                                            codec::kMaxLap);
        }
        update.pitStops = std::max(car.pitStops, car.stopsSeen);
        update.status = car.retired    ? QStringLiteral("retired")
                        : car.finished ? QStringLiteral("finished")
                        : car.inPit    ? QStringLiteral("pit")
                                       : QStringLiteral("running");
        produce(topics::kDriverPositions, m_raceId.toUtf8(), raceMs, codec::encode(update));
    }
}

QStringList RaceBuilder::classification() const
{
    std::vector<std::pair<int, QString>> order;
    for (const auto &info : m_drivers) {
        const auto it = m_cars.find(info.number);
        if (it != m_cars.end() && it->position)
            order.emplace_back(*it->position, info.name);
    }
    std::stable_sort(order.begin(), order.end());
    QStringList names;
    for (const auto &[position, name] : order)
        names << name;
    return names;
}

void RaceBuilder::emitFinish(qint64 raceMs)
{
    if (m_finishEmitted)
        return;
    m_finishEmitted = true;
    // Built after the whole session is read: the classification as it stood at the end.
    event(raceMs, QStringLiteral("race_finished"), m_totalLaps > 0 ? m_totalLaps : leaderLap(), {}, {});
}

QJsonObject RaceBuilder::gridJson() const
{
    QJsonArray teams;
    QHash<QString, int> teamIndex;
    for (const auto &info : m_drivers) {
        if (!teamIndex.contains(info.team)) {
            teamIndex.insert(info.team, int(teams.size()));
            teams.append(QJsonObject{{"name", info.team}, {"colour", info.colour.toUpper()}, {"drivers", QJsonArray{}}});
        }
        auto team = teams[teamIndex.value(info.team)].toObject();
        auto drivers = team.value(QStringLiteral("drivers")).toArray();
        drivers.append(QJsonObject{{"name", info.name}, {"code", info.code}, {"number", info.number.toInt()}});
        team.insert(QStringLiteral("drivers"), drivers);
        teams[teamIndex.value(info.team)] = team;
    }
    return QJsonObject{{"season", m_session.meta.year}, {"teams", teams}};
}

void RaceBuilder::sweep()
{
    const auto &s = m_session;
    size_t it = 0, il = 0, ip = 0, ic = 0, is = 0, ir = 0, iw = 0, ipit = 0;
    m_timingOrder = std::any_of(s.timing.begin(), s.timing.end(), [](const TimingUpdate &u) { return u.position.has_value(); });
    if (!m_timingOrder)
        m_race.report << (m_outline ? QStringLiteral("Race order, laps and gaps: not in the source; derived from the cars' positions.")
                                    : QStringLiteral("Race order: the source has neither timing nor positions."));
    QHash<QString, int> before;
    const qint64 step = std::max<qint64>(m_options.positionIntervalMs, 100);
    for (qint64 tick = 0;; tick += step) {
        const qint64 until = m_startMs + tick; // session ms handled up to here
        for (; it < s.timing.size() && s.timing[it].ms <= until; ++it)
            applyTiming(s.timing[it], raceMsOf(s.timing[it].ms));
        for (; ipit < s.pitStops.size() && s.pitStops[ipit].ms <= until; ++ipit) {
            if (raceMsOf(s.pitStops[ipit].ms) >= m_signalMs) {
                emitPitStop(s.pitStops[ipit].number, raceMsOf(s.pitStops[ipit].ms), s.pitStops[ipit].pitLaneS);
            }
        }
        for (; il < s.laps.size() && s.laps[il].ms <= until; ++il)
            emitLap(s.laps[il], raceMsOf(s.laps[il].ms));
        for (; is < s.trackStatus.size() && s.trackStatus[is].ms <= until; ++is)
            emitTrackStatus(s.trackStatus[is], raceMsOf(s.trackStatus[is].ms));
        for (; ir < s.raceControl.size() && s.raceControl[ir].ms <= until; ++ir) {
            const auto &m = s.raceControl[ir];
            QJsonObject details{{"category", m.category}, {"flag", m.flag}, {"scope", m.scope}, {"message", m.message.left(2000)}};
            if (m.sector)
                details.insert(QStringLiteral("sector"), *m.sector);
            if (!m.driverNumber.isEmpty())
                details.insert(QStringLiteral("driver_number"), m.driverNumber);
            const DriverInfo *info = driver(m.driverNumber);
            event(raceMsOf(m.ms), QStringLiteral("race_control"), m.lap.value_or(leaderLap()), info ? info->name : QString(), details);
        }
        for (; iw < s.weather.size() && s.weather[iw].ms <= until; ++iw) {
            const auto &w = s.weather[iw];
            QJsonObject details;
            auto put = [&](const char *name, const auto &value) {
                if (value)
                    details.insert(QLatin1String(name), *value);
            };
            put("air_temp_c", w.airTempC);
            put("track_temp_c", w.trackTempC);
            put("humidity_pct", w.humidityPct);
            put("pressure_mbar", w.pressureMbar);
            put("wind_speed_ms", w.windSpeedMs);
            put("wind_direction_deg", w.windDirectionDeg);
            put("rainfall", w.rainfall);
            if (!details.isEmpty())
                event(raceMsOf(w.ms), QStringLiteral("weather"), leaderLap(), {}, details);
        }
        for (; ic < s.carData.size() && s.carData[ic].ms <= until; ++ic)
            m_cars[s.carData[ic].number].car = s.carData[ic];
        for (; ip < s.positions.size() && s.positions[ip].ms <= until; ++ip) {
            const auto &p = s.positions[ip];
            const qint64 raceMs = raceMsOf(p.ms);
            applyPosition(p, raceMs);
            const DriverInfo *info = driver(p.number);
            // Before the start only the grid matters: the last second of it, shown at 0.
            if (info && raceMs > -1000)
                emitTelemetry(*info, m_cars[p.number], raceMs);
        }
        const qint64 raceMs = tick;
        if (!m_timingOrder)
            deriveOrder(raceMs);
        // Orders derived from positions are compared every few seconds, so that two cars
        // side by side trading places on the measurement's noise are no pass.
        if (m_timingOrder || tick % kDerivedPassCheckMs == 0) {
            findOvertakes(raceMs, before);
            before.clear();
            for (auto car = m_cars.begin(); car != m_cars.end(); ++car)
                if (car->position)
                    before.insert(car.key(), *car->position);
        }
        if (m_finishMs && raceMs >= *m_finishMs)
            emitFinish(*m_finishMs);
        emitPositions(raceMs);
        if (tick >= m_endMs)
            break;
    }
}

RealRace RaceBuilder::build()
{
    const auto &meta = m_session.meta;
    collectDrivers();
    chooseTimeBase();
    const QString circuit = builtInCircuitFor(meta);
    QString place = meta.circuitShortName.isEmpty() ? meta.meetingName : meta.circuitShortName;
    const int year = meta.year > 0         ? meta.year
                     : meta.referenceUtcMs ? QDateTime::fromMSecsSinceEpoch(*meta.referenceUtcMs, QTimeZone::utc()).date().year()
                                           : 0;
    // Without a place, the source's own session id names it ("OpenF1 session 9550").
    const QString sessionLabel = meta.sessionKey.isEmpty() ? QString()
                                                           : QStringLiteral("%1 session %2").arg(m_session.origin, meta.sessionKey);
    m_raceId = m_options.raceId;
    if (m_raceId.isEmpty()) {
        QStringList parts{QStringLiteral("real")};
        if (year > 0)
            parts << QString::number(year);
        if (!place.isEmpty())
            parts << slug(place);
        else if (!sessionLabel.isEmpty())
            parts << slug(sessionLabel);
        if (!meta.sessionName.isEmpty())
            parts << slug(meta.sessionName);
        else if (parts.size() == 1 || (year > 0 && parts.size() == 2))
            parts << QStringLiteral("session");
        m_raceId = parts.join(QLatin1Char('-')).left(90);
        const QString base = m_raceId;
        for (int n = 2; m_options.idTaken && m_options.idTaken(m_raceId) && n < 10000; ++n)
            m_raceId = QStringLiteral("%1-%2").arg(base).arg(n);
    }
    buildOutline();
    deriveFinish();

    QJsonArray drivers;
    for (const auto &info : m_drivers)
        drivers.append(QJsonObject{
            {"name", info.name}, {"code", info.code}, {"number", info.number.toInt()}, {"team", info.team}, {"colour", info.colour}});
    // The starting order: the first positions the timing gives.
    QStringList gridOrder;
    {
        QHash<QString, int> first;
        for (const auto &t : m_session.timing) {
            if (raceMsOf(t.ms) > 0)
                break;
            if (t.position)
                first.insert(t.number, *t.position);
        }
        std::vector<std::pair<int, QString>> sorted;
        for (auto i = first.begin(); i != first.end(); ++i)
            if (const auto *info = driver(i.key()))
                sorted.emplace_back(i.value(), info->name);
        std::sort(sorted.begin(), sorted.end());
        for (const auto &[position, name] : sorted)
            gridOrder << name;
    }
    QJsonObject started{
        {"circuit", circuit.isEmpty() ? slug(place) : circuit}, {"circuit_name", place},      {"laps", m_totalLaps},
        {"grid", QJsonArray::fromStringList(gridOrder)},        {"origin", m_session.origin}, {"drivers", drivers}};
    event(m_signalMs, QStringLiteral("race_started"), 1, {}, started);

    sweep();
    if (!m_finishEmitted && m_totalLaps > 0 && leaderLap() >= m_totalLaps && !m_session.meta.finishedMs && !m_timingOrder)
        m_race.report << QStringLiteral("Finish: not in the source.");

    // The classification at the end, given to the finish event (built before it was known).
    const QStringList finalOrder = classification();
    if (m_finishEmitted) {
        for (auto &message : m_race.messages) {
            if (message.topic == topics::kRaceEvents && message.value.contains("\"race_finished\"")) {
                auto decoded = codec::decodeRaceEvent(message.value);
                if (decoded && decoded->kind == QLatin1String("race_finished")) {
                    RaceEvent finish = decoded.value();
                    finish.details.insert(QStringLiteral("classification"), QJsonArray::fromStringList(finalOrder));
                    message.value = codec::encode(finish);
                }
            }
        }
    }
    std::stable_sort(m_race.messages.begin(), m_race.messages.end(),
                     [](const RecordedMessage &a, const RecordedMessage &b) { return a.raceMs < b.raceMs; });

    RaceRecord &record = m_race.record;
    record.id = m_raceId;
    QString title = meta.meetingName.isEmpty() ? place : meta.meetingName;
    if (title.isEmpty())
        title = sessionLabel.isEmpty() ? QStringLiteral("Real session") : sessionLabel;
    if (year > 0)
        title = QStringLiteral("%1 %2").arg(year).arg(title);
    if (!meta.sessionName.isEmpty())
        record.name = QStringLiteral("%1 — %2, %3").arg(title, meta.sessionName, m_session.origin);
    else
        record.name = title.contains(m_session.origin) ? title : QStringLiteral("%1, %2").arg(title, m_session.origin);
    record.circuit = circuit.isEmpty() ? slug(place) : circuit;
    record.startedAtMs = m_startEpochMs;
    int maxLaps = 0;
    for (const auto &car : m_cars)
        maxLaps = std::max(maxLaps, car.lapsCompleted);
    record.laps = m_totalLaps > 0 ? m_totalLaps : maxLaps;
    record.followedDriver = gridOrder.value(0, finalOrder.value(0));
    for (const auto &info : m_drivers)
        record.drivers << info.name;
    QJsonArray outline;
    if (m_outline)
        for (const auto &p : m_outline->points())
            outline.append(QJsonArray{std::round(p.x() * 10) / 10, std::round(p.y() * 10) / 10});
    record.options = QJsonObject{{"source", m_session.origin},
                                 {"real", true},
                                 {kGridOption, gridJson()},
                                 {kOutlineOption, outline},
                                 {kHasCarDataOption, !m_session.carData.empty()},
                                 {"report", QJsonArray::fromStringList(m_race.report)}};
    record.state = QStringLiteral("imported");
    QJsonObject counts;
    for (auto i = m_eventCounts.begin(); i != m_eventCounts.end(); ++i)
        counts.insert(i.key(), i.value());
    record.result = QJsonObject{{"finished", m_finishEmitted},
                                {"classification", QJsonArray::fromStringList(finalOrder)},
                                {"events", counts},
                                {"leader_lap", maxLaps}};
    record.durationMs = m_race.messages.empty() ? 0 : m_race.messages.back().raceMs;
    record.messageCount = qint64(m_race.messages.size());
    return std::move(m_race);
}

} // namespace

RealRace buildRealRace(const RealSession &session, const BuildOptions &options)
{
    return RaceBuilder(session, options).build();
}

} // namespace pitwall::realrace
