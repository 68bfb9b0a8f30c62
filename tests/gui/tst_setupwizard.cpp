// The setup wizard offscreen: fields checked as typed, Test buttons making real calls
// (the embedded Kafka broker, and fake Schema Registry, Flink, Bedrock and OpenAI servers
// on loopback), Skip, importing the demo's config.yaml, the summary's masked secrets, and
// Finish with no keychain service: the chosen 0600 file holds the secrets, the settings
// file none of them.
#include "../support/FakeConfluentCloud.h"
#include "gui/SetupPage.h"
#include "gui/SetupWizard.h"
#include "secrets/AppSecrets.h"
#include "secrets/SecretStore.h"
#include "stream/KafkaEndpoint.h"

#include <QAbstractButton>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QTimer>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QtTest>

using namespace pitwall;
using namespace pitwall::test;

namespace {

const QString kKafkaSecret = QStringLiteral("kafka-WIZ-SECRET-1");
const QString kOpenAiKey = QStringLiteral("sk-WIZ-SECRET-2-abcdef");
const QString kAwsSecret = QStringLiteral("aws-WIZ-SECRET-3");

QStringList filesContaining(const QString &directory, const QString &needle)
{
    QStringList found;
    QDirIterator it(directory, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle.toUtf8()))
            found << file.fileName();
    }
    return found;
}

// Atlas's answers for the MongoDB page: no index until created, then one status further per listing.
struct AtlasState {
    QStringList statuses;
    QString failure;
    QJsonObject created;
    int step = 0;
    int creates = 0;
};

class FakeAtlasCommands : public setup::SearchIndexCommands {
public:
    explicit FakeAtlasCommands(std::shared_ptr<AtlasState> state)
        : m_state(std::move(state))
    {
    }
    Expected<QJsonArray> listSearchIndexes(const setup::VectorIndexSpec &) override
    {
        if (m_state->created.isEmpty())
            return QJsonArray{};
        const QString status = m_state->statuses.value(std::min(m_state->step++, int(m_state->statuses.size()) - 1));
        return QJsonArray{QJsonObject{{"name", m_state->created.value("name")},
                                      {"type", "vectorSearch"},
                                      {"status", status},
                                      {"queryable", status == QLatin1String("READY")},
                                      {"message", m_state->failure},
                                      {"latestDefinition", m_state->created.value("definition")}}};
    }
    Expected<QJsonObject> createSearchIndexes(const setup::VectorIndexSpec &spec) override
    {
        ++m_state->creates;
        m_state->created = setup::createSearchIndexesCommand(spec).value("indexes").toArray().first().toObject();
        return QJsonObject{{"ok", 1}};
    }

private:
    std::shared_ptr<AtlasState> m_state;
};

} // namespace

class TestSetupWizard : public QObject {
    Q_OBJECT

    QTemporaryDir m_home;

    template <typename T>
    T *child(QWidget &parent, const char *name)
    {
        auto *found = parent.findChild<T *>(QString::fromLatin1(name));
        if (!found)
            qFatal("no child %s", name);
        return found;
    }

    QString waitForResult(QLabel *label)
    {
        (void)QTest::qWaitFor([label] { return !label->text().isEmpty() && label->text() != SetupWizard::tr("Testing…"); }, 30000);
        return label->text();
    }

private slots:
    void initTestCase()
    {
        // Settings and data in a folder of this test; no Secret Service on the bus.
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_home.filePath("config"));
        qputenv("XDG_DATA_HOME", m_home.filePath("data").toUtf8());
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/pitwall-test-bus");
        QCoreApplication::setOrganizationName(QStringLiteral("PitWallTest"));
        QCoreApplication::setApplicationName(QStringLiteral("wizard"));
    }

    void pagesCheckAndTestWhatIsTyped()
    {
        auto endpoint = KafkaEndpoint::prepare(std::nullopt);
        QVERIFY(endpoint.hasValue());
        FakeHttpServer services([](const FakeRequest &request) {
            if (request.target == "/subjects")
                return FakeResponse::json(200, "[\"f1-driver-positions-value\",\"f1-car-metrics-value\"]");
            if (request.target == "/v1/models")
                return FakeResponse::json(request.header("Authorization") == "Bearer " + kOpenAiKey.toUtf8() ? 200 : 401,
                                          "{\"data\":[{\"id\":\"gpt-4o-mini\"},{\"id\":\"text-embedding-3-small\"}]}");
            if (request.target.startsWith("/sql/v1/"))
                return FakeResponse::json(200, "{\"data\":[]}");
            if (request.target.endsWith("/converse"))
                return FakeResponse::json(200, "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"OK\"}]}},"
                                               "\"usage\":{\"inputTokens\":9,\"outputTokens\":1}}");
            return FakeResponse::json(404, "{}");
        });

        auto store = std::make_shared<secrets::SecretStore>(QStringLiteral("PitWallTest"), secrets::appSecretsFilePath());
        SetupWizard wizard({}, store);
        wizard.resize(760, 560);
        wizard.show();
        child<QRadioButton>(wizard, "ownKafkaMode")->setChecked(true);
        wizard.next(); // Mode
        wizard.next(); // Kafka
        QCOMPARE(wizard.currentId(), int(SetupWizard::Kafka));
        auto *kafkaPage = child<SetupPage>(wizard, "kafkaPage");
        auto *bootstrap = child<QLineEdit>(wizard, "bootstrapEdit");
        bootstrap->setText(QStringLiteral("not a host"));
        QVERIFY(!kafkaPage->isComplete());
        QVERIFY(child<QLabel>(wizard, "kafkaProblem")->text().contains("bootstrap"));
        QDir().mkpath(QStringLiteral(PITWALL_TEST_OUTPUT_DIR));
        QVERIFY(wizard.grab().save(QStringLiteral(PITWALL_TEST_OUTPUT_DIR "/setup-wizard-kafka.png")));
        child<QLineEdit>(wizard, "kafkaKeyEdit")->setText(QStringLiteral("KEYONLY"));
        bootstrap->setText(endpoint.value()->bootstrap());
        QVERIFY(!kafkaPage->isComplete()); // a key without its secret
        child<QLineEdit>(wizard, "kafkaKeyEdit")->clear();
        QVERIFY(kafkaPage->isComplete());
        QCOMPARE(child<QLabel>(wizard, "kafkaProblem")->text(), QString());
        // Test: real metadata from the embedded broker.
        child<QPushButton>(wizard, "kafkaTest")->click();
        const QString kafkaResult = waitForResult(child<QLabel>(wizard, "kafkaResult"));
        QVERIFY2(kafkaResult.contains("connected: 1 broker"), qPrintable(kafkaResult));

        wizard.next(); // Schema Registry
        child<QLineEdit>(wizard, "registryUrlEdit")->setText(services.baseUrl());
        QVERIFY(!child<SetupPage>(wizard, "registryPage")->isComplete());
        child<QLineEdit>(wizard, "registryKeyEdit")->setText(QStringLiteral("SRKEY"));
        child<QLineEdit>(wizard, "registrySecretEdit")->setText(QStringLiteral("sr-secret"));
        child<QPushButton>(wizard, "registryTest")->click();
        QVERIFY2(waitForResult(child<QLabel>(wizard, "registryResult")).contains("2 subject"),
                 qPrintable(child<QLabel>(wizard, "registryResult")->text()));

        wizard.next(); // own Kafka: no Flink page
        QCOMPARE(wizard.currentId(), int(SetupWizard::Bedrock));
        child<QLineEdit>(wizard, "awsRegionEdit")->setText(QStringLiteral("us-east-1"));
        child<QLineEdit>(wizard, "awsKeyIdEdit")->setText(QStringLiteral("AKIAIOSFODNN7EXAMPLE"));
        QVERIFY(!child<SetupPage>(wizard, "bedrockPage")->isComplete());
        child<QLineEdit>(wizard, "awsSecretEdit")->setText(kAwsSecret);
        child<QLineEdit>(wizard, "bedrockModelEdit")->setText(QStringLiteral("anthropic.claude-3-haiku-20240307-v1:0"));
        QVERIFY(child<SetupPage>(wizard, "bedrockPage")->isComplete());
        QCOMPARE(child<QLineEdit>(wizard, "awsSecretEdit")->echoMode(), QLineEdit::Password);

        wizard.next(); // OpenAI: typed, then skipped
        child<QLineEdit>(wizard, "openAiKeyEdit")->setText(QStringLiteral("sk-to-be-skipped"));
        wizard.button(QWizard::CustomButton1)->click();
        QCOMPARE(wizard.currentId(), int(SetupWizard::Mongo));
        QCOMPARE(child<QLineEdit>(wizard, "openAiKeyEdit")->text(), QString());
        wizard.back();
        child<QLineEdit>(wizard, "openAiKeyEdit")->setText(kOpenAiKey);
        child<QLineEdit>(wizard, "openAiBaseEdit")->setText(services.baseUrl() + QStringLiteral("/v1"));
        child<QPushButton>(wizard, "openAiTest")->click();
        QVERIFY2(waitForResult(child<QLabel>(wizard, "openAiResult")).contains("2 model"),
                 qPrintable(child<QLabel>(wizard, "openAiResult")->text()));
        wizard.next(); // MongoDB: nothing listens there
        child<QLineEdit>(wizard, "mongoUriEdit")->setText(QStringLiteral("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=500"));
        QVERIFY(!child<SetupPage>(wizard, "mongoPage")->isComplete());
        child<QLineEdit>(wizard, "mongoDatabaseEdit")->setText(QStringLiteral("reinvent"));
        child<QLineEdit>(wizard, "mongoCollectionEdit")->setText(QStringLiteral("commentary"));
        child<QLineEdit>(wizard, "mongoIndexEdit")->setText(QStringLiteral("vector_index"));
        child<QPushButton>(wizard, "mongoTest")->click();
        QVERIFY2(waitForResult(child<QLabel>(wizard, "mongoResult")).contains("ping"),
                 qPrintable(child<QLabel>(wizard, "mongoResult")->text()));
        child<QLineEdit>(wizard, "mongoUriEdit")->clear(); // then left out
        for (auto *edit : {"mongoDatabaseEdit", "mongoCollectionEdit", "mongoIndexEdit"})
            child<QLineEdit>(wizard, edit)->clear();

        wizard.next(); // Test connections
        QCOMPARE(wizard.currentId(), int(SetupWizard::Tests));
        child<QPushButton>(wizard, "testAllButton")->click();
        auto *results = child<QTreeWidget>(wizard, "testResults");
        QCOMPARE(results->topLevelItemCount(), 6);
        QVERIFY(QTest::qWaitFor(
            [results] {
                for (int i = 0; i < results->topLevelItemCount(); ++i)
                    if (results->topLevelItem(i)->text(1) == SetupWizard::tr("testing…"))
                        return false;
                return true;
            },
            30000));
        QVERIFY(results->topLevelItem(0)->text(1).startsWith(QStringLiteral("✔"))); // Kafka
        QVERIFY(results->topLevelItem(5)->text(1).contains("skipped"));             // MongoDB
        QVERIFY(wizard.grab().save(QStringLiteral(PITWALL_TEST_OUTPUT_DIR "/setup-wizard-tests.png")));

        wizard.next(); // Summary: no keychain here, so the fallback choice shows
        QCOMPARE(wizard.currentId(), int(SetupWizard::Summary));
        QVERIFY(!wizard.keychainAvailable());
        QVERIFY(child<QLabel>(wizard, "keychainStatus")->text().contains("keychain"));
        QVERIFY(child<QRadioButton>(wizard, "fileChoice")->isVisible());
        const QString summary = child<QTextBrowser>(wizard, "summaryText")->toPlainText();
        QVERIFY(!summary.contains(kAwsSecret));
        QVERIFY(!summary.contains(kOpenAiKey));
        QVERIFY(summary.contains(QString(8, QChar(0x2022))));
        QVERIFY(summary.contains("AKIAIOSFODNN7EXAMPLE"));
        QTest::qWait(50); // the page lays out the fallback choice it just showed
        QVERIFY(wizard.grab().save(QStringLiteral(PITWALL_TEST_OUTPUT_DIR "/setup-wizard-summary.png")));
        child<QRadioButton>(wizard, "fileChoice")->setChecked(true);
        QSignalSpy saved(&wizard, &SetupWizard::saved);
        wizard.accept();
        QCOMPARE(saved.count(), 1);

        // The secrets are in the 0600 file and nowhere else.
        QFile secretsFile(secrets::appSecretsFilePath());
        QVERIFY(secretsFile.exists());
        QCOMPARE(secretsFile.permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        for (const auto &secret : {kAwsSecret, kOpenAiKey, QStringLiteral("sr-secret")})
            QCOMPARE(filesContaining(m_home.path(), secret), QStringList{secretsFile.fileName()});
        QSettings settings;
        QCOMPARE(settings.value("secrets/backend").toString(), QStringLiteral("file"));
        QCOMPARE(settings.value("ai/llm").toString(), QStringLiteral("bedrock"));
        QCOMPARE(settings.value("kafka/bootstrap").toString(), endpoint.value()->bootstrap());
        QCOMPARE(settings.value("registry/api_key").toString(), QStringLiteral("SRKEY"));
        QVERIFY(settings.value("setup/done").toBool());

        // Opened again, it shows what was saved (secrets read back from the file).
        auto again = std::make_shared<secrets::SecretStore>(QStringLiteral("PitWallTest"), secrets::appSecretsFilePath(),
                                                            secrets::SecretStore::savedBackend(settings));
        SetupWizard second(setup::SetupConfig::load(settings, *again), again);
        QCOMPARE(child<QLineEdit>(second, "openAiKeyEdit")->text(), kOpenAiKey);
        QVERIFY(child<QRadioButton>(second, "ownKafkaMode")->isChecked());
    }

    // Provisioning from the Mode page: the pages fill with what was made, the ids are
    // remembered at once, and "Remove what Pit Wall created" deletes exactly that.
    void provisionsAndTearsDown()
    {
        FakeCloud cloud;
        FakeHttpServer server([&cloud](const FakeRequest &request) { return cloud.handle(request); });
        QSettings settings;
        settings.setValue("cloud/api_base", server.baseUrl());
        auto store = std::make_shared<secrets::SecretStore>(QStringLiteral("PitWallTest"), QString(), secrets::SecretBackend::SessionOnly);
        SetupWizard wizard({}, store);
        wizard.show();
        child<QRadioButton>(wizard, "confluentMode")->setChecked(true);
        wizard.next();
        child<QLineEdit>(wizard, "cloudKeyEdit")->setText(QStringLiteral("CLOUDKEY"));
        child<QLineEdit>(wizard, "cloudSecretEdit")->setText(QStringLiteral("cloud-secret-42"));
        child<QPushButton>(wizard, "provisionButton")->click();
        auto *status = child<QLabel>(wizard, "provisionStatus");
        QVERIFY(QTest::qWaitFor(
            [status] { return status->text().startsWith(SetupWizard::tr("Ready")) || status->styleSheet().contains("e0533d"); }, 30000));
        QVERIFY2(status->text().startsWith(SetupWizard::tr("Ready")), qPrintable(status->text()));
        QCOMPARE(child<QLineEdit>(wizard, "bootstrapEdit")->text(), QStringLiteral("pkc-1.us-east-1.aws.confluent.cloud:9092"));
        QCOMPARE(child<QLineEdit>(wizard, "kafkaSecretEdit")->text(), QStringLiteral("secret-1"));
        QCOMPARE(child<QLineEdit>(wizard, "environmentEdit")->text(), QStringLiteral("env-1"));
        QCOMPARE(child<QLineEdit>(wizard, "flinkKeyEdit")->text(), QStringLiteral("KEY3"));
        QVERIFY(child<SetupPage>(wizard, "flinkPage")->isComplete());
        QVERIFY(child<QPushButton>(wizard, "teardownButton")->isEnabled());
        settings.sync();
        QCOMPARE(settings.value("cloud/provisioned/cluster").toString(), QStringLiteral("lkc-1"));

        cloud.log.clear();
        QTimer::singleShot(200, this, [] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget()))
                box->button(QMessageBox::Yes)->click();
        });
        child<QPushButton>(wizard, "teardownButton")->click();
        QVERIFY(QTest::qWaitFor([status] { return status->text() == SetupWizard::tr("Removed what Pit Wall had created."); }, 30000));
        QCOMPARE(cloud.log.size(), 7);
        QCOMPARE(cloud.log.last(), QStringLiteral("DELETE /org/v2/environments/env-1"));
        settings.sync();
        QVERIFY(!settings.contains("cloud/provisioned/cluster"));
        settings.remove("cloud/api_base");
    }

    // The MongoDB page: Check finds no index, Create makes it and waits with progress until
    // Atlas says READY; a FAILED build is said in red with Atlas's reason. Off the GUI thread.
    void theMongoPageCreatesTheVectorIndex_data()
    {
        QTest::addColumn<QStringList>("statuses");
        QTest::addColumn<QString>("expected");
        QTest::newRow("ready") << QStringList{"PENDING", "BUILDING", "BUILDING", "READY"} << QStringLiteral("ready and queryable");
        QTest::newRow("failed") << QStringList{"PENDING", "FAILED"}
                                << QStringLiteral("could not build the index vector_index: disk full");
    }

    void theMongoPageCreatesTheVectorIndex()
    {
        QFETCH(QStringList, statuses);
        QFETCH(QString, expected);
        auto atlas = std::make_shared<AtlasState>();
        atlas->statuses = statuses;
        atlas->failure = QStringLiteral("disk full");
        auto store = std::make_shared<secrets::SecretStore>(QStringLiteral("PitWallTest"), secrets::appSecretsFilePath());
        SetupWizard wizard({}, store);
        wizard.setSearchIndexCommands([atlas](const QString &) { return std::make_unique<FakeAtlasCommands>(atlas); });
        wizard.setVectorIndexPolling(20, 10000);
        child<QLineEdit>(wizard, "mongoUriEdit")->setText(QStringLiteral("mongodb+srv://racer:pw@cluster0.abcd.mongodb.net"));
        child<QLineEdit>(wizard, "mongoDatabaseEdit")->setText(QStringLiteral("reinvent"));
        child<QLineEdit>(wizard, "mongoCollectionEdit")->setText(QStringLiteral("commentary"));
        child<QLineEdit>(wizard, "mongoIndexEdit")->setText(QStringLiteral("vector_index"));
        auto *result = child<QLabel>(wizard, "mongoIndexResult");
        auto *create = child<QPushButton>(wizard, "mongoIndexCreate");
        QVERIFY(!create->isEnabled());
        child<QPushButton>(wizard, "mongoIndexCheck")->click();
        QTRY_VERIFY_WITH_TIMEOUT(result->text().contains("no index vector_index"), 10000);
        QVERIFY(result->text().contains("384 dimensions, cosine, filter race_id")); // no OpenAI: the offline embedder's
        QVERIFY(create->isEnabled());
        create->click();
        QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(expected), 10000);
        QCOMPARE(atlas->creates, 1);
        const bool ok = expected.contains("ready");
        QCOMPARE(result->styleSheet().contains("e0533d"), !ok);
        if (ok)
            QCOMPARE(child<QProgressBar>(wizard, "mongoIndexProgress")->value(), 3);
        QVERIFY(child<QPushButton>(wizard, "mongoIndexCheck")->isEnabled());
    }

    void importsTheDemoConfig()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath("config.yaml");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("kafka:\n  bootstrap.servers: 'pkc-9.us-west-2.aws.confluent.cloud:9092'\n  sasl.username: 'K9'\n"
                   "  sasl.password: '" +
                   kKafkaSecret.toUtf8() + "'\n  schema_registry_url: 'https://psrc-9.us-west-2.aws.confluent.cloud'\n");
        file.close();
        auto store = std::make_shared<secrets::SecretStore>(QStringLiteral("PitWallTest"), QString(), secrets::SecretBackend::SessionOnly);
        SetupWizard wizard({}, store);
        const QString said = wizard.importFile(path);
        QVERIFY2(said.startsWith(SetupWizard::tr("Imported")), qPrintable(said));
        QVERIFY(child<QRadioButton>(wizard, "confluentMode")->isChecked());
        QCOMPARE(child<QLineEdit>(wizard, "bootstrapEdit")->text(), QStringLiteral("pkc-9.us-west-2.aws.confluent.cloud:9092"));
        QCOMPARE(child<QLineEdit>(wizard, "kafkaSecretEdit")->text(), kKafkaSecret);
        QVERIFY(!child<QLabel>(wizard, "importResult")->text().contains(kKafkaSecret));
        // Confluent Cloud mode offers provisioning with a Cloud API key.
        wizard.resize(760, 560);
        wizard.show();
        wizard.next();
        QCOMPARE(wizard.currentId(), int(SetupWizard::Mode));
        QVERIFY(child<QWidget>(wizard, "provisionGroup")->isVisible());
        QCOMPARE(child<QLineEdit>(wizard, "cloudSecretEdit")->echoMode(), QLineEdit::Password);
        QTest::qWait(50);
        QVERIFY(wizard.grab().save(QStringLiteral(PITWALL_TEST_OUTPUT_DIR "/setup-wizard-mode.png")));
        child<QRadioButton>(wizard, "localMode")->setChecked(true);
        QVERIFY(!child<QWidget>(wizard, "provisionGroup")->isVisible());
        QVERIFY(wizard.importFile(directory.filePath("nothing.yaml")).contains("Cannot read"));
    }
};

QTEST_MAIN(TestSetupWizard)
#include "tst_setupwizard.moc"
