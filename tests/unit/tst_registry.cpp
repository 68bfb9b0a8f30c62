// Schema Registry wire format and serdes: the demo's Avro records and the commentary's JSON
// Schema, byte for byte against the encoding derived by hand from the Avro spec and the
// wire format (../shared/spec 5.1, 5.4); and the registry client against a fake
// registry: register (idempotent), lookup, 409, 422, 401 while a new key propagates, 401
// for good, and no secret in any message.
#include "../support/FakeHttpServer.h"
#include "cloud/CloudTables.h"
#include "core/JsonCodec.h"
#include "core/Topics.h"
#include "registry/AvroCodec.h"
#include "registry/DemoSchemas.h"
#include "registry/JsonSchemaCodec.h"
#include "registry/SchemaRegistryClient.h"
#include "registry/TopicFraming.h"
#include "registry/WireFormat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace pitwall;
using namespace pitwall::registry;
using namespace pitwall::codec;
using namespace pitwall::test;

namespace {

// A LeaderboardUpdate framed with schema id 100001 (0x000186A1), by hand:
const QByteArray kLeaderboardFrame = QByteArray::fromHex("00"       // magic byte
                                                         "000186a1" // schema id 100001, big-endian
                                                         "1c"       // driver_name: length 14 (zig-zag varint 28)
                                                         "4d6178205665727374617070656e" // "Max Verstappen"
                                                         "02"                           // position 1 (zig-zag 2)
                                                         "80a0abfef962" // timestamp 1700000000000 (zig-zag varint)
                                                         "02"
                                                         "0c"
                                                         "726163652d31" // race_id: union branch 1 (string), length 6, "race-1"
                                                         "00"           // team_name: union branch 0 (null)
                                                         "02"
                                                         "0000000000f87140"); // speed: union branch 1 (double), 287.5 little-endian IEEE 754

const QJsonObject kLeaderboardRecord{{"driver_name", "Max Verstappen"}, {"position", 1},
                                     {"timestamp", 1700000000000.0},    {"race_id", "race-1"},
                                     {"team_name", QJsonValue()},       {"speed", 287.5}};

template <typename Wait>
void spin(Wait &&done)
{
    (void)QTest::qWaitFor(done, 20000);
}

} // namespace

class TestRegistry : public QObject {
    Q_OBJECT

private slots:
    // Made from the record descriptions (core/RecordFields.h): still the demo's text, byte for byte.
    void demoSchemasAreTheDemosText()
    {
        QCOMPARE(leaderboardUpdateSchema(),
                 QStringLiteral(R"({"type":"record","name":"LeaderboardUpdate","namespace":"com.f1leaderboard","fields":[)"
                                R"({"name":"driver_name","type":"string"},{"name":"position","type":"int"},)"
                                R"({"name":"timestamp","type":"long","logicalType":"timestamp-millis"},)"
                                R"({"name":"race_id","type":["null","string"]},{"name":"team_name","type":["null","string"]},)"
                                R"({"name":"speed","type":["null","double"]}]})"));
        QCOMPARE(carMetricsSchema(), QStringLiteral(R"({"type":"record","name":"CarMetrics","namespace":"com.f1leaderboard","fields":[)"
                                                    R"({"name":"team_name","type":"string"},)"
                                                    R"({"name":"timestamp","type":"long","logicalType":"timestamp-millis"},)"
                                                    R"({"name":"engine_temperature","type":"double"}]})"));
    }

    void wireFormatFramesAndRefuses()
    {
        QCOMPARE(frame(100001, "x"), QByteArray::fromHex("00000186a178"));
        const auto framed = unframe(QByteArray::fromHex("00000186a178"));
        QVERIFY(framed);
        QCOMPARE(framed->schemaId, 100001);
        QCOMPARE(framed->payload, QByteArray("x"));
        QVERIFY(unframe(QByteArray::fromHex("00000186")).error().message.contains("at least 5 bytes"));
        QVERIFY(unframe(QByteArray::fromHex("01000186a178")).error().message.contains("magic byte 0x01"));
        QVERIFY(unframe(QByteArray::fromHex("00ffffffff78")).error().message.contains("negative"));
        QVERIFY(unframe("{\"plain\":\"json\"}").error().message.contains("magic byte 0x7b"));
    }

    void avroLeaderboardUpdateByteForByte()
    {
        auto codec = AvroCodec::fromSchema(leaderboardUpdateSchema());
        QVERIFY2(codec, qPrintable(codec ? QString() : codec.error().message));
        const auto payload = codec.value()->encode(kLeaderboardRecord);
        QVERIFY2(payload, qPrintable(payload ? QString() : payload.error().message));
        QCOMPARE(frame(100001, payload.value()).toHex(), kLeaderboardFrame.toHex());

        const auto framed = unframe(kLeaderboardFrame);
        QVERIFY(framed);
        const auto decoded = codec.value()->decode(framed->payload);
        QVERIFY2(decoded, qPrintable(decoded ? QString() : decoded.error().message));
        QCOMPARE(decoded.value(), kLeaderboardRecord);
        // A missing nullable field is null; a missing required one is an error.
        QJsonObject partial = kLeaderboardRecord;
        partial.remove("team_name");
        QCOMPARE(codec.value()->encode(partial).value(), payload.value());
        partial.remove("driver_name");
        QVERIFY(codec.value()->encode(partial).error().message.contains("driver_name"));
    }

    void avroCarMetricsByteForByte()
    {
        auto codec = AvroCodec::fromSchema(carMetricsSchema());
        QVERIFY(codec);
        const QJsonObject record{{"team_name", "Ferrari"}, {"timestamp", 1700000000000.0}, {"engine_temperature", 131.25}};
        const QByteArray expected = QByteArray::fromHex("0e"
                                                        "46657272617269"     // "Ferrari", length 7
                                                        "80a0abfef962"       // timestamp
                                                        "0000000000686040"); // 131.25 little-endian
        QCOMPARE(codec.value()->encode(record).value().toHex(), expected.toHex());
        QCOMPARE(codec.value()->decode(expected).value(), record);
    }

    void avroRefusesBadInput()
    {
        auto codec = AvroCodec::fromSchema(leaderboardUpdateSchema()).value();
        QJsonObject record = kLeaderboardRecord;
        record.insert("position", "first");
        QVERIFY(codec->encode(record).error().message.contains("position"));
        record = kLeaderboardRecord;
        record.insert("position", 1.5);
        QVERIFY(!codec->encode(record));
        record = kLeaderboardRecord;
        record.insert("pit_stops", 2);
        QVERIFY(codec->encode(record).error().message.contains("pit_stops"));
        // Truncated, and with bytes left over: both refused, nothing crashes.
        const QByteArray payload = kLeaderboardFrame.mid(5);
        QVERIFY(!codec->decode(payload.left(payload.size() - 3)));
        QVERIFY(codec->decode(payload + QByteArray("\x00\x00", 2)).error().message.contains("left over"));
        QVERIFY(!codec->decode(QByteArray::fromHex("ffffffffffffffffffff01")));
        QVERIFY(!AvroCodec::fromSchema("{\"type\":\"record\""));
        QVERIFY(AvroCodec::fromSchema("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":{\"type\":\"array\",\"items\":\"int\"}}]}")
                    .error()
                    .message.contains("'a'"));
    }

    // Found by tests/fuzz/fuzz_registry: avro-c allocates a string's declared length before
    // reading it and leaks it when the payload ends inside the string. Such payloads are
    // refused before avro-c sees them: a string cut short, one declaring ~1 GB in 6 bytes,
    // a union branch the schema does not have.
    void avroStringLengthsAreCheckedFirst()
    {
        auto codec = AvroCodec::fromSchema(leaderboardUpdateSchema()).value();
        for (const QByteArray &payload :
             {QByteArray("\x0a", 1), QByteArray::fromHex("80a8d6b9070102"), QByteArray::fromHex("0241020206")}) {
            const auto decoded = codec->decode(payload);
            QVERIFY(!decoded);
            QVERIFY2(decoded.error().message.contains("ends early, declares more bytes than it holds"),
                     qPrintable(decoded.error().message));
        }
        // A long beyond 2^53 (here the timestamp) has no exact JSON form: refused too.
        QVERIFY(!codec->decode(QByteArray::fromHex("024102feffffffffffffffff01000000")));
        // A whole record still decodes.
        QVERIFY(codec->decode(kLeaderboardFrame.mid(5)));
    }

    void jsonSchemaCommentary()
    {
        auto codec = JsonSchemaCodec::fromSchema(commentaryJsonSchema());
        QVERIFY(codec);
        const QJsonObject line{{"id", "c-1"},
                               {"message", "Lap 3 · Norris passes Piastri for P1"},
                               {"timestamp", 1700000000000.0},
                               {"type", "highlight"},
                               {"source", "offline"}};
        const auto payload = codec->encode(line);
        QVERIFY(payload);
        const QByteArray framed = frame(100002, payload.value());
        QCOMPARE(framed.left(5).toHex(), QByteArray("00000186a2"));
        QCOMPARE(framed.mid(5), QJsonDocument(line).toJson(QJsonDocument::Compact)); // UTF-8 JSON text, as is
        QCOMPARE(codec->decode(unframe(framed)->payload).value(), line);
        QJsonObject missing = line;
        missing.remove("type");
        QVERIFY(codec->encode(missing).error().message.contains("'type' is required"));
        QJsonObject wrongType = line;
        wrongType.insert("timestamp", "yesterday");
        QVERIFY(codec->decode(QJsonDocument(wrongType).toJson()).error().message.contains("timestamp"));
        QVERIFY(!codec->decode("not json"));
        QJsonObject nulls = line;
        nulls.insert("type", QJsonValue());
        QVERIFY(codec->encode(nulls)); // nullable, as the demo's consumer expects
    }

    void registersIdempotentlyAndLooksUp()
    {
        int posts = 0;
        QByteArray sentAuth, sentBody, sentType, sentPath;
        FakeHttpServer server([&](const FakeRequest &request) {
            if (request.method == "POST") {
                ++posts;
                sentAuth = request.header("Authorization");
                sentBody = request.body;
                sentType = request.header("Content-Type");
                sentPath = request.target;
                return FakeResponse::json(200, "{\"id\":100001}");
            }
            if (request.target == "/schemas/ids/100001")
                return FakeResponse::json(200, QJsonDocument(QJsonObject{{"schema", leaderboardUpdateSchema()}}).toJson());
            if (request.target == "/schemas/ids/100002")
                return FakeResponse::json(200,
                                          QJsonDocument(QJsonObject{{"schema", commentaryJsonSchema()}, {"schemaType", "JSON"}}).toJson());
            return FakeResponse::json(404, "{\"error_code\":40403,\"message\":\"Schema 7 not found\"}");
        });
        SchemaRegistryClient client({server.baseUrl(), "SRKEY123", "sr-secret-xyz", 5000, 2000, 50});
        std::optional<Expected<qint32>> first, second;
        client.registerSchema(valueSubject("f1-driver-positions"), "AVRO", leaderboardUpdateSchema(),
                              [&](Expected<qint32> id) { first = id; });
        spin([&] { return first.has_value(); });
        QVERIFY(first && first->hasValue());
        QCOMPARE(first->value(), 100001);
        QCOMPARE(sentPath, QByteArray("/subjects/f1-driver-positions-value/versions"));
        QCOMPARE(sentAuth, "Basic " + QByteArray("SRKEY123:sr-secret-xyz").toBase64());
        QCOMPARE(sentType, QByteArray("application/vnd.schemaregistry.v1+json"));
        const auto body = QJsonDocument::fromJson(sentBody).object();
        QCOMPARE(body.value("schemaType").toString(), QStringLiteral("AVRO"));
        QCOMPARE(body.value("schema").toString(), leaderboardUpdateSchema()); // the schema as a string
        client.registerSchema(valueSubject("f1-driver-positions"), "AVRO", leaderboardUpdateSchema(),
                              [&](Expected<qint32> id) { second = id; });
        QVERIFY(second && second->value() == 100001); // cached: no second request
        QCOMPARE(posts, 1);

        std::optional<Expected<RegisteredSchema>> avro, json, unknown;
        client.schemaById(100001, [&](Expected<RegisteredSchema> s) { avro = s; });
        QVERIFY(avro); // known from the registration
        client.schemaById(100002, [&](Expected<RegisteredSchema> s) { json = s; });
        client.schemaById(7, [&](Expected<RegisteredSchema> s) { unknown = s; });
        spin([&] { return json.has_value() && unknown.has_value(); });
        QCOMPARE(json->value().schemaType, QStringLiteral("JSON"));
        QCOMPARE(json->value().schema, commentaryJsonSchema());
        QVERIFY(unknown->error().message.contains("not found"));
        QVERIFY(!unknown->error().message.contains("sr-secret-xyz"));
    }

    void conflictsAndInvalidSchemasAreSaidAtOnce()
    {
        FakeHttpServer server([](const FakeRequest &request) {
            if (request.target.contains("f1-car-metrics"))
                return FakeResponse::json(409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible with an earlier schema\"}");
            return FakeResponse::json(422, "{\"error_code\":42201,\"message\":\"Invalid schema\"}");
        });
        SchemaRegistryClient client({server.baseUrl(), "k", "s", 5000, 2000, 50});
        std::optional<Expected<qint32>> conflict, invalid;
        client.registerSchema("f1-car-metrics-value", "AVRO", carMetricsSchema(), [&](Expected<qint32> id) { conflict = id; });
        client.registerSchema("x-value", "AVRO", "{}", [&](Expected<qint32> id) { invalid = id; });
        spin([&] { return conflict.has_value() && invalid.has_value(); });
        QVERIFY(conflict->error().message.contains("not compatible"));
        QVERIFY(conflict->error().message.contains("incompatible with an earlier schema"));
        QVERIFY(invalid->error().message.contains("42201"));
        QCOMPARE(server.requests().size(), 2); // neither retried
    }

    void newKeyIsRetriedWhileItPropagates()
    {
        int calls = 0;
        FakeHttpServer server([&calls](const FakeRequest &) {
            return ++calls <= 3 ? FakeResponse::json(401, "{\"error_code\":401,\"message\":\"Unauthorized\"}")
                                : FakeResponse::json(200, "{\"id\":42}");
        });
        SchemaRegistryClient client({server.baseUrl(), "NEWKEY", "new-secret", 10000, 2000, 50});
        std::optional<Expected<qint32>> id;
        client.registerSchema("f1-commentary-value", "JSON", commentaryJsonSchema(), [&](Expected<qint32> r) { id = r; });
        spin([&] { return id.has_value(); });
        QVERIFY2(id && id->hasValue(), qPrintable(id && !id->hasValue() ? id->error().message : QString()));
        QCOMPARE(id->value(), 42);
        QCOMPARE(calls, 4);
    }

    void wrongKeyFailsClearlyAfterTheWindow()
    {
        FakeHttpServer server(
            [](const FakeRequest &) { return FakeResponse::json(401, "{\"error_code\":401,\"message\":\"Unauthorized\"}"); });
        SchemaRegistryClient client({server.baseUrl(), "WRONG", "wrong-secret-123", 1500, 1000, 100});
        std::optional<Expected<qint32>> id;
        client.registerSchema("f1-commentary-value", "JSON", commentaryJsonSchema(), [&](Expected<qint32> r) { id = r; });
        spin([&] { return id.has_value(); });
        QVERIFY(id && !id->hasValue());
        QVERIFY2(id->error().message.contains("refused the API key"), qPrintable(id->error().message));
        QVERIFY(id->error().message.contains("attempts"));
        QVERIFY(!id->error().message.contains("wrong-secret-123"));
        QVERIFY(server.requests().size() >= 3);

        SchemaRegistryClient down({"http://127.0.0.1:1", "k", "s", 600, 500, 100});
        std::optional<Expected<qint32>> unreachable;
        down.registerSchema("s", "AVRO", carMetricsSchema(), [&](Expected<qint32> r) { unreachable = r; });
        spin([&] { return unreachable.has_value(); });
        QVERIFY2(unreachable->error().message.contains("cannot reach"), qPrintable(unreachable->error().message));
    }

    // Cloud mode: every topic's registered schema parses (Avro through avro-c), and the
    // app's own messages go to the wire format and come back as the same message.
    void cloudTopicsRoundTripThroughTheirSchemas()
    {
        registry::TopicFraming framing;
        qint32 id = 100;
        for (const auto &schema : cloud::registrySchemas()) {
            auto added = framing.add(schema.topic, ++id, schema.schemaType, schema.schema);
            QVERIFY2(added.hasValue(), qPrintable(schema.topic + ": " + (added ? QString() : added.error().message)));
        }
        QCOMPARE(cloud::registrySchema(*cloud::cloudTable("f1-driver-positions")).schemaType, QStringLiteral("AVRO"));
        QCOMPARE(cloud::registrySchema(*cloud::cloudTable("f1-commentary")).schema, registry::commentaryJsonSchema());
        // The demo's record name and fields first, so the demo's own schema evolves into it.
        const auto positions =
            QJsonDocument::fromJson(cloud::registrySchema(*cloud::cloudTable("f1-driver-positions")).schema.toUtf8()).object();
        QCOMPARE(positions["name"].toString(), QStringLiteral("LeaderboardUpdate"));
        QCOMPARE(positions["fields"].toArray()[0].toObject()["name"].toString(), QStringLiteral("driver_name"));
        QVERIFY(positions["fields"].toArray()[6].toObject().contains("default"));

        auto roundTrip = [&framing](const char *topic, const QByteArray &json) -> QByteArray {
            auto wire = framing.toWire(topic, json);
            if (!wire) {
                qWarning("%s: %s", topic, qPrintable(wire.error().message));
                return {};
            }
            if (wire->at(0) != '\0' || registry::unframe(wire.value())->schemaId != framing.idOf(QString::fromLatin1(topic)))
                return {};
            auto json2 = framing.fromWire(wire.value());
            return json2 ? json2.value() : QByteArray();
        };
        PositionUpdate position{QStringLiteral("Lando Norris"),
                                1,
                                1733000000123,
                                QStringLiteral("race-1"),
                                QStringLiteral("McLaren"),
                                312.5,
                                0.0,
                                std::nullopt,
                                12,
                                QStringLiteral("SOFT"),
                                3,
                                1,
                                QStringLiteral("running")};
        QCOMPARE(decodePositionUpdate(roundTrip(topics::kDriverPositions, encode(position))).value(), position);
        CarMetrics metrics{QStringLiteral("Ferrari"), 1733000000456, 104.25};
        QCOMPARE(decodeCarMetrics(roundTrip(topics::kCarMetrics, encode(metrics))).value(), metrics);
        EngineAnomaly anomaly{QStringLiteral("Ferrari"), 1733000000789, QStringLiteral("Ferrari"), 131.5, true};
        QCOMPARE(decodeEngineAnomaly(roundTrip(topics::kCarMetricsAnomalies, encode(anomaly))).value(), anomaly);
        // A nested object travels as JSON text (the table's STRING) and is read back as the object.
        RaceEvent event{QStringLiteral("race-1"),         1733000001000,
                        QStringLiteral("pit_stop"),       14,
                        QStringLiteral("Max Verstappen"), QJsonObject{{"stop_seconds", 2.4}, {"tyre", "HARD"}}};
        const QByteArray eventWire = framing.toWire(topics::kRaceEvents, encode(event)).value();
        QVERIFY(eventWire.contains("\"details\":\"{"));
        QCOMPARE(decodeRaceEvent(framing.fromWire(eventWire).value()).value(), event);
        Commentary line{QStringLiteral("c-1"),   QStringLiteral("Norris pits!"), 1733000002000,
                        CommentaryType::Warning, QStringLiteral("offline"),      {},
                        QStringLiteral("race-1")};
        QCOMPARE(decodeCommentary(roundTrip(topics::kCommentary, encode(line))).value(), line);

        // Plain JSON passes through; a wrong message is refused with the reason.
        QCOMPARE(framing.fromWire(QByteArray("{\"a\":1}")).value(), QByteArray("{\"a\":1}"));
        QVERIFY(framing.fromWire(registry::frame(9999, "x")).error().message.contains(QLatin1String("schema id 9999")));
        QVERIFY(!framing.toWire(topics::kCarMetrics, "{\"team_name\":\"Ferrari\"}").hasValue()); // missing required fields
        QVERIFY(!framing.toWire(topics::kCarMetrics, "not json").hasValue());
    }
};

QTEST_GUILESS_MAIN(TestRegistry)
#include "tst_registry.moc"
