#pragma once
// A real session handed over as a zip (a live-timing session folder, or OpenF1 files,
// zipped): unpacked, through libzip, into a temporary folder, bounded in entries and
// sizes. Only plain file names of the formats we read are taken out (no paths, so
// nothing can land outside the folder).

#include "core/Expected.h"

#include <QTemporaryDir>
#include <memory>

namespace pitwall::realrace {

struct ArchiveLimits {
    qint64 maxEntries = 10000;
    qint64 maxEntryBytes = qint64(1) << 30; // 1 GiB
    qint64 maxTotalBytes = qint64(4) << 30; // 4 GiB
};

// The folder the zip's session files were unpacked into (deleted with the object).
Expected<std::unique_ptr<QTemporaryDir>> unpackSessionZip(const QString &zipPath, const ArchiveLimits &limits = {});

} // namespace pitwall::realrace
