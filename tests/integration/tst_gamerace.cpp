// GameRaceAssembler: the F1 24 time-trial captures (shared data) and a race built here
// packet by packet (what the captures lack: a race, other cars, events, an online session)
// into Pit Wall's records. Every record produced must pass the codec.

#include "core/Grid.h"
#include "core/JsonCodec.h"
#include "realrace/GameRaceAssembler.h"
#include "sources/f1game/CaptureReader.h"
#include "sources/f1game/PacketDecoder.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

#include <cmath>
#include <functional>
#include <limits>
#include <map>

using namespace pitwall;
using namespace pitwall::realrace;
using namespace pitwall::sources::f1game;

namespace {

QString recordingsDir()
{
    return QStringLiteral(PITWALL_SHARED_DATA_DIR "/f1/game_udp/recordings_no_license/");
}

std::vector<Packet> decodedCapture(const QString &path)
{
    std::vector<Packet> packets;
    const Capture capture = readCapture(path);
    for (const CaptureRecord &record : capture.records) {
        const DecodeResult result = decodePacket(record.payload);
        if (const Packet *packet = result.packet())
            packets.push_back(*packet);
    }
    return packets;
}

// Every record through the codec and back: the assembler must never make one it refuses.
QString codecFailure(const GameRaceAssembler::Output &out)
{
    for (const auto &p : out.positions) {
        const auto decoded = codec::decodePositionUpdate(codec::encode(p));
        if (!decoded)
            return QStringLiteral("position %1: %2").arg(QString::fromUtf8(codec::encode(p)), decoded.error().describe());
    }
    for (const auto &t : out.telemetry) {
        const auto decoded = codec::decodeTelemetrySample(codec::encode(t));
        if (!decoded)
            return QStringLiteral("telemetry %1: %2").arg(QString::fromUtf8(codec::encode(t)), decoded.error().describe());
    }
    for (const auto &e : out.events) {
        const auto decoded = codec::decodeRaceEvent(codec::encode(e));
        if (!decoded)
            return QStringLiteral("event %1: %2").arg(QString::fromUtf8(codec::encode(e)), decoded.error().describe());
    }
    for (const auto &m : out.teamMetrics) {
        const auto decoded = codec::decodeCarMetrics(codec::encode(m));
        if (!decoded)
            return QStringLiteral("metrics %1: %2").arg(QString::fromUtf8(codec::encode(m)), decoded.error().describe());
    }
    return {};
}

std::vector<RaceEvent> eventsOf(const GameRaceAssembler::Output &out, const QString &kind)
{
    std::vector<RaceEvent> found;
    for (const auto &e : out.events) {
        if (e.kind == kind)
            found.push_back(e);
    }
    return found;
}

// At most one sample per car per 100 ms slot, on the grid, in time order.
QString telemetryRateFailure(const GameRaceAssembler::Output &out)
{
    std::map<QString, qint64> last;
    for (const auto &t : out.telemetry) {
        if (t.timestampMs % 100 != 0)
            return QStringLiteral("%1: sample at %2 ms is off the 100 ms grid").arg(t.driverName).arg(t.timestampMs);
        const auto it = last.find(t.driverName);
        if (it != last.end() && t.timestampMs <= it->second)
            return QStringLiteral("%1: sample at %2 ms after one at %3").arg(t.driverName).arg(t.timestampMs).arg(it->second);
        last[t.driverName] = t.timestampMs;
    }
    return {};
}

struct Extent {
    double minX = std::numeric_limits<double>::max(), maxX = -std::numeric_limits<double>::max();
    double minY = std::numeric_limits<double>::max(), maxY = -std::numeric_limits<double>::max();
    double topSpeed = 0;
    int samples = 0;
    double width() const { return maxX - minX; }
    double height() const { return maxY - minY; }
};

Extent extentOf(const GameRaceAssembler::Output &out, const QStringList &drivers)
{
    Extent e;
    for (const auto &t : out.telemetry) {
        if (!drivers.contains(t.driverName))
            continue;
        ++e.samples;
        e.minX = std::min(e.minX, t.x);
        e.maxX = std::max(e.maxX, t.x);
        e.minY = std::min(e.minY, t.y);
        e.maxY = std::max(e.maxY, t.y);
        e.topSpeed = std::max(e.topSpeed, t.speedKph);
    }
    return e;
}

// ---- a race built packet by packet

constexpr quint64 kUid = 0x1234'5678'9ABC'DEF0ull;

template <typename T>
T packetAt(PacketId id, double t, quint64 uid = kUid)
{
    T p{};
    p.header.packetFormat = 2024;
    p.header.gameYear = 24;
    p.header.packetVersion = 1;
    p.header.packetId = std::uint8_t(id);
    p.header.sessionUID = uid;
    p.header.sessionTime = float(t);
    p.header.playerCarIndex = 0;
    return p;
}

EventPacket eventAt(EventCode code, double t, EventDetails details = {})
{
    auto p = packetAt<EventPacket>(PacketId::Event, t);
    p.code = code;
    p.details = details;
    return p;
}

// Three cars on Monza (5793 m), three laps of 90 s: car 0 (the player, VERSTAPPEN, Red
// Bull) leads; NORRIS (McLaren, AI) passes him under green at 120 s; an online player who
// restricts their telemetry and name (Ferrari, #27) pits at 130-152 s and retires at 200 s.
class BuiltRace {
public:
    static constexpr double kLapS = 90.0;
    static constexpr double kTrackM = 5793.0;
    static constexpr int kLaps = 3;

    GameRaceAssembler assembler{QStringLiteral("game-test")};
    GameRaceAssembler::Output out;

    void send(const Packet &packet) { assembler.add(packet, out); }

    void run(double until)
    {
        const double offsets[3] = {0.03, 0.02, 0.01};
        for (; m_step / 20.0 <= until; ++m_step) {
            const double t = m_step / 20.0; // 20 Hz, counted in steps so that no error adds up
            scripted(t);
            if (t >= m_nextSession) {
                auto s = packetAt<SessionPacket>(PacketId::Session, t);
                s.sessionType = 15; // Race (2024)
                s.trackId = 11;     // Monza
                s.totalLaps = kLaps;
                s.trackLength = std::uint16_t(kTrackM);
                s.networkGame = 1;
                send(s);
                m_nextSession += 2.0;
            }
            if (t >= m_nextParticipants) {
                send(participants(t));
                m_nextParticipants += 5.0;
            }
            auto motion = packetAt<MotionPacket>(PacketId::Motion, t);
            auto lapData = packetAt<LapDataPacket>(PacketId::LapData, t);
            auto telemetry = packetAt<CarTelemetryPacket>(PacketId::CarTelemetry, t);
            auto status = packetAt<CarStatusPacket>(PacketId::CarStatus, t);
            for (int i = 0; i < 3; ++i) {
                const bool retired = i == 2 && t >= 200;
                const double progress = t / kLapS + offsets[i];
                const int lap = 1 + int(std::floor(progress));
                const double fraction = progress - std::floor(progress);
                const double angle = fraction * 2 * M_PI;
                motion.cars[size_t(i)].worldPositionX = float(900 * std::cos(angle));
                motion.cars[size_t(i)].worldPositionZ = float(400 * std::sin(angle));

                CarLapData &l = lapData.cars[size_t(i)];
                l.currentLapNum = std::uint8_t(std::min(lap, kLaps + 1));
                l.lapDistance = float(fraction * kTrackM);
                l.sector = std::uint8_t(fraction < 1.0 / 3 ? 0 : fraction < 2.0 / 3 ? 1 : 2);
                l.sector1TimeMSPart = l.sector >= 1 ? 29500 : 0;
                l.sector2TimeMSPart = l.sector >= 2 ? 30700 : 0;
                l.lastLapTimeInMS = lap > 1 ? 90000 : 0;
                l.gridPosition = std::uint8_t(i + 1);
                l.resultStatus = retired ? 7 : lap > kLaps ? 3 : 2;
                const bool passed = t >= 120;
                const int positions[3] = {passed ? 2 : 1, passed ? 1 : 2, 3};
                l.carPosition = std::uint8_t(positions[i]);
                const std::uint16_t front[3] = {std::uint16_t(passed ? 300 : 0), std::uint16_t(passed ? 0 : 800), 900};
                const std::uint16_t leader[3] = {std::uint16_t(passed ? 300 : 0), std::uint16_t(passed ? 0 : 800), 1700};
                l.deltaToCarInFrontMSPart = front[i];
                l.deltaToRaceLeaderMSPart = leader[i];
                CarTelemetry &c = telemetry.cars[size_t(i)];
                c.speed = std::uint16_t(retired ? 0 : 230 + 10 * i);
                c.throttle = 0.8f;
                c.brake = 0.1f;
                c.gear = std::int8_t(i == 1 ? -1 : 7);
                c.engineRPM = 11000;
                CarStatus &s = status.cars[size_t(i)];
                s.visualTyreCompound = 16; // soft
                s.actualTyreCompound = 18;
                s.tyresAgeLaps = std::uint8_t(lap - 1);
                if (i == 2) {
                    // Restricted: temperatures and fuel arrive as zeros.
                    const bool pitting = t >= 130 && t < 152;
                    l.pitStatus = std::uint8_t(!pitting ? 0 : (t >= 140 && t < 142.4) ? 2 : 1);
                    l.pitLaneTimerActive = pitting ? 1 : 0;
                    l.pitLaneTimeInLaneInMS = std::uint16_t(pitting ? (t - 130) * 1000 : t >= 152 ? 21950 : 0);
                    l.pitStopTimerInMS = std::uint16_t(t >= 140 && t < 152 ? std::min((t - 140) * 1000, 2400.0) : 0);
                    l.numPitStops = t >= 152 ? 1 : 0;
                    if (t >= 141) {
                        s.visualTyreCompound = 17; // medium, fresh
                        s.tyresAgeLaps = 0;
                    }
                } else {
                    c.engineTemperature = std::uint16_t(104 + i);
                    c.tyresSurfaceTemperature = {80, 81, 90, 91}; // RL RR FL FR
                    c.brakesTemperature = {500, 510, 600, 610};
                    s.fuelInTank = float(100 - t / 10);
                }
            }
            send(motion);
            send(lapData);
            send(telemetry);
            send(status);
        }
    }

private:
    ParticipantsPacket participants(double t) const
    {
        auto p = packetAt<ParticipantsPacket>(PacketId::Participants, t);
        p.numActiveCars = 3;
        auto set = [&p](int i, int team, int number, const char *name, int ai, int yourTelemetry, int names) {
            Participant &c = p.cars[size_t(i)];
            c.teamId = std::uint8_t(team);
            c.raceNumber = std::uint8_t(number);
            c.name = QString::fromLatin1(name);
            c.aiControlled = std::uint8_t(ai);
            c.yourTelemetry = std::uint8_t(yourTelemetry);
            c.showOnlineNames = std::uint8_t(names);
        };
        set(0, 2, 1, "VERSTAPPEN", 0, 0, 1); // the player: their own data is always there
        set(1, 8, 4, "NORRIS", 1, 1, 1);
        set(2, 1, 27, "xX_quick_Xx", 0, 0, 0); // online, restricted telemetry, name hidden
        return p;
    }

    void scripted(double t)
    {
        auto once = [this, t](double at, const std::function<void()> &action) {
            if (t >= at && !m_done.contains(at)) {
                m_done.insert(at);
                action();
            }
        };
        once(95, [&] { send(eventAt(EventCode::FastestLap, t, FastestLapEvent{0, 90.0f})); });
        once(100, [&] { send(eventAt(EventCode::SafetyCar, t, SafetyCarEvent{1, 0})); });
        once(120, [&] { send(eventAt(EventCode::Overtake, t, OvertakeEvent{1, 0})); });
        once(160, [&] { send(eventAt(EventCode::SafetyCar, t, SafetyCarEvent{1, 1})); });
        once(170, [&] { send(eventAt(EventCode::SafetyCar, t, SafetyCarEvent{1, 2})); });
        once(200, [&] { send(eventAt(EventCode::Retirement, t, RetirementEvent{2, 0})); });
        once(210, [&] { send(eventAt(EventCode::Penalty, t, PenaltyEvent{4, 17, 1, 255, 5, 3, 0})); });
        once(267, [&] { send(eventAt(EventCode::ChequeredFlag, t)); });
        once(270, [&] {
            auto c = packetAt<FinalClassificationPacket>(PacketId::FinalClassification, t);
            c.numCars = 3;
            const int positions[3] = {2, 1, 3};
            for (int i = 0; i < 3; ++i) {
                c.cars[size_t(i)].position = std::uint8_t(positions[i]);
                c.cars[size_t(i)].resultStatus = i == 2 ? 7 : 3;
            }
            send(c);
        });
    }

    int m_step = 10;
    double m_nextSession = 0.5;
    double m_nextParticipants = 0.6;
    QSet<double> m_done;
};

} // namespace

class TestGameRace : public QObject {
    Q_OBJECT

private slots:
    void fullLapCapture();
    void capturesWithLossAndReorder_data();
    void capturesWithLossAndReorder();
    void builtRace();
    void newSessionResets();
    void badValuesNeverMakeRefusedRecords();
};

void TestGameRace::fullLapCapture()
{
    const auto packets = decodedCapture(recordingsDir() + QStringLiteral("full_lap_20260112_160501.bin"));
    QVERIFY(packets.size() > 500);
    GameRaceAssembler assembler(QStringLiteral("game-full-lap"));
    GameRaceAssembler::Output out;
    for (const auto &packet : packets)
        assembler.add(packet, out);
    assembler.flush(out);
    QVERIFY2(codecFailure(out).isEmpty(), qPrintable(codecFailure(out)));
    QVERIFY2(telemetryRateFailure(out).isEmpty(), qPrintable(telemetryRateFailure(out)));

    QCOMPARE(assembler.trackName(), QStringLiteral("Monza"));
    QCOMPARE(assembler.sessionType(), QStringLiteral("Time Trial"));
    QVERIFY(!assembler.isRace());
    const QString player = assembler.playerDriver();
    QVERIFY(!player.isEmpty());
    qInfo() << "player" << player << "grid" << QJsonDocument(assembler.gridJson()).toJson(QJsonDocument::Compact);
    const auto grid = Grid::fromJson(QJsonDocument(assembler.gridJson()).toJson());
    QVERIFY2(grid.hasValue(), qPrintable(grid ? QString() : grid.error().message));
    QVERIFY(grid->findDriver(player));

    // The capture is an out lap and the start of a flying lap: lap 1 throughout (the game
    // numbers the out lap and the first timed lap alike), so no lap is completed in it. The
    // line crossing shows as the lap distance leaving 0 (negative before it, clamped).
    QVERIFY(eventsOf(out, QStringLiteral("lap_completed")).empty());
    QCOMPARE(assembler.leaderLap(), 1);
    double lastDistance = 0;
    int atLine = 0;
    for (const auto &t : out.telemetry) {
        if (t.driverName != player)
            continue;
        QCOMPARE(t.lap, 1);
        atLine += t.lapDistanceM == 0;
        lastDistance = t.lapDistanceM;
    }
    QVERIFY(atLine > 10);                                // the out lap
    QVERIFY(lastDistance > 1500 && lastDistance < 1700); // 1603 m into the timed lap
    // Only the player's car runs: the time trial's ghosts are inactive (resultStatus 0).
    for (const auto &p : out.positions) {
        QCOMPARE(p.driverName, player);
        QCOMPARE(p.position, 1);
    }

    // The player's speed trace and path.
    const Extent e = extentOf(out, {player});
    qInfo() << "samples" << e.samples << "top" << e.topSpeed << "extent" << e.width() << e.height();
    QVERIFY(qAbs(e.topSpeed - 346) <= 4);
    QVERIFY2(e.width() > 300 && e.width() < 5000 && e.height() > 300 && e.height() < 5000,
             qPrintable(QStringLiteral("%1 x %2 m").arg(e.width()).arg(e.height())));
    QVERIFY(e.samples >= 50);
    QVERIFY(!out.positions.empty());
}

void TestGameRace::capturesWithLossAndReorder_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("topSpeed");
    QTest::newRow("full_lap") << QStringLiteral("full_lap_20260112_160501.bin") << 346;
    QTest::newRow("heavy_braking 1") << QStringLiteral("heavy_braking_20260112_160906.bin") << 229;
    QTest::newRow("heavy_braking 2") << QStringLiteral("heavy_braking_20260112_161001.bin") << 186;
    QTest::newRow("high_speed_corners 1") << QStringLiteral("high_speed_corners_20260112_161911.bin") << 314;
    QTest::newRow("high_speed_corners 2") << QStringLiteral("high_speed_corners_20260112_162000.bin") << 286;
}

void TestGameRace::capturesWithLossAndReorder()
{
    QFETCH(QString, name);
    QFETCH(int, topSpeed);
    const auto all = decodedCapture(recordingsDir() + name);
    QVERIFY(all.size() > 300);
    // 30 % lost (every index % 10 < 3), and every 7th swapped with its neighbour.
    std::vector<Packet> packets;
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (i % 10 >= 3)
            packets.push_back(all[i]);
    }
    for (std::size_t i = 6; i + 1 < packets.size(); i += 7)
        std::swap(packets[i], packets[i + 1]);

    GameRaceAssembler assembler(QStringLiteral("game-lossy"));
    GameRaceAssembler::Output out;
    for (const auto &packet : packets)
        assembler.add(packet, out);
    assembler.flush(out);
    QVERIFY2(codecFailure(out).isEmpty(), qPrintable(codecFailure(out)));
    QVERIFY2(telemetryRateFailure(out).isEmpty(), qPrintable(telemetryRateFailure(out)));
    const QString player = assembler.playerDriver();
    QVERIFY(!player.isEmpty());
    QVERIFY(assembler.leaderLap() >= 1);
    // Before a Participants packet (a lost one, or a capture cut after it) the player's car
    // runs as "Car 1" (index 0 + 1); then under its name.
    const Extent e = extentOf(out, {player, QStringLiteral("Car 1")});
    qInfo() << name << "lap" << assembler.leaderLap() << "samples" << e.samples << "top" << e.topSpeed;
    QVERIFY(e.samples >= 30);
    // Losing packets may lose the peak itself, not more than a few km/h of it.
    QVERIFY2(e.topSpeed <= topSpeed && e.topSpeed >= topSpeed * 0.95, qPrintable(QStringLiteral("%1 km/h").arg(e.topSpeed)));
}

void TestGameRace::builtRace()
{
    BuiltRace race;
    race.run(275);
    race.assembler.flush(race.out);
    const auto &out = race.out;
    QVERIFY2(codecFailure(out).isEmpty(), qPrintable(codecFailure(out)));
    QVERIFY2(telemetryRateFailure(out).isEmpty(), qPrintable(telemetryRateFailure(out)));
    const GameRaceAssembler &a = race.assembler;
    const QString hidden = QStringLiteral("Car 27");

    // The grid: names (the hidden one as its car), teams, colours, codes, numbers.
    QCOMPARE(a.playerDriver(), QStringLiteral("VERSTAPPEN"));
    QCOMPARE(a.trackName(), QStringLiteral("Monza"));
    QCOMPARE(a.totalLaps(), 3);
    QCOMPARE(a.leaderLap(), 3);
    QVERIFY(a.isRace());
    const auto grid = Grid::fromJson(QJsonDocument(a.gridJson()).toJson());
    QVERIFY2(grid.hasValue(), qPrintable(grid ? QString() : grid.error().message));
    QCOMPARE(grid->teams().size(), 3);
    QCOMPARE(grid->drivers().size(), 3);
    QCOMPARE(grid->findTeam(QStringLiteral("McLaren"))->colour, QStringLiteral("#FF8000"));
    QCOMPARE(grid->findTeam(QStringLiteral("Red Bull Racing"))->colour, QStringLiteral("#3671C6"));
    QCOMPARE(grid->findDriver(QStringLiteral("NORRIS"))->code, QStringLiteral("NOR"));
    QCOMPARE(grid->findDriver(QStringLiteral("NORRIS"))->number, 4);
    QVERIFY(grid->findDriver(hidden));
    QCOMPARE(grid->findDriver(hidden)->code, QStringLiteral("C27"));
    QCOMPARE(grid->teamOf(*grid->findDriver(hidden)).name, QStringLiteral("Ferrari"));

    // Positions once a second per car, with the game's deltas.
    std::map<QString, std::vector<PositionUpdate>> positions;
    for (const auto &p : out.positions) {
        QCOMPARE(p.timestampMs % 1000, 0);
        positions[p.driverName].push_back(p);
    }
    QCOMPARE(positions.size(), std::size_t(3));
    const auto at = [&positions](const QString &driver, qint64 ms) -> PositionUpdate {
        for (const auto &p : positions[driver]) {
            if (p.timestampMs == ms)
                return p;
        }
        return {};
    };
    QVERIFY(positions["NORRIS"].size() >= 270 && positions["NORRIS"].size() <= 276);
    const PositionUpdate norris50 = at(QStringLiteral("NORRIS"), 50000);
    QCOMPARE(norris50.position, 2);
    QCOMPARE(norris50.gapToLeaderS.value_or(-1), 0.8);
    QCOMPARE(norris50.intervalS.value_or(-1), 0.8);
    QCOMPARE(norris50.lap.value_or(-1), 1);
    QCOMPARE(norris50.tyre.value_or(QString()), QStringLiteral("SOFT"));
    QCOMPARE(norris50.status.value_or(QString()), QStringLiteral("running"));
    QCOMPARE(norris50.speedKph.value_or(-1), 240.0);
    QCOMPARE(norris50.teamName.value_or(QString()), QStringLiteral("McLaren"));
    const PositionUpdate hidden50 = at(hidden, 50000);
    QCOMPARE(hidden50.position, 3);
    QCOMPARE(hidden50.gapToLeaderS.value_or(-1), 1.7);
    QCOMPARE(hidden50.intervalS.value_or(-1), 0.9);
    QCOMPARE(at(hidden, 135000).status.value_or(QString()), QStringLiteral("pit"));
    QCOMPARE(at(hidden, 160000).pitStops.value_or(-1), 1);
    QCOMPARE(at(hidden, 160000).tyre.value_or(QString()), QStringLiteral("MEDIUM"));
    QCOMPARE(at(hidden, 230000).status.value_or(QString()), QStringLiteral("retired"));
    QCOMPARE(at(QStringLiteral("NORRIS"), 130000).position, 1);
    QCOMPARE(at(QStringLiteral("NORRIS"), 130000).gapToLeaderS.value_or(-1), 0.0);
    QCOMPARE(at(QStringLiteral("VERSTAPPEN"), 130000).gapToLeaderS.value_or(-1), 0.3);
    QCOMPARE(at(QStringLiteral("VERSTAPPEN"), 272000).status.value_or(QString()), QStringLiteral("finished"));

    // Telemetry: 10 Hz, wheels reordered, the restricted car's temperatures unknown.
    std::map<QString, int> samples;
    for (const auto &t : out.telemetry) {
        ++samples[t.driverName];
        if (t.driverName == QLatin1String("VERSTAPPEN") && t.timestampMs == 50000) {
            QCOMPARE(t.engineTemperatureC.value_or(-1), 104.0);
            QCOMPARE(t.tyreTemperatureC[0].value_or(-1), 90.0); // FL
            QCOMPARE(t.tyreTemperatureC[1].value_or(-1), 91.0); // FR
            QCOMPARE(t.tyreTemperatureC[2].value_or(-1), 80.0); // RL
            QCOMPARE(t.tyreTemperatureC[3].value_or(-1), 81.0); // RR
            QCOMPARE(t.brakeTemperatureC[0].value_or(-1), 600.0);
            QCOMPARE(t.brakeTemperatureC[3].value_or(-1), 510.0);
            QCOMPARE(t.speedKph, 230.0);
            QVERIFY(qAbs(t.throttle - 80.0) < 1e-3);
            QCOMPARE(t.gear, 7);
            QCOMPARE(t.tyre, QStringLiteral("SOFT"));
            QVERIFY(qAbs(t.fuelKg - 95.0) < 0.1);
            QVERIFY(t.lapDistanceM > 0);
        }
        if (t.driverName == QLatin1String("NORRIS"))
            QCOMPARE(t.gear, 0); // reverse
        if (t.driverName == hidden) {
            QVERIFY(!t.engineTemperatureC);
            for (int w = 0; w < 4; ++w)
                QVERIFY(!t.tyreTemperatureC[w] && !t.brakeTemperatureC[w]);
        }
    }
    QVERIFY(samples["VERSTAPPEN"] >= 2700 && samples["VERSTAPPEN"] <= 2750);

    // Car metrics: a second per team with a known engine temperature; Ferrari's is hidden.
    std::map<QString, int> metrics;
    for (const auto &m : out.teamMetrics)
        ++metrics[m.teamName];
    QVERIFY(metrics["Red Bull Racing"] >= 270);
    QVERIFY(metrics["McLaren"] >= 270);
    QCOMPARE(metrics.count("Ferrari"), std::size_t(0));

    // Events.
    QVERIFY(!out.events.empty());
    const RaceEvent &started = out.events.front();
    QCOMPARE(started.kind, QStringLiteral("race_started"));
    QCOMPARE(started.details.value(QStringLiteral("circuit")).toString(), QStringLiteral("monza"));
    QCOMPARE(started.details.value(QStringLiteral("laps")).toInt(), 3);
    QCOMPARE(started.details.value(QStringLiteral("grid")).toArray(),
             QJsonArray({QStringLiteral("VERSTAPPEN"), QStringLiteral("NORRIS"), hidden}));

    const auto laps = eventsOf(out, QStringLiteral("lap_completed"));
    QCOMPARE(laps.size(), std::size_t(3 + 3 + 2)); // the retired car completed two
    const RaceEvent &first = laps.front();
    QCOMPARE(first.driverName, QStringLiteral("VERSTAPPEN"));
    QCOMPARE(first.lap, 1);
    QVERIFY(first.timestampMs == 87300 || first.timestampMs == 87350);
    QCOMPARE(first.details.value(QStringLiteral("lap_time_ms")).toInt(), 90000);
    QCOMPARE(first.details.value(QStringLiteral("sector_ms")).toArray(), QJsonArray({29500, 30700, 29800}));
    QCOMPARE(first.details.value(QStringLiteral("tyre")).toString(), QStringLiteral("SOFT"));
    QCOMPARE(first.details.value(QStringLiteral("pit_lap")).toBool(), false);
    bool hiddenPitLap = false;
    for (const auto &lap : laps) {
        if (lap.driverName == hidden && lap.lap == 2)
            hiddenPitLap = lap.details.value(QStringLiteral("pit_lap")).toBool();
    }
    QVERIFY(hiddenPitLap);

    const auto fastest = eventsOf(out, QStringLiteral("fastest_lap"));
    QCOMPARE(fastest.size(), std::size_t(1));
    QCOMPARE(fastest[0].driverName, QStringLiteral("VERSTAPPEN"));
    QCOMPARE(fastest[0].details.value(QStringLiteral("lap_time_ms")).toInt(), 90000);

    const auto safetyCar = eventsOf(out, QStringLiteral("safety_car"));
    QCOMPARE(safetyCar.size(), std::size_t(2)); // returned (170 s) adds nothing to returning
    QCOMPARE(safetyCar[0].details.value(QStringLiteral("state")).toString(), QStringLiteral("deployed"));
    QCOMPARE(safetyCar[0].details.value(QStringLiteral("type")).toString(), QStringLiteral("SC"));
    QCOMPARE(safetyCar[0].timestampMs, 100000);
    QCOMPARE(safetyCar[1].details.value(QStringLiteral("state")).toString(), QStringLiteral("ending"));
    QCOMPARE(safetyCar[1].timestampMs, 160000);

    const auto overtakes = eventsOf(out, QStringLiteral("overtake"));
    QCOMPARE(overtakes.size(), std::size_t(1));
    QCOMPARE(overtakes[0].driverName, QStringLiteral("NORRIS"));
    QCOMPARE(overtakes[0].details.value(QStringLiteral("passed")).toString(), QStringLiteral("VERSTAPPEN"));
    QCOMPARE(overtakes[0].details.value(QStringLiteral("position")).toInt(), 1);

    const auto pits = eventsOf(out, QStringLiteral("pit_stop"));
    QCOMPARE(pits.size(), std::size_t(1));
    QCOMPARE(pits[0].driverName, hidden);
    QCOMPARE(pits[0].lap, 2);
    QCOMPARE(pits[0].details.value(QStringLiteral("from")).toString(), QStringLiteral("SOFT"));
    QCOMPARE(pits[0].details.value(QStringLiteral("to")).toString(), QStringLiteral("MEDIUM"));
    QCOMPARE(pits[0].details.value(QStringLiteral("stop")).toInt(), 1);
    QCOMPARE(pits[0].details.value(QStringLiteral("stationary_ms")).toInt(), 2400);
    const int laneMs = pits[0].details.value(QStringLiteral("pit_lane_ms")).toInt();
    QVERIFY2(laneMs >= 21900 && laneMs <= 22000, qPrintable(QString::number(laneMs)));

    const auto retirements = eventsOf(out, QStringLiteral("retirement"));
    QCOMPARE(retirements.size(), std::size_t(1));
    QCOMPARE(retirements[0].driverName, hidden);
    QCOMPARE(retirements[0].timestampMs, 200000);
    QCOMPARE(retirements[0].lap, 3);

    const auto control = eventsOf(out, QStringLiteral("race_control"));
    QCOMPARE(control.size(), std::size_t(2));
    QCOMPARE(control[0].driverName, QStringLiteral("NORRIS"));
    QCOMPARE(control[0].details.value(QStringLiteral("message")).toString(),
             QStringLiteral("5 second time penalty for NORRIS: pit lane speeding"));
    QCOMPARE(control[1].details.value(QStringLiteral("flag")).toString(), QStringLiteral("CHEQUERED"));

    const auto finish = eventsOf(out, QStringLiteral("race_finished"));
    QCOMPARE(finish.size(), std::size_t(1));
    const QJsonArray classification({QStringLiteral("NORRIS"), QStringLiteral("VERSTAPPEN"), hidden});
    QCOMPARE(finish[0].details.value(QStringLiteral("classification")).toArray(), classification);
    QCOMPARE(finish[0].lap, 3);
    QVERIFY(a.finished());
    QCOMPARE(a.classification(), QStringList({QStringLiteral("NORRIS"), QStringLiteral("VERSTAPPEN"), hidden}));

    // Events in time order, every one named after the grid.
    for (std::size_t i = 1; i < out.events.size(); ++i)
        QVERIFY(out.events[i].timestampMs >= out.events[i - 1].timestampMs);
    for (const auto &e : out.events)
        QVERIFY(e.driverName.isEmpty() || grid->findDriver(e.driverName));
}

void TestGameRace::newSessionResets()
{
    BuiltRace race;
    race.run(100);
    GameRaceAssembler &a = race.assembler;
    QVERIFY(!a.gridJson().isEmpty());
    QCOMPARE(a.sessionUid(), kUid);
    QCOMPARE(a.leaderLap(), 2);

    auto next = packetAt<SessionPacket>(PacketId::Session, 0.2, kUid + 1);
    next.sessionType = 18; // a time trial now
    next.trackId = 26;
    QVERIFY(a.startsNewSession(next));
    a.setRaceId(QStringLiteral("game-test-2"));
    GameRaceAssembler::Output out;
    a.add(next, out);
    QVERIFY(out.newSession);
    QCOMPARE(a.sessionUid(), kUid + 1);
    QCOMPARE(a.raceId(), QStringLiteral("game-test-2"));
    QVERIFY(a.gridJson().isEmpty());
    QVERIFY(a.classification().isEmpty());
    QCOMPARE(a.leaderLap(), 0);
    QVERIFY(!a.finished());
    QCOMPARE(a.trackName(), QStringLiteral("Zandvoort"));
    QCOMPARE(a.sessionType(), QStringLiteral("Time Trial"));
    QCOMPARE(a.raceMs(), 200);
    QVERIFY(out.positions.empty() && out.telemetry.empty() && out.events.empty());
    QVERIFY(!a.startsNewSession(next));
}

void TestGameRace::badValuesNeverMakeRefusedRecords()
{
    GameRaceAssembler a(QStringLiteral("game-bad"));
    GameRaceAssembler::Output out;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    a.add(packetAt<SessionPacket>(PacketId::Session, nan), out); // no clock: ignored
    QCOMPARE(a.raceMs(), 0);

    auto session = packetAt<SessionPacket>(PacketId::Session, 1.0);
    session.sessionType = 15;
    session.totalLaps = 250;
    session.trackId = 99;
    a.add(session, out);
    QCOMPARE(a.totalLaps(), 200);
    auto people = packetAt<ParticipantsPacket>(PacketId::Participants, 1.0);
    people.numActiveCars = 200; // more than there are
    people.header.playerCarIndex = 255;
    for (int i = 0; i < kMaxCars; ++i) {
        people.cars[size_t(i)].teamId = 250;
        people.cars[size_t(i)].raceNumber = std::uint8_t(i % 2 ? 0 : 7); // duplicates and none
        people.cars[size_t(i)].name = i % 3 ? QStringLiteral("SAME") : QString();
    }
    a.add(people, out);
    const auto grid = Grid::fromJson(QJsonDocument(a.gridJson()).toJson());
    QVERIFY2(grid.hasValue(), qPrintable(grid ? QString() : grid.error().message));
    QCOMPARE(grid->drivers().size(), kMaxCars);

    for (int step = 0; step < 40; ++step) {
        const double t = 1.0 + step * 0.05;
        auto lap = packetAt<LapDataPacket>(PacketId::LapData, t);
        auto tel = packetAt<CarTelemetryPacket>(PacketId::CarTelemetry, t);
        auto motion = packetAt<MotionPacket>(PacketId::Motion, t);
        auto status = packetAt<CarStatusPacket>(PacketId::CarStatus, t);
        for (int i = 0; i < kMaxCars; ++i) {
            CarLapData &l = lap.cars[size_t(i)];
            l.resultStatus = std::uint8_t(2 + i % 7);
            l.carPosition = std::uint8_t(i == 0 ? 0 : i % 2 ? 200 : i); // 0 and 200: out of range
            l.currentLapNum = std::uint8_t(step < 20 ? 254 : 255);
            l.lastLapTimeInMS = 0xFFFFFFFFu;
            l.lapDistance = float(nan);
            l.numPitStops = 200;
            l.deltaToRaceLeaderMinutesPart = 255;
            l.pitStatus = std::uint8_t(step % 2);
            CarTelemetry &c = tel.cars[size_t(i)];
            c.speed = 999;
            c.engineRPM = 65535;
            c.gear = 9;
            c.throttle = float(nan);
            c.brake = 7.0f;
            c.engineTemperature = 65535;
            c.brakesTemperature = {65535, 65535, 0, 0};
            motion.cars[size_t(i)].worldPositionX = 1e9f;
            motion.cars[size_t(i)].worldPositionZ = -1e9f;
            status.cars[size_t(i)].fuelInTank = -5;
            status.cars[size_t(i)].visualTyreCompound = 99;
            status.cars[size_t(i)].tyresAgeLaps = 255;
        }
        a.add(lap, out);
        a.add(tel, out);
        a.add(motion, out);
        a.add(status, out);
        if (step == 5) {
            a.add(eventAt(EventCode::Overtake, t, OvertakeEvent{200, 0}), out);
            a.add(eventAt(EventCode::FastestLap, t, FastestLapEvent{3, float(nan)}), out);
            a.add(eventAt(EventCode::SafetyCar, t, SafetyCarEvent{3, 0}), out); // formation lap: skipped
            a.add(eventAt(EventCode::SafetyCar, t, SafetyCarEvent{9, 9}), out);
            a.add(eventAt(EventCode::Penalty, t, PenaltyEvent{4, 200, 40, 0, 255, 0, 0}), out);
            auto c = packetAt<FinalClassificationPacket>(PacketId::FinalClassification, t);
            c.numCars = 255;
            a.add(c, out);
        }
    }
    a.flush(out);
    QVERIFY2(codecFailure(out).isEmpty(), qPrintable(codecFailure(out)));
    QVERIFY(!out.telemetry.empty());
    QVERIFY(!out.positions.empty()); // cars 1..: positions clamp out, car 0 has none
    QVERIFY(eventsOf(out, QStringLiteral("safety_car")).empty());
    QVERIFY(eventsOf(out, QStringLiteral("overtake")).empty());
    QVERIFY(eventsOf(out, QStringLiteral("fastest_lap")).empty());
    for (const auto &t : out.telemetry) {
        QVERIFY(!t.engineTemperatureC);
        QCOMPARE(t.speedKph, codec::kMaxSpeedKph);
    }
}

QTEST_GUILESS_MAIN(TestGameRace)
#include "tst_gamerace.moc"
