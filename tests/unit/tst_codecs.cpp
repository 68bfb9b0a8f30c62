// The demo's JSON contract: exact field names, round trips, and every class of bad input.

#include "core/JsonCodec.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace pitwall;
using namespace pitwall::codec;

Q_DECLARE_METATYPE(pitwall::DecodeErrorKind)

class TestCodecs : public QObject {
    Q_OBJECT

private slots:
    void positionRoundTrip()
    {
        const PositionUpdate update{QStringLiteral("Max Verstappen"),  3,    1732406400123LL, QStringLiteral("race-1"),
                                    QStringLiteral("Red Bull Racing"), 312.4};
        const auto decoded = decodePositionUpdate(encode(update));
        QVERIFY2(decoded.hasValue(), decoded.hasValue() ? "" : qPrintable(decoded.error().describe()));
        QCOMPARE(decoded.value(), update);
    }

    void positionUsesTheDemoFieldNames()
    {
        const PositionUpdate update{QStringLiteral("Lando Norris"), 1,    1000, QStringLiteral("r"),
                                    QStringLiteral("McLaren"),      200.0};
        const auto object = QJsonDocument::fromJson(encode(update)).object();
        QCOMPARE(object.keys(), (QStringList{"driver_name", "position", "race_id", "speed", "team_name", "timestamp"}));
        QCOMPARE(object.value("timestamp").toInteger(), 1000);
        QCOMPARE(object.value("position").toInt(), 1);
    }

    void positionNullableFieldsAsInTheDemoSchema()
    {
        // The demo's producer sends team_name and speed as null; race_id may be absent.
        const auto decoded = decodePositionUpdate(
            R"({"driver_name":"Lewis Hamilton","position":7,"timestamp":5,"team_name":null,"speed":null})");
        QVERIFY(decoded.hasValue());
        QCOMPARE(decoded->teamName, std::nullopt);
        QCOMPARE(decoded->speedKph, std::nullopt);
        QCOMPARE(decoded->raceId, std::nullopt);
        // ...and encoding keeps them as explicit nulls, so Avro/JSON consumers see the field.
        const auto object = QJsonDocument::fromJson(encode(decoded.value())).object();
        QVERIFY(object.contains("speed") && object.value("speed").isNull());
    }

    void carMetricsRoundTrip()
    {
        const CarMetrics metrics{QStringLiteral("Ferrari"), 1732406400000LL, 97.25};
        const auto decoded = decodeCarMetrics(encode(metrics));
        QVERIFY(decoded.hasValue());
        QCOMPARE(decoded.value(), metrics);
        QCOMPARE(QJsonDocument::fromJson(encode(metrics)).object().keys(),
                 (QStringList{"engine_temperature", "team_name", "timestamp"}));
    }

    void commentaryRoundTripEveryType()
    {
        for (auto type : {CommentaryType::Highlight, CommentaryType::Warning, CommentaryType::Info}) {
            const Commentary commentary{QStringLiteral("c-1"), QStringLiteral("Verstappen leads into turn one"), 42, type};
            const auto decoded = decodeCommentary(encode(commentary));
            QVERIFY(decoded.hasValue());
            QCOMPARE(decoded.value(), commentary);
        }
        QCOMPARE(QJsonDocument::fromJson(encode(Commentary{"i", "m", 1, CommentaryType::Warning})).object().value("type").toString(),
                 QStringLiteral("warning"));
    }

    void commentaryCarriesSourceEventsAndRace()
    {
        Commentary commentary{QStringLiteral("c-2"), QStringLiteral("Norris passes Piastri for P2"), 7, CommentaryType::Warning};
        commentary.source = QStringLiteral("offline (fallback: timeout)");
        commentary.eventIds = {QStringLiteral("overtake:Lando Norris:7"), QStringLiteral("lead_change:Lando Norris:7")};
        commentary.raceId = QStringLiteral("race-1");
        const auto decoded = decodeCommentary(encode(commentary));
        QVERIFY(decoded.hasValue());
        QCOMPARE(decoded.value(), commentary);
        // The demo's four fields stay as they were; ours only when set.
        QCOMPARE(QJsonDocument::fromJson(encode(Commentary{"i", "m", 1, CommentaryType::Info})).object().keys(),
                 (QStringList{"id", "message", "timestamp", "type"}));
        QVERIFY(!decodeCommentary(R"({"id":"a","message":"b","timestamp":1,"event_ids":[1]})").hasValue());
        QVERIFY(!decodeCommentary(R"({"id":"a","message":"b","timestamp":1,"event_ids":"x"})").hasValue());
    }

    void askMessagesRoundTripAndRefuseBadInput()
    {
        const CommentaryQuery query{QStringLiteral("comments about Hamilton"), QStringLiteral("q1"), QStringLiteral("race-1")};
        QCOMPARE(decodeCommentaryQuery(encode(query)).value(), query);
        QCOMPARE(QJsonDocument::fromJson(encode(CommentaryQuery{QStringLiteral("x")})).object().keys(), QStringList{"query"});

        const CommentaryQueryVector vector{QStringLiteral("q"), {0.25f, -1.0f, 0.5f}, QStringLiteral("q1"), {}};
        QCOMPARE(decodeCommentaryQueryVector(encode(vector)).value(), vector);
        QVERIFY(!decodeCommentaryQueryVector(R"({"query":"q","embedding":[]})").hasValue());
        QVERIFY(!decodeCommentaryQueryVector(R"({"query":"q","embedding":[1,"a"]})").hasValue());
        QVERIFY(!decodeCommentaryQueryVector(R"({"embedding":[1]})").hasValue());
        QVERIFY(!decodeCommentaryQueryVector("not json").hasValue());

        CommentaryQueryResult result{QStringLiteral("q1"),   QStringLiteral("q"), {},
                                     QStringLiteral("Yes."), QStringLiteral("m"), {}};
        result.results.push_back({QStringLiteral("Hamilton pits"), 0.93, QStringLiteral("race-1"), 5, QStringLiteral("info"),
                                  QStringLiteral("offline")});
        QCOMPARE(decodeCommentaryQueryResult(encode(result)).value(), result);
        QVERIFY(!decodeCommentaryQueryResult(R"({"query":"q","search_results":[{"message":"m","score":2}]})").hasValue());
        // A perfect match's float rounding (1.000000009) is a score of 1, not an error.
        QCOMPARE(decodeCommentaryQueryResult(R"({"query":"q","search_results":[{"message":"m","score":1.000000009}]})")
                     ->results.first()
                     .score,
                 1.0);
        QVERIFY(!decodeCommentaryQueryResult(R"({"query":"q","search_results":{}})").hasValue());
    }

    void commentaryNullTypeMeansInfoAsInTheDemo()
    {
        const auto decoded = decodeCommentary(R"({"id":"a","message":"b","timestamp":1,"type":null})");
        QVERIFY(decoded.hasValue());
        QCOMPARE(decoded->type, CommentaryType::Info);
    }

    void commentaryTypeFollowsPosition()
    {
        QCOMPARE(commentaryTypeForPosition(1), CommentaryType::Highlight);
        QCOMPARE(commentaryTypeForPosition(2), CommentaryType::Warning);
        QCOMPARE(commentaryTypeForPosition(3), CommentaryType::Warning);
        QCOMPARE(commentaryTypeForPosition(4), CommentaryType::Info);
        QCOMPARE(commentaryTypeForPosition(20), CommentaryType::Info);
    }

    void anomalyRoundTrip()
    {
        const EngineAnomaly anomaly{QStringLiteral("race-1"), 99, QStringLiteral("Alpine"), 131.5, true};
        const auto decoded = decodeEngineAnomaly(encode(anomaly));
        QVERIFY(decoded.hasValue());
        QCOMPARE(decoded.value(), anomaly);
        QCOMPARE(QJsonDocument::fromJson(encode(anomaly)).object().keys(),
                 (QStringList{"engine_temperature", "is_anomaly", "key", "team_name", "ts"}));
    }

    // The band and confidence (issue 20) are written only when known: the demo's row keeps its shape.
    void anomalyWithItsBandRoundTrips()
    {
        EngineAnomaly anomaly{QStringLiteral("race-1"), 99, QStringLiteral("Alpine"), 131.5, true};
        anomaly.forecast = 112.25;
        anomaly.lowerBound = 108.5;
        anomaly.upperBound = 116.0;
        anomaly.confidence = 99.875;
        QCOMPARE(decodeEngineAnomaly(encode(anomaly)).value(), anomaly);
        QCOMPARE(QJsonDocument::fromJson(encode(anomaly)).object().keys(),
                 (QStringList{"confidence", "engine_temperature", "forecast_value", "is_anomaly", "key", "lower_bound",
                              "team_name", "ts", "upper_bound"}));
    }

    void queryRoundTrip()
    {
        const CommentaryQuery query{QStringLiteral("who overtook at turn 4?")};
        const auto decoded = decodeCommentaryQuery(encode(query));
        QVERIFY(decoded.hasValue());
        QCOMPARE(decoded.value(), query);
    }

    void pipelineRecordsRoundTrip()
    {
        const TelemetryAnomaly anomaly{QStringLiteral("r"),
                                       QStringLiteral("Lando Norris"),
                                       QStringLiteral("McLaren"),
                                       QStringLiteral("brake_temp_fl"),
                                       1751288400000LL,
                                       1012.5,
                                       760.25,
                                       700.5,
                                       820.0,
                                       99.9,
                                       true};
        QCOMPARE(decodeTelemetryAnomaly(encode(anomaly)).value(), anomaly);
        CommentaryInput input;
        input.raceId = QStringLiteral("r");
        input.timestampMs = 5;
        input.driverName = QStringLiteral("Oscar Piastri");
        input.teamName = QStringLiteral("McLaren");
        input.position = 2;
        input.type = CommentaryType::Warning;
        input.positionChange = 1;
        input.placesGainedRecently = 3;
        input.gapToLeaderS = 1.25;
        input.tyre = QStringLiteral("MEDIUM");
        QCOMPARE(decodeCommentaryInput(encode(input)).value(), input);
        const ForecastPoint point{
            QStringLiteral("r"), QStringLiteral("Max Verstappen"), QStringLiteral("lap_time"), 7, 2, 82.125, 81.5, 82.75, 0.3125};
        QCOMPARE(decodeForecastPoint(encode(point)).value(), point);
        const FaultLabel label{QStringLiteral("r"),
                               QStringLiteral("A"),
                               QStringLiteral("B"),
                               QStringLiteral("oil_temperature"),
                               QStringLiteral("spike"),
                               10,
                               20};
        QCOMPARE(decodeFaultLabel(encode(label)).value(), label);
        QVERIFY(!decodeFaultLabel(R"({"race_id":"r","driver_name":"A","team_name":"B","metric":"oil_temperature","kind":"spike","start_ms":20,"end_ms":10})")
                     .hasValue());
        QVERIFY(!decodeTelemetryAnomaly(R"({"race_id":"r"})").hasValue());
        QVERIFY(!decodeRaceEvent(R"({"race_id":"r","timestamp":1,"kind":"party","lap":1})").hasValue());
    }

    void unicodeSurvives()
    {
        const PositionUpdate update{QStringLiteral("Nico Hülkenberg"), 9,  1, QStringLiteral("r"),
                                    QStringLiteral("Kick Sauber"),     1.5};
        QCOMPARE(decodePositionUpdate(encode(update)).value().driverName, QStringLiteral("Nico Hülkenberg"));
    }

    void badPositionInput_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<DecodeErrorKind>("kind");
        QTest::addColumn<QString>("field");
        const QByteArray ok = R"("driver_name":"A","timestamp":1)";
        QTest::newRow("not json") << QByteArray("{driver_name: A") << DecodeErrorKind::NotJson << "";
        QTest::newRow("empty") << QByteArray("") << DecodeErrorKind::NotJson << "";
        QTest::newRow("binary") << QByteArray("\x00\x01\x02\xff", 4) << DecodeErrorKind::NotJson << "";
        QTest::newRow("array") << QByteArray("[1,2]") << DecodeErrorKind::NotAnObject << "";
        QTest::newRow("invalid utf-8 in a name")
            << QByteArray("{\"driver_name\":\"A\xc3\x28\",\"position\":1,\"timestamp\":1}") << DecodeErrorKind::NotJson << "";
        QTest::newRow("trailing garbage") << QByteArray("{" + ok + ",\"position\":1} x") << DecodeErrorKind::NotJson << "";
        QTest::newRow("integer beyond 64 bits")
            << QByteArray("{" + ok + ",\"position\":123456789012345678901234567890}") << DecodeErrorKind::NotJson << "";
        QTest::newRow("missing position") << QByteArray("{" + ok + "}") << DecodeErrorKind::MissingField << "position";
        QTest::newRow("null driver") << QByteArray(R"({"driver_name":null,"position":1,"timestamp":1})")
                                     << DecodeErrorKind::MissingField << "driver_name";
        QTest::newRow("empty driver") << QByteArray(R"({"driver_name":"  ","position":1,"timestamp":1})")
                                      << DecodeErrorKind::InvalidValue << "driver_name";
        QTest::newRow("position as string") << QByteArray("{" + ok + R"(,"position":"1"})") << DecodeErrorKind::WrongType << "position";
        QTest::newRow("fractional position") << QByteArray("{" + ok + R"(,"position":1.5})") << DecodeErrorKind::WrongType << "position";
        QTest::newRow("position zero") << QByteArray("{" + ok + R"(,"position":0})") << DecodeErrorKind::OutOfRange << "position";
        QTest::newRow("position 41") << QByteArray("{" + ok + R"(,"position":41})") << DecodeErrorKind::OutOfRange << "position";
        QTest::newRow("negative timestamp") << QByteArray(R"({"driver_name":"A","position":1,"timestamp":-5})")
                                            << DecodeErrorKind::OutOfRange << "timestamp";
        QTest::newRow("timestamp in year 3000") << QByteArray(R"({"driver_name":"A","position":1,"timestamp":32503680000000})")
                                                << DecodeErrorKind::OutOfRange << "timestamp";
        QTest::newRow("timestamp as string")
            << QByteArray(R"({"driver_name":"A","position":1,"timestamp":"1"})") << DecodeErrorKind::WrongType << "timestamp";
        QTest::newRow("negative speed") << QByteArray("{" + ok + R"(,"position":1,"speed":-3})") << DecodeErrorKind::OutOfRange << "speed";
        QTest::newRow("speed of light") << QByteArray("{" + ok + R"(,"position":1,"speed":1e300})") << DecodeErrorKind::OutOfRange
                                        << "speed";
        QTest::newRow("team as number") << QByteArray("{" + ok + R"(,"position":1,"team_name":7})") << DecodeErrorKind::WrongType
                                        << "team_name";
        QTest::newRow("race id as object") << QByteArray("{" + ok + R"(,"position":1,"race_id":{}})")
                                           << DecodeErrorKind::WrongType << "race_id";
        QTest::newRow("huge name") << QByteArray(R"({"driver_name":")" + QByteArray(200, 'x') + R"(","position":1,"timestamp":1})")
                                   << DecodeErrorKind::OutOfRange << "driver_name";
        QTest::newRow("oversize") << QByteArray(R"({"driver_name":")" + QByteArray(70000, 'x') + R"("})")
                                  << DecodeErrorKind::Oversize << "";
    }

    void badPositionInput()
    {
        QFETCH(QByteArray, json);
        QFETCH(DecodeErrorKind, kind);
        QFETCH(QString, field);
        const auto decoded = decodePositionUpdate(json);
        QVERIFY(!decoded.hasValue());
        QCOMPARE(decoded.error().kind, kind);
        QCOMPARE(decoded.error().field, field);
        QVERIFY(!decoded.error().reason.isEmpty());
        QVERIFY(decoded.error().describe().contains(decodeErrorKindName(kind)));
    }

    void badOtherTopics()
    {
        QCOMPARE(decodeCarMetrics(R"({"team_name":"Ferrari","timestamp":1,"engine_temperature":"hot"})").error().kind,
                 DecodeErrorKind::WrongType);
        QCOMPARE(decodeCarMetrics(R"({"team_name":"Ferrari","timestamp":1,"engine_temperature":5000})").error().kind,
                 DecodeErrorKind::OutOfRange);
        QCOMPARE(decodeCarMetrics(R"({"team_name":"Ferrari","timestamp":1})").error().field, QStringLiteral("engine_temperature"));
        QCOMPARE(decodeCommentary(R"({"id":"a","message":"b","timestamp":1,"type":"shout"})").error().kind, DecodeErrorKind::InvalidValue);
        QCOMPARE(decodeCommentary(R"({"id":"a","timestamp":1,"type":"info"})").error().field, QStringLiteral("message"));
        QCOMPARE(decodeEngineAnomaly(R"({"key":"k","ts":1,"team_name":"t","engine_temperature":90,"is_anomaly":"yes"})").error().kind,
                 DecodeErrorKind::WrongType);
        QCOMPARE(decodeCommentaryQuery(R"({"query":""})").error().kind, DecodeErrorKind::InvalidValue);
        QCOMPARE(decodeCommentaryQuery(R"({"query":")" + QByteArray(9000, 'q') + R"("})").error().kind, DecodeErrorKind::OutOfRange);
    }
};

QTEST_GUILESS_MAIN(TestCodecs)
#include "tst_codecs.moc"
