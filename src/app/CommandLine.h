#pragma once
// Pit Wall's command line: what the user asked for, validated.

#include "AiOptions.h"
#include "core/Expected.h"
#include "pipeline/RaceSession.h"
#include "stream/KafkaSelection.h"

#include <QCommandLineParser>
#include <QStringList>

namespace pitwall {

struct AppOptions {
    bool headless = false;
    int durationSeconds = 0;       // 0: until the chequered flag
    SessionOptions session;        // the race: circuit, laps, seed, speed, telemetry rate, hero, faults
    bool raceOptionsGiven = false; // GUI: start with these instead of the saved choices
    KafkaSelection kafkaOverride;  // empty fields: use the saved settings
    bool autostart = false;
    QString screenshotPath; // GUI: save a PNG of the window after a few seconds and quit
    int screenshotAfterS = 5;
    QString theme;        // GUI: dark, light, or empty (the saved choice)
    AiCommandLine ai;     // --llm and friends
    quint16 mcpPort = 0;  // --mcp-port: 0 off
    QString mcpToken;     // --mcp-token, --mcp-token-file, PITWALL_MCP_TOKEN: empty, a generated one
    quint16 wsPort = 0;   // --ws-port: 0 off
    int wsMaxClients = 0; // --ws-max-clients: 0, the setting
};

class CommandLine {
public:
    CommandLine();
    // Handles --help and --version itself (prints and exits), like QCommandLineParser::process.
    Expected<AppOptions> parse(const QStringList &arguments);

    // Decided before any QApplication exists: these runs must work without a display.
    static bool wantsConsoleOnly(int argc, char **argv);

private:
    QCommandLineParser m_parser;
};

} // namespace pitwall
