#pragma once
// GameRaceAssembler: turns the EA SPORTS F1 game's decoded UDP packets (sources/f1game,
// formats 2023-2025 as "Data Output from F1 23 v29x3", "F1 24 v27.2x" and "F1 25 v3" give
// them) into Pit Wall's race records, the ones the simulator and RealRaceBuilder produce
// (core/Messages.h, the demo's topics of ../shared/spec section 5.4):
//   - f1-driver-positions once per race-second per car (position, gap, interval, lap, tyre,
//     pit stops, status, speed);
//   - f1-car-telemetry at most 10 samples per car per second, on a 100 ms race-clock grid
//     (the game sends up to 60 Hz: the latest state of each car in a slot is kept);
//   - f1-car-metrics once per race-second per team;
//   - f1-race-events: race_started, lap_completed, fastest_lap, overtake, pit_stop,
//     safety_car, retirement, race_control, red_flag, race_finished.
// Race time is the game's session clock (header sessionTime). Values the game hides from
// other players (a restricted "Your Telemetry" setting sends zeros) stay unknown (null), and
// every record produced passes core/JsonCodec's validation: out-of-range values are clamped
// or left out. Packets that are late (older than the last of their kind), duplicated or
// missing are tolerated; a flashback (the clock going back) restarts the time grid.

#include "core/Messages.h"
#include "sources/f1game/PacketDecoder.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <array>
#include <memory>
#include <optional>
#include <vector>

namespace pitwall::realrace {

class GameRaceAssembler {
public:
    struct Output {
        std::vector<PositionUpdate> positions;
        std::vector<TelemetrySample> telemetry;
        std::vector<RaceEvent> events;
        std::vector<CarMetrics> teamMetrics;
        // The packet started a session other than the one before (a new sessionUID): the
        // assembler reset itself first, so everything in this Output belongs to the new one.
        bool newSession = false;
    };

    explicit GameRaceAssembler(QString raceId);
    ~GameRaceAssembler();
    GameRaceAssembler(const GameRaceAssembler &) = delete;
    GameRaceAssembler &operator=(const GameRaceAssembler &) = delete;

    // One decoded packet. Appends what it completes to `out`, in race-time order within each
    // list (the caller produces it to Kafka in order).
    void add(const sources::f1game::Packet &packet, Output &out);
    // The samples, positions and metrics still held for the current time slot (at the end
    // of a capture or when the game stops sending).
    void flush(Output &out);

    // Whether `packet` belongs to a session other than the current one (never for the first
    // packet seen). A caller that names each race calls this before add() and then
    // setRaceId(): the records of the new session then carry the new id.
    bool startsNewSession(const sources::f1game::Packet &packet) const;
    void setRaceId(const QString &raceId);
    QString raceId() const;

    qint64 raceMs() const;              // the session clock (header sessionTime), ms
    int leaderLap() const;              // the leader's current lap, at most totalLaps() when that is known
    int totalLaps() const;              // 0 until a Session packet says
    bool finished() const;              // race_finished was produced
    QStringList classification() const; // driver names, best first
    QString trackName() const;
    QString sessionType() const; // "Race", "Time Trial"...; empty until a Session packet
    bool isRace() const;
    QString playerDriver() const; // the followed driver: the player's car
    // The session's grid as a grid file (core/Grid::fromJson reads it): teams with colours,
    // drivers with names, 3-letter codes and numbers 1-99. Empty before Participants.
    QJsonObject gridJson() const;
    quint64 sessionUid() const;

private:
    struct State;
    std::unique_ptr<State> d;
};

} // namespace pitwall::realrace
