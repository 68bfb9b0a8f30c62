// Race download against a fake server on loopback: the F1 live-timing archive's layout (the
// real 2018 Baku race files, read where they lie in the shared data) and OpenF1's (its API
// fixtures). The server runs on a thread of its own, so the blocking helper can be used here,
// and it logs every request's arrival time, target and headers for the politeness checks.

#include "sources/download/ArchiveCatalogue.h"
#include "sources/download/DownloadPolicy.h"
#include "sources/download/RaceDownloader.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QMutexLocker>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <memory>

using namespace pitwall::sources;

namespace {

const QString kArchiveData = QStringLiteral(PITWALL_SHARED_DATA_DIR "/f1/livetiming_2018_azerbaijan_gp_race/");
const QString kOpenF1Data = QStringLiteral(PITWALL_SHARED_DATA_DIR "/f1/openf1_api_fixtures/");
const QString kRacePath = QStringLiteral("2018/2018-04-29_Azerbaijan_Grand_Prix/2018-04-29_Race/");
const QStringList kServedTopics{"SessionInfo",         "DriverList",  "TimingData", "TimingAppData",
                                "RaceControlMessages", "TrackStatus", "LapCount",   "SessionStatus"};
const QStringList kMissingTopics{"TimingStats", "ExtrapolatedClock", "WeatherData", "Heartbeat", "CarData.z", "Position.z"};

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// What the fake server does to one target instead of a plain answer.
struct Trouble {
    int status = 0;     // answer this status...
    int times = 0;      // ...to this many requests
    QByteArray headers; // extra header lines of that answer ("Retry-After: 1\r\n")
    QByteArray body;
    qint64 dropAfter = -1;        // next answer only: close the connection after this many body bytes
    qint64 stallAfter = -1;       // send this many body bytes, then hold the connection open
    qint64 claimLength = -1;      // announce this Content-Length, send a few bytes, hold
    bool ignoreRange = false;     // answer Range requests with the whole file (200)
    bool noContentLength = false; // a body delimited by closing the connection
    QByteArray redirectTo;        // 302 Location
};

struct Logged {
    qint64 ms = 0;     // arrival, on the server's clock
    QByteArray target; // path and query
    QByteArray range;
    QByteArray userAgent;
    int status = 0; // what was answered
};

// The part of the fake server that lives on its own thread.
class ServerCore : public QObject {
public:
    QMutex mutex;
    QHash<QByteArray, QByteArray> content;
    QHash<QByteArray, Trouble> troubles;
    QList<Logged> log;
    QElapsedTimer clock;
    QTcpServer *server = nullptr;

    quint16 listen()
    {
        clock.start();
        server = new QTcpServer(this);
        if (!server->listen(QHostAddress::LocalHost, 0))
            return 0;
        connect(server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = server->nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        return server->serverPort();
    }

private:
    QHash<QTcpSocket *, QByteArray> m_buffers;

    void onReadyRead(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        m_buffers.remove(socket);
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        Logged entry;
        entry.target = requestLine.value(1);
        for (const QByteArray &line : lines.mid(1)) {
            const qsizetype colon = line.indexOf(':');
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "range")
                entry.range = value;
            else if (name == "user-agent")
                entry.userAgent = value;
        }
        QMutexLocker lock(&mutex);
        entry.ms = clock.elapsed();
        answer(socket, entry);
        log.append(entry);
    }

    static QByteArray head(int status, const QByteArray &headers)
    {
        return "HTTP/1.1 " + QByteArray::number(status) + " X\r\nConnection: close\r\n" + headers + "\r\n";
    }

    void answer(QTcpSocket *socket, Logged &entry)
    {
        Trouble &trouble = troubles[entry.target];
        if (!trouble.redirectTo.isEmpty()) {
            entry.status = 302;
            socket->write(head(302, "Location: " + trouble.redirectTo + "\r\nContent-Length: 0\r\n"));
            socket->disconnectFromHost();
            return;
        }
        if (trouble.times > 0) {
            --trouble.times;
            entry.status = trouble.status;
            socket->write(head(trouble.status, trouble.headers + "Content-Length: " + QByteArray::number(trouble.body.size()) + "\r\n") +
                          trouble.body);
            socket->disconnectFromHost();
            return;
        }
        if (!content.contains(entry.target)) {
            entry.status = 404;
            const QByteArray body = R"({"detail":"No results found."})";
            socket->write(head(404, "Content-Length: " + QByteArray::number(body.size()) + "\r\n") + body);
            socket->disconnectFromHost();
            return;
        }
        const QByteArray &whole = content[entry.target];
        if (trouble.claimLength >= 0) {
            entry.status = 200;
            socket->write(head(200, "Content-Length: " + QByteArray::number(trouble.claimLength) + "\r\n") + whole.left(10));
            return; // held open: the client must refuse on the header alone
        }
        int status = 200;
        QByteArray headers;
        QByteArray body = whole;
        if (entry.range.startsWith("bytes=") && !trouble.ignoreRange) {
            const qint64 from = entry.range.mid(6, entry.range.indexOf('-') - 6).toLongLong();
            if (from < whole.size()) {
                status = 206;
                body = whole.mid(from);
                headers = "Content-Range: bytes " + QByteArray::number(from) + '-' + QByteArray::number(whole.size() - 1) + '/' +
                          QByteArray::number(whole.size()) + "\r\n";
            }
        }
        if (!trouble.noContentLength)
            headers += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
        entry.status = status;
        if (trouble.stallAfter >= 0) {
            socket->write(head(status, headers) + body.left(trouble.stallAfter));
            return; // held open until the client gives up
        }
        if (trouble.dropAfter >= 0) {
            socket->write(head(status, headers) + body.left(trouble.dropAfter));
            trouble.dropAfter = -1;
            socket->disconnectFromHost();
            return;
        }
        socket->write(head(status, headers) + body);
        socket->disconnectFromHost();
    }
};

class FakeServer {
public:
    FakeServer()
    {
        m_core = new ServerCore;
        m_core->moveToThread(&m_thread);
        m_thread.start();
        QMetaObject::invokeMethod(
            m_core, [this] { m_port = m_core->listen(); }, Qt::BlockingQueuedConnection);
    }
    ~FakeServer()
    {
        QMetaObject::invokeMethod(
            m_core, [this] { delete m_core; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    quint16 port() const { return m_port; }
    void serve(const QByteArray &target, const QByteArray &body)
    {
        QMutexLocker lock(&m_core->mutex);
        m_core->content.insert(target, body);
    }
    void trouble(const QByteArray &target, const Trouble &trouble)
    {
        QMutexLocker lock(&m_core->mutex);
        m_core->troubles.insert(target, trouble);
    }
    void clearTroubles()
    {
        QMutexLocker lock(&m_core->mutex);
        m_core->troubles.clear();
    }
    QList<Logged> log()
    {
        QMutexLocker lock(&m_core->mutex);
        return m_core->log;
    }
    QList<Logged> requestsFor(const QByteArray &target)
    {
        QList<Logged> found;
        for (const Logged &entry : log()) {
            if (entry.target == target)
                found << entry;
        }
        return found;
    }

private:
    QThread m_thread;
    ServerCore *m_core = nullptr;
    quint16 m_port = 0;
};

QByteArray yearIndexJson()
{
    const auto session = [](const char *type, const char *name, const char *start, const char *path) {
        return QJsonObject{{"Key", 1},           {"Type", type},     {"Name", name},
                           {"StartDate", start}, {"EndDate", start}, {"GmtOffset", "04:00:00"},
                           {"Path", path}};
    };
    const QJsonArray meetings{
        QJsonObject{{"Key", 1038},
                    {"Name", "Australian Grand Prix"},
                    {"Location", "Melbourne"},
                    {"Country", QJsonObject{{"Key", 5}, {"Code", "AUS"}, {"Name", "Australia"}}},
                    {"Circuit", QJsonObject{{"Key", 10}, {"ShortName", "Melbourne"}}},
                    {"Sessions", QJsonArray{session("Race", "Race", "2018-03-25T16:10:00",
                                                    "2018/2018-03-25_Australian_Grand_Prix/2018-03-25_Race/")}}},
        QJsonObject{{"Key", 1041},
                    {"Name", "Azerbaijan Grand Prix"},
                    {"Location", "Baku"},
                    {"Country", QJsonObject{{"Key", 55}, {"Code", "AZE"}, {"Name", "Azerbaijan"}}},
                    {"Circuit", QJsonObject{{"Key", 144}, {"ShortName", "Baku"}}},
                    {"Sessions", QJsonArray{session("Practice", "Practice 1", "2018-04-27T13:00:00",
                                                    "2018/2018-04-29_Azerbaijan_Grand_Prix/2018-04-27_Practice_1/"),
                                            session("Qualifying", "Qualifying", "2018-04-28T17:00:00",
                                                    "2018/2018-04-29_Azerbaijan_Grand_Prix/2018-04-28_Qualifying/"),
                                            session("Race", "Race", "2018-04-29T16:10:00", kRacePath.toUtf8().constData())}}},
    };
    // The real catalogues start with a UTF-8 BOM.
    return "\xEF\xBB\xBF" + QJsonDocument(QJsonObject{{"Year", 2018}, {"Meetings", meetings}}).toJson();
}

QByteArray sessionIndexJson()
{
    QJsonObject feeds;
    for (const QString &topic : archiveTopics())
        feeds.insert(topic, QJsonObject{{"KeyFramePath", topic + ".json"}, {"StreamPath", topic + ".jsonStream"}});
    return "\xEF\xBB\xBF" + QJsonDocument(QJsonObject{{"Feeds", feeds}}).toJson();
}

QByteArray compact(const QJsonArray &array)
{
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QJsonArray loadArray(const QString &name)
{
    return QJsonDocument::fromJson(readAll(kOpenF1Data + name)).array();
}

} // namespace

class TestRaceDownload : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void policy();
    void catalogue();
    void archiveDownloadAndCache();
    void resumeDroppedConnection();
    void retryAfterAndServerErrors();
    void oversizeRefused();
    void redirects();
    void staleYearIndexRefreshed();
    void openF1Download();
    void openF1Forbidden();
    void cancelThenResume();
    void rateLimit();

private:
    DownloadOptions options() const;
    QString racePath(const QString &file = {}) const { return m_cache->path() + "/livetiming/" + kRacePath + file; }
    QByteArray topicTarget(const QString &topic) const { return ("/static/" + kRacePath + topic + ".jsonStream").toUtf8(); }
    void serveArchive();
    void serveOpenF1();

    QHash<QString, QByteArray> m_topics;    // topic -> the real file's bytes
    QHash<QByteArray, QByteArray> m_openF1; // target -> body
    QList<int> m_drivers;
    std::unique_ptr<FakeServer> m_server;
    std::unique_ptr<QTemporaryDir> m_cache;
};

void TestRaceDownload::initTestCase()
{
    for (const QString &topic : kServedTopics) {
        m_topics.insert(topic, readAll(kArchiveData + topic + ".jsonStream"));
        QVERIFY2(!m_topics[topic].isEmpty(), qPrintable("missing shared data " + kArchiveData + topic));
    }
    QCOMPARE(m_topics["TimingData"].size(), 2495712);

    // OpenF1: the fixtures' sessions, and the meeting, drivers and per-driver samples of 9532.
    const QByteArray bySession = "?session_key=9532";
    m_openF1.insert("/v1/sessions" + bySession, readAll(kOpenF1Data + "sessions.json"));
    QJsonArray meetings;
    for (const QJsonValue &meeting : loadArray("meetings.json")) {
        if (meeting["meeting_key"].toInt() == 1238)
            meetings << meeting;
    }
    QCOMPARE(meetings.size(), 5); // the ingestor's store keeps one record per session of the meeting
    m_openF1.insert("/v1/meetings?meeting_key=1238", compact(meetings));
    for (const char *endpoint : {"drivers", "laps", "position", "pit", "stints", "race_control", "weather"})
        m_openF1.insert("/v1/" + QByteArray(endpoint) + bySession, readAll(kOpenF1Data + endpoint + ".json"));
    for (const QJsonValue &driver : loadArray("drivers.json"))
        m_drivers << driver["driver_number"].toInt();
    std::sort(m_drivers.begin(), m_drivers.end());
    QCOMPARE(m_drivers, (QList<int>{1, 2, 3, 4, 10, 11, 14, 16, 18, 20}));
    for (const char *endpoint : {"location", "car_data"}) {
        const QJsonArray samples = loadArray(QString(endpoint) + ".json");
        for (const int number : m_drivers) {
            if (QByteArray(endpoint) == "car_data" && number == 20)
                continue; // OpenF1 has nothing for this one: a 404 to report
            QJsonArray mine;
            for (const QJsonValue &sample : samples) {
                if (sample["driver_number"].toInt() == number)
                    mine << sample;
            }
            QVERIFY(!mine.isEmpty());
            m_openF1.insert("/v1/" + QByteArray(endpoint) + bySession + "&driver_number=" + QByteArray::number(number), compact(mine));
        }
    }
}

void TestRaceDownload::init()
{
    m_server = std::make_unique<FakeServer>();
    QVERIFY(m_server->port() != 0);
    m_cache = std::make_unique<QTemporaryDir>();
    QVERIFY(m_cache->isValid());
    serveArchive();
    serveOpenF1();
}

void TestRaceDownload::cleanup()
{
    m_server.reset();
    m_cache.reset();
}

void TestRaceDownload::serveArchive()
{
    m_server->serve("/static/2018/Index.json", yearIndexJson());
    m_server->serve(("/static/" + kRacePath + "Index.json").toUtf8(), sessionIndexJson());
    for (auto it = m_topics.cbegin(); it != m_topics.cend(); ++it)
        m_server->serve(topicTarget(it.key()), it.value());
}

void TestRaceDownload::serveOpenF1()
{
    for (auto it = m_openF1.cbegin(); it != m_openF1.cend(); ++it)
        m_server->serve(it.key(), it.value());
}

DownloadOptions TestRaceDownload::options() const
{
    DownloadOptions o;
    o.cacheRoot = m_cache->path();
    o.archiveBaseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/static/").arg(m_server->port()));
    o.openF1BaseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/v1/").arg(m_server->port()));
    o.requestsPerSecond = 200; // fast here; rateLimit() checks the real default
    o.backoffMs = 50;
    o.stallTimeoutMs = 5000;
    return o;
}

void TestRaceDownload::policy()
{
    QCOMPARE(DownloadOptions().requestsPerSecond, 3.0);
    QCOMPARE(DownloadOptions().archiveBaseUrl, QUrl("https://livetiming.formula1.com/static/"));
    QCOMPARE(DownloadOptions().openF1BaseUrl, QUrl("https://api.openf1.org/v1/"));
    QVERIFY(defaultDownloadCacheRoot().endsWith("/downloads"));

    RequestPacer pacer(3);
    QCOMPARE(pacer.waitMs(1000), 0);
    pacer.recordStart(1000);
    QCOMPARE(pacer.waitMs(1000), 350);
    QCOMPARE(pacer.waitMs(1200), 150);
    QCOMPARE(pacer.waitMs(1400), 0);

    const QDateTime now(QDate(2024, 6, 30), QTime(13, 0, 0), Qt::UTC);
    QCOMPARE(parseRetryAfterMs("1", now), std::optional<qint64>(1000));
    QCOMPARE(parseRetryAfterMs(" 120 ", now), std::optional<qint64>(120000));
    QCOMPARE(parseRetryAfterMs("Sun, 30 Jun 2024 13:00:05 GMT", now), std::optional<qint64>(5000));
    QCOMPARE(parseRetryAfterMs("Sun, 30 Jun 2024 12:00:00 GMT", now), std::optional<qint64>(0));
    QCOMPARE(parseRetryAfterMs("soon", now), std::nullopt);
    QCOMPARE(parseRetryAfterMs("", now), std::nullopt);
    QCOMPARE(backoffMs(1, 1000, 60000), 1000);
    QCOMPARE(backoffMs(3, 1000, 60000), 4000);
    QCOMPARE(backoffMs(10, 1000, 60000), 60000);

    QVERIFY(isAllowedBaseUrl(QUrl("https://api.openf1.org/v1/")));
    QVERIFY(isAllowedBaseUrl(QUrl("http://127.0.0.1:8080/v1/")));
    QVERIFY(!isAllowedBaseUrl(QUrl("http://api.openf1.org/v1/")));
    QVERIFY(isAllowedRedirect(QUrl("https://a.example/x"), QUrl("https://b.example/y")));
    QVERIFY(!isAllowedRedirect(QUrl("https://a.example/x"), QUrl("http://a.example/y")));
    QVERIFY(isAllowedRedirect(QUrl("http://127.0.0.1:80/x"), QUrl("http://127.0.0.1:80/y")));
    QVERIFY(!isAllowedRedirect(QUrl("http://127.0.0.1:80/x"), QUrl("http://127.0.0.1:81/y")));
    QVERIFY(!isAllowedRedirect(QUrl("http://127.0.0.1:80/x"), QUrl("http://example.com/y")));
    QVERIFY(downloadUserAgent().startsWith("PitWall/"));
}

void TestRaceDownload::catalogue()
{
    QString error;
    const auto year = parseArchiveYearIndex(yearIndexJson(), &error);
    QVERIFY2(year, qPrintable(error));
    QCOMPARE(year->year, 2018);
    QCOMPARE(year->meetings.size(), size_t(2));
    QCOMPARE(year->meetings[1].countryName, QString("Azerbaijan"));

    for (const auto &[event, session] :
         {std::pair{"Azerbaijan", "Race"}, std::pair{"baku", "race"}, std::pair{"Azerbaijan Grand Prix", "RACE"}}) {
        const auto match = findArchiveSession(*year, event, session, &error);
        QVERIFY2(match, qPrintable(error));
        QCOMPARE(match->meeting.name, QString("Azerbaijan Grand Prix"));
        QCOMPARE(match->session.name, QString("Race"));
        QCOMPARE(match->session.path, kRacePath);
        QCOMPARE(match->session.gmtOffset, QString("04:00:00"));
    }
    const auto practice = findArchiveSession(*year, "Baku", "practice", &error);
    QVERIFY2(practice, qPrintable(error)); // by Type when no Name is "practice"
    QCOMPARE(practice->session.name, QString("Practice 1"));
    QVERIFY(findArchiveSession(*year, "Baku", "Qualifying", &error));
    QCOMPARE(findArchiveSession(*year, "Melbourne", "Race", &error)->session.path,
             QString("2018/2018-03-25_Australian_Grand_Prix/2018-03-25_Race/"));

    QVERIFY(!findArchiveSession(*year, "Monaco", "Race", &error));
    QVERIFY2(error.contains("Monaco") && error.contains("Azerbaijan Grand Prix (Baku)"), qPrintable(error));
    QVERIFY(!findArchiveSession(*year, "Grand Prix", "Race", &error));
    QVERIFY2(error.contains("several"), qPrintable(error));
    QVERIFY(!findArchiveSession(*year, "Baku", "Sprint", &error));
    QVERIFY2(error.contains("Practice 1, Qualifying, Race"), qPrintable(error));

    const auto feeds = parseArchiveSessionIndex(sessionIndexJson(), &error);
    QVERIFY2(feeds, qPrintable(error));
    QCOMPARE(feeds->size(), size_t(archiveTopics().size()));
    const auto carData = std::find_if(feeds->begin(), feeds->end(), [](const ArchiveFeed &f) { return f.topic == "CarData.z"; });
    QVERIFY(carData != feeds->end());
    QCOMPARE(carData->streamPath, QString("CarData.z.jsonStream"));
    QCOMPARE(carData->keyFramePath, QString("CarData.z.json"));

    // Bad documents are clear errors.
    QVERIFY(!parseArchiveYearIndex("<html>Service Unavailable</html>", &error));
    QVERIFY2(error.contains("not JSON"), qPrintable(error));
    QVERIFY(!parseArchiveYearIndex("[1,2]", &error));
    QVERIFY2(error.contains("not a JSON object"), qPrintable(error));
    QVERIFY(!parseArchiveYearIndex(R"({"Year":2018})", &error));
    QVERIFY2(error.contains("Meetings"), qPrintable(error));
    QVERIFY(!parseArchiveYearIndex(yearIndexJson(), &error, 100));
    QVERIFY2(error.contains("limit"), qPrintable(error));
    QVERIFY(!parseArchiveYearIndex(R"({"Year":2018,"Meetings":[{"Name":"X","Sessions":[{"Name":"Race","Path":"../../etc/"}]}]})", &error));
    QVERIFY2(error.contains("unsafe"), qPrintable(error));
    QVERIFY(!parseArchiveSessionIndex(R"({"Feeds":{"TimingData":{"StreamPath":"../TimingData.jsonStream"}}})", &error));
    QVERIFY2(error.contains("unsafe"), qPrintable(error));
    QVERIFY(!parseArchiveSessionIndex(R"({"Topics":{}})", &error));
    QVERIFY2(error.contains("Feeds"), qPrintable(error));
    QVERIFY(isSafeRelativePath(kRacePath));
    QVERIFY(!isSafeRelativePath("/etc/"));
    QVERIFY(!isSafeRelativePath("a//b"));
    QVERIFY(!isSafeRelativePath("C:/x"));
}

void TestRaceDownload::archiveDownloadAndCache()
{
    QList<int> filesDoneSeen;
    const DownloadOutcome outcome = downloadArchiveSessionBlocking(options(), 2018, "Azerbaijan", "Race",
                                                                   [&](const QString &, int filesDone, int, qint64, qint64) {
                                                                       filesDoneSeen << filesDone;
                                                                   });
    QVERIFY2(outcome.ok(), qPrintable(outcome.error));
    QCOMPARE(outcome.result.folder, racePath());
    QCOMPARE(outcome.result.unavailable, kMissingTopics);
    QCOMPARE(outcome.result.filesDownloaded, 10); // two catalogues and eight topics
    QCOMPARE(outcome.result.filesCached, 0);
    for (const QString &topic : kServedTopics) {
        QCOMPARE(QFileInfo(racePath(topic + ".jsonStream")).size(), qint64(m_topics[topic].size()));
        QVERIFY2(readAll(racePath(topic + ".jsonStream")) == m_topics[topic], qPrintable(topic));
    }
    qint64 bytes = 0;
    for (const QByteArray &b : std::as_const(m_topics))
        bytes += b.size();
    QCOMPARE(outcome.result.bytesDownloaded, bytes + yearIndexJson().size() + sessionIndexJson().size());
    QCOMPARE(readAll(m_cache->path() + "/livetiming/2018/Index.json"), yearIndexJson());
    QCOMPARE(QDir(racePath()).entryList({"*.part"}, QDir::Files | QDir::Hidden), QStringList());
    QVERIFY(!filesDoneSeen.isEmpty());
    QCOMPARE(filesDoneSeen.last(), 16);

    const QList<Logged> first = m_server->log();
    QCOMPARE(first.size(), 16); // 2 catalogues + 14 topics, 6 of them 404
    QCOMPARE(first[0].target, QByteArray("/static/2018/Index.json"));
    QCOMPARE(first[1].target, ("/static/" + kRacePath + "Index.json").toUtf8());
    int notFound = 0;
    for (const Logged &entry : first) {
        QVERIFY(entry.userAgent.startsWith("PitWall/"));
        QVERIFY(entry.range.isEmpty());
        notFound += entry.status == 404;
    }
    QCOMPARE(notFound, 6);

    // Again: everything is cached, and what the archive lacks is remembered.
    const DownloadOutcome again = downloadArchiveSessionBlocking(options(), 2018, "baku", "race");
    QVERIFY2(again.ok(), qPrintable(again.error));
    QCOMPARE(m_server->log().size(), 16);
    QCOMPARE(again.result.filesDownloaded, 0);
    QCOMPARE(again.result.filesCached, 10);
    QCOMPARE(again.result.bytesDownloaded, 0);
    QCOMPARE(again.result.unavailable, kMissingTopics);
    QCOMPARE(again.result.folder, racePath());
}

void TestRaceDownload::resumeDroppedConnection()
{
    Trouble drop;
    drop.dropAfter = 1000000;
    m_server->trouble(topicTarget("TimingData"), drop);
    // A .part left by an earlier run, on a server that ignores Range: it starts over.
    QVERIFY(QDir().mkpath(racePath()));
    QFile stale(racePath("LapCount.jsonStream.part"));
    QVERIFY(stale.open(QIODevice::WriteOnly));
    stale.write("not the archive's bytes");
    stale.close();
    Trouble ignoreRange;
    ignoreRange.ignoreRange = true;
    m_server->trouble(topicTarget("LapCount"), ignoreRange);

    const DownloadOutcome outcome = downloadArchiveSessionBlocking(options(), 2018, "Baku", "Race");
    QVERIFY2(outcome.ok(), qPrintable(outcome.error));

    QVERIFY(readAll(racePath("TimingData.jsonStream")) == m_topics["TimingData"]);
    QVERIFY(!QFile::exists(racePath("TimingData.jsonStream.part")));
    // The retry asks for the rest only. (Qt's HTTP layer itself sometimes resends a GET whose
    // connection dropped, from byte 0, and throws the answer away: at most one such extra.)
    const QList<Logged> timing = m_server->requestsFor(topicTarget("TimingData"));
    QVERIFY2(timing.size() == 2 || timing.size() == 3, qPrintable(QString::number(timing.size())));
    QCOMPARE(timing.first().range, QByteArray());
    QCOMPARE(timing.first().status, 200);
    QCOMPARE(timing.last().range, QByteArray("bytes=1000000-"));
    QCOMPARE(timing.last().status, 206);
    if (timing.size() == 3)
        QCOMPARE(timing[1].range, QByteArray());

    const QList<Logged> laps = m_server->requestsFor(topicTarget("LapCount"));
    QCOMPARE(laps.size(), 1);
    QCOMPARE(laps[0].range, QByteArray("bytes=23-"));
    QCOMPARE(laps[0].status, 200);
    QCOMPARE(readAll(racePath("LapCount.jsonStream")), m_topics["LapCount"]);
}

void TestRaceDownload::retryAfterAndServerErrors()
{
    Trouble tooMany;
    tooMany.status = 429;
    tooMany.times = 1;
    tooMany.headers = "Retry-After: 1\r\n";
    m_server->trouble(topicTarget("SessionStatus"), tooMany);
    Trouble unavailable;
    unavailable.status = 503;
    unavailable.times = 2;
    m_server->trouble(topicTarget("TrackStatus"), unavailable);

    const DownloadOutcome outcome = downloadArchiveSessionBlocking(options(), 2018, "Baku", "Race");
    QVERIFY2(outcome.ok(), qPrintable(outcome.error));
    const QList<Logged> status = m_server->requestsFor(topicTarget("SessionStatus"));
    QCOMPARE(status.size(), 2);
    QCOMPARE(status[0].status, 429);
    QCOMPARE(status[1].status, 200);
    QVERIFY2(status[1].ms - status[0].ms >= 1000, qPrintable(QString::number(status[1].ms - status[0].ms)));
    QCOMPARE(readAll(racePath("SessionStatus.jsonStream")), m_topics["SessionStatus"]);
    const QList<Logged> track = m_server->requestsFor(topicTarget("TrackStatus"));
    QCOMPARE(track.size(), 3);
    QVERIFY(track[1].ms - track[0].ms >= 50); // backoff 50 ms, then 100 ms
    QVERIFY(track[2].ms - track[1].ms >= 100);
    QCOMPARE(readAll(racePath("TrackStatus.jsonStream")), m_topics["TrackStatus"]);

    // A server that keeps failing is given up on after maxRetries.
    Trouble always;
    always.status = 502;
    always.times = 100;
    m_server->trouble(topicTarget("DriverList"), always);
    QFile::remove(racePath("DriverList.jsonStream"));
    DownloadOptions o = options();
    o.maxRetries = 2;
    const DownloadOutcome failed = downloadArchiveSessionBlocking(o, 2018, "Baku", "Race");
    QVERIFY(!failed.ok());
    QVERIFY2(failed.error.contains("Gave up on DriverList.jsonStream after 3 tries"), qPrintable(failed.error));
    QCOMPARE(m_server->requestsFor(topicTarget("DriverList")).size(), 1 + 3); // the first run's, then 3 tries
}

void TestRaceDownload::oversizeRefused()
{
    Trouble huge;
    huge.claimLength = 600LL << 20; // over the default 512 MB
    m_server->trouble(topicTarget("TrackStatus"), huge);
    QElapsedTimer clock;
    clock.start();
    const DownloadOutcome outcome = downloadArchiveSessionBlocking(options(), 2018, "Baku", "Race");
    QVERIFY(!outcome.ok());
    QVERIFY2(outcome.error.contains("629145600 bytes, over the 536870912-byte limit"), qPrintable(outcome.error));
    QVERIFY(clock.elapsed() < 4000); // refused on the header, not after the stall timeout
    QCOMPARE(m_server->requestsFor(topicTarget("TrackStatus")).size(), 1);
    QVERIFY(!QFile::exists(racePath("TrackStatus.jsonStream")));
    QVERIFY(!QFile::exists(racePath("TrackStatus.jsonStream.part")));

    // Without a Content-Length the limit holds while reading.
    m_server->clearTroubles();
    Trouble unannounced;
    unannounced.noContentLength = true;
    m_server->trouble(topicTarget("TimingData"), unannounced);
    QVERIFY(QFile::remove(racePath("TimingData.jsonStream"))); // fetched before TrackStatus above
    DownloadOptions o = options();
    o.fileSizeLimit = 1 << 20;
    const DownloadOutcome streamed = downloadArchiveSessionBlocking(o, 2018, "Baku", "Race");
    QVERIFY(!streamed.ok());
    QVERIFY2(streamed.error.contains("grew past the 1048576-byte limit"), qPrintable(streamed.error));
    QVERIFY(!QFile::exists(racePath("TimingData.jsonStream")));
    QVERIFY(!QFile::exists(racePath("TimingData.jsonStream.part")));
}

void TestRaceDownload::redirects()
{
    Trouble moved;
    moved.redirectTo = "/moved/2018/Index.json";
    m_server->trouble("/static/2018/Index.json", moved);
    m_server->serve("/moved/2018/Index.json", yearIndexJson());
    const DownloadOutcome outcome = downloadArchiveSessionBlocking(options(), 2018, "Baku", "Race");
    QVERIFY2(outcome.ok(), qPrintable(outcome.error));
    QCOMPARE(m_server->requestsFor("/moved/2018/Index.json").size(), 1);
    QCOMPARE(readAll(m_cache->path() + "/livetiming/2018/Index.json"), yearIndexJson());

    // Away from https: refused, nothing written.
    QFile::remove(m_cache->path() + "/livetiming/2018/Index.json");
    moved.redirectTo = "http://example.com/2018/Index.json";
    m_server->trouble("/static/2018/Index.json", moved);
    const DownloadOutcome refused = downloadArchiveSessionBlocking(options(), 2018, "Baku", "Race");
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error.contains("http://example.com/2018/Index.json") && refused.error.contains("refused"),
             qPrintable(refused.error));
    QVERIFY(!QFile::exists(m_cache->path() + "/livetiming/2018/Index.json"));
}

void TestRaceDownload::staleYearIndexRefreshed()
{
    // A catalogue cached before Baku was run: asked again once, then found.
    QVERIFY(QDir().mkpath(m_cache->path() + "/livetiming/2018"));
    QFile old(m_cache->path() + "/livetiming/2018/Index.json");
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write(R"({"Year":2018,"Meetings":[{"Name":"Australian Grand Prix","Location":"Melbourne","Sessions":[]}]})");
    old.close();
    const DownloadOutcome outcome = downloadArchiveSessionBlocking(options(), 2018, "Baku", "Race");
    QVERIFY2(outcome.ok(), qPrintable(outcome.error));
    QCOMPARE(m_server->requestsFor("/static/2018/Index.json").size(), 1);
    QCOMPARE(readAll(m_cache->path() + "/livetiming/2018/Index.json"), yearIndexJson());

    const DownloadOutcome unknown = downloadArchiveSessionBlocking(options(), 2018, "Monaco", "Race");
    QVERIFY(!unknown.ok());
    QVERIFY2(unknown.error.contains("No 2018 meeting matches \"Monaco\""), qPrintable(unknown.error));
    QCOMPARE(m_server->requestsFor("/static/2018/Index.json").size(), 2); // asked once more, then given up
}

void TestRaceDownload::openF1Download()
{
    const DownloadOutcome outcome = downloadOpenF1SessionBlocking(options(), 9532);
    QVERIFY2(outcome.ok(), qPrintable(outcome.error));
    const QString folder = m_cache->path() + "/openf1/9532/";
    QCOMPARE(outcome.result.folder, folder);
    QCOMPARE(outcome.result.unavailable, (QStringList{"intervals", "car_data_20"}));
    QCOMPARE(outcome.result.filesDownloaded, 10 + 2 * 10 - 2);

    const auto fileFor = [&](const QByteArray &target) {
        const QByteArray path = target.mid(4); // "/v1/"
        const QByteArray endpoint = path.left(path.indexOf('?'));
        const qsizetype driver = path.indexOf("&driver_number=");
        return folder + endpoint + (driver < 0 ? QByteArray() : "_" + path.mid(driver + 15)) + ".json";
    };
    for (auto it = m_openF1.cbegin(); it != m_openF1.cend(); ++it)
        QVERIFY2(readAll(fileFor(it.key())) == it.value(), qPrintable(fileFor(it.key())));
    QVERIFY(QFile::exists(folder + "location_20.json"));
    QVERIFY(!QFile::exists(folder + "car_data_20.json"));
    QVERIFY(!QFile::exists(folder + "intervals.json"));

    const QList<Logged> log = m_server->log();
    QCOMPARE(log.size(), 10 + 2 * 10);
    QCOMPARE(log[0].target, QByteArray("/v1/sessions?session_key=9532"));
    QCOMPARE(log[1].target, QByteArray("/v1/meetings?meeting_key=1238"));
    QCOMPARE(log[2].target, QByteArray("/v1/drivers?session_key=9532"));
    QCOMPARE(log[10].target, QByteArray("/v1/location?session_key=9532&driver_number=1"));
    QCOMPARE(log.last().target, QByteArray("/v1/car_data?session_key=9532&driver_number=20"));

    // Complete files are kept; OpenF1's "no results" may change, so only those are asked again.
    const DownloadOutcome again = downloadOpenF1SessionBlocking(options(), 9532);
    QVERIFY2(again.ok(), qPrintable(again.error));
    QCOMPARE(again.result.filesCached, 10 + 2 * 10 - 2);
    QCOMPARE(again.result.filesDownloaded, 0);
    const QList<Logged> second = m_server->log().mid(log.size());
    QCOMPARE(second.size(), 2);
    QCOMPARE(second[0].target, QByteArray("/v1/intervals?session_key=9532"));
    QCOMPARE(second[1].target, QByteArray("/v1/car_data?session_key=9532&driver_number=20"));
}

void TestRaceDownload::openF1Forbidden()
{
    Trouble live;
    live.status = 403;
    live.times = 1;
    live.body = R"({"detail":"Live data requires authentication."})";
    m_server->trouble("/v1/sessions?session_key=9532", live);
    const DownloadOutcome outcome = downloadOpenF1SessionBlocking(options(), 9532);
    QVERIFY(!outcome.ok());
    QVERIFY(!outcome.cancelled);
    QVERIFY2(outcome.error.contains("refuses anonymous requests while a live session is running"), qPrintable(outcome.error));
    QVERIFY2(outcome.error.contains("Try again after the session ends"), qPrintable(outcome.error));
    QVERIFY2(outcome.error.contains("Live data requires authentication."), qPrintable(outcome.error));
    QCOMPARE(m_server->log().size(), 1); // stopped, not retried
    QVERIFY(!QFile::exists(m_cache->path() + "/openf1/9532/sessions.json"));

    // A session OpenF1 does not know.
    const DownloadOutcome unknown = downloadOpenF1SessionBlocking(options(), 1);
    QVERIFY(!unknown.ok());
    QVERIFY2(unknown.error.contains("OpenF1 has no session 1"), qPrintable(unknown.error));
}

void TestRaceDownload::cancelThenResume()
{
    Trouble stall;
    stall.stallAfter = 600000;
    m_server->trouble(topicTarget("TimingData"), stall);

    QThread thread;
    auto *downloader = new RaceDownloader(options());
    downloader->moveToThread(&thread);
    thread.start();
    std::optional<DownloadOutcome> outcome;
    QElapsedTimer sinceCancel;
    connect(downloader, &RaceDownloader::finished, this, [&](const DownloadOutcome &o) { outcome = o; });
    connect(downloader, &RaceDownloader::progress, this, [&](const QString &file, int, int, qint64 bytes, qint64 total) {
        if (file == "TimingData.jsonStream" && bytes == 600000 && !sinceCancel.isValid()) {
            QCOMPARE(total, qint64(m_topics["TimingData"].size()));
            sinceCancel.start();
            downloader->cancel();
        }
    });
    QMetaObject::invokeMethod(downloader, [downloader] { downloader->downloadArchiveSession(2018, "Baku", "Race"); });
    QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 10000);
    QVERIFY(sinceCancel.isValid());
    QVERIFY2(sinceCancel.elapsed() < 1000, qPrintable(QString::number(sinceCancel.elapsed())));
    QMetaObject::invokeMethod(
        downloader, [downloader] { delete downloader; }, Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();

    QVERIFY(!outcome->ok());
    QVERIFY(outcome->cancelled);
    QCOMPARE(QFileInfo(racePath("TimingData.jsonStream.part")).size(), qint64(600000));
    QVERIFY(!QFile::exists(racePath("TimingData.jsonStream")));

    m_server->clearTroubles();
    const DownloadOutcome resumed = downloadArchiveSessionBlocking(options(), 2018, "Baku", "Race");
    QVERIFY2(resumed.ok(), qPrintable(resumed.error));
    const QList<Logged> timing = m_server->requestsFor(topicTarget("TimingData"));
    QCOMPARE(timing.size(), 2);
    QCOMPARE(timing[1].range, QByteArray("bytes=600000-"));
    QCOMPARE(timing[1].status, 206);
    QVERIFY(readAll(racePath("TimingData.jsonStream")) == m_topics["TimingData"]);
    QCOMPARE(resumed.result.unavailable, kMissingTopics);
}

void TestRaceDownload::rateLimit()
{
    DownloadOptions o = options();
    o.requestsPerSecond = DownloadOptions().requestsPerSecond; // the real default, 3
    const DownloadOutcome outcome = downloadArchiveSessionBlocking(o, 2018, "Baku", "Race");
    QVERIFY2(outcome.ok(), qPrintable(outcome.error));
    const QList<Logged> log = m_server->log();
    QCOMPARE(log.size(), 16);
    // As the server sees them: no four requests within one second.
    for (qsizetype i = 0; i + 3 < log.size(); ++i) {
        const qint64 span = log[i + 3].ms - log[i].ms;
        QVERIFY2(span >= 1000, qPrintable(QStringLiteral("requests %1-%2 within %3 ms").arg(i).arg(i + 3).arg(span)));
    }
    // ...and still close to the rate allowed, not far slower.
    QVERIFY(log.last().ms - log.first().ms < 15 * 350 + 1500);
}

QTEST_MAIN(TestRaceDownload)
#include "tst_racedownload.moc"
