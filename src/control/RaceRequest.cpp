#include "RaceRequest.h"

#include <QSettings>
#include <algorithm>

namespace pitwall {

RaceRequest RaceRequest::replay(const QString &raceId, bool rerun, const QString &circuitId, int laps)
{
    RaceRequest request;
    request.source = Source::LibraryReplay;
    request.raceId = raceId;
    request.rerun = rerun;
    request.circuitId = circuitId;
    request.laps = laps;
    return request;
}

RaceRequest RaceRequest::f1Game(GameSourceOptions game)
{
    RaceRequest request;
    request.source = Source::F1Game;
    request.game = std::move(game);
    request.game.enabled = true;
    return request;
}

SessionOptions sessionOptionsFor(const RaceRequest &request, const SessionOptions &base)
{
    auto options = base;
    options.race.raceId.clear(); // a new race each time
    switch (request.source) {
    case RaceRequest::Source::Configured: break;
    case RaceRequest::Source::LibraryReplay:
        options.replayRaceId = request.raceId;
        options.replayRerun = request.rerun;
        if (!request.circuitId.isEmpty()) {
            options.race.circuitId = request.circuitId;
            options.race.laps = request.laps;
        }
        break;
    case RaceRequest::Source::F1Game: options.game = request.game; break;
    }
    return options;
}

namespace gamesettings {

GameSourceOptions load(const QSettings &settings, const GameSourceOptions &commandLine)
{
    if (commandLine.enabled)
        return commandLine;
    GameSourceOptions game;
    game.enabled = true;
    game.port = quint16(std::clamp(settings.value(kPortKey, 20777).toInt(), 1, 65535)); // a hand-edited file can say anything
    if (settings.value(kLoopbackOnlyKey, false).toBool())
        game.bind = QHostAddress::LocalHost;
    return game;
}

} // namespace gamesettings

} // namespace pitwall
