#pragma once
// Downloads a real race into the local cache (layout in DownloadOptions.h), from either host:
//  - the F1 live-timing archive: the year's Index.json finds the session by year, event and
//    session name; the session's own Index.json, when there is one, says which feeds exist;
//    then each topic's .jsonStream. Archive files never change once published, so a cached
//    file is final, an interrupted one is resumed, and a 404 is remembered (.unavailable).
//  - OpenF1 by session_key: one `<endpoint>?session_key=K` answer per endpoint, and for the
//    two huge per-sample endpoints (location, car_data) one per driver of drivers.json.
//    OpenF1 builds each answer per request, so a cut-off answer is fetched again whole.
// One request at a time and at most DownloadOptions::requestsPerSecond; 429, 5xx, stalls and
// dropped connections are retried a bounded number of times.
//
// The object is meant to live on a worker thread; nothing in it blocks. From a GUI:
//     auto *thread = new QThread(this);
//     auto *downloader = new RaceDownloader(options);
//     downloader->moveToThread(thread);
//     connect(thread, &QThread::finished, downloader, &QObject::deleteLater);
//     connect(downloader, &RaceDownloader::progress, this, &Panel::showProgress);   // queued
//     connect(downloader, &RaceDownloader::finished, this, &Panel::downloaded);     // queued
//     thread->start();
//     QMetaObject::invokeMethod(downloader, [=] { downloader->downloadArchiveSession(2018, "Baku", "Race"); });
//     ... downloader->cancel();   // from any thread
// A command line uses downloadArchiveSessionBlocking() / downloadOpenF1SessionBlocking().

#include "DownloadOptions.h"
#include "DownloadPolicy.h"

#include <QElapsedTimer>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <atomic>
#include <deque>
#include <functional>
#include <optional>

class QNetworkAccessManager;

namespace pitwall::sources {

class FileFetch;
struct FetchOutcome;

// The topics of an archive session that a replay reads, in download order.
const QStringList &archiveTopics();
// The OpenF1 endpoints fetched once per session, and those fetched once per driver.
const QStringList &openF1SessionEndpoints();
const QStringList &openF1DriverEndpoints();

class RaceDownloader : public QObject {
    Q_OBJECT
public:
    explicit RaceDownloader(DownloadOptions options = {}, QObject *parent = nullptr);
    ~RaceDownloader() override;

    const DownloadOptions &options() const { return m_options; }
    // The cache root in use: the option, or defaultDownloadCacheRoot().
    QString cacheRoot() const;

    // Thread-safe. Stops the current transfer promptly, keeps its .part for a later run to
    // resume, and ends the run with finished(outcome.cancelled). Does nothing when idle.
    void cancel();

public slots:
    // Each run ends with exactly one finished(); starting while a run is going fails that start.
    void downloadArchiveSession(int year, const QString &event, const QString &session);
    void downloadOpenF1Session(int sessionKey);

signals:
    // `file` is the file being fetched; filesTotal grows as catalogues name more files;
    // fileTotal is -1 when the server does not say.
    void progress(const QString &file, int filesDone, int filesTotal, qint64 fileBytes, qint64 fileTotal);
    void finished(const pitwall::sources::DownloadOutcome &outcome);

private:
    enum class JobEnd { Cached, Downloaded, Missing };
    struct Job {
        QUrl url;
        QString path;      // final local name
        QString display;   // the file's name in the session folder, shown in progress
        QString missingAs; // listed in DownloadResult::unavailable on a 404; empty: not listed
        qint64 sizeLimit = 0;
        bool resumable = false;
        bool openF1 = false;
        bool force = false;                  // fetch even when cached
        std::function<QString(JobEnd)> then; // an error text ends the run
    };

    bool beginRun();
    void startNext();
    void scheduleFetch(qint64 delayMs);
    void startFetch();
    void onFetchFinished(const FetchOutcome &outcome);
    void retryOrFail(qint64 waitMs, const QString &reason);
    void endJob(JobEnd end);
    void abortNow();
    void finishRun(const QString &error, bool cancelled = false);
    void reportProgress(qint64 fileBytes, qint64 fileTotal, bool force);

    Job yearIndexJob(int year, const QString &event, const QString &session, bool refresh);
    QString yearIndexDone(JobEnd end, int year, const QString &event, const QString &session, bool refreshed);
    QString sessionIndexDone(JobEnd end, const QString &folder, const QUrl &sessionUrl);
    Job openF1Job(const QString &endpoint, const QList<std::pair<QString, QString>> &query, const QString &fileName,
                  const QString &folder) const;
    QString sessionsDone(JobEnd end, int sessionKey, const QString &folder);
    QString driversDone(JobEnd end, int sessionKey, const QString &folder);
    void markUnavailable(const Job &job);

    DownloadOptions m_options;
    QNetworkAccessManager *m_network = nullptr;
    RequestPacer m_pacer;
    QElapsedTimer m_clock;
    QTimer m_waitTimer;
    QElapsedTimer m_progressClock;
    QTimer m_progressTimer; // sends the last throttled progress, so a stall shows its bytes
    qint64 m_pendingBytes = 0;
    qint64 m_pendingTotal = -1;
    std::deque<Job> m_queue;
    std::optional<Job> m_current;
    QPointer<FileFetch> m_fetch;
    int m_retries = 0;
    bool m_running = false;
    int m_filesDone = 0;
    int m_filesTotal = 0;
    DownloadResult m_result;
    QString m_unavailableFile; // the archive folder's .unavailable, empty for OpenF1
    QSet<QString> m_knownUnavailable;
};

using DownloadProgressCallback = std::function<void(const QString &file, int filesDone, int filesTotal, qint64 fileBytes, qint64 fileTotal)>;

// For a command line or a worker: run the download on a thread of its own and wait for its
// end. Blocks the calling thread, so never call it from a GUI thread. `progress` is called
// on the download's thread; setting `*cancel` cancels (the .part files stay for a resume).
DownloadOutcome downloadArchiveSessionBlocking(const DownloadOptions &options, int year, const QString &event,
                                               const QString &session, const DownloadProgressCallback &progress = {},
                                               const std::atomic<bool> *cancel = nullptr);
DownloadOutcome downloadOpenF1SessionBlocking(const DownloadOptions &options, int sessionKey,
                                              const DownloadProgressCallback &progress = {}, const std::atomic<bool> *cancel = nullptr);

} // namespace pitwall::sources

Q_DECLARE_METATYPE(pitwall::sources::DownloadOutcome)
