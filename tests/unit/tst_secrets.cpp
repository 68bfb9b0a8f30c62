// Secrets: the OS keychain through QtKeychain — against a real Secret Service (GNOME
// Keyring on a private D-Bus session bus, started by this test and gone with it) — and
// the fallbacks when there is none: this session only (memory, no file), or a file only
// the user can read (0600 from creation; widened permissions narrowed again; a damaged
// file said plainly).
#include "secrets/SecretStore.h"

#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <thread>

using namespace pitwall::secrets;

namespace {

const QString kSecret = QStringLiteral("sk-test-SECRET-4b1d9c0e7a");

// Every file under `directory` whose bytes contain `needle`.
QStringList filesContaining(const QString &directory, const QByteArray &needle)
{
    QStringList found;
    QDirIterator it(directory, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            found << file.fileName();
    }
    return found;
}

} // namespace

class TestSecrets : public QObject {
    Q_OBJECT

    bool insideKeyringSession() const { return qEnvironmentVariableIsSet("PITWALL_TEST_KEYRING"); }

private slots:
    void sessionOnlyKeepsNothingOnDisk()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("secrets.json"));
        SecretStore store(QStringLiteral("PitWallTest"), path, SecretBackend::SessionOnly);
        QVERIFY(store.store(QStringLiteral("openai/api_key"), kSecret));
        QCOMPARE(store.load(QStringLiteral("openai/api_key")).value(), kSecret);
        QCOMPARE(store.load(QStringLiteral("unknown")).value(), QString());
        QVERIFY(store.remove(QStringLiteral("openai/api_key")));
        QCOMPARE(store.load(QStringLiteral("openai/api_key")).value(), QString());
        QVERIFY(!QFile::exists(path));
        QVERIFY(filesContaining(directory.path(), kSecret.toUtf8()).isEmpty());
    }

    void fileIsOwnerOnly()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("sub/secrets.json"));
        SecretStore store(QStringLiteral("PitWallTest"), path, SecretBackend::File);
        QVERIFY(store.store(QStringLiteral("kafka/api_secret"), kSecret));
        QVERIFY(store.store(QStringLiteral("aws/secret_access_key"), QStringLiteral("other")));
        QFile file(path);
        QCOMPARE(file.permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QCOMPARE(store.load(QStringLiteral("kafka/api_secret")).value(), kSecret);
        // A new store on the same file (the next run) reads it back.
        SecretStore nextRun(QStringLiteral("PitWallTest"), path, SecretBackend::File);
        QCOMPARE(nextRun.load(QStringLiteral("aws/secret_access_key")).value(), QStringLiteral("other"));
        // Widened by someone: narrowed again on the next read.
        QVERIFY(file.setPermissions(file.permissions() | QFileDevice::ReadGroup | QFileDevice::ReadOther));
        QCOMPARE(nextRun.load(QStringLiteral("kafka/api_secret")).value(), kSecret);
        QVERIFY(!(QFile(path).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));
        QVERIFY(nextRun.remove(QStringLiteral("kafka/api_secret")));
        QVERIFY(filesContaining(directory.path(), kSecret.toUtf8()).isEmpty());
        QVERIFY(!QFile::exists(path + QStringLiteral(".new")));
    }

    // Issue 22 item 17: the file is replaced in one step (rename over it), so another
    // reader never finds it missing (and so never reads "no secrets") while it is rewritten.
    void replacingTheFileNeverLeavesItMissing()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("secrets.json"));
        SecretStore writer(QStringLiteral("PitWallTest"), path, SecretBackend::File);
        QVERIFY(writer.store(QStringLiteral("openai/api_key"), kSecret));
        std::atomic<bool> done{false};
        std::atomic<int> reads{0}, missing{0};
        std::thread reader([&] {
            while (!done.load()) {
                SecretStore nextRun(QStringLiteral("PitWallTest"), path, SecretBackend::File);
                const auto value = nextRun.load(QStringLiteral("openai/api_key"));
                ++reads;
                if (!value.hasValue() || value.value().isEmpty())
                    ++missing;
            }
        });
        for (int i = 0; i < 1500; ++i)
            QVERIFY(writer.store(QStringLiteral("aws/secret_access_key"), QString::number(i)));
        done = true;
        reader.join();
        QVERIFY(reads.load() > 100);
        QCOMPARE(missing.load(), 0);
        QCOMPARE(writer.load(QStringLiteral("aws/secret_access_key")).value(), QStringLiteral("1499"));
        // No temporary file is left beside it.
        QCOMPARE(QDir(directory.path()).entryList(QDir::Files), QStringList{QStringLiteral("secrets.json")});
    }

    void damagedFileIsSaidPlainly()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("secrets.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{not json");
        file.close();
        SecretStore store(QStringLiteral("PitWallTest"), path, SecretBackend::File);
        const auto loaded = store.load(QStringLiteral("x"));
        QVERIFY(!loaded);
        QVERIFY2(loaded.error().message.contains(QLatin1String("move it away")), qPrintable(loaded.error().message));
        QVERIFY(!store.store(QStringLiteral("x"), kSecret)); // nothing overwritten blindly
        QFile check(path);
        QVERIFY(check.open(QIODevice::ReadOnly));
        QCOMPARE(check.readAll(), QByteArray("{not json"));
    }

    void noKeychainServiceIsSaid()
    {
        if (insideKeyringSession())
            QSKIP("runs in the outer process, without a Secret Service");
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/pitwall-test-bus");
        SecretStore store(QStringLiteral("PitWallTest"), QString(), SecretBackend::Keychain, 5000);
        const auto probe = store.probeKeychain();
        QVERIFY(!probe);
        QVERIFY2(probe.error().message.contains(QLatin1String("keychain")), qPrintable(probe.error().message));
        QVERIFY(!store.store(QStringLiteral("k"), kSecret));
    }

    // The real thing: this test again, inside a private D-Bus session with GNOME Keyring
    // unlocked with a throwaway password, HOME in a temporary folder.
    void keychainThroughSecretService()
    {
        if (insideKeyringSession()) {
            SecretStore store(QStringLiteral("PitWallTest"), QString(), SecretBackend::Keychain, 10000);
            const auto probe = store.probeKeychain();
            QVERIFY2(probe, qPrintable(probe ? QString() : probe.error().message));
            QVERIFY(store.store(QStringLiteral("openai/api_key"), kSecret));
            QCOMPARE(store.load(QStringLiteral("openai/api_key")).value(), kSecret);
            QVERIFY(store.remove(QStringLiteral("openai/api_key")));
            QCOMPARE(store.load(QStringLiteral("openai/api_key")).value(), QString());
            QVERIFY(store.store(QStringLiteral("kafka/api_secret"), kSecret)); // left for the outer check
            return;
        }
        const QString dbus = QStandardPaths::findExecutable(QStringLiteral("dbus-run-session"));
        const QString keyring = QStandardPaths::findExecutable(QStringLiteral("gnome-keyring-daemon"));
        QVERIFY2(!dbus.isEmpty() && !keyring.isEmpty(), "dbus-run-session or gnome-keyring-daemon missing: run packaging/install-deps.sh");
        QTemporaryDir home;
        QProcess inner;
        auto environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("PITWALL_TEST_KEYRING"), QStringLiteral("1"));
        environment.insert(QStringLiteral("HOME"), home.path());
        environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral(".local/share")));
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral(".config")));
        environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.path());
        environment.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        inner.setProcessEnvironment(environment);
        inner.setProcessChannelMode(QProcess::MergedChannels);
        inner.start(dbus, {QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"),
                           QStringLiteral("printf throwaway | \"$1\" --unlock --components=secrets >/dev/null 2>&1; "
                                          "exec \"$0\" keychainThroughSecretService"),
                           QCoreApplication::applicationFilePath(), keyring});
        QVERIFY(inner.waitForFinished(60000));
        const QString output = QString::fromUtf8(inner.readAll());
        QVERIFY2(inner.exitCode() == 0 && output.contains(QLatin1String("PASS   : TestSecrets::keychainThroughSecretService()")),
                 qPrintable(output.right(3000)));
        // The keyring keeps it encrypted: the secret's text is in no file of that home.
        QVERIFY2(filesContaining(home.path(), kSecret.toUtf8()).isEmpty(),
                 qPrintable(filesContaining(home.path(), kSecret.toUtf8()).join(QLatin1Char(' '))));
        QVERIFY(!QDir(home.filePath(QStringLiteral(".local/share/keyrings"))).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSecrets)
#include "tst_secrets.moc"
