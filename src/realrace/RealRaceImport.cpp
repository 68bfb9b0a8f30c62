#include "RealRaceImport.h"

#include "SessionArchive.h"
#include "sources/livetiming/LiveTimingReader.h"
#include "sources/openf1/OpenF1Reader.h"
#include "storage/RaceLibrary.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>

namespace pitwall::realrace {

namespace {

bool isLiveTimingFolder(const QString &path)
{
    const QFileInfo info(path);
    return info.isDir() && !QDir(path).entryList({QStringLiteral("*.jsonStream")}, QDir::Files).isEmpty();
}

Expected<sources::RealSession> readPaths(const QStringList &paths)
{
    if (paths.isEmpty())
        return Error{QStringLiteral("no files or folder given")};
    for (const auto &path : paths) {
        if (!QFileInfo::exists(path))
            return Error{QStringLiteral("%1 does not exist").arg(path)};
    }
    if (paths.size() == 1 && QFileInfo(paths.first()).isFile() && paths.first().endsWith(QLatin1String(".zip"), Qt::CaseInsensitive)) {
        auto unpacked = unpackSessionZip(paths.first());
        if (!unpacked)
            return unpacked.error();
        const QString folder = unpacked.value()->path();
        if (isLiveTimingFolder(folder))
            return sources::readLiveTimingFolder(folder);
        if (sources::looksLikeOpenF1({folder}))
            return sources::readOpenF1Files({folder});
        return Error{QStringLiteral("%1 holds neither live-timing topics (*.jsonStream) nor OpenF1 files").arg(paths.first())};
    }
    if (paths.size() == 1 && isLiveTimingFolder(paths.first()))
        return sources::readLiveTimingFolder(paths.first());
    if (sources::looksLikeOpenF1(paths))
        return sources::readOpenF1Files(paths);
    return Error{QStringLiteral("not a live-timing session folder (*.jsonStream), a zip of one, or OpenF1 files "
                                "(drivers.json, laps.csv, location_driver_44.csv...): %1")
                     .arg(paths.join(QLatin1String(", ")))};
}

QStringList readReport(const sources::RealSession &session)
{
    QStringList report;
    report << QStringLiteral("Source: %1; %2 lines or records read.").arg(session.origin).arg(session.linesRead);
    if (!session.missing.isEmpty())
        report << QStringLiteral("Not in the source: %1.").arg(session.missing.join(QLatin1String(", ")));
    if (!session.ignored.isEmpty())
        report << QStringLiteral("Ignored (unknown): %1.").arg(session.ignored.join(QLatin1String(", ")));
    if (session.issueCount > 0) {
        report << QStringLiteral("Skipped %1 damaged lines or records:").arg(session.issueCount);
        for (size_t i = 0; i < session.issues.size() && i < 20; ++i) {
            const auto &issue = session.issues[i];
            report << QStringLiteral("  %1:%2: %3").arg(issue.file).arg(issue.line).arg(issue.message);
        }
        if (session.issueCount > 20)
            report << QStringLiteral("  … and %1 more").arg(session.issueCount - 20);
    }
    return report;
}

} // namespace

Expected<sources::RealSession> readRealSession(const QStringList &paths)
{
    return readPaths(paths);
}

Expected<RealImportResult> importRealRace(RaceLibrary &library, const QStringList &paths, const ImportProgress &progress,
                                          const std::atomic<bool> *cancel)
{
    auto say = [&](const QString &stage, int percent) {
        if (progress)
            progress(stage, percent);
    };
    auto cancelled = [&] { return cancel && cancel->load(); };
    const Error cancelledError{QStringLiteral("import cancelled; nothing was added")};

    RealImportResult result;
    QElapsedTimer timer;
    timer.start();
    say(QStringLiteral("Reading"), 0);
    auto session = readPaths(paths);
    if (!session)
        return session.error();
    result.readSeconds = double(timer.nsecsElapsed()) / 1e9;
    result.linesRead = session->linesRead;
    result.issueCount = session->issueCount;
    if (session->drivers.empty() && session->timing.empty() && session->positions.empty())
        return Error{QStringLiteral("%1 holds no drivers, timing or positions: nothing to import").arg(paths.join(QLatin1String(", ")))};
    if (cancelled())
        return cancelledError;

    timer.restart();
    say(QStringLiteral("Building the race"), 40);
    // The id must be new: a second import of the same session is another race.
    BuildOptions options;
    options.idTaken = [&library](const QString &id) {
        const auto existing = library.find(id);
        return !existing || existing->has_value();
    };
    auto race = buildRealRace(session.value(), options);
    result.buildSeconds = double(timer.nsecsElapsed()) / 1e9;
    if (cancelled())
        return cancelledError;

    timer.restart();
    say(QStringLiteral("Storing"), 70);
    result.report = readReport(session.value()) + race.report;
    race.record.options.insert(QStringLiteral("report"), QJsonArray::fromStringList(result.report));
    auto added = library.add(race.record, race.messages);
    if (!added)
        return added.error();
    result.storeSeconds = double(timer.nsecsElapsed()) / 1e9;
    auto stored = library.find(race.record.id);
    result.record = stored && stored->has_value() ? **stored : race.record;
    say(QStringLiteral("Done"), 100);
    return result;
}

QString oneLineSummary(const RaceRecord &record)
{
    const auto classification = record.result.value(QStringLiteral("classification")).toArray();
    QString summary = QStringLiteral("%1 laps, %2 drivers").arg(record.laps).arg(record.drivers.size());
    if (!classification.isEmpty())
        summary += record.result.value(QStringLiteral("finished")).toBool()
                       ? QStringLiteral(", winner %1").arg(classification.first().toString())
                       : QStringLiteral(", leader at the end %1").arg(classification.first().toString());
    return summary;
}

} // namespace pitwall::realrace
