// The embedded broker's front door (issue 22, item 5): outside Kafka clients get the
// whole protocol through it, records larger than Pit Wall's messages are refused with
// MESSAGE_TOO_LARGE and never reach the broker, so a flood of them cannot push the race's
// own records out of the broker's window; oversized and garbage frames close the
// connection before anything is buffered; connections are capped.

#include "core/Topics.h"
#include "stream/KafkaConsumer.h"
#include "stream/KafkaEndpoint.h"
#include "stream/KafkaProducer.h"
#include "stream/KafkaWire.h"

#include <QMutex>
#include <QTcpSocket>
#include <QtEndian>
#include <QtTest>

using namespace pitwall;

namespace {

std::shared_ptr<KafkaEndpoint> embedded()
{
    auto endpoint = KafkaEndpoint::prepare(std::nullopt);
    if (!endpoint)
        qFatal("embedded broker: %s", qPrintable(endpoint.error().message));
    return endpoint.value();
}

// A client configured as an outside program would be: only the advertised address.
KafkaConfig outsideClient(const KafkaEndpoint &endpoint)
{
    KafkaConfig config;
    config.setBootstrap(endpoint.bootstrap());
    return config;
}

struct Collected {
    QMutex mutex;
    QList<QByteArray> values;
    void add(std::vector<KafkaRecord> &&batch)
    {
        QMutexLocker lock(&mutex);
        for (auto &record : batch)
            values.append(record.value);
    }
    qsizetype size()
    {
        QMutexLocker lock(&mutex);
        return values.size();
    }
};

QByteArray frameOf(const QByteArray &body)
{
    QByteArray prefix(4, Qt::Uninitialized);
    qToBigEndian<int32_t>(int32_t(body.size()), prefix.data());
    return prefix + body;
}

// Waits until the front door has closed this socket (read returns end of stream).
bool closedByPeer(QTcpSocket &socket)
{
    if (socket.state() != QAbstractSocket::ConnectedState)
        return true;
    return socket.waitForDisconnected(5000) || socket.state() == QAbstractSocket::UnconnectedState;
}

} // namespace

class TestKafkaFrontDoor : public QObject {
    Q_OBJECT

private slots:
    void outsideClientsGoThroughTheFrontDoor()
    {
        const auto endpoint = embedded();
        QVERIFY(endpoint->bootstrap() != endpoint->clientConfig().bootstrap());
        // A consumer group and a producer that know only the front door's address: the
        // broker's Metadata and FindCoordinator answers must lead them back to it.
        auto consumer = KafkaConsumer::create(outsideClient(*endpoint), {QString::fromLatin1(topics::kCommentary)},
                                              KafkaConsumer::StartAt::End, 8000);
        QVERIFY2(consumer.hasValue(), consumer.hasValue() ? "" : qPrintable(consumer.error().message));
        Collected collected;
        consumer.value()->start([&](std::vector<KafkaRecord> &&batch) { collected.add(std::move(batch)); });
        auto producer = KafkaProducer::create(outsideClient(*endpoint));
        QVERIFY(producer.hasValue());
        constexpr int kCount = 500;
        for (int i = 0; i < kCount; ++i)
            QVERIFY(producer.value()->produce(topics::kCommentary, "race", "line " + QByteArray::number(i)));
        QVERIFY(producer.value()->flush(10000));
        QCOMPARE(producer.value()->stats().delivered, quint64(kCount));
        QTRY_COMPARE_WITH_TIMEOUT(collected.size(), qsizetype(kCount), 15000);
        consumer.value()->stop();
        QVERIFY(collected.values.contains("line 0"));
        QVERIFY(collected.values.contains("line 499"));
        QVERIFY(endpoint->frontDoorCounts().connections >= 2);
        QCOMPARE(endpoint->frontDoorCounts().refusedProduceRequests, quint64(0));
    }

    // The reproduction: 60 messages of 900 KB into f1-car-telemetry from a local
    // producer while the race's own telemetry flows. Before, they pushed the race's records
    // out of the broker's ~5 MB window (its readers skipped 42-60 messages).
    void aFloodOfLargeRecordsIsRefusedAndTheRaceLosesNothing()
    {
        const auto endpoint = embedded();
        auto reader = KafkaConsumer::create(endpoint->clientConfig(), {QString::fromLatin1(topics::kCarTelemetry)},
                                            KafkaConsumer::StartAt::End, 8000);
        QVERIFY(reader.hasValue());
        auto own = KafkaProducer::create(endpoint->clientConfig());
        auto outsider = KafkaProducer::create(outsideClient(*endpoint));
        QVERIFY(own.hasValue() && outsider.hasValue());

        const QByteArray large(900 * 1024, 'x');
        const QByteArray sample(300, 't');
        constexpr int kFlood = 60, kOwn = 20000;
        int flooded = 0;
        for (int i = 0; i < kOwn; ++i) {
            QVERIFY(own.value()->produce(topics::kCarTelemetry, "car-" + QByteArray::number(i % 20), sample));
            if (i % (kOwn / kFlood) == 0 && flooded < kFlood) {
                QVERIFY(outsider.value()->produce(topics::kCarTelemetry, "car-1", large));
                ++flooded;
            }
        }
        QVERIFY(own.value()->flush(20000));
        QVERIFY(outsider.value()->flush(20000));
        QCOMPARE(own.value()->stats().delivered, quint64(kOwn));
        const auto refused = outsider.value()->stats();
        QCOMPARE(refused.delivered, quint64(0));
        QCOMPARE(refused.failed, quint64(kFlood));
        QVERIFY2(refused.lastError.contains(QLatin1String("too large"), Qt::CaseInsensitive), qPrintable(refused.lastError));
        QVERIFY(endpoint->frontDoorCounts().refusedProduceRequests >= 1);

        Collected collected;
        reader.value()->start([&](std::vector<KafkaRecord> &&batch) { collected.add(std::move(batch)); });
        QTRY_COMPARE_WITH_TIMEOUT(reader.value()->stats().consumed, quint64(kOwn), 20000);
        reader.value()->stop();
        QCOMPARE(reader.value()->stats().skipped, quint64(0));
        QVERIFY(!collected.values.contains(large));
    }

    void recordsOfPitWallsSizesPass()
    {
        const auto endpoint = embedded();
        auto outsider = KafkaProducer::create(outsideClient(*endpoint));
        QVERIFY(outsider.hasValue());
        // A commentary row with a 1,536-dimension embedding is ~40 KB of JSON.
        QVERIFY(outsider.value()->produce(topics::kCommentary, "race", QByteArray(64 * 1024, 'c')));
        QVERIFY(outsider.value()->flush(10000));
        QCOMPARE(outsider.value()->stats().delivered, quint64(1));
        QCOMPARE(endpoint->frontDoorCounts().refusedProduceRequests, quint64(0));
    }

    void anOversizedFrameClosesTheConnectionUnread()
    {
        const auto endpoint = embedded();
        const auto address = endpoint->bootstrap().split(QLatin1Char(':'));
        QTcpSocket socket;
        socket.connectToHost(address[0], address[1].toUShort());
        QVERIFY(socket.waitForConnected(5000));
        QByteArray prefix(4, Qt::Uninitialized);
        qToBigEndian<int32_t>(300 * 1024 * 1024, prefix.data()); // declares 300 MB
        socket.write(prefix + QByteArray(1024, 'z'));
        QVERIFY(socket.waitForBytesWritten(5000));
        QVERIFY(closedByPeer(socket));
        QTRY_COMPARE(endpoint->frontDoorCounts().closedForOversize, quint64(1));
    }

    void aFrameThatIsNotKafkaClosesTheConnection()
    {
        const auto endpoint = embedded();
        const auto address = endpoint->bootstrap().split(QLatin1Char(':'));
        QTcpSocket socket;
        socket.connectToHost(address[0], address[1].toUShort());
        QVERIFY(socket.waitForConnected(5000));
        // A Produce header (key 0, version 7) whose body stops in the middle of a field.
        QByteArray body;
        body.append("\x00\x00\x00\x07\x00\x00\x00\x01\xff\xff", 10); // key, version, correlation, null client id
        body.append("\xff\xff\x00\x01", 4);                          // null txn id, acks 1
        body.append("\x00\x00", 2);                                  // timeout cut short
        socket.write(frameOf(body));
        QVERIFY(socket.waitForBytesWritten(5000));
        QVERIFY(closedByPeer(socket));
        QTRY_COMPARE(endpoint->frontDoorCounts().closedForGarbage, quint64(1));
    }

    void connectionsAreCapped()
    {
        const auto endpoint = embedded();
        const auto address = endpoint->bootstrap().split(QLatin1Char(':'));
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        for (int i = 0; i < 70; ++i) {
            sockets.push_back(std::make_unique<QTcpSocket>());
            sockets.back()->connectToHost(address[0], address[1].toUShort());
            QVERIFY(sockets.back()->waitForConnected(5000));
        }
        QTRY_COMPARE(endpoint->frontDoorCounts().refusedConnections, quint64(70 - 64));
        QCOMPARE(endpoint->frontDoorCounts().connections, quint64(64));
    }

    // The wire helpers on hand-made bytes.
    void metadataAnswersAreRewrittenOnlyWhereThePortIsTheBrokers()
    {
        // Metadata v1 response: correlation id, brokers [node 1 "127.0.0.1":9092 rack null,
        // node 2 "127.0.0.1":9093 rack null], then the rest (left as it is).
        QByteArray frame;
        frame.append("\x00\x00\x00\x2a", 4);
        frame.append("\x00\x00\x00\x02", 4);
        for (const char *port : {"\x00\x00\x23\x84", "\x00\x00\x23\x85"}) {
            frame.append("\x00\x00\x00\x01", 4);
            frame.append("\x00\x09"
                         "127.0.0.1",
                         11);
            frame.append(port, 4);
            frame.append("\xff\xff", 2);
        }
        frame.append("\x00\x00\x00\x01\x00\x00\x00\x00", 8); // controller id, no topics
        QByteArray rewritten = frame;
        QVERIFY(kafka_wire::rewriteBrokerPorts(rewritten, kafka_wire::Metadata, 1, 9092, 40000));
        QCOMPARE(qFromBigEndian<int32_t>(rewritten.constData() + 8 + 4 + 11), 40000);
        QCOMPARE(qFromBigEndian<int32_t>(rewritten.constData() + 8 + 21 + 4 + 11), 9093);
        QCOMPARE(rewritten.size(), frame.size());
        // Cut inside the brokers: refused, and the frame is left as it was.
        QByteArray cut = frame.left(20);
        QVERIFY(!kafka_wire::rewriteBrokerPorts(cut, kafka_wire::Metadata, 1, 9092, 40000));
        QCOMPARE(cut, frame.left(20));
    }

    void requestHeadersThatEndEarlyAreRefused()
    {
        QVERIFY(!kafka_wire::readRequestHeader(QByteArray("\x00\x03\x00", 3)));
        QVERIFY(!kafka_wire::readRequestHeader(QByteArray("\x00\x03\x00\x01\x00\x00\x00\x05\x00\x09"
                                                          "ab",
                                                          12)));
        const auto header = kafka_wire::readRequestHeader(QByteArray("\x00\x03\x00\x01\x00\x00\x00\x05\x00\x02"
                                                                     "ab",
                                                                     12));
        QVERIFY(header);
        QCOMPARE(header->apiKey, int16_t(3));
        QCOMPARE(header->correlationId, 5);
        QCOMPARE(header->bodyOffset, 12);
    }
};

QTEST_GUILESS_MAIN(TestKafkaFrontDoor)
#include "tst_kafkafrontdoor.moc"
