// Cloud mode's Schema Registry framing end to end on the embedded broker: preparing a
// cluster with a registry registers every topic's schema (idempotently) against a fake
// registry; producers made from the endpoint write the wire format (another client sees
// magic byte and schema id), consumers made from it read the app's JSON back; a registry
// that refuses the key stops the preparation with its reason and no secret.
#include "../support/FakeSchemaRegistry.h"
#include "cloud/CloudTables.h"
#include "core/JsonCodec.h"
#include "core/Topics.h"
#include "registry/TopicFraming.h"
#include "registry/WireFormat.h"
#include "stream/KafkaConsumer.h"
#include "stream/KafkaEndpoint.h"
#include "stream/KafkaProducer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QElapsedTimer>
#include <QTest>
#include <QtConcurrent>

using namespace pitwall;
using namespace pitwall::codec;
using namespace pitwall::test;

namespace {

registry::RegistrySettings registryAt(const FakeHttpServer &server, const QString &secret = QStringLiteral("sr-secret-55"))
{
    registry::RegistrySettings settings;
    settings.url = server.baseUrl();
    settings.apiKey = QStringLiteral("SRKEY");
    settings.apiSecret = secret;
    settings.retryForMs = 1500;
    settings.firstBackoffMs = 100;
    return settings;
}

// Every value read from `topic` from the beginning, until `count` arrived.
QList<QByteArray> readValues(const KafkaConfig &config, const char *topic, int count)
{
    auto consumer = KafkaConsumer::create(config, {QString::fromLatin1(topic)}, KafkaConsumer::StartAt::Beginning, 5000);
    if (!consumer)
        return {};
    QMutex mutex;
    QList<QByteArray> values;
    consumer.value()->start([&](std::vector<KafkaRecord> &&batch) {
        QMutexLocker lock(&mutex);
        for (auto &record : batch)
            values << record.value;
    });
    // A timeout is not an error here: the caller compares what arrived with what it sent.
    (void)QTest::qWaitFor(
        [&] {
            QMutexLocker lock(&mutex);
            return values.size() >= count;
        },
        15000);
    consumer.value()->stop();
    return values;
}

} // namespace

class TestCloudFraming : public QObject {
    Q_OBJECT

private slots:
    void producersFrameAndConsumersUnframe()
    {
        FakeRegistry fake;
        FakeHttpServer server([&fake](const FakeRequest &request) { return fake.handle(request); });
        auto embedded = KafkaEndpoint::prepare(std::nullopt);
        QVERIFY(embedded.hasValue());
        KafkaConfig external = embedded.value()->clientConfig();
        external.setRegistry(registryAt(server));
        auto endpoint = KafkaEndpoint::prepare(external, cloud::registrySchemas());
        QVERIFY2(endpoint.hasValue(), qPrintable(endpoint ? QString() : endpoint.error().message));
        const auto framing = endpoint.value()->clientConfig().framing();
        QVERIFY(framing);
        QCOMPARE(fake.posts, int(cloud::registrySchemas().size()));
        QVERIFY(framing->covers(topics::kCarMetrics));
        QVERIFY(!framing->covers(topics::kDeadLetters));

        // Preparing again: the same ids (the registry keeps one per schema).
        auto again = registry::registerTopicSchemas(registryAt(server), cloud::registrySchemas());
        QVERIFY(again.hasValue());
        QCOMPARE(again.value()->idOf(QStringLiteral("f1-car-metrics")), framing->idOf(QStringLiteral("f1-car-metrics")));

        auto producer = KafkaProducer::create(endpoint.value()->clientConfig());
        QVERIFY(producer.hasValue());
        const CarMetrics metrics{QStringLiteral("McLaren"), 1733000000123, 102.5};
        QVERIFY(producer.value()->produce(topics::kCarMetrics, "McLaren", encode(metrics)));
        QVERIFY(producer.value()->flush(5000));
        QCOMPARE(producer.value()->stats().failed, 0u);

        // Another client (no framing) sees the wire format: magic byte, the id, Avro.
        const auto raw = readValues(embedded.value()->clientConfig(), topics::kCarMetrics, 1);
        QCOMPARE(raw.size(), 1);
        QCOMPARE(raw.first().at(0), '\0');
        QCOMPARE(registry::unframe(raw.first())->schemaId, framing->idOf(QStringLiteral("f1-car-metrics")));
        QVERIFY(!raw.first().contains("engine_temperature")); // binary Avro, not JSON

        // A consumer made from the endpoint reads the app's JSON back.
        const auto json = readValues(endpoint.value()->clientConfig(), topics::kCarMetrics, 1);
        QCOMPARE(json.size(), 1);
        QCOMPARE(decodeCarMetrics(json.first()).value(), metrics);

        // Flink writes its tables with the schema it derived, under another id: read with
        // that schema, fetched once from the registry (on the consumer's own thread).
        const QString flinkSchema = QStringLiteral(
            "{\"type\":\"object\",\"title\":\"flink-derived\",\"properties\":{\"message\":{\"type\":\"string\"}}}");
        fake.byId.insert(200001, QJsonObject{{"schema", flinkSchema}, {"schemaType", "JSON"}});
        auto plain = KafkaProducer::create(embedded.value()->clientConfig());
        QVERIFY(plain.hasValue());
        const Commentary line{QStringLiteral("c-9"),
                              QStringLiteral("Purple sector for Piastri"),
                              1733000009000,
                              CommentaryType::Highlight,
                              QString(),
                              {},
                              QString()};
        QVERIFY(plain.value()->produce(topics::kCommentary, "c-9", registry::frame(200001, encode(line))));
        QVERIFY(plain.value()->produce(topics::kCommentary, "c-10", registry::frame(200001, encode(line))));
        QVERIFY(plain.value()->flush(5000));
        const auto lines = readValues(endpoint.value()->clientConfig(), topics::kCommentary, 2);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(decodeCommentary(lines.first()).value(), line);
        QCOMPARE(fake.lookups, 1);

        // A message that does not fit its schema is refused and counted, never sent half-made.
        QVERIFY(!producer.value()->produce(topics::kCarMetrics, "x", "{\"team_name\":\"Ferrari\"}"));
        QCOMPARE(producer.value()->stats().failed, 1u);
        QVERIFY(producer.value()->stats().lastError.contains(QLatin1String("f1-car-metrics")));
    }

    void aRefusedRegistryKeyStopsThePreparation()
    {
        FakeRegistry fake;
        FakeHttpServer server([&fake](const FakeRequest &request) { return fake.handle(request); });
        auto embedded = KafkaEndpoint::prepare(std::nullopt);
        QVERIFY(embedded.hasValue());
        KafkaConfig external = embedded.value()->clientConfig();
        external.setRegistry(registryAt(server, QStringLiteral("wrong-sr-secret-66")));
        auto endpoint = KafkaEndpoint::prepare(external, cloud::registrySchemas());
        QVERIFY(!endpoint.hasValue());
        QVERIFY2(endpoint.error().message.contains(QLatin1String("Schema Registry")), qPrintable(endpoint.error().message));
        QVERIFY(!endpoint.error().message.contains(QLatin1String("wrong-sr-secret-66")));
    }
    // Issue 22 item 7: an id Pit Wall did not register is fetched on the framing's own thread;
    // a consumer waiting for a slow answer holds no lock another consumer needs.
    void anUnknownIdDoesNotStallOtherConsumers()
    {
        FakeRegistry registry;
        const QString jsonSchema = QStringLiteral(R"({"type":"object","properties":{"a":{"type":"number"}}})");
        registry.byId.insert(501, QJsonObject{{"schema", jsonSchema}, {"schemaType", "JSON"}});
        registry.byId.insert(502, QJsonObject{{"schema", jsonSchema}, {"schemaType", "JSON"}});
        FakeHttpServer server([&registry](const FakeRequest &request) {
            auto response = registry.handle(request);
            if (request.target.endsWith("/501"))
                response.delayMs = 2000; // a slow registry for this id only
            return response;
        });
        registry::TopicFraming framing;
        framing.setResolver(registryAt(server), {5000, 30000});
        QElapsedTimer clock;
        clock.start();
        auto slow = QtConcurrent::run([&] { return framing.fromWire(registry::frame(501, R"({"a":1})")); });
        QTest::qWait(200); // the slow lookup is under way
        auto quick = QtConcurrent::run([&] {
            QElapsedTimer own;
            own.start();
            const bool decoded = framing.fromWire(registry::frame(502, R"({"a":2})")).hasValue();
            return decoded ? own.elapsed() : -1;
        });
        QTRY_VERIFY_WITH_TIMEOUT(quick.isFinished(), 10000);
        const qint64 quickMs = quick.result();
        QVERIFY2(quickMs >= 0 && quickMs < 1500, qPrintable(QStringLiteral("the other consumer waited %1 ms").arg(quickMs)));
        QTRY_VERIFY_WITH_TIMEOUT(slow.isFinished(), 10000);
        QCOMPARE(slow.result().value(), QByteArray(R"({"a":1})"));
        QVERIFY(clock.elapsed() >= 1900);
        // Both cached: no more lookups.
        const int lookups = registry.lookups;
        QVERIFY(framing.fromWire(registry::frame(501, R"({"a":3})")).hasValue());
        QCOMPARE(registry.lookups, lookups);
    }

    // A failed lookup (a blip) is refused for a while, then asked again: not for the whole session.
    void aFailedLookupIsRetriedAfterItsRefusalExpires()
    {
        FakeRegistry registry;
        bool down = true;
        FakeHttpServer server([&](const FakeRequest &request) {
            if (down)
                return FakeResponse::json(503, "{\"error_code\":50301,\"message\":\"unavailable\"}");
            return registry.handle(request);
        });
        registry.byId.insert(601, QJsonObject{{"schema", QStringLiteral(R"({"type":"object"})")}, {"schemaType", "JSON"}});
        registry::TopicFraming framing;
        framing.setResolver(registryAt(server), {5000, 400});
        auto read = [&] { return QtConcurrent::run([&] { return framing.fromWire(registry::frame(601, R"({"b":1})")); }); };
        auto first = read();
        QTRY_VERIFY_WITH_TIMEOUT(first.isFinished(), 10000);
        QVERIFY(!first.result().hasValue());
        QVERIFY2(first.result().error().message.contains(QLatin1String("schema id 601")), qPrintable(first.result().error().message));
        down = false;
        auto refused = read(); // within the refusal's time: not asked again
        QTRY_VERIFY_WITH_TIMEOUT(refused.isFinished(), 10000);
        QVERIFY(!refused.result().hasValue());
        QCOMPARE(registry.lookups, 0);
        QTest::qWait(500);
        auto again = read();
        QTRY_VERIFY_WITH_TIMEOUT(again.isFinished(), 10000);
        QVERIFY2(again.result().hasValue(), qPrintable(again.result().hasValue() ? QString() : again.result().error().message));
        QCOMPARE(registry.lookups, 1);
    }
};

QTEST_GUILESS_MAIN(TestCloudFraming)
#include "tst_cloudframing.moc"
