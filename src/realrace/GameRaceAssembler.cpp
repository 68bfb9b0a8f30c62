#include "GameRaceAssembler.h"

#include "Slug.h"

#include "core/JsonCodec.h"
#include "sources/f1game/GameNames.h"

#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <map>

namespace pitwall::realrace {

using namespace sources::f1game;

namespace {

constexpr qint64 kSlotMs = 100;                  // telemetry: at most one sample per car per slot (10 Hz)
constexpr qint64 kPositionMs = 1000;             // positions and car metrics: once per race-second
constexpr qint64 kFlashbackMs = 1000;            // further back than this, a packet may be from a flashback
constexpr int kFlashbackPackets = 8;             // ... and it is one when this many in a row are (or FLBK says so)
constexpr qint64 kParticipantsWaitMs = 6000;     // the game sends Participants every 5 s
constexpr double kMaxSessionS = 7 * 24 * 3600.0; // a session clock past this is damage
constexpr qint64 kRecentIncidentMs = 30000;      // a retirement this recent is the safety car's reason
constexpr int kMaxPitStops = 20;                 // the codec's limit

bool finite(double v)
{
    return std::isfinite(v);
}

double clampFinite(double v, double lo, double hi, double otherwise = 0)
{
    return finite(v) ? std::clamp(v, lo, hi) : otherwise;
}

int clampLap(int lap)
{
    return std::clamp(lap, 0, codec::kMaxLap);
}

// Pit Wall's compounds from the game's visual compound (what the tyre's sidewall shows).
QString tyreName(int visualCompound)
{
    const QString name = visualCompoundName(visualCompound);
    if (name == QLatin1String("Soft") || name == QLatin1String("Super Soft"))
        return QStringLiteral("SOFT");
    if (name == QLatin1String("Medium"))
        return QStringLiteral("MEDIUM");
    if (name == QLatin1String("Hard"))
        return QStringLiteral("HARD");
    if (name == QLatin1String("Inter"))
        return QStringLiteral("INTERMEDIATE");
    if (name == QLatin1String("Wet"))
        return QStringLiteral("WET");
    return QStringLiteral("UNKNOWN");
}

// A temperature the codec accepts, or unknown. `hidden`: the car's owner restricts their
// telemetry, so a zero is "not sent", not a reading.
std::optional<double> temperature(double celsius, bool hidden)
{
    if (!finite(celsius) || (hidden && celsius == 0))
        return std::nullopt;
    if (celsius < codec::kMinTemperatureC || celsius > codec::kMaxTemperatureC)
        return std::nullopt;
    return celsius;
}

// The real teams' colours (as in resources/grid), by the game's team names.
QString realTeamColour(const QString &team)
{
    static const std::pair<const char *, const char *> colours[] = {
        {"Mercedes", "#27F4D2"},    {"Ferrari", "#E8002D"},      {"Red Bull Racing", "#3671C6"}, {"Red Bull", "#3671C6"},
        {"Williams", "#64C4FF"},    {"Aston Martin", "#229971"}, {"Alpine", "#FF87BC"},          {"RB", "#6692FF"},
        {"Alpha Tauri", "#5E8FAA"}, {"Haas", "#B6BABD"},         {"McLaren", "#FF8000"},         {"Sauber", "#52E252"},
        {"Alfa Romeo", "#C92D4B"},  {"Racing Point", "#F596C8"}, {"Renault", "#FFF500"},
    };
    // "Ferrari '24", "Mercedes 2020": the team's own colour.
    QString base = team;
    static const QRegularExpression yearSuffix(QStringLiteral("\\s+('\\d\\d|20\\d\\d)$"));
    base.remove(yearSuffix);
    for (const auto &[name, colour] : colours) {
        if (base == QLatin1String(name))
            return QString::fromLatin1(colour);
    }
    return {};
}

// A colour for a team the table lacks (F2, custom, generic): distinct per team id.
QString fallbackColour(int teamId)
{
    static const char *const palette[] = {"#9B59B6", "#1ABC9C", "#E67E22", "#34495E", "#F1C40F",
                                          "#16A085", "#D35400", "#7F8C8D", "#2ECC71", "#C0392B"};
    return QString::fromLatin1(palette[std::size_t(teamId) % std::size(palette)]);
}

QString circuitId(const QString &track)
{
    if (track == QLatin1String("Austria"))
        return QStringLiteral("red-bull-ring");
    if (track == QLatin1String("Brazil"))
        return QStringLiteral("interlagos");
    return slug(track);
}

// Three letters from a name: the family name's first three (the game sends "VERSTAPPEN",
// online players their gamertag). Short names are padded.
QString codeFor(const QString &name)
{
    const QStringList words = name.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QString code;
    auto take = [&code](const QString &word) {
        for (const QChar c : word) {
            if (code.size() < 3 && c.isLetterOrNumber() && !c.isSurrogate())
                code.append(c.toUpper());
        }
    };
    if (!words.isEmpty())
        take(words.constLast());
    for (const auto &word : words)
        take(word);
    while (code.size() < 3)
        code.append(QLatin1Char('X'));
    return code;
}

const char *penaltyName(int type)
{
    switch (type) {
    case 0: return "Drive through";
    case 1: return "Stop and go";
    case 2: return "Grid penalty";
    case 4: return "Time penalty";
    case 6: return "Disqualified";
    case 7: return "Removed from formation lap";
    case 9: return "Tyre regulations";
    case 17: return "Black flag timer";
    default: return nullptr; // reminders, warnings, lap invalidations: not penalties
    }
}

QString infringementName(int type)
{
    static const char *const names[] = {"blocking by slow driving",
                                        "blocking by wrong way driving",
                                        "reversing off the start line",
                                        "big collision",
                                        "small collision",
                                        "collision, failed to hand back position",
                                        "collision, failed to hand back positions",
                                        "corner cutting gained time",
                                        "corner cutting overtake",
                                        "corner cutting overtakes",
                                        "crossed pit exit lane",
                                        "ignoring blue flags",
                                        "ignoring yellow flags",
                                        "ignoring drive through",
                                        "too many drive throughs",
                                        "drive through to serve within laps",
                                        "drive through to serve this lap",
                                        "pit lane speeding",
                                        "parked for too long",
                                        "ignoring tyre regulations",
                                        "too many penalties",
                                        "multiple warnings",
                                        "approaching disqualification",
                                        "tyre regulations",
                                        "tyre regulations",
                                        "lap invalidated, corner cutting",
                                        "lap invalidated, running wide",
                                        "running wide, gained time",
                                        "running wide, gained time",
                                        "running wide, gained time",
                                        "lap invalidated, wall riding",
                                        "lap invalidated, flashback used",
                                        "lap invalidated, reset to track",
                                        "blocking the pit lane",
                                        "jump start",
                                        "safety car collision",
                                        "safety car illegal overtake",
                                        "exceeding safety car pace",
                                        "exceeding virtual safety car pace",
                                        "formation lap below allowed speed",
                                        "formation lap parking",
                                        "retired, mechanical failure",
                                        "retired, terminal damage",
                                        "falling too far behind the safety car",
                                        "black flag timer",
                                        "unserved stop and go",
                                        "unserved drive through",
                                        "engine component change",
                                        "gearbox change",
                                        "parc fermé change",
                                        "league grid penalty",
                                        "retry penalty",
                                        "illegal time gain",
                                        "mandatory pit stop",
                                        "attribute assigned"};
    if (type < 0 || type >= int(std::size(names)))
        return {};
    return QString::fromUtf8(names[type]);
}

// Retirement reasons (2025's RTMT reason and FinalClassification resultReason).
QString retirementReason(int reason)
{
    switch (reason) {
    case 3: return QStringLiteral("terminal damage");
    case 5: return QStringLiteral("not enough laps");
    case 6: return QStringLiteral("black flagged");
    case 7: return QStringLiteral("red flagged");
    case 8: return QStringLiteral("mechanical failure");
    default: return QStringLiteral("retired");
    }
}

QString resultStatusReason(int status)
{
    switch (status) {
    case 4: return QStringLiteral("did not finish");
    case 5: return QStringLiteral("disqualified");
    case 6: return QStringLiteral("not classified");
    default: return QStringLiteral("retired");
    }
}

bool isOut(int resultStatus)
{
    return resultStatus >= 4 && resultStatus <= 7;
}

struct Entrant {
    QString name;
    QString team;
    QString colour;
    QString code;
    int number = 0; // 1-99, unique in the session
    int teamId = 0;
    bool hidden = false; // restricted telemetry, and not the player's car
};

struct Car {
    std::optional<CarLapData> lap;
    std::optional<CarTelemetry> telemetry;
    std::optional<CarStatus> status;
    std::optional<std::pair<double, double>> xy; // metres: world X and Z (the game's ground plane)
    bool dirty = false;                          // updated since its last telemetry sample
    bool pitThisLap = false;
    // A pit visit in progress.
    bool inPit = false;
    int pitLap = 0;
    QString pitFrom;
    int pitStopsBefore = 0;
    int pitTyreAgeBefore = 0;
    quint32 stationaryMs = 0;
    quint32 laneMs = 0;
    bool retirementSent = false;
};

} // namespace

struct GameRaceAssembler::State {
    QString raceId;
    bool seenPacket = false;
    quint64 sessionUid = 0;
    int format = 0;
    int playerIndex = 0;
    // Session.
    bool haveSession = false;
    int sessionType = 0;
    int trackId = -1;
    int totalLaps = 0;
    bool online = false;
    int lastSessionSafetyCar = 0;
    // Participants.
    int numActive = 0; // 0 until Participants
    std::optional<ParticipantsPacket> lastParticipants;
    std::array<Entrant, kMaxCars> entrants;
    std::array<Car, kMaxCars> cars;
    // Clock.
    qint64 clockMs = -1;
    qint64 slot = -1;   // the telemetry slot of the state held
    qint64 second = -1; // the race-second of the state held
    qint64 positionsSentSecond = -1;
    std::array<qint64, 32> lastOfKind{}; // session ms of the last packet of each id: older ones are late
    int behind = 0;                      // packets in a row far behind the clock
    qint64 firstMs = -1;
    bool provisional = false; // entrants made up from LapData: no Participants came
    // Race.
    bool raceStarted = false;
    bool chequered = false;
    bool raceFinished = false;
    QStringList finalClassification;
    bool sawSafetyCarEvent = false;
    int safetyCar = 0; // 0 none, 1 SC, 2 VSC
    bool safetyCarEnding = false;
    qint64 lastRetirementMs = -1;
    QString lastRetired;

    // ---- queries

    bool known(int i) const { return i >= 0 && i < numActive && !entrants[size_t(i)].name.isEmpty(); }
    bool active(int i) const { return known(i) && cars[size_t(i)].lap && cars[size_t(i)].lap->resultStatus >= 2; }
    bool raceSession() const { return haveSession && isRaceSession(sessionType, format); }
    // Race-only events (overtakes, lights out) are kept unless the session is known to be another.
    bool maybeRace() const { return !haveSession || raceSession(); }
    int currentLap(int i) const { return cars[size_t(i)].lap ? clampLap(cars[size_t(i)].lap->currentLapNum) : 0; }
    int leaderLap() const
    {
        int lap = 0;
        for (int i = 0; i < kMaxCars; ++i) {
            if (active(i))
                lap = std::max(lap, currentLap(i));
        }
        if (totalLaps > 0)
            lap = std::min(lap, totalLaps);
        return clampLap(lap);
    }
    QString nameOf(int i) const { return known(i) ? entrants[size_t(i)].name : QString(); }
    std::optional<QString> tyreOf(int i) const
    {
        const auto &status = cars[size_t(i)].status;
        return status ? std::optional<QString>(tyreName(status->visualTyreCompound)) : std::nullopt;
    }
    QStringList runningOrder() const
    {
        std::vector<std::pair<int, int>> order; // position, car
        for (int i = 0; i < kMaxCars; ++i) {
            if (active(i) && cars[size_t(i)].lap->carPosition > 0)
                order.emplace_back(cars[size_t(i)].lap->carPosition, i);
        }
        std::sort(order.begin(), order.end());
        QStringList names;
        for (const auto &[position, car] : order)
            names << entrants[size_t(car)].name;
        return names;
    }

    void event(GameRaceAssembler::Output &out, qint64 ms, const QString &kind, int lap, const QString &driver, const QJsonObject &details)
    {
        out.events.push_back(RaceEvent{raceId, ms, kind, clampLap(lap), driver, details});
    }

    // ---- the clock

    // The packet at `ms` is later than the state held: what the state completes is produced first.
    void advance(qint64 ms, GameRaceAssembler::Output &out)
    {
        if (clockMs < 0) {
            slot = ms / kSlotMs;
            second = ms / kPositionMs;
            return;
        }
        if (ms / kSlotMs > slot) {
            sendTelemetry(out);
            slot = ms / kSlotMs;
        }
        if (ms / kPositionMs > second) {
            sendPositions(out);
            second = ms / kPositionMs;
        }
    }

    void flush(GameRaceAssembler::Output &out)
    {
        if (clockMs < 0)
            return;
        sendTelemetry(out);
        sendPositions(out);
    }

    void sendTelemetry(GameRaceAssembler::Output &out)
    {
        for (int i = 0; i < kMaxCars; ++i) {
            Car &car = cars[size_t(i)];
            if (!car.dirty || !active(i) || !car.telemetry || !car.xy)
                continue;
            car.dirty = false;
            const Entrant &entrant = entrants[size_t(i)];
            const CarTelemetry &t = *car.telemetry;
            TelemetrySample s;
            s.raceId = raceId;
            s.driverName = entrant.name;
            s.teamName = entrant.team;
            s.timestampMs = slot * kSlotMs;
            s.lap = currentLap(i);
            s.lapDistanceM = car.lap ? clampFinite(car.lap->lapDistance, 0, 20000) : 0;
            s.x = clampFinite(car.xy->first, -1e5, 1e5);
            s.y = clampFinite(car.xy->second, -1e5, 1e5);
            s.speedKph = std::min<double>(t.speed, codec::kMaxSpeedKph);
            s.rpm = std::min<int>(t.engineRPM, 20000);
            s.gear = std::clamp<int>(t.gear, 0, 8); // reverse (-1) and neutral read 0
            s.throttle = clampFinite(t.throttle * 100.0, 0, 100);
            s.brake = clampFinite(t.brake * 100.0, 0, 100);
            s.drs = t.drs == 1;
            // Fuel is a required field: a restricted car's reads 0 (the game sends nothing else).
            s.fuelKg = car.status ? clampFinite(car.status->fuelInTank, 0, 150) : 0;
            s.tyre = tyreOf(i).value_or(QStringLiteral("UNKNOWN"));
            s.tyreAgeLaps = car.status ? clampLap(car.status->tyresAgeLaps) : 0;
            s.engineTemperatureC = temperature(t.engineTemperature, entrant.hidden);
            // The game's wheels are RL, RR, FL, FR; Pit Wall's FL, FR, RL, RR.
            static constexpr int fromGame[4] = {2, 3, 0, 1};
            for (int w = 0; w < 4; ++w) {
                s.tyreTemperatureC[w] = temperature(t.tyresSurfaceTemperature[size_t(fromGame[w])], entrant.hidden);
                s.brakeTemperatureC[w] = temperature(t.brakesTemperature[size_t(fromGame[w])], entrant.hidden);
            }
            out.telemetry.push_back(std::move(s));
        }
    }

    void sendPositions(GameRaceAssembler::Output &out)
    {
        if (second <= positionsSentSecond)
            return;
        positionsSentSecond = second;
        const qint64 ms = second * kPositionMs;
        QSet<QString> teamsSent;
        for (int i = 0; i < kMaxCars; ++i) {
            if (!active(i))
                continue;
            const Car &car = cars[size_t(i)];
            const CarLapData &lap = *car.lap;
            const Entrant &entrant = entrants[size_t(i)];
            if (lap.carPosition >= 1 && lap.carPosition <= codec::kMaxPosition) {
                PositionUpdate p;
                p.driverName = entrant.name;
                p.position = lap.carPosition;
                p.timestampMs = ms;
                p.raceId = raceId;
                p.teamName = entrant.team;
                if (car.telemetry)
                    p.speedKph = std::min<double>(car.telemetry->speed, codec::kMaxSpeedKph);
                if (maybeRace()) {
                    // The deltas are the game's, in seconds; the leader's are 0.
                    const bool leader = lap.carPosition == 1;
                    p.gapToLeaderS = leader ? 0.0 : std::min(lap.deltaToRaceLeaderMs() / 1000.0, codec::kMaxGapS);
                    p.intervalS = leader ? 0.0 : std::min(lap.deltaToCarInFrontMs() / 1000.0, codec::kMaxGapS);
                }
                p.lap = clampLap(lap.currentLapNum);
                p.tyre = tyreOf(i);
                if (car.status)
                    p.tyreAgeLaps = clampLap(car.status->tyresAgeLaps);
                p.pitStops = std::min<int>(lap.numPitStops, kMaxPitStops);
                p.status = statusOf(lap);
                out.positions.push_back(std::move(p));
            }
            // f1-car-metrics: the team's first car whose engine temperature is known.
            if (!teamsSent.contains(entrant.team) && car.telemetry) {
                if (const auto engine = temperature(car.telemetry->engineTemperature, entrant.hidden)) {
                    teamsSent.insert(entrant.team);
                    out.teamMetrics.push_back(CarMetrics{entrant.team, ms, *engine});
                }
            }
        }
    }

    static QString statusOf(const CarLapData &lap)
    {
        if (lap.resultStatus == 3)
            return QStringLiteral("finished");
        if (isOut(lap.resultStatus))
            return QStringLiteral("retired");
        if (lap.pitStatus != 0)
            return QStringLiteral("pit");
        return QStringLiteral("running");
    }

    // ---- packets

    void applySession(const SessionPacket &p, qint64 ms, GameRaceAssembler::Output &out)
    {
        haveSession = true;
        sessionType = p.sessionType;
        trackId = p.trackId;
        totalLaps = std::clamp<int>(p.totalLaps, 0, codec::kMaxLap);
        const bool wasOnline = online;
        online = p.networkGame == 1;
        if (online != wasOnline && lastParticipants)
            applyParticipants(*lastParticipants); // whether names may be hidden changed
        // F1 23 has no SCAR event: the session's safety car status tells.
        const int status = p.safetyCarStatus;
        if (!sawSafetyCarEvent && status != lastSessionSafetyCar) {
            if (status == 1 || status == 2)
                safetyCarChange(status, 0, ms, out);
            else if (status == 0 && (lastSessionSafetyCar == 1 || lastSessionSafetyCar == 2))
                safetyCarChange(lastSessionSafetyCar, 2, ms, out);
        }
        lastSessionSafetyCar = status;
    }

    void applyParticipants(const ParticipantsPacket &p)
    {
        if (!lastParticipants || &p != &*lastParticipants)
            lastParticipants = p;
        provisional = false;
        numActive = std::min<int>(p.numActiveCars, kMaxCars);
        // Deterministic from the packet, so names stay the same from one Participants to the next.
        QSet<QString> teamNames;
        for (int i = 0; i < numActive; ++i) {
            QString team = teamName(p.cars[size_t(i)].teamId, format);
            if (team.isEmpty())
                team = QStringLiteral("Team %1").arg(p.cars[size_t(i)].teamId);
            teamNames.insert(team);
        }
        QSet<QString> names = teamNames; // a grid's team and driver names are all distinct
        QSet<int> numbers;
        for (int i = 0; i < numActive; ++i) {
            const Participant &in = p.cars[size_t(i)];
            if (in.raceNumber >= 1 && in.raceNumber <= 99 && !numbers.contains(in.raceNumber))
                numbers.insert(in.raceNumber);
        }
        QSet<int> numbersGiven;
        for (int i = 0; i < numActive; ++i) {
            const Participant &in = p.cars[size_t(i)];
            Entrant &e = entrants[size_t(i)];
            e.teamId = in.teamId;
            e.team = teamName(in.teamId, format);
            if (e.team.isEmpty())
                e.team = QStringLiteral("Team %1").arg(in.teamId);
            e.hidden = isRestricted(in) && i != playerIndex;
            // An online player who hides their name shows as their car.
            QString name = in.name.simplified().left(int(codec::kMaxNameLength) - 8);
            const bool nameHidden = online && in.aiControlled == 0 && in.showOnlineNames == 0 && i != playerIndex;
            const bool anonymous = name.isEmpty() || nameHidden;
            const int carNumber = in.raceNumber > 0 ? int(in.raceNumber) : i + 1;
            if (anonymous)
                name = QStringLiteral("Car %1").arg(carNumber);
            QString unique = name;
            for (int n = 2; names.contains(unique); ++n)
                unique = QStringLiteral("%1 (%2)").arg(name).arg(n);
            names.insert(unique);
            e.name = unique;
            e.code = anonymous ? QStringLiteral("C%1").arg(carNumber % 100, 2, 10, QLatin1Char('0')) : codeFor(unique);
            int number = in.raceNumber;
            if (number < 1 || number > 99 || numbersGiven.contains(number)) {
                number = 1;
                while (numbers.contains(number) || numbersGiven.contains(number))
                    ++number;
            }
            numbersGiven.insert(number);
            e.number = std::min(number, 99);
        }
        // Colours: a team's livery (2025) when its cars send one, else the real team's.
        QHash<QString, QString> colours;
        for (int i = 0; i < numActive; ++i) {
            const Participant &in = p.cars[size_t(i)];
            const QString &team = entrants[size_t(i)].team;
            if (in.numColours > 0 && !colours.contains(team)) {
                const LiveryColour &c = in.liveryColours[0];
                colours.insert(team, QStringLiteral("#%1%2%3")
                                         .arg(int(c.red), 2, 16, QLatin1Char('0'))
                                         .arg(int(c.green), 2, 16, QLatin1Char('0'))
                                         .arg(int(c.blue), 2, 16, QLatin1Char('0'))
                                         .toUpper());
            }
        }
        for (int i = 0; i < numActive; ++i) {
            Entrant &e = entrants[size_t(i)];
            e.colour = colours.value(e.team);
            if (e.colour.isEmpty())
                e.colour = realTeamColour(e.team);
            if (e.colour.isEmpty())
                e.colour = fallbackColour(e.teamId);
        }
        for (int i = numActive; i < kMaxCars; ++i)
            entrants[size_t(i)] = Entrant{};
    }

    // A capture cut after its Participants, or a listener that never gets one: the cars that
    // race get "Car <n>" (their index: the race number is unknown), until Participants come.
    void makeProvisionalEntrants()
    {
        int count = 0;
        for (int i = 0; i < kMaxCars; ++i) {
            if (cars[size_t(i)].lap && cars[size_t(i)].lap->resultStatus >= 2)
                count = i + 1;
        }
        if (count == 0)
            return;
        provisional = true;
        numActive = count;
        for (int i = 0; i < count; ++i) {
            Entrant &e = entrants[size_t(i)];
            e.name = QStringLiteral("Car %1").arg(i + 1);
            e.code = QStringLiteral("C%1").arg(i + 1, 2, 10, QLatin1Char('0'));
            e.number = i + 1;
            e.teamId = 255;
            e.team = QStringLiteral("Unknown team");
            e.colour = fallbackColour(0);
            e.hidden = i != playerIndex; // whether they restrict their telemetry is not known
        }
    }

    void applyTelemetry(const CarTelemetryPacket &p)
    {
        for (int i = 0; i < kMaxCars; ++i) {
            cars[size_t(i)].telemetry = p.cars[size_t(i)];
            cars[size_t(i)].dirty = true;
        }
    }

    void applyStatus(const CarStatusPacket &p)
    {
        for (int i = 0; i < kMaxCars; ++i) {
            cars[size_t(i)].status = p.cars[size_t(i)];
            cars[size_t(i)].dirty = true;
        }
    }

    void applyMotion(const MotionPacket &p)
    {
        for (int i = 0; i < kMaxCars; ++i) {
            const CarMotion &m = p.cars[size_t(i)];
            if (!finite(m.worldPositionX) || !finite(m.worldPositionZ))
                continue;
            cars[size_t(i)].xy = std::make_pair(double(m.worldPositionX), double(m.worldPositionZ));
            cars[size_t(i)].dirty = true;
        }
    }

    void applyLapData(const LapDataPacket &p, qint64 ms, GameRaceAssembler::Output &out)
    {
        for (int i = 0; i < kMaxCars; ++i) {
            Car &car = cars[size_t(i)];
            const CarLapData &now = p.cars[size_t(i)];
            const std::optional<CarLapData> before = car.lap;
            car.lap = now;
            car.dirty = true;
            if (!known(i) || now.resultStatus < 2)
                continue;
            // Laps count while racing: a retired or finished car's number may still move on.
            if (before && now.currentLapNum > before->currentLapNum && before->currentLapNum >= 1 && before->resultStatus == 2)
                lapCompleted(i, *before, now, ms, out);
            else if (before && now.currentLapNum < before->currentLapNum)
                car.pitThisLap = false; // a flashback over the line
            pitLane(i, now, ms, out);
            if (isOut(now.resultStatus))
                retired(i, resultStatusReason(now.resultStatus), ms, out);
        }
        checkFinish(ms, out);
    }

    void lapCompleted(int i, const CarLapData &before, const CarLapData &now, qint64 ms, GameRaceAssembler::Output &out)
    {
        Car &car = cars[size_t(i)];
        const int lap = now.currentLapNum - 1; // a jump (lost packets) completes only the last lap
        QJsonObject details;
        const quint32 lapMs = now.lastLapTimeInMS;
        if (lapMs > 0 && lapMs < 3600000u) {
            details.insert(QStringLiteral("lap_time_ms"), qint64(lapMs));
            // Sectors 1 and 2 are those of the packet before the line; 3 is the rest.
            const quint32 s1 = before.sector1TimeMs(), s2 = before.sector2TimeMs();
            if (before.currentLapNum == lap && before.sector == 2 && s1 > 0 && s2 > 0 && s1 + s2 < lapMs)
                details.insert(QStringLiteral("sector_ms"), QJsonArray{qint64(s1), qint64(s2), qint64(lapMs - s1 - s2)});
        }
        if (const auto tyre = tyreOf(i)) {
            details.insert(QStringLiteral("tyre"), *tyre);
            details.insert(QStringLiteral("tyre_age_laps"), clampLap(car.status->tyresAgeLaps));
        }
        details.insert(QStringLiteral("pit_lap"), car.pitThisLap || car.inPit);
        details.insert(QStringLiteral("valid"), before.currentLapInvalid == 0);
        if (safetyCar != 0)
            details.insert(QStringLiteral("neutralised"), true);
        car.pitThisLap = now.pitStatus != 0;
        event(out, ms, QStringLiteral("lap_completed"), lap, entrants[size_t(i)].name, details);
    }

    // A pit visit is told when it ends: then the tyres fitted and the time in the lane are known.
    void pitLane(int i, const CarLapData &now, qint64 ms, GameRaceAssembler::Output &out)
    {
        Car &car = cars[size_t(i)];
        const bool inLane = now.pitStatus != 0 && now.resultStatus == 2;
        if (inLane) {
            car.pitThisLap = true;
            if (!car.inPit) {
                car.inPit = true;
                car.pitLap = now.currentLapNum;
                car.pitFrom = tyreOf(i).value_or(QString());
                car.pitStopsBefore = now.numPitStops;
                car.pitTyreAgeBefore = car.status ? car.status->tyresAgeLaps : -1;
                car.stationaryMs = 0;
                car.laneMs = 0;
            }
            car.stationaryMs = std::max<quint32>(car.stationaryMs, now.pitStopTimerInMS);
            car.laneMs = std::max<quint32>(car.laneMs, now.pitLaneTimeInLaneInMS);
            return;
        }
        if (car.inPit)
            pitStopEnded(i, now.numPitStops, ms, out);
    }

    void pitStopEnded(int i, int stopsNow, qint64 ms, GameRaceAssembler::Output &out)
    {
        Car &car = cars[size_t(i)];
        car.inPit = false;
        // A drive-through (no stop counted, never stationary) is not a pit stop.
        if (stopsNow <= car.pitStopsBefore && car.stationaryMs == 0)
            return;
        QJsonObject details;
        if (!car.pitFrom.isEmpty())
            details.insert(QStringLiteral("from"), car.pitFrom);
        // The new set shows as another compound or a reset tyre age; else `to` is not known.
        if (const auto tyre = tyreOf(i)) {
            const int age = car.status->tyresAgeLaps;
            if (*tyre != QLatin1String("UNKNOWN") &&
                (*tyre != car.pitFrom || age == 0 || (car.pitTyreAgeBefore >= 0 && age < car.pitTyreAgeBefore)))
                details.insert(QStringLiteral("to"), *tyre);
        }
        details.insert(QStringLiteral("stop"), std::clamp(std::max(stopsNow, car.pitStopsBefore + 1), 1, kMaxPitStops));
        if (car.stationaryMs > 0)
            details.insert(QStringLiteral("stationary_ms"), qint64(car.stationaryMs));
        if (car.laneMs > 0)
            details.insert(QStringLiteral("pit_lane_ms"), qint64(car.laneMs));
        event(out, ms, QStringLiteral("pit_stop"), car.pitLap, entrants[size_t(i)].name, details);
    }

    void retired(int i, const QString &reason, qint64 ms, GameRaceAssembler::Output &out)
    {
        Car &car = cars[size_t(i)];
        if (car.retirementSent || !known(i))
            return;
        car.retirementSent = true;
        if (car.inPit)
            pitStopEnded(i, car.lap ? car.lap->numPitStops : 0, ms, out);
        lastRetirementMs = ms;
        lastRetired = entrants[size_t(i)].name;
        event(out, ms, QStringLiteral("retirement"), currentLap(i), entrants[size_t(i)].name, {{"reason", reason}});
    }

    // type 1 SC, 2 VSC; change 0 deployed, 1 returning, 2 returned, 3 resume race.
    void safetyCarChange(int type, int change, qint64 ms, GameRaceAssembler::Output &out)
    {
        if (type != 1 && type != 2)
            return; // 3: the formation lap's safety car
        const QString name = type == 1 ? QStringLiteral("SC") : QStringLiteral("VSC");
        if (change == 0) {
            if (safetyCar == type && !safetyCarEnding)
                return;
            safetyCar = type;
            safetyCarEnding = false;
            QJsonObject details{{"type", name}, {"state", "deployed"}};
            // The game gives no reason; a retirement just before is the likely one, else it is an incident.
            details.insert(QStringLiteral("reason"), lastRetirementMs >= 0 && ms - lastRetirementMs <= kRecentIncidentMs
                                                         ? lastRetired + QStringLiteral(" retired")
                                                         : QStringLiteral("incident"));
            event(out, ms, QStringLiteral("safety_car"), leaderLap(), {}, details);
            return;
        }
        if (safetyCar != 0 && !safetyCarEnding)
            event(out, ms, QStringLiteral("safety_car"), leaderLap(), {},
                  {{"type", safetyCar == 2 ? "VSC" : "SC"}, {"state", "ending"}});
        safetyCarEnding = true;
        if (change >= 2)
            safetyCar = 0;
    }

    void applyEvent(const EventPacket &p, qint64 ms, GameRaceAssembler::Output &out)
    {
        auto car = [this](int idx) { return known(idx) ? idx : -1; };
        switch (p.code) {
        case EventCode::FastestLap:
            if (const auto *e = std::get_if<FastestLapEvent>(&p.details)) {
                const double lapMs = double(e->lapTime) * 1000.0;
                if (car(e->vehicleIdx) >= 0 && finite(lapMs) && lapMs > 0 && lapMs < 3600000.0)
                    event(out, ms, QStringLiteral("fastest_lap"), std::max(0, currentLap(e->vehicleIdx) - 1),
                          nameOf(e->vehicleIdx), {{"lap_time_ms", qint64(std::llround(lapMs))}});
            }
            break;
        case EventCode::Retirement:
            if (const auto *e = std::get_if<RetirementEvent>(&p.details); e && car(e->vehicleIdx) >= 0)
                retired(e->vehicleIdx, retirementReason(e->reason), ms, out);
            break;
        case EventCode::SafetyCar:
            if (const auto *e = std::get_if<SafetyCarEvent>(&p.details)) {
                sawSafetyCarEvent = true;
                safetyCarChange(e->safetyCarType, e->eventType, ms, out);
            }
            break;
        case EventCode::Overtake:
            if (const auto *e = std::get_if<OvertakeEvent>(&p.details)) {
                const int a = car(e->overtakingVehicleIdx), b = car(e->beingOvertakenVehicleIdx);
                if (a < 0 || b < 0 || a == b || !maybeRace())
                    break;
                // The place taken: the better of the two, whether or not LapData shows the pass yet.
                int position = 0;
                for (int idx : {a, b}) {
                    const auto &lap = cars[size_t(idx)].lap;
                    if (lap && lap->carPosition >= 1 && lap->carPosition <= codec::kMaxPosition)
                        position = position == 0 ? lap->carPosition : std::min<int>(position, lap->carPosition);
                }
                QJsonObject details{{"passed", nameOf(b)}};
                if (position > 0)
                    details.insert(QStringLiteral("position"), position);
                event(out, ms, QStringLiteral("overtake"), currentLap(a), nameOf(a), details);
            }
            break;
        case EventCode::Penalty:
            if (const auto *e = std::get_if<PenaltyEvent>(&p.details)) {
                const char *penalty = penaltyName(e->penaltyType);
                if (!penalty || car(e->vehicleIdx) < 0)
                    break;
                QString message = QStringLiteral("%1 for %2").arg(QString::fromLatin1(penalty), nameOf(e->vehicleIdx));
                if (e->penaltyType == 4 && e->time > 0 && e->time < 255)
                    message = QStringLiteral("%1 second time penalty for %2").arg(e->time).arg(nameOf(e->vehicleIdx));
                const QString why = infringementName(e->infringementType);
                if (!why.isEmpty())
                    message += QStringLiteral(": ") + why;
                event(out, ms, QStringLiteral("race_control"), e->lapNum > 0 ? e->lapNum : currentLap(e->vehicleIdx),
                      nameOf(e->vehicleIdx), {{"category", "Penalty"}, {"flag", ""}, {"scope", "Driver"}, {"message", message}});
            }
            break;
        case EventCode::DrsEnabled:
            event(out, ms, QStringLiteral("race_control"), leaderLap(), {},
                  {{"category", "Drs"}, {"flag", ""}, {"scope", "Track"}, {"message", "DRS enabled"}});
            break;
        case EventCode::DrsDisabled: {
            static const char *const reasons[] = {"wet track", "safety car", "red flag", "minimum lap not reached"};
            QString message = QStringLiteral("DRS disabled");
            const auto *e = std::get_if<DrsDisabledEvent>(&p.details);
            if (e && std::size_t(e->reason) < std::size(reasons))
                message += QStringLiteral(" (%1)").arg(QLatin1String(reasons[e->reason]));
            event(out, ms, QStringLiteral("race_control"), leaderLap(), {},
                  {{"category", "Drs"}, {"flag", ""}, {"scope", "Track"}, {"message", message}});
            break;
        }
        case EventCode::ChequeredFlag:
            if (!chequered)
                event(out, ms, QStringLiteral("race_control"), leaderLap(), {},
                      {{"category", "Flag"}, {"flag", "CHEQUERED"}, {"scope", "Track"}, {"message", "Chequered flag"}});
            chequered = true;
            checkFinish(ms, out);
            break;
        case EventCode::RedFlag: event(out, ms, QStringLiteral("red_flag"), leaderLap(), {}, {{"message", "Red flag"}}); break;
        case EventCode::LightsOut:
            if (maybeRace())
                event(out, ms, QStringLiteral("race_control"), 1, {},
                      {{"category", "Other"}, {"flag", "GREEN"}, {"scope", "Track"}, {"message", "Lights out"}});
            break;
        default: break; // the rest is for the game's own HUD
        }
    }

    void applyClassification(const FinalClassificationPacket &p, qint64 ms, GameRaceAssembler::Output &out)
    {
        std::vector<std::pair<int, int>> order; // position, car
        const int count = std::min<int>(p.numCars, kMaxCars);
        for (int i = 0; i < count; ++i) {
            if (known(i) && p.cars[size_t(i)].position > 0)
                order.emplace_back(p.cars[size_t(i)].position, i);
        }
        if (order.empty())
            return;
        std::sort(order.begin(), order.end());
        finalClassification.clear();
        for (const auto &[position, car] : order)
            finalClassification << entrants[size_t(car)].name;
        if (raceSession())
            finish(finalClassification, ms, out);
    }

    // Without Final Classification: the chequered flag and every running car classified.
    void checkFinish(qint64 ms, GameRaceAssembler::Output &out)
    {
        if (!chequered || raceFinished || !raceSession())
            return;
        int racing = 0;
        for (int i = 0; i < kMaxCars; ++i) {
            if (active(i) && cars[size_t(i)].lap->resultStatus == 2)
                ++racing;
        }
        if (racing == 0)
            finish(runningOrder(), ms, out);
    }

    void finish(const QStringList &classification, qint64 ms, GameRaceAssembler::Output &out)
    {
        if (raceFinished || classification.isEmpty())
            return;
        raceFinished = true;
        event(out, ms, QStringLiteral("race_finished"), totalLaps > 0 ? totalLaps : leaderLap(), {},
              {{"classification", QJsonArray::fromStringList(classification)}});
    }

    // race_started: once a race session's track, entrants and grid are known.
    void checkStart(qint64 ms, GameRaceAssembler::Output &out)
    {
        if (raceStarted || !raceSession() || numActive <= 0)
            return;
        std::vector<std::pair<int, int>> order; // grid position (else position), car
        for (int i = 0; i < kMaxCars; ++i) {
            if (!active(i))
                continue;
            const CarLapData &lap = *cars[size_t(i)].lap;
            const int slot = lap.gridPosition > 0 ? lap.gridPosition : lap.carPosition;
            order.emplace_back(slot > 0 ? slot : 100 + i, i);
        }
        if (order.empty())
            return; // no LapData yet
        raceStarted = true;
        std::sort(order.begin(), order.end());
        QJsonArray grid;
        for (const auto &[slot, car] : order)
            grid.append(entrants[size_t(car)].name);
        const QString track = sources::f1game::trackName(trackId, format);
        event(out, ms, QStringLiteral("race_started"), 1, {},
              {{"circuit", track.isEmpty() ? QStringLiteral("unknown") : circuitId(track)},
               {"circuit_name", track.isEmpty() ? QStringLiteral("Unknown circuit") : track},
               {"laps", totalLaps},
               {"grid", grid},
               {"origin", "f1-game"},
               {"session_type", sessionTypeName(sessionType, format)}});
    }
};

GameRaceAssembler::GameRaceAssembler(QString raceId)
    : d(std::make_unique<State>())
{
    d->raceId = std::move(raceId);
}

GameRaceAssembler::~GameRaceAssembler() = default;

void GameRaceAssembler::setRaceId(const QString &raceId)
{
    d->raceId = raceId;
}

QString GameRaceAssembler::raceId() const
{
    return d->raceId;
}

bool GameRaceAssembler::startsNewSession(const Packet &packet) const
{
    return d->seenPacket && packetHeader(packet).sessionUID != d->sessionUid;
}

void GameRaceAssembler::add(const Packet &packet, Output &out)
{
    const PacketHeader &header = packetHeader(packet);
    if (startsNewSession(packet)) {
        const QString raceId = d->raceId;
        d = std::make_unique<State>();
        d->raceId = raceId;
        out.newSession = true;
    }
    State &s = *d;
    s.seenPacket = true;
    s.sessionUid = header.sessionUID;

    const double seconds = header.sessionTime;
    if (!finite(seconds) || seconds < 0 || seconds > kMaxSessionS)
        return; // a clock the packet cannot be placed on
    const qint64 ms = std::llround(seconds * 1000);
    const std::size_t kind = std::min<std::size_t>(header.packetId, s.lastOfKind.size() - 1);
    // Events are moments, not state: a late one still happened.
    const bool moment = std::holds_alternative<EventPacket>(packet) || std::holds_alternative<FinalClassificationPacket>(packet);

    const auto *event = std::get_if<EventPacket>(&packet);
    const bool flashback = event && event->code == EventCode::Flashback;
    s.behind = s.clockMs >= 0 && ms < s.clockMs - kFlashbackMs ? s.behind + 1 : 0;
    if (flashback || s.behind >= kFlashbackPackets) {
        // A flashback: the race goes on from an earlier moment. (One packet far behind is
        // only late: captures and networks reorder across gaps of seconds.)
        s.flush(out);
        s.lastOfKind.fill(0);
        s.slot = ms / kSlotMs;
        s.second = ms / kPositionMs;
        s.positionsSentSecond = s.second - 1;
        s.clockMs = ms;
        s.behind = 0;
    } else if (!moment && ms < s.lastOfKind[kind]) {
        return; // late: a newer packet of its kind is applied already
    }
    s.lastOfKind[kind] = std::max(s.lastOfKind[kind], ms);
    if (ms > s.clockMs) {
        s.advance(ms, out);
        s.clockMs = ms;
    }
    if (s.firstMs < 0)
        s.firstMs = ms;
    s.format = header.packetFormat;
    if (header.playerCarIndex < kMaxCars)
        s.playerIndex = header.playerCarIndex;

    const qint64 now = std::max<qint64>(s.clockMs, 0);
    std::visit(
        [&](const auto &p) {
            using T = std::decay_t<decltype(p)>;
            if constexpr (std::is_same_v<T, SessionPacket>)
                s.applySession(p, now, out);
            else if constexpr (std::is_same_v<T, ParticipantsPacket>)
                s.applyParticipants(p);
            else if constexpr (std::is_same_v<T, LapDataPacket>)
                s.applyLapData(p, now, out);
            else if constexpr (std::is_same_v<T, CarTelemetryPacket>)
                s.applyTelemetry(p);
            else if constexpr (std::is_same_v<T, CarStatusPacket>)
                s.applyStatus(p);
            else if constexpr (std::is_same_v<T, MotionPacket>)
                s.applyMotion(p);
            else if constexpr (std::is_same_v<T, EventPacket>)
                s.applyEvent(p, now, out);
            else if constexpr (std::is_same_v<T, FinalClassificationPacket>)
                s.applyClassification(p, now, out);
        },
        packet);
    if (!s.lastParticipants && !s.provisional && s.clockMs - s.firstMs >= kParticipantsWaitMs)
        s.makeProvisionalEntrants();
    s.checkStart(now, out);
}

void GameRaceAssembler::flush(Output &out)
{
    d->flush(out);
}

qint64 GameRaceAssembler::raceMs() const
{
    return std::max<qint64>(d->clockMs, 0);
}

int GameRaceAssembler::leaderLap() const
{
    return d->leaderLap();
}

int GameRaceAssembler::totalLaps() const
{
    return d->totalLaps;
}

bool GameRaceAssembler::finished() const
{
    return d->raceFinished;
}

QStringList GameRaceAssembler::classification() const
{
    return d->finalClassification.isEmpty() ? d->runningOrder() : d->finalClassification;
}

QString GameRaceAssembler::trackName() const
{
    return d->haveSession ? sources::f1game::trackName(d->trackId, d->format) : QString();
}

QString GameRaceAssembler::sessionType() const
{
    return d->haveSession ? sessionTypeName(d->sessionType, d->format) : QString();
}

bool GameRaceAssembler::isRace() const
{
    return d->raceSession();
}

QString GameRaceAssembler::playerDriver() const
{
    return d->nameOf(d->playerIndex);
}

QJsonObject GameRaceAssembler::gridJson() const
{
    // Teams in the order of their first car.
    std::vector<QString> order;
    std::map<QString, QJsonArray> drivers;
    std::map<QString, QString> colours;
    for (int i = 0; i < d->numActive; ++i) {
        const Entrant &e = d->entrants[size_t(i)];
        if (e.name.isEmpty())
            continue;
        if (!drivers.count(e.team)) {
            order.push_back(e.team);
            colours[e.team] = e.colour;
        }
        drivers[e.team].append(QJsonObject{{"name", e.name}, {"code", e.code}, {"number", e.number}});
    }
    if (order.empty())
        return {};
    QJsonArray teams;
    for (const QString &team : order)
        teams.append(QJsonObject{{"name", team}, {"colour", colours[team]}, {"drivers", drivers[team]}});
    return QJsonObject{{"season", d->format > 0 ? d->format : 0},
                       {"note", "The drivers of an EA SPORTS F1 game session, from its Participants packet."},
                       {"teams", teams}};
}

quint64 GameRaceAssembler::sessionUid() const
{
    return d->sessionUid;
}

} // namespace pitwall::realrace
