#pragma once
// Where Pit Wall keeps secrets (API keys and secrets, tokens, the MongoDB URI): the OS
// keychain through QtKeychain (Secret Service/KWallet on Linux, Keychain on macOS,
// Credential Manager on Windows). Where no keychain service answers, the user chooses:
// this session only (memory), or a file only they can read (0600), with a warning.
// Never in the settings file, never in logs. Blocking calls: use them from a setup step,
// not from a stage.

#include "core/Expected.h"

#include <QHash>
#include <QMutex>
#include <QString>

class QSettings;

namespace pitwall::secrets {

enum class SecretBackend { Keychain, SessionOnly, File };

QString backendName(SecretBackend backend); // "keychain", "session", "file"
std::optional<SecretBackend> backendFromName(const QString &name);

class SecretStore {
public:
    // `service`: the keychain's service name; `filePath`: the 0600 file of the File backend.
    SecretStore(QString service, QString filePath, SecretBackend backend = SecretBackend::Keychain, int timeoutMs = 10'000);

    // Writes, reads back and deletes a probe entry: true when the keychain works; the
    // error says why not (no Secret Service, locked, denied).
    Expected<bool> probeKeychain();

    SecretBackend backend() const { return m_backend; }
    void setBackend(SecretBackend backend) { m_backend = backend; }
    QString filePath() const { return m_filePath; }

    Expected<bool> store(const QString &key, const QString &secret);
    // An empty string when nothing is stored under `key`.
    Expected<QString> load(const QString &key);
    Expected<bool> remove(const QString &key);

    // The saved choice (secrets/backend in the settings: the choice, never a secret).
    static SecretBackend savedBackend(QSettings &settings);
    static void saveBackend(QSettings &settings, SecretBackend backend);

private:
    Expected<bool> keychainWrite(const QString &key, const QString &secret);
    Expected<QString> keychainRead(const QString &key);
    Expected<bool> keychainDelete(const QString &key);
    Expected<QHash<QString, QString>> readFile();
    Expected<bool> writeFile(const QHash<QString, QString> &secrets);

    QString m_service;
    QString m_filePath;
    SecretBackend m_backend;
    int m_timeoutMs;
    QMutex m_mutex;
    QHash<QString, QString> m_session; // SessionOnly: memory, gone at exit
};

} // namespace pitwall::secrets
