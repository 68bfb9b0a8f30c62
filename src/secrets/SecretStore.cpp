#include "SecretStore.h"

#include "DurableFile.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QTimer>
#include <QUuid>
#include <memory>
#include <qt6keychain/keychain.h>

namespace pitwall::secrets {

namespace {

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

// Runs a QtKeychain job to its end (or the timeout) and says what went wrong, if anything.
std::optional<std::pair<QKeychain::Error, QString>> runJob(QKeychain::Job &job, int timeoutMs)
{
    job.setAutoDelete(false);
    job.setInsecureFallback(false); // its fallback is a plain settings file: never
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    bool timedOut = false;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timeout, &QTimer::timeout, &loop, [&] {
        timedOut = true;
        loop.quit();
    });
    timeout.start(timeoutMs);
    job.start();
    loop.exec();
    if (timedOut)
        return std::make_pair(QKeychain::OtherError,
                              QStringLiteral("the keychain did not answer in %1 s (locked, waiting for a password?)").arg(timeoutMs / 1000));
    if (job.error() != QKeychain::NoError)
        return std::make_pair(job.error(), job.errorString());
    return std::nullopt;
}

QString keychainMessage(QKeychain::Error error, const QString &detail)
{
    switch (error) {
    case QKeychain::NoBackendAvailable:
        return QStringLiteral("no keychain service is available (on Linux: a Secret Service such as GNOME Keyring or "
                              "KWallet, unlocked, on the session bus): %1")
            .arg(detail);
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied: return QStringLiteral("the keychain refused access: %1").arg(detail);
    default: return QStringLiteral("the keychain failed: %1").arg(detail);
    }
}

} // namespace

QString backendName(SecretBackend backend)
{
    switch (backend) {
    case SecretBackend::Keychain: return QStringLiteral("keychain");
    case SecretBackend::SessionOnly: return QStringLiteral("session");
    case SecretBackend::File: return QStringLiteral("file");
    }
    return QStringLiteral("keychain");
}

std::optional<SecretBackend> backendFromName(const QString &name)
{
    for (auto backend : {SecretBackend::Keychain, SecretBackend::SessionOnly, SecretBackend::File})
        if (backendName(backend) == name)
            return backend;
    return std::nullopt;
}

SecretStore::SecretStore(QString service, QString filePath, SecretBackend backend, int timeoutMs)
    : m_service(std::move(service))
    , m_filePath(std::move(filePath))
    , m_backend(backend)
    , m_timeoutMs(timeoutMs)
{
}

SecretBackend SecretStore::savedBackend(QSettings &settings)
{
    return backendFromName(settings.value(QStringLiteral("secrets/backend")).toString()).value_or(SecretBackend::Keychain);
}

void SecretStore::saveBackend(QSettings &settings, SecretBackend backend)
{
    settings.setValue(QStringLiteral("secrets/backend"), backendName(backend));
}

Expected<bool> SecretStore::probeKeychain()
{
    const QString key = QStringLiteral("pitwall-probe-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString value = QUuid::createUuid().toString();
    if (auto written = keychainWrite(key, value); !written)
        return written.error();
    auto read = keychainRead(key);
    (void)keychainDelete(key);
    if (!read)
        return read.error();
    if (read.value() != value)
        return Error{QStringLiteral("the keychain did not give back what was stored")};
    return true;
}

Expected<bool> SecretStore::keychainWrite(const QString &key, const QString &secret)
{
    QKeychain::WritePasswordJob job(m_service);
    job.setKey(key);
    job.setTextData(secret);
    if (auto failed = runJob(job, m_timeoutMs))
        return Error{keychainMessage(failed->first, failed->second)};
    return true;
}

Expected<QString> SecretStore::keychainRead(const QString &key)
{
    QKeychain::ReadPasswordJob job(m_service);
    job.setKey(key);
    if (auto failed = runJob(job, m_timeoutMs)) {
        if (failed->first == QKeychain::EntryNotFound)
            return QString();
        return Error{keychainMessage(failed->first, failed->second)};
    }
    return job.textData();
}

Expected<bool> SecretStore::keychainDelete(const QString &key)
{
    QKeychain::DeletePasswordJob job(m_service);
    job.setKey(key);
    if (auto failed = runJob(job, m_timeoutMs); failed && failed->first != QKeychain::EntryNotFound)
        return Error{keychainMessage(failed->first, failed->second)};
    return true;
}

Expected<QHash<QString, QString>> SecretStore::readFile()
{
    QFile file(m_filePath);
    // Opened first, its existence asked only when that fails: QFile::exists() was seen to
    // answer false while the file was being replaced (renamed over), which read as "no secrets".
    if (!file.open(QIODevice::ReadOnly)) {
        if (!QFileInfo::exists(m_filePath))
            return QHash<QString, QString>{};
        return Error{QStringLiteral("cannot read %1: %2").arg(m_filePath, file.errorString())};
    }
    // Someone widened the file's permissions: narrow them again before reading.
    if ((file.permissions() & ~(kOwnerOnly | QFileDevice::ReadUser | QFileDevice::WriteUser)) != 0 && !file.setPermissions(kOwnerOnly))
        return Error{QStringLiteral("%1 is readable by others and its permissions cannot be narrowed").arg(m_filePath)};
    QJsonParseError error;
    const auto document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return Error{QStringLiteral("%1 is not a secrets file Pit Wall wrote (%2): move it away and enter the secrets again")
                         .arg(m_filePath, error.errorString())};
    QHash<QString, QString> secrets;
    const auto object = document.object();
    for (auto it = object.begin(); it != object.end(); ++it)
        secrets.insert(it.key(), it.value().toString());
    return secrets;
}

Expected<bool> SecretStore::writeFile(const QHash<QString, QString> &secrets)
{
    QDir().mkpath(QFileInfo(m_filePath).absolutePath());
    QJsonObject object;
    for (auto it = secrets.begin(); it != secrets.end(); ++it)
        object.insert(it.key(), it.value());
    // 0600 from the start, fsynced, renamed over the old file: never missing, never half written.
    return replaceFileDurably(m_filePath, QJsonDocument(object).toJson(QJsonDocument::Compact), kOwnerOnly);
}

Expected<bool> SecretStore::store(const QString &key, const QString &secret)
{
    QMutexLocker lock(&m_mutex);
    switch (m_backend) {
    case SecretBackend::Keychain: return keychainWrite(key, secret);
    case SecretBackend::SessionOnly: m_session.insert(key, secret); return true;
    case SecretBackend::File: {
        auto secrets = readFile();
        if (!secrets)
            return secrets.error();
        secrets.value().insert(key, secret);
        return writeFile(secrets.value());
    }
    }
    return true;
}

Expected<QString> SecretStore::load(const QString &key)
{
    QMutexLocker lock(&m_mutex);
    switch (m_backend) {
    case SecretBackend::Keychain: return keychainRead(key);
    case SecretBackend::SessionOnly: return m_session.value(key);
    case SecretBackend::File: {
        auto secrets = readFile();
        if (!secrets)
            return secrets.error();
        return secrets.value().value(key);
    }
    }
    return QString();
}

Expected<bool> SecretStore::remove(const QString &key)
{
    QMutexLocker lock(&m_mutex);
    switch (m_backend) {
    case SecretBackend::Keychain: return keychainDelete(key);
    case SecretBackend::SessionOnly: m_session.remove(key); return true;
    case SecretBackend::File: {
        auto secrets = readFile();
        if (!secrets)
            return secrets.error();
        if (secrets.value().remove(key) == 0)
            return true;
        return writeFile(secrets.value());
    }
    }
    return true;
}

} // namespace pitwall::secrets
