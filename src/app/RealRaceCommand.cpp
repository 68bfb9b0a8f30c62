#include "RealRaceCommand.h"
#include "Subcommand.h"
#include "core/PrintableText.h"

#include "realrace/RealRaceImport.h"
#include "sources/download/RaceDownloader.h"
#include "storage/RaceLibrary.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <cstdio>

namespace pitwall {

namespace {

int fail(const QString &message, int code = 2)
{
    return failSubcommand(QStringLiteral("import-race"), message, code);
}

const char *kUsage = "usage: pitwall import-race PATH...\n"
                     "       pitwall import-race --f1-archive YEAR EVENT SESSION\n"
                     "       pitwall import-race --openf1 SESSION_KEY";

} // namespace

bool isRealRaceCommand(const QString &word)
{
    return word == QLatin1String("import-race");
}

int runRealRaceCommand(const QStringList &arguments)
{
    const QStringList rest = subcommandArguments(arguments);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Imports a real Formula 1 race into the race library, to replay like any race.\n"
        "  pitwall import-race PATH...            a live-timing session folder (*.jsonStream), a zip of one,\n"
        "                                         or OpenF1 files (drivers.json, laps.csv, location_driver_44.csv...)\n"
        "  pitwall import-race --f1-archive YEAR EVENT SESSION   download from the F1 live-timing archive, then import\n"
        "                                         (e.g. 2018 Baku Race); cached, resumed when cut off\n"
        "  pitwall import-race --openf1 SESSION_KEY              download from OpenF1, then import\n"
        "Then: pitwall replay RACE_ID --headless [--speed X|max], or Library in the window.\n"
        "F1 data belongs to Formula One World Championship Limited; Pit Wall is unofficial."));
    parser.addHelpOption();
    const QCommandLineOption library(QStringLiteral("library"), QStringLiteral("The race library file."), QStringLiteral("file"));
    const QCommandLineOption archive(QStringLiteral("f1-archive"),
                                     QStringLiteral("Download from the F1 live-timing archive: YEAR EVENT SESSION."));
    const QCommandLineOption openF1(QStringLiteral("openf1"), QStringLiteral("Download from OpenF1 by session key."),
                                    QStringLiteral("session_key"));
    const QCommandLineOption cache(QStringLiteral("cache"),
                                   QStringLiteral("Download cache folder (default: %1).").arg(sources::defaultDownloadCacheRoot()),
                                   QStringLiteral("folder"));
    const QCommandLineOption archiveUrl(QStringLiteral("archive-url"), QStringLiteral("Base URL of the live-timing archive."),
                                        QStringLiteral("url"));
    const QCommandLineOption openF1Url(QStringLiteral("openf1-url"), QStringLiteral("Base URL of the OpenF1 API."),
                                       QStringLiteral("url"));
    parser.addOptions({library, archive, openF1, cache, archiveUrl, openF1Url});
    parser.addPositionalArgument(QStringLiteral("path"), QStringLiteral("Session folder, zip, or OpenF1 files."),
                                 QStringLiteral("[PATH...]"));
    parser.process(rest);
    QStringList words = parser.positionalArguments();

    QStringList paths = words;
    if (parser.isSet(archive) || parser.isSet(openF1)) {
        sources::DownloadOptions options;
        if (parser.isSet(cache))
            options.cacheRoot = parser.value(cache);
        for (const auto &[option, url] :
             {std::pair{&archiveUrl, &options.archiveBaseUrl}, std::pair{&openF1Url, &options.openF1BaseUrl}}) {
            if (parser.isSet(*option)) {
                *url = QUrl(parser.value(*option));
                if (!url->isValid() || (url->scheme() != QLatin1String("https") && url->scheme() != QLatin1String("http")))
                    return fail(QStringLiteral("--%1 must be an http(s) URL").arg(option->names().first()), 1);
            }
        }
        sources::DownloadOutcome outcome;
        if (parser.isSet(archive)) {
            bool isYear = false;
            const int year = words.value(0).toInt(&isYear);
            if (words.size() != 3 || !isYear || year < 2018 || year > 2100)
                return fail(QString::fromLatin1(kUsage), 1);
            std::fprintf(stderr, "pitwall import-race: downloading %d %s %s from the F1 live-timing archive…\n", year,
                         qPrintable(words[1]), qPrintable(words[2]));
            outcome = sources::downloadArchiveSessionBlocking(options, year, words[1], words[2]);
        } else {
            bool isKey = false;
            const int key = parser.value(openF1).toInt(&isKey);
            if (!words.isEmpty() || !isKey || key <= 0)
                return fail(QString::fromLatin1(kUsage), 1);
            std::fprintf(stderr, "pitwall import-race: downloading OpenF1 session %d…\n", key);
            outcome = sources::downloadOpenF1SessionBlocking(options, key);
        }
        if (!outcome.ok())
            return fail(QStringLiteral("download failed: %1").arg(outcome.error));
        std::fprintf(stderr, "pitwall import-race: %d files downloaded, %d already cached, in %s\n",
                     outcome.result.filesDownloaded, outcome.result.filesCached, qPrintable(outcome.result.folder));
        paths = {outcome.result.folder};
    } else if (paths.isEmpty()) {
        return fail(QString::fromLatin1(kUsage), 1);
    }

    auto opened = RaceLibrary::open(parser.isSet(library) ? parser.value(library) : LibraryDatabase::defaultPath());
    if (!opened)
        return fail(opened.error().message);
    auto imported = realrace::importRealRace(*opened.value(), paths);
    if (!imported)
        return fail(imported.error().message);
    for (const auto &line : imported->report)
        std::fprintf(stderr, "  %s\n", qPrintable(printable(line)));
    std::fprintf(stderr, "pitwall import-race: read in %.1f s, built in %.1f s, stored in %.1f s\n", imported->readSeconds,
                 imported->buildSeconds, imported->storeSeconds);
    std::printf("%s\t%s\n", qPrintable(imported->record.id), qPrintable(realrace::oneLineSummary(imported->record)));
    return 0;
}

} // namespace pitwall
