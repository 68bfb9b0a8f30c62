#include "stream/KafkaConfig.h"
#include "stream/KafkaSelection.h"
#include "stream/RdKafka.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace pitwall;

class TestKafkaConfig : public QObject {
    Q_OBJECT

private slots:
    void parsesPropertiesLines()
    {
        const auto config = KafkaConfig::fromProperties("# Confluent Cloud\n"
                                                        "bootstrap.servers = pkc-1.example:9092\n"
                                                        "\n"
                                                        "! also a comment\n"
                                                        "security.protocol=SASL_SSL\n"
                                                        "sasl.password=s3cr=t\n",
                                                        QStringLiteral("test"));
        QVERIFY(config.hasValue());
        QCOMPARE(config->bootstrap(), QStringLiteral("pkc-1.example:9092"));
        QCOMPARE(config->value(QStringLiteral("security.protocol")), QStringLiteral("SASL_SSL"));
        QCOMPARE(config->value(QStringLiteral("sasl.password")), QStringLiteral("s3cr=t")); // '=' inside the value
    }

    void describeNeverShowsSecrets()
    {
        KafkaConfig config;
        config.set(QStringLiteral("sasl.password"), QStringLiteral("hunter2"));
        config.set(QStringLiteral("ssl.key.password"), QStringLiteral("hunter3"));
        config.set(QStringLiteral("sasl.oauthbearer.client.secret"), QStringLiteral("hunter4"));
        config.set(QStringLiteral("sasl.username"), QStringLiteral("KEY123"));
        const auto text = config.describe();
        QVERIFY(!text.contains(QLatin1String("hunter")));
        QVERIFY(text.contains(QLatin1String("sasl.username=KEY123")));
        QVERIFY(text.contains(QLatin1String("sasl.password=[redacted]")));
    }

    void badLineNamesTheLineButNotItsText()
    {
        const auto config = KafkaConfig::fromProperties("a=b\nsasl.password hunter2\n", QStringLiteral("cfg"));
        QVERIFY(!config.hasValue());
        QVERIFY(config.error().message.contains(QLatin1String("line 2")));
        QVERIFY(!config.error().message.contains(QLatin1String("hunter2")));
    }

    void unknownPropertyIsRefusedByLibrdkafka()
    {
        KafkaConfig config;
        config.set(QStringLiteral("no.such.property"), QStringLiteral("1"));
        const auto conf = rdk::makeConf(config);
        QVERIFY(!conf.hasValue());
        QVERIFY(conf.error().message.contains(QLatin1String("no.such.property")));
    }

    void selectionValidatesBootstrap_data()
    {
        QTest::addColumn<QString>("bootstrap");
        QTest::addColumn<bool>("valid");
        QTest::newRow("host:port") << "localhost:9092" << true;
        QTest::newRow("list") << "a.example:9092,b.example:9093" << true;
        QTest::newRow("ipv6") << "[::1]:9092" << true;
        QTest::newRow("protocol") << "SASL_SSL://pkc.example:9092" << true;
        QTest::newRow("no port") << "localhost" << false;
        QTest::newRow("port too big") << "localhost:70000" << false;
        QTest::newRow("spaces") << "local host:9092" << false;
        QTest::newRow("empty item") << "a:1," << false;
    }

    void selectionValidatesBootstrap()
    {
        QFETCH(QString, bootstrap);
        QFETCH(bool, valid);
        const auto config = KafkaSelection{bootstrap, {}}.toConfig();
        QCOMPARE(config.hasValue(), valid);
        if (valid)
            QCOMPARE(config.value()->bootstrap(), bootstrap);
    }

    void selectionEmbeddedAndFiles()
    {
        const auto embedded = KafkaSelection{}.toConfig();
        QVERIFY(embedded.hasValue());
        QVERIFY(!embedded.value().has_value());

        QTemporaryDir dir;
        const auto path = dir.filePath(QStringLiteral("client.properties"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("bootstrap.servers=broker.example:9092\nclient.id=pitwall-test\n");
        file.close();
        const auto fromFile = KafkaSelection{{}, path}.toConfig();
        QVERIFY(fromFile.hasValue());
        QCOMPARE(fromFile.value()->bootstrap(), QStringLiteral("broker.example:9092"));
        // --bootstrap wins over the file's bootstrap.servers.
        const auto overridden = KafkaSelection{QStringLiteral("other:1"), path}.toConfig();
        QCOMPARE(overridden.value()->bootstrap(), QStringLiteral("other:1"));
        QCOMPARE(overridden.value()->value(QStringLiteral("client.id")), QStringLiteral("pitwall-test"));

        const auto missing = KafkaSelection{{}, dir.filePath(QStringLiteral("nope"))}.toConfig();
        QVERIFY(!missing.hasValue());
        QVERIFY(missing.error().message.contains(QLatin1String("cannot read")));
    }

    void selectionPersistsInSettings()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        KafkaSelection{QStringLiteral("h:1"), QStringLiteral("/x")}.save(settings);
        const auto loaded = KafkaSelection::load(settings);
        QCOMPARE(loaded.bootstrap, QStringLiteral("h:1"));
        QCOMPARE(loaded.configFile, QStringLiteral("/x"));
    }
};

QTEST_GUILESS_MAIN(TestKafkaConfig)
#include "tst_kafkaconfig.moc"
