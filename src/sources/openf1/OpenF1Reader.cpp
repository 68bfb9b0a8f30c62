#include "OpenF1Reader.h"

#include "CsvRecordReader.h"
#include "JsonRecordReader.h"
#include "OpenF1Collector.h"
#include "OpenF1Endpoints.h"
#include "OpenF1FileFinder.h"

#include <QFile>
#include <QFileInfo>

namespace pitwall::sources {

namespace {

// Files are read in name order (the finder's): among records of equal time, the earlier
// file's come first after the stable sort.
struct FileToRead {
    QString path;
    QString name;
    OpenF1File kind;
};

} // namespace

RealSession readOpenF1Files(const QStringList &paths, const OpenF1ReadOptions &options)
{
    RealSession session;
    session.origin = QStringLiteral("OpenF1");

    const OpenF1FileFinder::Result found = OpenF1FileFinder(options.maxFolderDepth, options.maxFiles).find(paths);
    for (const QString &path : found.absentPaths)
        session.addIssue(path, 0, QStringLiteral("no such file or folder"));
    if (found.truncated)
        session.addIssue(QString(), 0, QStringLiteral("more than %1 files and folders; the rest not read").arg(options.maxFiles));

    std::vector<FileToRead> toRead;
    for (const QString &path : found.files) {
        const QString name = QFileInfo(path).fileName();
        const auto kind = classifyOpenF1File(name);
        if (!kind || kind->endpoint == OpenF1Endpoint::TeamRadio)
            session.ignored << name;
        else
            toRead.push_back({path, name, *kind});
    }

    OpenF1Collector collector(session, options.maxRecords);
    std::array<bool, kOpenF1EndpointCount> endpointsSeen{};
    bool stopped = false;
    for (const FileToRead &file : toRead) {
        if (stopped)
            break;
        QFile device(file.path);
        if (!device.open(QIODevice::ReadOnly)) {
            session.addIssue(file.name, 0, QStringLiteral("cannot open: %1").arg(device.errorString()));
            continue;
        }
        const qint64 size = device.size();
        if (size > options.maxFileBytes) {
            session.addIssue(file.name, 0, QStringLiteral("larger than %1 bytes; not read").arg(options.maxFileBytes));
            continue;
        }
        if (size == 0) {
            session.addIssue(file.name, 0, QStringLiteral("empty file"));
            continue;
        }
        const OpenF1Endpoint endpoint = file.kind.endpoint;
        const RecordCallback onRecord = [&](FieldValues values, qint64 where) {
            endpointsSeen[size_t(endpoint)] = true;
            if (!collector.add(endpoint, values, file.name, where))
                stopped = true;
            return !stopped;
        };
        const FieldNames names = OpenF1Collector::fields(endpoint);
        if (file.kind.format == OpenF1FileFormat::Json)
            JsonRecordReader(names).read(device, size, file.name, session, onRecord);
        else
            CsvRecordReader(names, options.maxLineBytes).read(device, file.name, session, onRecord);
    }
    collector.finish(endpointsSeen);
    return session;
}

bool looksLikeOpenF1(const QStringList &paths, const OpenF1ReadOptions &options)
{
    const OpenF1FileFinder::Result found = OpenF1FileFinder(options.maxFolderDepth, options.maxFiles).find(paths);
    for (const QString &path : found.files) {
        if (classifyOpenF1File(QFileInfo(path).fileName()))
            return true;
    }
    return false;
}

} // namespace pitwall::sources
