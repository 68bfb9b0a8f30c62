// Pit Wall: the GUI by default; --headless (and --help/--version) without a display.

#include "CommandLine.h"
#include "HeadlessRun.h"
#include "gui/MainWindow.h"

#include <QApplication>
#include <QSettings>
#include <cstdio>
#include <memory>

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
    auto selection = pitwall::KafkaSelection::load(QSettings());
    if (!override.isEmbedded())
        selection = override;
    return selection;
}

} // namespace

int main(int argc, char **argv)
{
    const bool consoleOnly = pitwall::CommandLine::wantsConsoleOnly(argc, argv);
    std::unique_ptr<QCoreApplication> app = consoleOnly ? std::make_unique<QCoreApplication>(argc, argv)
                                                        : std::make_unique<QApplication>(argc, argv);
    setIdentity();

    pitwall::CommandLine commandLine;
    auto options = commandLine.parse(QCoreApplication::arguments());
    if (!options) {
        std::fprintf(stderr, "pitwall: %s\n", qPrintable(options.error().message));
        return 1;
    }
    const auto kafka = effectiveKafka(options->kafkaOverride);
    if (options->headless)
        return pitwall::runHeadless(kafka, options->durationSeconds);

    pitwall::MainWindow window(kafka);
    window.show();
    if (options->autostart)
        window.startRaceWhenReady();
    if (!options->screenshotPath.isEmpty())
        window.saveScreenshotAndQuit(options->screenshotPath, 5000);
    return QApplication::exec();
}
