#include "FileFetch.h"
#include "DownloadPolicy.h"

#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace pitwall::sources {

namespace {

constexpr qint64 kReadBufferBytes = 1 << 20; // back-pressure: the body streams to disk, not to memory
constexpr qsizetype kErrorBodyBytes = 4096;  // enough for a server's error message

// "bytes 100-199/200" -> 100; -1 when unreadable.
qint64 contentRangeStart(const QByteArray &value)
{
    const QByteArray text = value.trimmed();
    if (!text.startsWith("bytes "))
        return -1;
    const qsizetype dash = text.indexOf('-');
    if (dash < 0)
        return -1;
    bool ok = false;
    const qint64 start = text.mid(6, dash - 6).trimmed().toLongLong(&ok);
    return ok ? start : -1;
}

// The "/200" of a Content-Range; -1 when it is "*" or unreadable.
qint64 contentRangeTotal(const QByteArray &value)
{
    const qsizetype slash = value.lastIndexOf('/');
    if (slash < 0)
        return -1;
    bool ok = false;
    const qint64 total = value.mid(slash + 1).trimmed().toLongLong(&ok);
    return ok ? total : -1;
}

} // namespace

FileFetch::FileFetch(QNetworkAccessManager *network, FetchRequest request, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_request(std::move(request))
{
    m_stallTimer.setSingleShot(true);
    connect(&m_stallTimer, &QTimer::timeout, this, [this] {
        fail(FetchOutcome::Kind::Stalled,
             QStringLiteral("%1 stalled: no data for %2 s").arg(m_currentUrl.toDisplayString()).arg(m_request.stallTimeoutMs / 1000.0));
    });
}

FileFetch::~FileFetch()
{
    if (m_reply) {
        disconnect(m_reply, nullptr, this, nullptr);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void FileFetch::start(Progress progress, Finished finished)
{
    m_progress = std::move(progress);
    m_finished = std::move(finished);
    m_currentUrl = m_request.url;

    if (!QDir().mkpath(QFileInfo(m_request.targetPath).absolutePath())) {
        fail(FetchOutcome::Kind::LocalError,
             QStringLiteral("Cannot create the folder of %1").arg(QDir::toNativeSeparators(m_request.targetPath)));
        return;
    }
    const QFileInfo part(partPath());
    if (part.exists()) {
        if (m_request.resumable && part.size() > 0 && part.size() < m_request.sizeLimit)
            m_resumeFrom = part.size();
        else
            QFile::remove(partPath());
    }

    QNetworkRequest request(m_request.url);
    request.setHeader(QNetworkRequest::UserAgentHeader, downloadUserAgent());
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::UserVerifiedRedirectPolicy);
    request.setMaximumRedirectsAllowed(5);
    if (m_request.resumable) {
        // Byte ranges count the stored bytes, so a resumable file is fetched without a transfer
        // encoding that would change them.
        request.setRawHeader("Accept-Encoding", "identity");
        if (m_resumeFrom > 0)
            request.setRawHeader("Range", "bytes=" + QByteArray::number(m_resumeFrom) + '-');
    }
    m_reply = m_network->get(request);
    m_reply->setReadBufferSize(kReadBufferBytes);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &FileFetch::onMetaDataChanged);
    connect(m_reply, &QNetworkReply::readyRead, this, &FileFetch::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &FileFetch::onFinished);
    connect(m_reply, &QNetworkReply::redirected, this, &FileFetch::onRedirected);
    m_stallTimer.start(m_request.stallTimeoutMs);
}

void FileFetch::abort()
{
    fail(FetchOutcome::Kind::Aborted, QStringLiteral("Stopped"));
}

void FileFetch::onRedirected(const QUrl &url)
{
    const QUrl target = m_currentUrl.resolved(url);
    if (!isAllowedRedirect(m_currentUrl, target)) {
        fail(FetchOutcome::Kind::RedirectRefused,
             QStringLiteral("%1 redirects to %2, which is not https; refused").arg(m_currentUrl.toDisplayString(), target.toDisplayString()));
        return;
    }
    m_currentUrl = target;
    m_headersSeen = false;
    m_errorBody.clear();
    m_stallTimer.start(m_request.stallTimeoutMs);
    emit m_reply->redirectAllowed();
}

void FileFetch::onMetaDataChanged()
{
    if (m_done || m_headersSeen || !m_reply)
        return;
    const QVariant statusValue = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!statusValue.isValid())
        return;
    m_status = statusValue.toInt();
    if (m_status >= 300 && m_status < 400)
        return; // a redirect on its way; the next answer's headers count
    m_headersSeen = true;
    m_stallTimer.start(m_request.stallTimeoutMs);
    if (m_status != 200 && m_status != 206)
        return; // an error answer: its body is kept for the message, never written

    const QVariant lengthValue = m_reply->header(QNetworkRequest::ContentLengthHeader);
    const qint64 length = lengthValue.isValid() ? lengthValue.toLongLong() : -1;
    QIODevice::OpenMode mode = QIODevice::WriteOnly | QIODevice::Truncate;
    if (m_status == 206) {
        const QByteArray range = m_reply->rawHeader("Content-Range");
        if (m_resumeFrom == 0 || contentRangeStart(range) != m_resumeFrom) {
            // Not the bytes that follow ours: the .part cannot be trusted; start over next time.
            fail(FetchOutcome::Kind::NetworkError,
                 QStringLiteral("%1 answered the range \"%2\" to a request from byte %3")
                     .arg(m_currentUrl.toDisplayString(), QString::fromLatin1(range.left(100)))
                     .arg(m_resumeFrom),
                 true);
            return;
        }
        m_expectedTotal = length >= 0 ? m_resumeFrom + length : contentRangeTotal(range);
        mode = QIODevice::WriteOnly | QIODevice::Append;
    } else {
        m_resumeFrom = 0; // the server sent the whole file: start over
        m_expectedTotal = length;
    }
    if (m_expectedTotal > m_request.sizeLimit) {
        fail(FetchOutcome::Kind::TooLarge,
             QStringLiteral("%1 is %2 bytes, over the %3-byte limit; refused")
                 .arg(m_currentUrl.toDisplayString())
                 .arg(m_expectedTotal)
                 .arg(m_request.sizeLimit),
             true);
        return;
    }
    m_file.setFileName(partPath());
    if (!m_file.open(mode)) {
        fail(FetchOutcome::Kind::LocalError,
             QStringLiteral("Cannot write %1: %2").arg(QDir::toNativeSeparators(partPath()), m_file.errorString()));
        return;
    }
    m_writing = true;
    if (m_progress)
        m_progress(m_resumeFrom, m_expectedTotal);
}

void FileFetch::onReadyRead()
{
    if (m_done || !m_reply)
        return;
    m_stallTimer.start(m_request.stallTimeoutMs);
    if (!m_headersSeen)
        onMetaDataChanged();
    if (m_done)
        return;
    if (m_writing) {
        writeAvailable();
        return;
    }
    const QByteArray chunk = m_reply->readAll();
    if (m_errorBody.size() < kErrorBodyBytes)
        m_errorBody += chunk.left(kErrorBodyBytes - m_errorBody.size());
}

bool FileFetch::writeAvailable()
{
    const QByteArray chunk = m_reply->readAll();
    if (chunk.isEmpty())
        return true;
    if (m_resumeFrom + m_written + chunk.size() > m_request.sizeLimit) {
        fail(FetchOutcome::Kind::TooLarge,
             QStringLiteral("%1 grew past the %2-byte limit; refused").arg(m_currentUrl.toDisplayString()).arg(m_request.sizeLimit),
             true);
        return false;
    }
    if (m_file.write(chunk) != chunk.size()) {
        fail(FetchOutcome::Kind::LocalError,
             QStringLiteral("Cannot write %1: %2").arg(QDir::toNativeSeparators(partPath()), m_file.errorString()));
        return false;
    }
    m_written += chunk.size();
    if (m_progress)
        m_progress(m_resumeFrom + m_written, m_expectedTotal);
    return true;
}

void FileFetch::onFinished()
{
    if (m_done || !m_reply)
        return;
    m_stallTimer.stop();
    if (!m_headersSeen)
        onMetaDataChanged();
    if (m_done)
        return;
    if (m_writing && !writeAvailable())
        return;

    const QNetworkReply::NetworkError error = m_reply->error();
    const QString errorText = m_reply->errorString();
    FetchOutcome outcome;
    outcome.httpStatus = m_status;
    outcome.bytesReceived = m_written;
    outcome.resumed = m_status == 206;
    outcome.retryAfter = m_reply->rawHeader("Retry-After");
    m_reply->deleteLater();
    m_reply = nullptr;

    if (m_writing) {
        const bool flushed = m_file.flush();
        m_file.close();
        const qint64 have = m_resumeFrom + m_written;
        if (error != QNetworkReply::NoError || (m_expectedTotal >= 0 && have != m_expectedTotal)) {
            outcome.kind = FetchOutcome::Kind::NetworkError;
            outcome.message = QStringLiteral("%1 broke off after %2 of %3 bytes: %4")
                                  .arg(m_currentUrl.toDisplayString())
                                  .arg(have)
                                  .arg(m_expectedTotal)
                                  .arg(error != QNetworkReply::NoError ? errorText : QStringLiteral("short body"));
        } else if (!flushed) {
            outcome.kind = FetchOutcome::Kind::LocalError;
            outcome.message = QStringLiteral("Cannot write %1").arg(QDir::toNativeSeparators(partPath()));
        } else {
            QFile::remove(m_request.targetPath);
            if (!QFile::rename(partPath(), m_request.targetPath)) {
                outcome.kind = FetchOutcome::Kind::LocalError;
                outcome.message = QStringLiteral("Cannot rename %1 to its final name").arg(QDir::toNativeSeparators(partPath()));
            }
        }
    } else if (m_status >= 300) {
        outcome.kind = FetchOutcome::Kind::HttpError;
        outcome.errorBody = m_errorBody;
        outcome.message = QStringLiteral("%1 answered HTTP %2").arg(m_currentUrl.toDisplayString()).arg(m_status);
    } else {
        outcome.kind = FetchOutcome::Kind::NetworkError;
        outcome.message = QStringLiteral("%1: %2").arg(m_currentUrl.toDisplayString(), errorText);
    }
    complete(std::move(outcome));
}

void FileFetch::fail(FetchOutcome::Kind kind, const QString &message, bool removePart)
{
    if (m_done)
        return;
    m_stallTimer.stop();
    FetchOutcome outcome;
    outcome.kind = kind;
    outcome.message = message;
    outcome.httpStatus = m_status;
    outcome.bytesReceived = m_written;
    if (m_reply) {
        disconnect(m_reply, nullptr, this, nullptr);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    if (m_file.isOpen()) {
        m_file.flush();
        m_file.close();
    }
    if (removePart)
        QFile::remove(partPath());
    complete(std::move(outcome));
}

void FileFetch::complete(FetchOutcome outcome)
{
    m_done = true;
    m_stallTimer.stop();
    if (m_finished) {
        const Finished finished = std::move(m_finished);
        m_finished = nullptr;
        finished(outcome);
    }
}

} // namespace pitwall::sources
