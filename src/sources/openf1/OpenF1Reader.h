#pragma once
// Reads OpenF1 historical data (https://openf1.org) saved as files into a RealSession:
// the API's JSON answers, its `csv=true` answers, exports of them, and MongoDB Extended
// JSON dumps as OpenF1's own ingestor stores them. Each file holds one endpoint, named by
// the file (OpenF1Endpoints.h); several files of an endpoint are merged. Nothing here is
// shared between calls, so a worker thread may call it while others do the same.

#include "sources/RealSession.h"

#include <QStringList>

namespace pitwall::sources {

struct OpenF1ReadOptions {
    qint64 maxFileBytes = qint64(1) << 30; // a larger file is an issue and skipped
    qint64 maxLineBytes = qint64(1) << 20; // a longer CSV record is an issue and skipped
    int maxFolderDepth = 8;                // folders below a given folder, searched recursively
    int maxFiles = 10000;                  // files and folders looked at, in all
    qint64 maxRecords = 50'000'000;        // records of all files; then the read stops
};

// Each path is a file or a folder (searched recursively, within the options' bounds).
// Damaged records, files and paths are issues; the rest is read. Endpoints no file gave a
// record of are in `missing`; team_radio and unknown files in `ignored`, by name.
RealSession readOpenF1Files(const QStringList &paths, const OpenF1ReadOptions &options = {});

// True when the paths hold at least one file named as an OpenF1 endpoint's (.json/.csv).
bool looksLikeOpenF1(const QStringList &paths, const OpenF1ReadOptions &options = {});

} // namespace pitwall::sources
