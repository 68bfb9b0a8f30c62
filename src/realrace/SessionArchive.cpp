#include "SessionArchive.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <zip.h>

namespace pitwall::realrace {

namespace {

Error archiveError(const QString &zipPath, const QString &what)
{
    return Error{QStringLiteral("%1: %2").arg(QFileInfo(zipPath).fileName(), what)};
}

// The names we read: live-timing topics and OpenF1 endpoint files.
bool isSessionFile(const QString &name)
{
    return name.endsWith(QLatin1String(".jsonStream")) || name.endsWith(QLatin1String(".json")) || name.endsWith(QLatin1String(".csv"));
}

} // namespace

Expected<std::unique_ptr<QTemporaryDir>> unpackSessionZip(const QString &zipPath, const ArchiveLimits &limits)
{
    int errorCode = 0;
    zip_t *archive = zip_open(QFile::encodeName(zipPath).constData(), ZIP_RDONLY, &errorCode);
    if (!archive) {
        zip_error_t error;
        zip_error_init_with_code(&error, errorCode);
        const QString message = QString::fromLocal8Bit(zip_error_strerror(&error));
        zip_error_fini(&error);
        return archiveError(zipPath, QStringLiteral("not a readable zip (%1)").arg(message));
    }
    std::unique_ptr<zip_t, decltype(&zip_discard)> guard(archive, &zip_discard);
    auto folder = std::make_unique<QTemporaryDir>();
    if (!folder->isValid())
        return archiveError(zipPath, QStringLiteral("no temporary folder to unpack into"));
    const zip_int64_t entries = zip_get_num_entries(archive, 0);
    if (entries > limits.maxEntries)
        return archiveError(zipPath, QStringLiteral("%1 entries, more than %2").arg(entries).arg(limits.maxEntries));
    qint64 total = 0;
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    for (zip_int64_t i = 0; i < entries; ++i) {
        zip_stat_t stat;
        if (zip_stat_index(archive, zip_uint64_t(i), 0, &stat) != 0 || !(stat.valid & ZIP_STAT_NAME))
            continue;
        const QString baseName = QFileInfo(QString::fromUtf8(stat.name)).fileName();
        if (baseName.isEmpty() || baseName.startsWith(QLatin1Char('.')) || !isSessionFile(baseName))
            continue;
        if ((stat.valid & ZIP_STAT_SIZE) && qint64(stat.size) > limits.maxEntryBytes)
            return archiveError(zipPath, QStringLiteral("%1 is larger than %2 bytes").arg(baseName).arg(limits.maxEntryBytes));
        zip_file_t *file = zip_fopen_index(archive, zip_uint64_t(i), 0);
        if (!file)
            return archiveError(zipPath,
                                QStringLiteral("%1 cannot be read (%2)").arg(baseName, QString::fromLocal8Bit(zip_strerror(archive))));
        std::unique_ptr<zip_file_t, decltype(&zip_fclose)> fileGuard(file, &zip_fclose);
        QFile out(folder->filePath(baseName));
        if (out.exists())
            return archiveError(zipPath, QStringLiteral("%1 appears twice").arg(baseName));
        if (!out.open(QIODevice::WriteOnly))
            return archiveError(zipPath, QStringLiteral("cannot write %1: %2").arg(out.fileName(), out.errorString()));
        qint64 written = 0;
        for (;;) {
            // Sizes are checked on what comes out, not only on what the directory says.
            const zip_int64_t read = zip_fread(file, buffer.data(), zip_uint64_t(buffer.size()));
            if (read < 0)
                return archiveError(zipPath,
                                    QStringLiteral("%1 is damaged (%2)").arg(baseName, QString::fromLocal8Bit(zip_file_strerror(file))));
            if (read == 0)
                break;
            written += read;
            total += read;
            if (written > limits.maxEntryBytes || total > limits.maxTotalBytes)
                return archiveError(zipPath, QStringLiteral("unpacks to more than the limit (%1 bytes per file, %2 in all)")
                                                 .arg(limits.maxEntryBytes)
                                                 .arg(limits.maxTotalBytes));
            if (out.write(buffer.constData(), read) != read)
                return archiveError(zipPath, QStringLiteral("cannot write %1: %2").arg(out.fileName(), out.errorString()));
        }
    }
    return folder;
}

} // namespace pitwall::realrace
