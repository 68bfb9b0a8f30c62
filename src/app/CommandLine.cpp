#include "CommandLine.h"

#include "McpOptions.h"

#include "core/Grid.h"
#include "pipeline/PipelineDefinition.h"
#include "sim/Circuit.h"
#include "storage/LibraryDatabase.h"

#include <cstring>

namespace pitwall {

namespace {

const QCommandLineOption kHeadless(QStringLiteral("headless"), QStringLiteral("Run a race without a window; progress on stderr, a JSON summary as "
                                                                              "the last line of stdout."));
const QCommandLineOption kDuration(QStringLiteral("duration-seconds"),
                                   QStringLiteral("Stop the race after N wall-clock seconds (1-86400); without it the "
                                                  "race runs to the chequered flag."),
                                   QStringLiteral("N"));
const QCommandLineOption kTrack(QStringLiteral("track"), QStringLiteral("Circuit: %1 (default monza)."), QStringLiteral("name"),
                                QStringLiteral("monza"));
const QCommandLineOption kLaps(QStringLiteral("laps"),
                               QStringLiteral("Race distance in laps (1-100; default: the "
                                              "circuit's full distance)."),
                               QStringLiteral("N"));
const QCommandLineOption kSeed(QStringLiteral("seed"),
                               QStringLiteral("Random seed; the same seed gives the same race (default: random)."),
                               QStringLiteral("S"));
const QCommandLineOption kSpeed(QStringLiteral("speed"),
                                QStringLiteral("Race time per real second: a factor such as 1, 2 or 10, or max "
                                               "(default 1)."),
                                QStringLiteral("max|X"), QStringLiteral("1"));
const QCommandLineOption kTelemetryHz(QStringLiteral("telemetry-hz"),
                                      QStringLiteral("Telemetry samples per car per second (1-50, default 10)."),
                                      QStringLiteral("H"), QStringLiteral("10"));
const QCommandLineOption kHero(QStringLiteral("hero"),
                               QStringLiteral("The demo's story: this driver starts P5-P10 and fights for the podium."),
                               QStringLiteral("driver"));
const QCommandLineOption kFaults(QStringLiteral("faults"),
                                 QStringLiteral("Injected faults per car per hour of racing, labelled on "
                                                "f1-fault-labels (0 = a clean race; default 0.5)."),
                                 QStringLiteral("rate"), QStringLiteral("0.5"));
const QCommandLineOption kBootstrap(QStringLiteral("bootstrap"),
                                    QStringLiteral("Use this Kafka cluster instead of the embedded broker "
                                                   "(HOST:PORT[,HOST:PORT...])."),
                                    QStringLiteral("servers"));
const QCommandLineOption kKafkaConfig(QStringLiteral("kafka-config"),
                                      QStringLiteral("librdkafka properties file (key=value lines: SASL, TLS, "
                                                     "bootstrap.servers...)."),
                                      QStringLiteral("file"));
const QCommandLineOption kDisableStage(QStringLiteral("disable-stage"),
                                       QStringLiteral("Start with this pipeline stage switched off (repeatable): %1."),
                                       QStringLiteral("stage"));
const QCommandLineOption kLibraryFile(QStringLiteral("library"),
                                      QStringLiteral("Record races into this library file (default: the user's data "
                                                     "folder; see pitwall library --help)."),
                                      QStringLiteral("file"));
const QCommandLineOption kNoRecord(QStringLiteral("no-record"), QStringLiteral("Do not keep this race in the library."));
const QCommandLineOption kRerun(QStringLiteral("rerun"),
                                QStringLiteral("replay: play only the race's own topics and run the pipeline on them "
                                               "afresh (default: play everything recorded, the pipeline's outputs too)."));
const QCommandLineOption kAutostart(QStringLiteral("autostart"), QStringLiteral("GUI: start a race at launch."));
const QCommandLineOption kScreenshot(QStringLiteral("screenshot"),
                                     QStringLiteral("GUI: start a race, save a PNG of the window after 5 s "
                                                    "(or --screenshot-after), and quit."),
                                     QStringLiteral("file.png"));
const QCommandLineOption kScreenshotAfter(QStringLiteral("screenshot-after"),
                                          QStringLiteral("GUI: seconds to wait before --screenshot (1-3600)."),
                                          QStringLiteral("seconds"), QStringLiteral("5"));
const QCommandLineOption kTheme(QStringLiteral("theme"), QStringLiteral("GUI: dark or light (saved for later runs)."),
                                QStringLiteral("dark|light"));

const QCommandLineOption kSource(QStringLiteral("source"),
                                 QStringLiteral("Where the race comes from: simulator (default) or f1-game (the EA SPORTS F1 "
                                                "game's UDP telemetry, live; set the game's UDP Telemetry to this machine)."),
                                 QStringLiteral("simulator|f1-game"), QStringLiteral("simulator"));
const QCommandLineOption kUdpPort(QStringLiteral("udp-port"),
                                  QStringLiteral("f1-game: the UDP port to listen on (default 20777, the game's)."),
                                  QStringLiteral("port"), QStringLiteral("20777"));
const QCommandLineOption kUdpBind(QStringLiteral("udp-bind"),
                                  QStringLiteral("f1-game: the address to listen on (default: every interface, as the game "
                                                 "usually runs on a console or another PC; 127.0.0.1 for this machine only)."),
                                  QStringLiteral("address"));
const QCommandLineOption kUdpCapture(QStringLiteral("udp-capture"),
                                     QStringLiteral("f1-game: keep every packet received in this file, with its arrival time "
                                                    "(play it back with pitwall udp-replay)."),
                                     QStringLiteral("file"));

const QCommandLineOption kMcpPort(QStringLiteral("mcp-port"),
                                  QStringLiteral("Serve the live race to AI agents over MCP at http://127.0.0.1:PORT/mcp."),
                                  QStringLiteral("port"));
const QCommandLineOption kMcpToken(QStringLiteral("mcp-token"),
                                   QStringLiteral("The bearer token MCP clients must send; other local users can read a command "
                                                  "line, so prefer --mcp-token-file or PITWALL_MCP_TOKEN (default: a new one, "
                                                  "written to a file only you can read, its path printed on stderr)."),
                                   QStringLiteral("token"));
const QCommandLineOption kMcpTokenFile(QStringLiteral("mcp-token-file"),
                                       QStringLiteral("Read the MCP bearer token from the first line of this file."),
                                       QStringLiteral("file"));
const QCommandLineOption kWsMaxClients(QStringLiteral("ws-max-clients"),
                                       QStringLiteral("At most this many live feed clients at once (default 32)."),
                                       QStringLiteral("count"));

const QCommandLineOption kWsPort(QStringLiteral("ws-port"),
                                 QStringLiteral("Stream the live race over WebSocket at ws://127.0.0.1:PORT/live (overlay page at /overlay)."),
                                 QStringLiteral("port"));

Error badValue(const QCommandLineOption &option, const QString &value, const QString &expected)
{
    return Error{QStringLiteral("--%1 must be %2, not '%3'").arg(option.names().first(), expected, value)};
}

// The option's value as a whole number from `low` to `high`; otherwise the error saying it
// must be `expected`.
Expected<int> wholeNumber(const QCommandLineParser &parser, const QCommandLineOption &option, int low, int high, const QString &expected)
{
    bool isNumber = false;
    const int number = parser.value(option).toInt(&isNumber);
    if (!isNumber || number < low || number > high)
        return badValue(option, parser.value(option), expected);
    return number;
}

} // namespace

CommandLine::CommandLine()
{
    m_parser.setApplicationDescription(
        QStringLiteral("Pit Wall - follow a Formula 1 race live: leaderboard, telemetry and a streaming-AI pit wall.\n"
                       "Without options it opens the window and uses its embedded Kafka broker.\n"
                       "Kafka settings given here override those saved in the app.\n"
                       "Offline ML commands: pitwall detect-anomalies --help, pitwall forecast --help.\n"
                       "Race library: pitwall library --help, pitwall export --help, pitwall import --help,\n"
                       "Real races: pitwall import-race --help (F1 live-timing archive, OpenF1).\n"
                       "Live from the F1 game: pitwall --source f1-game [--udp-port 20777]; pitwall udp-replay --help.\n"
                       "Search past commentary by meaning: pitwall ask \"comments about Hamilton\" [--race ID].\n"
                       "Review what Deploy runs in Confluent Cloud: pitwall cloud plan [--sql|--json].\n"
                       "  pitwall replay RACE_ID [--headless] [--speed X|max] [--rerun] (in the window without --headless)."));
    m_parser.addHelpOption();
    m_parser.addVersionOption();
    QCommandLineOption track = kTrack;
    track.setDescription(kTrack.description().arg(Circuit::builtInIds().join(QLatin1String(", "))));
    QCommandLineOption disableStage = kDisableStage;
    disableStage.setDescription(kDisableStage.description().arg(pipelineStageNames().join(QLatin1String(", "))));
    m_parser.addOptions({kHeadless, kDuration, track, kLaps, kSeed, kSpeed, kTelemetryHz, kHero, kFaults, kBootstrap, kKafkaConfig,
                         disableStage, kLibraryFile, kNoRecord, kRerun, kAutostart, kScreenshot, kScreenshotAfter, kTheme});
    addAiOptions(m_parser);
    m_parser.addOptions({kMcpPort, kMcpToken, kMcpTokenFile, kWsPort, kWsMaxClients, kSource, kUdpPort, kUdpBind, kUdpCapture});
}

Expected<AppOptions> CommandLine::parse(const QStringList &arguments)
{
    m_parser.process(arguments); // exits on --help, --version and unknown options
    AppOptions options;
    const auto words = m_parser.positionalArguments();
    if (words.value(0) == QLatin1String("replay")) {
        // pitwall replay RACE_ID --headless [--speed X|max] [--rerun] [--library FILE]
        // Without --headless the window opens and replays it (the library panel's Replay).
        if (words.size() != 2)
            return Error{QStringLiteral("usage: pitwall replay RACE_ID [--headless] [--speed X|max] [--rerun] [--library FILE]")};
        if (m_parser.isSet(kNoRecord))
            return Error{QStringLiteral("--no-record makes no sense for a replay: replays are never recorded")};
        options.session.replayRaceId = words[1];
        options.session.replayRerun = m_parser.isSet(kRerun);
    } else if (!words.isEmpty()) {
        return Error{QStringLiteral("unexpected argument '%1' (see --help)").arg(words.first())};
    } else if (m_parser.isSet(kRerun)) {
        return Error{QStringLiteral("--rerun goes with: pitwall replay RACE_ID")};
    }

    options.headless = m_parser.isSet(kHeadless);
    if (m_parser.isSet(kDuration)) {
        const auto seconds = wholeNumber(m_parser, kDuration, 1, 86400, QStringLiteral("a whole number from 1 to 86400"));
        if (!seconds)
            return seconds.error();
        options.durationSeconds = seconds.value();
    }

    auto &race = options.session.race;
    race.circuitId = m_parser.value(kTrack).trimmed().toLower();
    if (!Circuit::builtInIds().contains(race.circuitId))
        return badValue(kTrack, m_parser.value(kTrack), QStringLiteral("one of ") + Circuit::builtInIds().join(QLatin1String(", ")));
    if (m_parser.isSet(kLaps)) {
        const auto laps = wholeNumber(m_parser, kLaps, 1, 100, QStringLiteral("a whole number from 1 to 100"));
        if (!laps)
            return laps.error();
        race.laps = laps.value();
    }
    bool isNumber = false;
    if (m_parser.isSet(kSeed)) {
        race.seed = m_parser.value(kSeed).toULongLong(&isNumber);
        if (!isNumber || race.seed == 0)
            return badValue(kSeed, m_parser.value(kSeed), QStringLiteral("a positive whole number"));
    }
    const auto speed = m_parser.value(kSpeed).trimmed().toLower();
    if (speed == QLatin1String("max")) {
        options.session.speed = 0;
    } else {
        options.session.speed = QString(speed).remove(QLatin1Char('x')).toDouble(&isNumber);
        if (!isNumber || options.session.speed < 0.1 || options.session.speed > 1000)
            return badValue(kSpeed, m_parser.value(kSpeed), QStringLiteral("max or a factor from 0.1 to 1000"));
    }
    const auto telemetryHz = wholeNumber(m_parser, kTelemetryHz, 1, 50, QStringLiteral("a whole number from 1 to 50"));
    if (!telemetryHz)
        return telemetryHz.error();
    race.telemetryHz = telemetryHz.value();
    race.faultsPerCarHour = m_parser.value(kFaults).toDouble(&isNumber);
    if (!isNumber || race.faultsPerCarHour < 0 || race.faultsPerCarHour > 60)
        return badValue(kFaults, m_parser.value(kFaults), QStringLiteral("a rate from 0 to 60"));
    if (m_parser.isSet(kHero)) {
        race.heroDriver = m_parser.value(kHero).trimmed();
        if (!Grid::builtIn().findDriver(race.heroDriver))
            return badValue(kHero, race.heroDriver, QStringLiteral("a driver's full name, e.g. 'Oscar Piastri'"));
    }
    for (const auto &stage : m_parser.values(kDisableStage)) {
        if (!pipelineStageNames().contains(stage.trimmed()))
            return badValue(kDisableStage, stage, QStringLiteral("one of ") + pipelineStageNames().join(QLatin1String(", ")));
        options.session.disabledStages << stage.trimmed();
    }
    for (const auto &option : {kTrack, kLaps, kSeed, kSpeed, kTelemetryHz, kHero, kFaults, kDisableStage, kLibraryFile, kNoRecord})
        options.raceOptionsGiven = options.raceOptionsGiven || m_parser.isSet(option);

    options.session.libraryPath = m_parser.isSet(kNoRecord)      ? QString()
                                  : m_parser.isSet(kLibraryFile) ? m_parser.value(kLibraryFile)
                                                                 : LibraryDatabase::defaultPath();
    const QString source = m_parser.value(kSource).trimmed().toLower();
    if (source != QLatin1String("simulator") && source != QLatin1String("f1-game"))
        return badValue(kSource, m_parser.value(kSource), QStringLiteral("simulator or f1-game"));
    auto &game = options.session.game;
    game.enabled = source == QLatin1String("f1-game");
    if (game.enabled && !options.session.replayRaceId.isEmpty())
        return Error{QStringLiteral("--source f1-game and replay do not go together")};
    const auto udpPort = wholeNumber(m_parser, kUdpPort, 1, 65535, QStringLiteral("a port from 1 to 65535"));
    if (!udpPort)
        return udpPort.error();
    game.port = quint16(udpPort.value());
    if (m_parser.isSet(kUdpBind) && !game.bind.setAddress(m_parser.value(kUdpBind).trimmed()))
        return badValue(kUdpBind, m_parser.value(kUdpBind), QStringLiteral("an IP address such as 0.0.0.0 or 127.0.0.1"));
    game.captureFile = m_parser.value(kUdpCapture);
    if (!game.enabled && (m_parser.isSet(kUdpPort) || m_parser.isSet(kUdpBind) || m_parser.isSet(kUdpCapture)))
        return Error{QStringLiteral("--udp-port, --udp-bind and --udp-capture go with --source f1-game")};
    if (game.enabled)
        options.raceOptionsGiven = true;

    options.kafkaOverride.bootstrap = m_parser.value(kBootstrap);
    options.kafkaOverride.configFile = m_parser.value(kKafkaConfig);
    options.screenshotPath = m_parser.value(kScreenshot);
    const auto screenshotAfter = wholeNumber(m_parser, kScreenshotAfter, 1, 3600, QStringLiteral("a whole number of seconds, 1-3600"));
    if (!screenshotAfter)
        return screenshotAfter.error();
    options.screenshotAfterS = screenshotAfter.value();
    options.theme = m_parser.value(kTheme);
    if (!options.theme.isEmpty() && options.theme != QLatin1String("dark") && options.theme != QLatin1String("light"))
        return badValue(kTheme, options.theme, QStringLiteral("dark or light"));
    options.autostart = m_parser.isSet(kAutostart) || !options.screenshotPath.isEmpty();
    options.ai = readAiOptions(m_parser);
    if (m_parser.isSet(kMcpPort)) {
        const auto port = wholeNumber(m_parser, kMcpPort, 1, 65535, QStringLiteral("a port from 1 to 65535"));
        if (!port)
            return port.error();
        options.mcpPort = quint16(port.value());
    }
    if (m_parser.isSet(kWsPort)) {
        const QString expected = QStringLiteral("a port from 1 to 65535, not the MCP one");
        const auto port = wholeNumber(m_parser, kWsPort, 1, 65535, expected);
        if (!port)
            return port.error();
        if (port.value() == options.mcpPort)
            return badValue(kWsPort, m_parser.value(kWsPort), expected);
        options.wsPort = quint16(port.value());
    }
    if (m_parser.isSet(kWsMaxClients)) {
        const auto count = wholeNumber(m_parser, kWsMaxClients, 1, 1000, QStringLiteral("a whole number from 1 to 1000"));
        if (!count)
            return count.error();
        options.wsMaxClients = count.value();
    }
    const auto token = resolveMcpToken(m_parser.value(kMcpToken), m_parser.value(kMcpTokenFile),
                                       QProcessEnvironment::systemEnvironment());
    if (!token)
        return token.error();
    options.mcpToken = token.value();
    return options;
}

bool CommandLine::wantsConsoleOnly(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        for (const char *flag : {"--headless", "-h", "--help", "--help-all", "-v", "--version", "-?"}) {
            if (std::strcmp(argv[i], flag) == 0)
                return true;
        }
    }
    return false;
}

} // namespace pitwall
