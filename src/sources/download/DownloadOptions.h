#pragma once
// What a race download is told (hosts, cache, limits) and what it answers. Shared by the
// fetch of one file, the downloader and the CLI, so every limit is set in one place.
//
// Cache layout under `cacheRoot` (each host keeps its own remote layout, so a cached folder
// is exactly what the readers in livetiming/ and openf1/ take as input):
//   livetiming/<year>/Index.json              the archive's year catalogue
//   livetiming/<session Path>/<Topic>.jsonStream, Index.json, .unavailable
//   openf1/<session_key>/<endpoint>.json, <endpoint>_<driver_number>.json
// A file being written is `<name>.part` until complete, so a complete name is never partial.

#include <QString>
#include <QStringList>
#include <QUrl>
#include <QtGlobal>

namespace pitwall::sources {

struct DownloadOptions {
    QString cacheRoot; // empty: defaultDownloadCacheRoot()
    QUrl archiveBaseUrl{QStringLiteral("https://livetiming.formula1.com/static/")};
    QUrl openF1BaseUrl{QStringLiteral("https://api.openf1.org/v1/")};
    double requestsPerSecond = 3.0;     // OpenF1's documented free rate; used for both hosts
    int maxRetries = 4;                 // per file, for 429, 5xx, timeouts and network errors
    int backoffMs = 1000;               // first wait before a retry; doubles each time
    int maxRetryWaitMs = 120000;        // a longer Retry-After is cut to this
    int stallTimeoutMs = 30000;         // no byte for this long: the transfer has stalled
    qint64 indexSizeLimit = 8LL << 20;  // a catalogue (Index.json)
    qint64 fileSizeLimit = 512LL << 20; // a topic or endpoint file
};

struct DownloadResult {
    QString folder;          // the local session folder, ending in '/'
    QStringList unavailable; // topics or endpoints the server does not have
    int filesDownloaded = 0; // fetched in this run
    int filesCached = 0;     // already complete on disk
    qint64 bytesDownloaded = 0;
};

struct DownloadOutcome {
    QString error; // empty on success
    bool cancelled = false;
    DownloadResult result;
    bool ok() const { return error.isEmpty(); }
};

// QStandardPaths::AppDataLocation + "/downloads".
QString defaultDownloadCacheRoot();

} // namespace pitwall::sources
