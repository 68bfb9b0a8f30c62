#include "RaceDownloader.h"
#include "ArchiveCatalogue.h"
#include "FileFetch.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSemaphore>
#include <QThread>
#include <QUrlQuery>
#include <algorithm>
#include <limits>
#include <set>

namespace pitwall::sources {

namespace {

constexpr qint64 kProgressEveryMs = 100; // a GUI needs no more; a 500 MB file would flood it
constexpr qsizetype kShortMessage = 300; // a server's message longer than this is not shown

QUrl folderUrl(QUrl url)
{
    // QUrl::resolved() drops the last segment of a base that does not end in '/'.
    if (!url.path().endsWith(QLatin1Char('/')))
        url.setPath(url.path() + QLatin1Char('/'));
    return url;
}

QString folderPath(QString path)
{
    if (!path.endsWith(QLatin1Char('/')))
        path += QLatin1Char('/');
    return path;
}

// The server's own words from an error answer, if short and readable: OpenF1 sends
// {"detail": "..."}, other servers plain text.
QString shortServerMessage(const QByteArray &body)
{
    const QByteArray text = body.trimmed();
    if (text.isEmpty())
        return {};
    const QJsonDocument doc = QJsonDocument::fromJson(text);
    QString message;
    if (doc.isObject()) {
        const QJsonObject object = doc.object();
        for (const char *key : {"detail", "message", "error"}) {
            if (object.value(QLatin1String(key)).isString()) {
                message = object.value(QLatin1String(key)).toString();
                break;
            }
        }
    } else if (!text.startsWith('<')) { // not an HTML error page
        message = QString::fromUtf8(text);
    }
    message = message.simplified();
    if (message.size() > kShortMessage)
        return {};
    for (const QChar c : message) {
        if (!c.isPrint())
            return {};
    }
    return message;
}

// A JSON number as OpenF1 gives it, or as its MongoDB export wraps it ({"$numberInt": "1"}).
std::optional<int> jsonInt(const QJsonValue &value)
{
    if (value.isDouble())
        return value.toInt();
    QString text;
    if (value.isString())
        text = value.toString();
    else if (value.isObject())
        text = value.toObject().value(QLatin1String("$numberInt")).toString();
    bool ok = false;
    const int number = text.toInt(&ok);
    return ok ? std::optional<int>(number) : std::nullopt;
}

std::optional<QByteArray> readSmallFile(const QString &path, qint64 sizeLimit, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("Cannot read %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return std::nullopt;
    }
    if (file.size() > sizeLimit) {
        *error = QStringLiteral("%1 is over the %2-byte limit").arg(QDir::toNativeSeparators(path)).arg(sizeLimit);
        return std::nullopt;
    }
    return file.readAll();
}

std::optional<QJsonArray> readJsonArray(const QString &path, qint64 sizeLimit, QString *error)
{
    const auto bytes = readSmallFile(path, sizeLimit, error);
    if (!bytes)
        return std::nullopt;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(*bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isArray()) {
        *error = QStringLiteral("%1 is not a JSON array").arg(QDir::toNativeSeparators(path));
        return std::nullopt;
    }
    return doc.array();
}

} // namespace

const QStringList &archiveTopics()
{
    static const QStringList topics{
        QStringLiteral("SessionInfo"),       QStringLiteral("DriverList"),  QStringLiteral("TimingData"),
        QStringLiteral("TimingAppData"),     QStringLiteral("TimingStats"), QStringLiteral("RaceControlMessages"),
        QStringLiteral("TrackStatus"),       QStringLiteral("LapCount"),    QStringLiteral("SessionStatus"),
        QStringLiteral("ExtrapolatedClock"), QStringLiteral("WeatherData"), QStringLiteral("Heartbeat"),
        QStringLiteral("CarData.z"),         QStringLiteral("Position.z"),
    };
    return topics;
}

const QStringList &openF1SessionEndpoints()
{
    static const QStringList endpoints{
        QStringLiteral("sessions"),     QStringLiteral("meetings"),  QStringLiteral("drivers"), QStringLiteral("laps"),
        QStringLiteral("position"),     QStringLiteral("intervals"), QStringLiteral("pit"),     QStringLiteral("stints"),
        QStringLiteral("race_control"), QStringLiteral("weather"),
    };
    return endpoints;
}

const QStringList &openF1DriverEndpoints()
{
    static const QStringList endpoints{QStringLiteral("location"), QStringLiteral("car_data")};
    return endpoints;
}

RaceDownloader::RaceDownloader(DownloadOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_pacer(m_options.requestsPerSecond)
    , m_waitTimer(this)
    , m_progressTimer(this)
{
    m_clock.start();
    m_waitTimer.setSingleShot(true);
    m_waitTimer.setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5% early: too soon for Retry-After
    connect(&m_waitTimer, &QTimer::timeout, this, &RaceDownloader::startFetch);
    m_progressTimer.setSingleShot(true);
    connect(&m_progressTimer, &QTimer::timeout, this, [this] { reportProgress(m_pendingBytes, m_pendingTotal, true); });
}

RaceDownloader::~RaceDownloader() = default;

QString RaceDownloader::cacheRoot() const
{
    return m_options.cacheRoot.isEmpty() ? defaultDownloadCacheRoot() : m_options.cacheRoot;
}

void RaceDownloader::cancel()
{
    // Queued, so it runs on the downloader's thread between two events of the transfer.
    QMetaObject::invokeMethod(
        this, [this] { abortNow(); }, Qt::QueuedConnection);
}

bool RaceDownloader::beginRun()
{
    if (m_running) {
        DownloadOutcome busy;
        busy.error = QStringLiteral("A download is already running");
        emit finished(busy);
        return false;
    }
    if (!m_network)
        m_network = new QNetworkAccessManager(this); // made on the thread the downloader runs on
    m_running = true;
    m_queue.clear();
    m_current.reset();
    m_result = {};
    m_filesDone = 0;
    m_filesTotal = 0;
    m_unavailableFile.clear();
    m_knownUnavailable.clear();
    return true;
}

// ---- archive ----

void RaceDownloader::downloadArchiveSession(int year, const QString &event, const QString &session)
{
    if (!beginRun())
        return;
    if (!isAllowedBaseUrl(m_options.archiveBaseUrl)) {
        finishRun(QStringLiteral("The archive's address %1 is not https").arg(m_options.archiveBaseUrl.toDisplayString()));
        return;
    }
    if (year < 1950 || year > 9999) {
        finishRun(QStringLiteral("%1 is not a season").arg(year));
        return;
    }
    m_queue.push_back(yearIndexJob(year, event, session, false));
    m_filesTotal = 1;
    startNext();
}

RaceDownloader::Job RaceDownloader::yearIndexJob(int year, const QString &event, const QString &session, bool refresh)
{
    const QString relative = QString::number(year) + QLatin1String("/Index.json");
    Job job;
    job.url = folderUrl(m_options.archiveBaseUrl).resolved(QUrl(relative));
    job.path = cacheRoot() + QLatin1String("/livetiming/") + relative;
    job.display = relative;
    job.sizeLimit = m_options.indexSizeLimit;
    job.resumable = false; // the current season's catalogue grows race by race
    job.force = refresh;
    job.then = [this, year, event, session, refresh](JobEnd end) { return yearIndexDone(end, year, event, session, refresh); };
    return job;
}

QString RaceDownloader::yearIndexDone(JobEnd end, int year, const QString &event, const QString &session, bool refreshed)
{
    const QString path = cacheRoot() + QStringLiteral("/livetiming/%1/Index.json").arg(year);
    if (end == JobEnd::Missing)
        return QStringLiteral("The archive has no catalogue for %1 (HTTP 404)").arg(year);
    QString error;
    const auto bytes = readSmallFile(path, m_options.indexSizeLimit, &error);
    if (!bytes)
        return error;
    const auto index = parseArchiveYearIndex(*bytes, &error, m_options.indexSizeLimit);
    if (!index) {
        QFile::remove(path); // re-fetchable: a later run gets it again
        return error;
    }
    const auto match = findArchiveSession(*index, event, session, &error);
    if (!match) {
        if (end == JobEnd::Cached && !refreshed) {
            // A catalogue cached earlier in a season does not know the races run since.
            m_queue.push_front(yearIndexJob(year, event, session, true));
            ++m_filesTotal;
            return {};
        }
        return error;
    }

    const QString folder = folderPath(cacheRoot() + QLatin1String("/livetiming/") + match->session.path);
    const QUrl sessionUrl = folderUrl(m_options.archiveBaseUrl).resolved(QUrl(match->session.path));
    m_result.folder = folder;
    m_unavailableFile = folder + QLatin1String(".unavailable");
    QFile known(m_unavailableFile);
    if (known.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : known.readAll().split('\n')) {
            if (!line.trimmed().isEmpty())
                m_knownUnavailable.insert(QString::fromUtf8(line.trimmed()));
        }
    }

    Job job;
    job.url = sessionUrl.resolved(QUrl(QStringLiteral("Index.json")));
    job.path = folder + QLatin1String("Index.json");
    job.display = QStringLiteral("Index.json");
    job.sizeLimit = m_options.indexSizeLimit;
    job.resumable = true;
    job.then = [this, folder, sessionUrl](JobEnd sessionEnd) { return sessionIndexDone(sessionEnd, folder, sessionUrl); };
    m_queue.push_front(std::move(job));
    ++m_filesTotal;
    return {};
}

QString RaceDownloader::sessionIndexDone(JobEnd end, const QString &folder, const QUrl &sessionUrl)
{
    // Without a session Index.json every topic is tried; with one, only the feeds it lists.
    std::optional<std::vector<ArchiveFeed>> feeds;
    if (end != JobEnd::Missing) {
        QString error;
        const auto bytes = readSmallFile(folder + QLatin1String("Index.json"), m_options.indexSizeLimit, &error);
        if (!bytes)
            return error;
        feeds = parseArchiveSessionIndex(*bytes, &error, m_options.indexSizeLimit);
        if (!feeds)
            return QStringLiteral("%1 (%2)").arg(error, QDir::toNativeSeparators(folder + QLatin1String("Index.json")));
    }
    for (const QString &topic : archiveTopics()) {
        QString file = topic + QLatin1String(".jsonStream");
        if (feeds) {
            const auto feed = std::find_if(feeds->begin(), feeds->end(), [&](const ArchiveFeed &f) { return f.topic == topic; });
            if (feed == feeds->end() || feed->streamPath.isEmpty()) {
                m_result.unavailable << topic;
                continue;
            }
            file = feed->streamPath;
        }
        Job job;
        job.url = sessionUrl.resolved(QUrl(file));
        job.path = folder + file;
        job.display = file;
        job.missingAs = topic;
        job.sizeLimit = m_options.fileSizeLimit;
        job.resumable = true; // archive files never change once published
        m_queue.push_back(std::move(job));
        ++m_filesTotal;
    }
    return {};
}

void RaceDownloader::markUnavailable(const Job &job)
{
    if (!job.missingAs.isEmpty())
        m_result.unavailable << job.missingAs;
    if (m_unavailableFile.isEmpty() || m_knownUnavailable.contains(job.display))
        return;
    // Remembered so a later run does not ask the archive again for what it does not have.
    m_knownUnavailable.insert(job.display);
    QFile known(m_unavailableFile);
    if (known.open(QIODevice::Append))
        known.write(job.display.toUtf8() + '\n');
}

// ---- OpenF1 ----

RaceDownloader::Job RaceDownloader::openF1Job(const QString &endpoint, const QList<std::pair<QString, QString>> &query,
                                              const QString &fileName, const QString &folder) const
{
    Job job;
    job.url = folderUrl(m_options.openF1BaseUrl).resolved(QUrl(endpoint));
    QUrlQuery urlQuery;
    urlQuery.setQueryItems(query);
    job.url.setQuery(urlQuery);
    job.path = folder + fileName;
    job.display = fileName;
    job.missingAs = QFileInfo(fileName).completeBaseName();
    job.sizeLimit = m_options.fileSizeLimit;
    job.resumable = false; // answers are built per request; a broken one is fetched again whole
    job.openF1 = true;
    return job;
}

void RaceDownloader::downloadOpenF1Session(int sessionKey)
{
    if (!beginRun())
        return;
    if (!isAllowedBaseUrl(m_options.openF1BaseUrl)) {
        finishRun(QStringLiteral("OpenF1's address %1 is not https").arg(m_options.openF1BaseUrl.toDisplayString()));
        return;
    }
    if (sessionKey <= 0) {
        finishRun(QStringLiteral("%1 is not an OpenF1 session_key").arg(sessionKey));
        return;
    }
    const QString folder = cacheRoot() + QStringLiteral("/openf1/%1/").arg(sessionKey);
    m_result.folder = folder;
    const QList<std::pair<QString, QString>> bySession{{QStringLiteral("session_key"), QString::number(sessionKey)}};
    for (const QString &endpoint : openF1SessionEndpoints()) {
        if (endpoint == QLatin1String("meetings"))
            continue; // asked for by the meeting_key the sessions answer gives
        Job job = openF1Job(endpoint, bySession, endpoint + QLatin1String(".json"), folder);
        if (endpoint == QLatin1String("sessions"))
            job.then = [this, sessionKey, folder](JobEnd end) { return sessionsDone(end, sessionKey, folder); };
        else if (endpoint == QLatin1String("drivers"))
            job.then = [this, sessionKey, folder](JobEnd end) { return driversDone(end, sessionKey, folder); };
        m_queue.push_back(std::move(job));
    }
    m_filesTotal = static_cast<int>(m_queue.size());
    startNext();
}

QString RaceDownloader::sessionsDone(JobEnd end, int sessionKey, const QString &folder)
{
    if (end == JobEnd::Missing)
        return QStringLiteral("OpenF1 has no session %1").arg(sessionKey);
    const QString path = folder + QLatin1String("sessions.json");
    QString error;
    const auto sessions = readJsonArray(path, m_options.indexSizeLimit, &error);
    std::optional<int> meetingKey;
    bool found = false;
    if (sessions) {
        for (const QJsonValue &value : *sessions) {
            const QJsonObject session = value.toObject();
            if (jsonInt(session.value(QLatin1String("session_key"))) == sessionKey) {
                found = true;
                meetingKey = jsonInt(session.value(QLatin1String("meeting_key")));
                break;
            }
        }
    }
    if (!found) {
        QFile::remove(path); // not the answer asked for: a later run asks again
        return sessions ? QStringLiteral("OpenF1 has no session %1").arg(sessionKey) : error;
    }
    if (!meetingKey) {
        m_result.unavailable << QStringLiteral("meetings");
        return {};
    }
    m_queue.push_front(openF1Job(QStringLiteral("meetings"), {{QStringLiteral("meeting_key"), QString::number(*meetingKey)}},
                                 QStringLiteral("meetings.json"), folder));
    ++m_filesTotal;
    return {};
}

QString RaceDownloader::driversDone(JobEnd end, int sessionKey, const QString &folder)
{
    std::set<int> numbers;
    if (end != JobEnd::Missing) {
        const QString path = folder + QLatin1String("drivers.json");
        QString error;
        const auto drivers = readJsonArray(path, m_options.indexSizeLimit, &error);
        if (!drivers) {
            QFile::remove(path);
            return error;
        }
        for (const QJsonValue &value : *drivers) {
            const auto number = jsonInt(value.toObject().value(QLatin1String("driver_number")));
            if (number && *number > 0 && *number < 1000)
                numbers.insert(*number);
        }
    }
    if (numbers.empty()) {
        m_result.unavailable << openF1DriverEndpoints();
        return {};
    }
    for (const QString &endpoint : openF1DriverEndpoints()) {
        for (const int number : numbers) {
            m_queue.push_back(openF1Job(endpoint,
                                        {{QStringLiteral("session_key"), QString::number(sessionKey)},
                                         {QStringLiteral("driver_number"), QString::number(number)}},
                                        QStringLiteral("%1_%2.json").arg(endpoint).arg(number), folder));
            ++m_filesTotal;
        }
    }
    return {};
}

// ---- the run ----

void RaceDownloader::startNext()
{
    if (!m_running)
        return;
    if (m_queue.empty()) {
        finishRun({});
        return;
    }
    m_current = std::move(m_queue.front());
    m_queue.pop_front();
    m_retries = 0;
    if (!m_current->force && QFileInfo(m_current->path).isFile()) {
        ++m_result.filesCached;
        endJob(JobEnd::Cached);
        return;
    }
    if (!m_current->force && m_knownUnavailable.contains(m_current->display)) {
        if (!m_current->missingAs.isEmpty())
            m_result.unavailable << m_current->missingAs;
        endJob(JobEnd::Missing);
        return;
    }
    reportProgress(0, -1, true);
    scheduleFetch(0);
}

void RaceDownloader::scheduleFetch(qint64 delayMs)
{
    const qint64 wait = std::max(delayMs, m_pacer.waitMs(m_clock.elapsed()));
    m_waitTimer.start(static_cast<int>(std::min<qint64>(wait, std::numeric_limits<int>::max())));
}

void RaceDownloader::startFetch()
{
    if (!m_running || !m_current)
        return;
    // A retry's own wait may end before the pacing allows the next request.
    if (const qint64 wait = m_pacer.waitMs(m_clock.elapsed()); wait > 0) {
        m_waitTimer.start(static_cast<int>(wait));
        return;
    }
    m_pacer.recordStart(m_clock.elapsed());
    FetchRequest request;
    request.url = m_current->url;
    request.targetPath = m_current->path;
    request.sizeLimit = m_current->sizeLimit;
    request.resumable = m_current->resumable;
    request.stallTimeoutMs = m_options.stallTimeoutMs;
    auto *fetch = new FileFetch(m_network, std::move(request), this);
    m_fetch = fetch;
    fetch->start([this](qint64 bytes, qint64 total) { reportProgress(bytes, total, false); },
                 [this, fetch](const FetchOutcome &outcome) {
                     fetch->deleteLater();
                     if (m_fetch == fetch)
                         m_fetch = nullptr;
                     onFetchFinished(outcome);
                 });
}

void RaceDownloader::onFetchFinished(const FetchOutcome &outcome)
{
    if (!m_running || !m_current)
        return;
    using Kind = FetchOutcome::Kind;
    switch (outcome.kind) {
    case Kind::Done:
        ++m_result.filesDownloaded;
        m_result.bytesDownloaded += outcome.bytesReceived;
        endJob(JobEnd::Downloaded);
        return;
    case Kind::Aborted: finishRun(QStringLiteral("Download cancelled; a later run resumes it"), true); return;
    case Kind::NetworkError:
    case Kind::Stalled:
        m_result.bytesDownloaded += outcome.bytesReceived;
        retryOrFail(backoffMs(m_retries + 1, m_options.backoffMs, m_options.maxRetryWaitMs), outcome.message);
        return;
    case Kind::TooLarge:
    case Kind::RedirectRefused:
    case Kind::LocalError: finishRun(outcome.message); return;
    case Kind::HttpError: break;
    }

    const int status = outcome.httpStatus;
    const QString serverSays = shortServerMessage(outcome.errorBody);
    if (status == 404 || status == 410) {
        markUnavailable(*m_current);
        endJob(JobEnd::Missing);
        return;
    }
    if (status == 429 || status == 408 || status >= 500) {
        const auto retryAfter = parseRetryAfterMs(outcome.retryAfter, QDateTime::currentDateTimeUtc());
        const qint64 wait = retryAfter ? std::min<qint64>(*retryAfter, m_options.maxRetryWaitMs)
                                       : backoffMs(m_retries + 1, m_options.backoffMs, m_options.maxRetryWaitMs);
        retryOrFail(wait, outcome.message);
        return;
    }
    if (m_current->openF1 && (status == 401 || status == 403)) {
        QString message = QStringLiteral("OpenF1 refused the request (HTTP %1): it refuses anonymous requests while a live session is running. "
                                         "Try again after the session ends.")
                              .arg(status);
        if (!serverSays.isEmpty())
            message += QStringLiteral(" OpenF1 says: \"%1\"").arg(serverSays);
        finishRun(message);
        return;
    }
    finishRun(serverSays.isEmpty() ? outcome.message : QStringLiteral("%1: \"%2\"").arg(outcome.message, serverSays));
}

void RaceDownloader::retryOrFail(qint64 waitMs, const QString &reason)
{
    if (m_retries >= m_options.maxRetries) {
        finishRun(QStringLiteral("Gave up on %1 after %2 tries: %3").arg(m_current->display).arg(m_retries + 1).arg(reason));
        return;
    }
    ++m_retries;
    scheduleFetch(waitMs);
}

void RaceDownloader::endJob(JobEnd end)
{
    ++m_filesDone;
    reportProgress(0, -1, true);
    const auto then = std::move(m_current->then);
    m_current.reset();
    if (then) {
        if (const QString error = then(end); !error.isEmpty()) {
            finishRun(error);
            return;
        }
    }
    // Queued: a long run of cached files does not recurse.
    QMetaObject::invokeMethod(
        this, [this] { startNext(); }, Qt::QueuedConnection);
}

void RaceDownloader::reportProgress(qint64 fileBytes, qint64 fileTotal, bool force)
{
    if (!force && m_progressClock.isValid() && m_progressClock.elapsed() < kProgressEveryMs) {
        m_pendingBytes = fileBytes;
        m_pendingTotal = fileTotal;
        if (!m_progressTimer.isActive())
            m_progressTimer.start(static_cast<int>(kProgressEveryMs - m_progressClock.elapsed()));
        return;
    }
    m_progressTimer.stop();
    m_progressClock.start();
    const QString file = m_current ? m_current->display : QString();
    emit progress(file, m_filesDone, m_filesTotal, fileBytes, fileTotal);
}

void RaceDownloader::abortNow()
{
    if (m_running)
        finishRun(QStringLiteral("Download cancelled; a later run resumes it"), true);
}

void RaceDownloader::finishRun(const QString &error, bool cancelled)
{
    if (!m_running)
        return;
    m_running = false;
    m_waitTimer.stop();
    m_progressTimer.stop();
    if (m_fetch)
        m_fetch->abort(); // keeps its .part; its report is ignored now that the run is over
    m_queue.clear();
    m_current.reset();
    DownloadOutcome outcome;
    outcome.error = error;
    outcome.cancelled = cancelled;
    outcome.result = m_result;
    emit finished(outcome);
}

// ---- blocking ----

namespace {

DownloadOutcome runBlocking(const DownloadOptions &options, const DownloadProgressCallback &progress,
                            const std::atomic<bool> *cancel, const std::function<void(RaceDownloader *)> &start)
{
    QThread thread;
    thread.setObjectName(QStringLiteral("RaceDownloader"));
    auto *downloader = new RaceDownloader(options);
    downloader->moveToThread(&thread);
    DownloadOutcome outcome;
    QSemaphore done;
    QObject::connect(
        downloader, &RaceDownloader::finished, downloader,
        [&](const DownloadOutcome &o) {
            outcome = o;
            done.release();
        },
        Qt::DirectConnection);
    if (progress)
        QObject::connect(downloader, &RaceDownloader::progress, downloader, progress, Qt::DirectConnection);
    thread.start();
    QMetaObject::invokeMethod(
        downloader, [downloader, start] { start(downloader); }, Qt::QueuedConnection);
    // The caller's cancel flag is looked at while waiting; cancel() is thread-safe.
    bool cancelSent = false;
    while (!done.tryAcquire(1, 100)) {
        if (cancel && cancel->load() && !cancelSent) {
            downloader->cancel();
            cancelSent = true;
        }
    }
    // Deleted on its own thread, where its network objects live.
    QMetaObject::invokeMethod(
        downloader, [downloader] { delete downloader; }, Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
    return outcome;
}

} // namespace

DownloadOutcome downloadArchiveSessionBlocking(const DownloadOptions &options, int year, const QString &event, const QString &session,
                                               const DownloadProgressCallback &progress, const std::atomic<bool> *cancel)
{
    return runBlocking(options, progress, cancel, [year, event, session](RaceDownloader *downloader) {
        downloader->downloadArchiveSession(year, event, session);
    });
}

DownloadOutcome downloadOpenF1SessionBlocking(const DownloadOptions &options, int sessionKey,
                                              const DownloadProgressCallback &progress, const std::atomic<bool> *cancel)
{
    return runBlocking(options, progress, cancel,
                       [sessionKey](RaceDownloader *downloader) { downloader->downloadOpenF1Session(sessionKey); });
}

} // namespace pitwall::sources
