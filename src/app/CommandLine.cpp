#include "CommandLine.h"

#include <cstring>

namespace pitwall {

namespace {

const QCommandLineOption kHeadless(QStringLiteral("headless"),
                                   QStringLiteral("Run a race without a window; progress on stderr, a JSON summary as "
                                                  "the last line of stdout."));
const QCommandLineOption kDuration(QStringLiteral("duration-seconds"),
                                   QStringLiteral("Headless: how long the race runs (1-86400, default 20)."),
                                   QStringLiteral("N"), QStringLiteral("20"));
const QCommandLineOption kBootstrap(QStringLiteral("bootstrap"),
                                    QStringLiteral("Use this Kafka cluster instead of the embedded broker "
                                                   "(HOST:PORT[,HOST:PORT...])."),
                                    QStringLiteral("servers"));
const QCommandLineOption kKafkaConfig(QStringLiteral("kafka-config"),
                                      QStringLiteral("librdkafka properties file (key=value lines: SASL, TLS, "
                                                     "bootstrap.servers...)."),
                                      QStringLiteral("file"));
const QCommandLineOption kAutostart(QStringLiteral("autostart"), QStringLiteral("GUI: start a race at launch."));
const QCommandLineOption kScreenshot(QStringLiteral("screenshot"),
                                     QStringLiteral("GUI: start a race, save a PNG of the window after 5 s, and quit."),
                                     QStringLiteral("file.png"));

} // namespace

CommandLine::CommandLine()
{
    m_parser.setApplicationDescription(
        QStringLiteral("Pit Wall - follow a Formula 1 race live: leaderboard, telemetry and a streaming-AI pit wall.\n"
                       "Without options it opens the window and uses its embedded Kafka broker.\n"
                       "Kafka settings given here override those saved in the app."));
    m_parser.addHelpOption();
    m_parser.addVersionOption();
    m_parser.addOptions({kHeadless, kDuration, kBootstrap, kKafkaConfig, kAutostart, kScreenshot});
}

Expected<AppOptions> CommandLine::parse(const QStringList &arguments)
{
    m_parser.process(arguments); // exits on --help, --version and unknown options
    if (!m_parser.positionalArguments().isEmpty())
        return Error{QStringLiteral("unexpected argument '%1' (see --help)").arg(m_parser.positionalArguments().first())};

    AppOptions options;
    options.headless = m_parser.isSet(kHeadless);
    bool isNumber = false;
    options.durationSeconds = m_parser.value(kDuration).toInt(&isNumber);
    if (!isNumber || options.durationSeconds < 1 || options.durationSeconds > 86400)
        return Error{QStringLiteral("--duration-seconds must be a whole number from 1 to 86400, not '%1'")
                         .arg(m_parser.value(kDuration))};
    options.kafkaOverride.bootstrap = m_parser.value(kBootstrap);
    options.kafkaOverride.configFile = m_parser.value(kKafkaConfig);
    options.screenshotPath = m_parser.value(kScreenshot);
    options.autostart = m_parser.isSet(kAutostart) || !options.screenshotPath.isEmpty();
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
