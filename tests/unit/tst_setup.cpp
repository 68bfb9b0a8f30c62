// The setup wizard's model: each section's validation (empty = skipped), importing the
// demo's backend/config.yaml, admin/config.yaml and a librdkafka properties file, and
// saving: plain choices to the settings under the keys the app reads, secrets to the
// secret store and nowhere else.
#include "secrets/SecretStore.h"
#include "setup/DemoConfigImport.h"
#include "setup/SetupConfig.h"

#include <QDirIterator>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace pitwall;
using namespace pitwall::setup;

namespace {

QString writeFile(const QTemporaryDir &directory, const QString &name, const QByteArray &content)
{
    const QString path = directory.filePath(name);
    QFile file(path);
    file.open(QIODevice::WriteOnly);
    file.write(content);
    return path;
}

const QByteArray kBackendYaml = "kafka:\n"
                                "  bootstrap.servers: 'pkc-abc12.us-east-1.aws.confluent.cloud:9092'\n"
                                "  security.protocol: \"SASL_SSL\"\n"
                                "  sasl.mechanism: \"PLAIN\"\n"
                                "  sasl.username: 'KAFKAKEY123'\n"
                                "  sasl.password: 'kafka-secret-from-yaml'\n"
                                "  schema_registry_url: 'psrc-xyz.us-east-2.aws.confluent.cloud'\n"
                                "  schema_registry_api_key: 'SRKEY456'\n"
                                "  schema_registry_secret: '<YOUR_SCHEMA_REGISTRY_SECRET>'\n"
                                "  topics:\n"
                                "    positions: \"f1-driver-positions\"\n"
                                "    commentary: \"f1-commentary\"\n"
                                "  consumer_group: \"f1-leaderboard-consumer\"\n";

const QByteArray kAdminYaml = "cloud_api_key: CLOUDKEY789\n"
                              "cloud_api_secret: cloud-secret-from-yaml\n"
                              "environment_name: f1-leaderboard-env\n"
                              "kafka_cluster_name: f1-leaderboard-cluster\n"
                              "flink_pool_name: f1-leaderboard-flink-pool\n"
                              "cloud_provider: AWS\n"
                              "region: us-east-1\n";

SetupConfig complete()
{
    SetupConfig c;
    c.mode = SetupMode::ConfluentCloud;
    c.bootstrap = QStringLiteral("pkc-abc12.us-east-1.aws.confluent.cloud:9092");
    c.kafkaApiKey = QStringLiteral("KAFKAKEY123");
    c.kafkaApiSecret = QStringLiteral("kafka-SECRET-1");
    c.registryUrl = QStringLiteral("https://psrc-xyz.us-east-2.aws.confluent.cloud");
    c.registryApiKey = QStringLiteral("SRKEY456");
    c.registryApiSecret = QStringLiteral("registry-SECRET-2");
    c.flinkRegion = QStringLiteral("us-east-1");
    c.organizationId = QStringLiteral("1111aaaa-2222-3333-4444-555566667777");
    c.environmentId = QStringLiteral("env-abc123");
    c.computePoolId = QStringLiteral("lfcp-pool1");
    c.flinkApiKey = QStringLiteral("FLINKKEY");
    c.flinkApiSecret = QStringLiteral("flink-SECRET-3");
    c.awsRegion = QStringLiteral("us-east-1");
    c.awsAccessKeyId = QStringLiteral("AKIAIOSFODNN7EXAMPLE");
    c.awsSecretAccessKey = QStringLiteral("aws-SECRET-4");
    c.bedrockModel = QStringLiteral("us.anthropic.claude-3-5-sonnet-20240620-v1:0");
    c.requestsPerMinute = 20;
    c.openAiApiKey = QStringLiteral("sk-openai-SECRET-5");
    c.mongoUri = QStringLiteral("mongodb+srv://user:mongo-SECRET-6@cluster0.abcde.mongodb.net");
    c.mongoDatabase = QStringLiteral("reinvent");
    c.mongoCollection = QStringLiteral("commentary");
    c.mongoIndex = QStringLiteral("vector_index");
    return c;
}

const QStringList kSecrets{"kafka-SECRET-1", "registry-SECRET-2",  "flink-SECRET-3",
                           "aws-SECRET-4",   "sk-openai-SECRET-5", "mongo-SECRET-6"};

} // namespace

class TestSetup : public QObject {
    Q_OBJECT

private slots:
    void emptySectionsAreSkippedPartOnesAreProblems()
    {
        const SetupConfig empty;
        for (auto problem : {kafkaProblem, registryProblem, flinkProblem, bedrockProblem, openAiProblem, mongoProblem})
            QCOMPARE(problem(empty), QString());
        const SetupConfig full = complete();
        for (auto problem : {kafkaProblem, registryProblem, flinkProblem, bedrockProblem, openAiProblem, mongoProblem})
            QCOMPARE(problem(full), QString());

        SetupConfig c = full;
        c.kafkaApiSecret.clear();
        QVERIFY(kafkaProblem(c).contains("secret"));
        c = full;
        c.bootstrap = QStringLiteral("not a host");
        QVERIFY(kafkaProblem(c).contains("bootstrap"));
        c = full;
        c.registryUrl = QStringLiteral("psrc-xyz");
        QVERIFY(registryProblem(c).contains("URL"));
        c = full;
        c.organizationId = QStringLiteral("my-org");
        QVERIFY(flinkProblem(c).contains("UUID"));
        c = full;
        c.environmentId = QStringLiteral("abc");
        QVERIFY(flinkProblem(c).contains("env-"));
        c = full;
        c.awsRegion = QStringLiteral("Virginia");
        QVERIFY(bedrockProblem(c).contains("us-east-1"));
        c = full;
        c.awsAccessKeyId = QStringLiteral("ASIAIOSFODNN7EXAMPLE");
        QVERIFY(bedrockProblem(c).contains("session token"));
        c = full;
        c.awsAccessKeyId = QStringLiteral("nope");
        QVERIFY(bedrockProblem(c).contains("AKIA"));
        c = full;
        c.openAiChatModel = QStringLiteral("gpt-4o-mini");
        c.openAiApiKey.clear();
        QVERIFY(openAiProblem(c).contains("API key"));
        c.openAiBaseUrl = QStringLiteral("http://127.0.0.1:8000/v1"); // a compatible server needs no key
        QCOMPARE(openAiProblem(c), QString());
        c = full;
        c.mongoUri = QStringLiteral("cluster0.mongodb.net");
        QVERIFY(mongoProblem(c).contains("mongodb+srv://"));
    }

    // Issue 22 item 4: a key goes over https only (plain http only to this machine), and what
    // the user types into a host name is a region, not a host of their choosing.
    void keysTravelOnlyOverHttpsAndHostPartsAreChecked()
    {
        const SetupConfig full = complete();
        SetupConfig c = full;
        c.registryUrl = QStringLiteral("http://psrc-abc.us-east-1.aws.confluent.cloud");
        QVERIFY2(registryProblem(c).contains("https"), qPrintable(registryProblem(c)));
        c.registryUrl = QStringLiteral("http://localhost:8081");
        QCOMPARE(registryProblem(c), QString());
        c.registryUrl = QStringLiteral("https://user:pw@psrc-abc.confluent.cloud");
        QVERIFY(!registryProblem(c).isEmpty());

        c = full;
        c.openAiApiKey = QStringLiteral("sk-test");
        c.openAiBaseUrl = QStringLiteral("http://models.example.com/v1");
        QVERIFY2(openAiProblem(c).contains("https"), qPrintable(openAiProblem(c)));
        c.openAiBaseUrl = QStringLiteral("http://127.0.0.1:11434/v1");
        QCOMPARE(openAiProblem(c), QString());
        c.openAiBaseUrl = QStringLiteral("https://models.example.com/v1");
        QCOMPARE(openAiProblem(c), QString());

        c = full;
        for (const char *region : {"evil.example/x#", "us-east-1.evil.example", "us-east-1/", "US-EAST-1", "us east 1", "a@b"}) {
            c.flinkRegion = QString::fromLatin1(region);
            QVERIFY2(!flinkProblem(c).isEmpty(), region);
            QVERIFY2(c.flinkEndpoint().isEmpty(), qPrintable(c.flinkEndpoint()));
        }
        for (const char *region : {"us-east-1", "europe-west4", "eastus2", "ap-southeast-2"}) {
            c.flinkRegion = QString::fromLatin1(region);
            QVERIFY2(flinkProblem(c).isEmpty(), qPrintable(flinkProblem(c)));
            QCOMPARE(c.flinkEndpoint(), QStringLiteral("https://flink.%1.aws.confluent.cloud").arg(QLatin1String(region)));
        }
        c.flinkCloud = QStringLiteral("aws.evil.example#");
        QVERIFY(!flinkProblem(c).isEmpty());
        QVERIFY(c.flinkEndpoint().isEmpty());
        c = full;
        c.environmentId = QStringLiteral("env-abc/../../x");
        QVERIFY(flinkProblem(c).contains("env-"));
        c = full;
        c.awsRegion = QStringLiteral("evil.example/x#");
        QVERIFY(bedrockProblem(c).contains("us-east-1"));
        c = full;
        c.bedrockModel = QStringLiteral("model#@evil.example");
        QVERIFY(!bedrockProblem(c).isEmpty());
    }

    void importsTheDemosFiles()
    {
        QTemporaryDir directory;
        SetupConfig c;
        const auto backend = importDemoFile(writeFile(directory, "config.yaml", kBackendYaml), c);
        QVERIFY2(backend, qPrintable(backend ? QString() : backend.error().message));
        QCOMPARE(c.mode, SetupMode::ConfluentCloud);
        QCOMPARE(c.bootstrap, QStringLiteral("pkc-abc12.us-east-1.aws.confluent.cloud:9092"));
        QCOMPARE(c.kafkaApiKey, QStringLiteral("KAFKAKEY123"));
        QCOMPARE(c.kafkaApiSecret, QStringLiteral("kafka-secret-from-yaml"));
        QCOMPARE(c.registryUrl, QStringLiteral("https://psrc-xyz.us-east-2.aws.confluent.cloud"));
        QCOMPARE(c.registryApiKey, QStringLiteral("SRKEY456"));
        QCOMPARE(c.registryApiSecret, QString()); // a placeholder is not a secret
        QVERIFY(!backend.value().contains("Schema Registry secret"));

        const auto admin = importDemoFile(writeFile(directory, "admin.yaml", kAdminYaml), c);
        QVERIFY(admin);
        QCOMPARE(c.cloudApiKey, QStringLiteral("CLOUDKEY789"));
        QCOMPARE(c.cloudApiSecret, QStringLiteral("cloud-secret-from-yaml"));
        QCOMPARE(c.environmentName, QStringLiteral("f1-leaderboard-env"));
        QCOMPARE(c.flinkPoolName, QStringLiteral("f1-leaderboard-flink-pool"));
        QCOMPARE(c.flinkCloud, QStringLiteral("aws"));
        QCOMPARE(c.flinkRegion, QStringLiteral("us-east-1"));
        QCOMPARE(c.flinkEndpoint(), QStringLiteral("https://flink.us-east-1.aws.confluent.cloud"));

        SetupConfig fromProperties;
        const auto properties = importDemoFile(writeFile(directory, "client.properties",
                                                         "# Confluent Cloud\nbootstrap.servers=pkc-1.eu-west-1.aws.confluent.cloud:9092\nsecurity.protocol=SASL_SSL\n"
                                                         "sasl.mechanisms=PLAIN\nsasl.username=PROPKEY\nsasl.password=prop-secret\n"),
                                               fromProperties);
        QVERIFY(properties);
        QCOMPARE(fromProperties.mode, SetupMode::ConfluentCloud);
        QCOMPARE(fromProperties.kafkaApiKey, QStringLiteral("PROPKEY"));
        QCOMPARE(fromProperties.kafkaApiSecret, QStringLiteral("prop-secret"));

        SetupConfig untouched;
        const auto broken = importDemoFile(writeFile(directory, "broken.yaml", "kafka:\n  bootstrap.servers: [unclosed\n"), untouched);
        QVERIFY(!broken);
        QVERIFY2(broken.error().message.contains("not valid YAML"), qPrintable(broken.error().message));
        QVERIFY(!importDemoFile(writeFile(directory, "other.yaml", "hello: world\n"), untouched));
        QVERIFY(!importDemoFile(directory.filePath("missing.yaml"), untouched).error().message.isEmpty());
        QCOMPARE(untouched.bootstrap, QString());
    }

    // Before the wizard has saved, loading reads no secret: a keychain that is not there
    // (no Secret Service on this bus) is never asked, so nothing fails or waits.
    void firstStartReadsNoSecret()
    {
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/pitwall-test-bus");
        QTemporaryDir directory;
        QSettings settings(directory.filePath("fresh.conf"), QSettings::IniFormat);
        secrets::SecretStore keychain(QStringLiteral("PitWallTest"), QString(), secrets::SecretBackend::Keychain, 2000);
        QStringList problems;
        const auto loaded = SetupConfig::load(settings, keychain, &problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(';')));
        QCOMPARE(loaded.openAiApiKey, QString());
        // Once saved, it does read (and says what failed).
        settings.setValue("setup/done", true);
        SetupConfig::load(settings, keychain, &problems);
        QVERIFY(!problems.isEmpty());
    }

    void savesSecretsOnlyToTheStore()
    {
        QTemporaryDir directory;
        const QString settingsPath = directory.filePath("pitwall.conf");
        secrets::SecretStore store(QStringLiteral("PitWallTest"), directory.filePath("data/secrets.json"), secrets::SecretBackend::File);
        {
            QSettings settings(settingsPath, QSettings::IniFormat);
            QVERIFY(complete().save(settings, store));
        }
        QFile written(settingsPath);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QByteArray settingsText = written.readAll();
        for (const auto &secret : kSecrets)
            QVERIFY2(!settingsText.contains(secret.toUtf8()), qPrintable(secret));
        QVERIFY(!settingsText.contains("AKIAIOSFODNN7EXAMPLE")); // the key id is kept with the secrets too

        QSettings settings(settingsPath, QSettings::IniFormat);
        QCOMPARE(settings.value("ai/llm").toString(), QStringLiteral("bedrock"));
        QCOMPARE(settings.value("ai/embedder").toString(), QStringLiteral("openai"));
        QCOMPARE(settings.value("ai/vector_store").toString(), QStringLiteral("mongodb"));
        QCOMPARE(settings.value("ai/requests_per_minute").toInt(), 20);
        QVERIFY(!settings.contains("ai/openai_base_url")); // empty: the default applies
        QCOMPARE(settings.value("kafka/saslUsername").toString(), QStringLiteral("KAFKAKEY123"));

        QStringList problems;
        const auto loaded = SetupConfig::load(settings, store, &problems);
        QVERIFY(problems.isEmpty());
        QCOMPARE(loaded.kafkaApiSecret, QStringLiteral("kafka-SECRET-1"));
        QCOMPARE(loaded.mongoUri, complete().mongoUri);
        QCOMPARE(loaded.awsAccessKeyId, QStringLiteral("AKIAIOSFODNN7EXAMPLE"));
        QCOMPARE(loaded.organizationId, complete().organizationId);

        // What main() connects with: SASL_SSL/PLAIN with the key, the secret from the store.
        const auto kafka = loadKafkaSelection(settings, store).toConfig();
        QVERIFY(kafka && kafka.value().has_value());
        QCOMPARE(kafka.value()->value("security.protocol"), QStringLiteral("SASL_SSL"));
        QCOMPARE(kafka.value()->value("sasl.password"), QStringLiteral("kafka-SECRET-1"));
        QCOMPARE(kafka.value()->value("enable.ssl.certificate.verification"), QStringLiteral("true"));
        QVERIFY(!kafka.value()->describe().contains("kafka-SECRET-1"));

        // Skipping a section later removes its secret.
        SetupConfig fewer = complete();
        fewer.openAiApiKey.clear();
        QVERIFY(fewer.save(settings, store));
        QCOMPARE(store.load(secrets::keys::kOpenAiApiKey).value(), QString());
        QCOMPARE(settings.value("ai/embedder").toString(), QStringLiteral("offline"));
    }
};

QTEST_GUILESS_MAIN(TestSetup)
#include "tst_setup.moc"
