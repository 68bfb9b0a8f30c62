#include "LibraryCommands.h"
#include "Subcommand.h"
#include "core/PrintableText.h"

#include "storage/RaceExport.h"
#include "storage/RaceLibrary.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <cstdio>

namespace pitwall {

namespace {

const QCommandLineOption kLibrary(QStringLiteral("library"),
                                  QStringLiteral("The race library file (default: %1).").arg(LibraryDatabase::defaultPath()),
                                  QStringLiteral("file"));

int fail(const QString &message, int code = 2)
{
    std::fprintf(stderr, "pitwall: %s\n", qPrintable(printable(message)));
    return code;
}

void sayRepaired(const std::vector<RaceRecord> &repaired)
{
    for (const auto &race : repaired)
        std::fprintf(stderr,
                     "pitwall: race %s was left recording (Pit Wall was killed or the power went): marked "
                     "interrupted at race time %.1f s, its %lld recorded messages kept\n",
                     qPrintable(printable(race.id)), double(race.durationMs) / 1000.0, race.messageCount);
}

std::unique_ptr<RaceLibrary> openLibrary(const QCommandLineParser &parser, QString &error)
{
    auto library = RaceLibrary::open(parser.isSet(kLibrary) ? parser.value(kLibrary) : LibraryDatabase::defaultPath());
    if (!library) {
        error = library.error().message;
        return nullptr;
    }
    if (auto repaired = library.value()->repairInterrupted())
        sayRepaired(repaired.value());
    else
        fail(repaired.error().message);
    return std::move(library).value();
}

int libraryCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Pit Wall's race library.\n"
                                                    "  pitwall library list                  every race, newest first, as JSON\n"
                                                    "  pitwall library rename RACE_ID NAME\n"
                                                    "  pitwall library delete RACE_ID"));
    parser.addHelpOption();
    parser.addOption(kLibrary);
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("list, rename or delete"));
    parser.process(arguments);
    const auto words = parser.positionalArguments();
    QString error;
    auto library = openLibrary(parser, error);
    if (!library)
        return fail(error);
    const QString action = words.value(0);
    if (action == QLatin1String("list") && words.size() == 1) {
        auto races = library->list();
        if (!races)
            return fail(races.error().message);
        QJsonArray list;
        for (const auto &race : races.value())
            list.append(race.toJson());
        std::printf("%s\n", QJsonDocument(list).toJson(QJsonDocument::Indented).constData());
        return 0;
    }
    if (action == QLatin1String("rename") && words.size() == 3) {
        auto renamed = library->rename(words[1], words[2]);
        return renamed ? 0 : fail(renamed.error().message);
    }
    if (action == QLatin1String("delete") && words.size() == 2) {
        auto removed = library->remove(words[1]);
        return removed ? 0 : fail(removed.error().message);
    }
    return fail(QStringLiteral("usage: pitwall library list | rename RACE_ID NAME | delete RACE_ID"), 1);
}

int exportCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Writes one race of the library to a file.\n"
                                                    "  pitwall export RACE_ID --format jsonl|csv --output FILE"));
    parser.addHelpOption();
    parser.addOption(kLibrary);
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("jsonl (default; can be imported) or csv."),
                                    QStringLiteral("format"), QStringLiteral("jsonl"));
    const QCommandLineOption output(QStringLiteral("output"), QStringLiteral("The file to write."), QStringLiteral("file"));
    parser.addOptions({format, output});
    parser.addPositionalArgument(QStringLiteral("race_id"), QStringLiteral("The race (see: pitwall library list)."));
    parser.process(arguments);
    if (parser.positionalArguments().size() != 1 || !parser.isSet(output))
        return fail(QStringLiteral("usage: pitwall export RACE_ID --format jsonl|csv --output FILE"), 1);
    const QString kind = parser.value(format).toLower();
    if (kind != QLatin1String("jsonl") && kind != QLatin1String("csv"))
        return fail(QStringLiteral("--format must be jsonl or csv, not '%1'").arg(parser.value(format)), 1);
    QString error;
    auto library = openLibrary(parser, error);
    if (!library)
        return fail(error);
    const QString raceId = parser.positionalArguments().first();
    auto written = exportRaceFile(*library, raceId, parser.value(output),
                                  kind == QLatin1String("csv") ? ExportFormat::Csv : ExportFormat::Jsonl);
    if (!written)
        return fail(written.error().message);
    std::fprintf(stderr, "pitwall: exported %lld messages of race %s to %s\n", written.value(), qPrintable(printable(raceId)),
                 qPrintable(printable(parser.value(output))));
    return 0;
}

int importCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Adds a race exported with --format jsonl to the library.\n"
                                                    "  pitwall import FILE.jsonl"));
    parser.addHelpOption();
    parser.addOption(kLibrary);
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("A Pit Wall race export (.jsonl)."));
    parser.process(arguments);
    if (parser.positionalArguments().size() != 1)
        return fail(QStringLiteral("usage: pitwall import FILE.jsonl"), 1);
    QString error;
    auto library = openLibrary(parser, error);
    if (!library)
        return fail(error);
    auto imported = importRaceFile(*library, parser.positionalArguments().first());
    if (!imported)
        return fail(imported.error().message);
    std::printf("%s\n", QJsonDocument(imported->toJson()).toJson(QJsonDocument::Compact).constData());
    return 0;
}

} // namespace

void repairInterruptedRaces(const QString &libraryPath)
{
    if (!QFile::exists(libraryPath))
        return; // nothing recorded yet: no library to create here
    auto library = RaceLibrary::open(libraryPath);
    if (!library) {
        fail(library.error().message);
        return;
    }
    if (auto repaired = library.value()->repairInterrupted())
        sayRepaired(repaired.value());
    else
        fail(repaired.error().message);
}

bool isLibraryCommand(const QString &word)
{
    return word == QLatin1String("library") || word == QLatin1String("export") || word == QLatin1String("import");
}

int runLibraryCommand(const QStringList &arguments)
{
    // arguments: pitwall COMMAND ...; each parser sees "pitwall COMMAND" as the program.
    const QString command = arguments.value(1);
    const QStringList rest = subcommandArguments(arguments);
    if (command == QLatin1String("library"))
        return libraryCommand(rest);
    if (command == QLatin1String("export"))
        return exportCommand(rest);
    return importCommand(rest);
}

} // namespace pitwall
