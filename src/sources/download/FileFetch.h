#pragma once
// One GET of one file into the cache: written as `<target>.part` and renamed to `<target>` only
// when complete, so a complete name is never a partial file. A static file's interrupted .part
// is resumed with `Range: bytes=<size>-` (206 appends, 200 starts over); a file the server
// generates per request (OpenF1) always starts over, as its bytes may differ between answers.
// Sizes are checked on Content-Length before the body is read and again while reading; a
// transfer with no byte for the stall timeout is stopped. Retries belong to the caller.

#include <QByteArray>
#include <QFile>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <QUrl>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace pitwall::sources {

struct FetchRequest {
    QUrl url;
    QString targetPath;     // final local name
    qint64 sizeLimit = 0;   // of the whole file
    bool resumable = false; // the remote file never changes: a .part may be resumed
    int stallTimeoutMs = 30000;
};

struct FetchOutcome {
    enum class Kind {
        Done,
        HttpError,    // the server answered with a status other than 200/206
        NetworkError, // connection failed or dropped mid-body (.part kept)
        Stalled,      // no byte for the stall timeout (.part kept)
        TooLarge,     // over the size limit (.part removed)
        RedirectRefused,
        LocalError, // the cache could not be written
        Aborted,    // abort() was called (.part kept)
    };
    Kind kind = Kind::Done;
    int httpStatus = 0;
    QByteArray retryAfter; // the raw Retry-After header of an error answer
    QByteArray errorBody;  // the first bytes of an error answer's body
    QString message;
    qint64 bytesReceived = 0; // body bytes written in this transfer
    bool resumed = false;     // the server answered a Range request with 206
};

class FileFetch : public QObject {
    Q_OBJECT
public:
    using Progress = std::function<void(qint64 fileBytes, qint64 fileTotal)>; // total -1 when unknown
    using Finished = std::function<void(const FetchOutcome &outcome)>;

    FileFetch(QNetworkAccessManager *network, FetchRequest request, QObject *parent = nullptr);
    ~FileFetch() override;

    // Calls `finished` exactly once, on this object's thread; it may deleteLater() this object.
    void start(Progress progress, Finished finished);
    // Stops at once and keeps what was written in the .part file.
    void abort();

private:
    void onMetaDataChanged();
    void onReadyRead();
    void onFinished();
    void onRedirected(const QUrl &url);
    bool writeAvailable();
    void fail(FetchOutcome::Kind kind, const QString &message, bool removePart = false);
    void complete(FetchOutcome outcome);
    QString partPath() const { return m_request.targetPath + QLatin1String(".part"); }

    QNetworkAccessManager *m_network;
    FetchRequest m_request;
    Progress m_progress;
    Finished m_finished;
    QPointer<QNetworkReply> m_reply;
    QFile m_file;
    QTimer m_stallTimer;
    QUrl m_currentUrl;
    qint64 m_resumeFrom = 0;     // bytes already in the .part when the request was sent
    qint64 m_written = 0;        // bytes written to the .part in this transfer
    qint64 m_expectedTotal = -1; // whole-file size from the headers, -1 when unknown
    int m_status = 0;
    bool m_headersSeen = false;
    bool m_writing = false;
    bool m_done = false;
    QByteArray m_errorBody;
};

} // namespace pitwall::sources
