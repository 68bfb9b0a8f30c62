// Pit Wall: the GUI by default; --headless (and --help/--version) without a display.

#include "AskCommand.h"
#include "CloudPlanCommand.h"
#include "core/PrintableText.h"
#include "CommandLine.h"
#include "HeadlessRun.h"
#include "McpOptions.h"
#include "secrets/AppSecrets.h"
#include "storage/LibraryDatabase.h"
#include "setup/SetupConfig.h"
#include "mcp/McpServer.h"
#include "LibraryCommands.h"
#include "RealRaceCommand.h"
#include "UdpReplayCommand.h"
#include "MlCommands.h"
#include "gui/MainWindow.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTimer>
#include <QTranslator>
#include <cstdio>
#include <memory>
#include <optional>

namespace {

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("PitWall"));
    QCoreApplication::setApplicationName(QStringLiteral("pitwall"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PITWALL_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("app.pitwall.PitWall"));
}

// Command-line Kafka choices win over the saved ones, field by field.
pitwall::KafkaSelection effectiveKafka(const pitwall::KafkaSelection &override)
{
    QSettings settings;
    auto store = pitwall::secrets::openAppSecretStore(settings);
    auto selection = pitwall::setup::loadKafkaSelection(settings, *store);
    if (!override.isEmbedded())
        selection = override;
    return selection;
}

// The user's language for Pit Wall's own strings and for Qt's standard dialogs: the
// one chosen in View ▸ Language, else the system's.
void installTranslations(QCoreApplication &app)
{
    const QString chosen = QSettings().value(QStringLiteral("view/language")).toString();
    const QLocale locale = chosen.isEmpty() ? QLocale() : QLocale(chosen);
    auto *own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("pitwall"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(own);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
}

} // namespace

int main(int argc, char **argv)
{
    // The console commands (`pitwall forecast`, `pitwall ask`, ...): each parses its own
    // arguments and needs no window.
    struct ConsoleCommand {
        bool (*isCommand)(const QString &word);
        int (*run)(const QStringList &arguments);
    };
    const ConsoleCommand consoleCommands[] = {
        {pitwall::isMlCommand, pitwall::runMlCommand},
        {pitwall::isAskCommand, pitwall::runAskCommand},
        {pitwall::isCloudCommand, pitwall::runCloudCommand},
        {pitwall::isUdpReplayCommand, pitwall::runUdpReplayCommand},
        {pitwall::isRealRaceCommand, pitwall::runRealRaceCommand},
        {pitwall::isLibraryCommand, pitwall::runLibraryCommand},
    };
    for (const auto &command : consoleCommands) {
        if (argc > 1 && command.isCommand(QString::fromLocal8Bit(argv[1]))) {
            QCoreApplication app(argc, argv);
            setIdentity();
            return command.run(QCoreApplication::arguments());
        }
    }
    const bool consoleOnly = pitwall::CommandLine::wantsConsoleOnly(argc, argv);
    std::unique_ptr<QCoreApplication> app = consoleOnly ? std::make_unique<QCoreApplication>(argc, argv)
                                                        : std::make_unique<QApplication>(argc, argv);
    setIdentity();

    pitwall::CommandLine commandLine;
    auto options = commandLine.parse(QCoreApplication::arguments());
    if (!options) {
        std::fprintf(stderr, "pitwall: %s\n", qPrintable(pitwall::printable(options.error().message)));
        return 1;
    }
    // Races a killed Pit Wall left "recording" are repaired once, before anything records.
    pitwall::repairInterruptedRaces(options->session.libraryPath.isEmpty() ? pitwall::LibraryDatabase::defaultPath()
                                                                           : options->session.libraryPath);
    const auto kafka = effectiveKafka(options->kafkaOverride);
    // The models and stores of the AI stages: a wrong choice is said before anything starts.
    auto ai = pitwall::startAiServices(options->ai);
    if (!ai) {
        std::fprintf(stderr, "pitwall: %s\n", qPrintable(pitwall::printable(ai.error().message)));
        return 2;
    }
    options.value().session.ai = ai.value();
    // Agents and overlays read the live race when asked for (off by default); the
    // window's race engineer reads the race context always.
    std::unique_ptr<pitwall::LiveServers> live;
    if (options->mcpPort || options->wsPort || !options->headless) {
        QSettings saved;
        const auto base = options->headless ? pitwall::LiveServerSettings{} : pitwall::LiveServerSettings::load(saved);
        QString error;
        live = pitwall::startLiveServers(pitwall::withLiveServerFlags(base, options->mcpPort, options->mcpToken, options->wsPort,
                                                                      options->wsMaxClients),
                                         ai.value(), options->headless, &error);
        if (!error.isEmpty()) {
            std::fprintf(stderr, "pitwall: %s\n", qPrintable(pitwall::printable(error)));
            // What the command line asked for must run; a saved setting is shown in the window.
            if (options->headless || options->mcpPort || options->wsPort)
                return 2;
        }
        options.value().session.context = live->context();
    }
    if (options->headless)
        return pitwall::runHeadless(kafka, options->session, options->durationSeconds);

    installTranslations(*app);
    pitwall::MainWindow window(kafka);
    window.setAiServices(ai.value());
    // The setup wizard's choices take effect at Finish: the next race's services are made anew.
    window.setAiServicesFactory([commandLine = options->ai] { return pitwall::startAiServices(commandLine); });
    if (live)
        window.setLiveServers(live.get());
    if (options->raceOptionsGiven)
        window.setRaceOptions(options->session);
    if (!options->theme.isEmpty())
        window.setTheme(options->theme == QLatin1String("dark"));
    window.show();
    if (!options->session.replayRaceId.isEmpty())
        window.replayWhenReady(options->session.replayRaceId, options->session.replayRerun);
    else if (options->autostart)
        window.startRaceWhenReady();
    if (!options->screenshotPath.isEmpty())
        window.saveScreenshotAndQuit(options->screenshotPath, options->screenshotAfterS * 1000);
    // No wizard over an empty window: the start page says what is set up and opens the
    // wizard when the user asks.
    return QApplication::exec();
}
