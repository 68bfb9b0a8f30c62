#pragma once
// What to race next, whatever asked for it (the window's Start, the start page, the
// library, the command line): the source of the race and what it needs. A new source is
// one more kind here and one more case in sessionOptionsFor, and the window and the
// headless run both have it.

#include "pipeline/F1GameSource.h"
#include "pipeline/RaceSession.h"

#include <QString>
#include <memory>

class QSettings;

namespace pitwall {

struct RaceRequest {
    enum class Source {
        Configured,    // what the options say: the simulator, unless they name a replay or the game
        LibraryReplay, // a race of the library (simulated or real), as recorded or re-run
        F1Game,        // a live session from the F1 game's UDP telemetry
    };
    Source source = Source::Configured;
    QString raceId;     // LibraryReplay: the race
    bool rerun = false; // LibraryReplay: the pipeline afresh instead of the recorded outputs
    QString circuitId;  // LibraryReplay: the recorded race's circuit and laps, when known
    int laps = 0;
    GameSourceOptions game; // F1Game: the port and binding (and a handover from the previous session)

    static RaceRequest configured() { return {}; }
    static RaceRequest replay(const QString &raceId, bool rerun, const QString &circuitId = {}, int laps = 0);
    static RaceRequest f1Game(GameSourceOptions game);
};

// The session options of the requested race: `base` (the user's circuit, laps, speed,
// library, AI services...) with the source's own, and a new race id each time.
SessionOptions sessionOptionsFor(const RaceRequest &request, const SessionOptions &base);

// The F1 game's receiver as saved (Race ▸ F1 game: port, this machine only).
namespace gamesettings {
inline const QString kPortKey = QStringLiteral("f1game/port");
inline const QString kLoopbackOnlyKey = QStringLiteral("f1game/loopbackOnly");
// `commandLine` when it enables the game (--source f1-game --udp-port ...), else the saved port and binding.
GameSourceOptions load(const QSettings &settings, const GameSourceOptions &commandLine);
} // namespace gamesettings

} // namespace pitwall
