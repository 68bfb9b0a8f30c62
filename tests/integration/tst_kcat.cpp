// Interop with an independent Kafka client: kcat (Debian's package) reads what the app
// produced, and the app consumes what kcat produced, through the embedded broker.

#include "core/JsonCodec.h"
#include "core/Topics.h"
#include "stream/KafkaConsumer.h"
#include "stream/KafkaEndpoint.h"
#include "stream/KafkaProducer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QProcess>
#include <QStandardPaths>
#include <QtTest>

using namespace pitwall;

class TestKcat : public QObject {
    Q_OBJECT

private:
    QString m_kcat;
    std::shared_ptr<KafkaEndpoint> m_endpoint;

private slots:
    void initTestCase()
    {
        m_kcat = QStandardPaths::findExecutable(QStringLiteral("kcat"));
        QVERIFY2(!m_kcat.isEmpty(), "kcat is not installed: run packaging/install-deps.sh");
        auto endpoint = KafkaEndpoint::prepare(std::nullopt);
        QVERIFY(endpoint.hasValue());
        m_endpoint = endpoint.value();
    }

    void kcatReadsWhatTheAppProduced()
    {
        const PositionUpdate update{QStringLiteral("Charles Leclerc"), 2,    1732406400000LL, QStringLiteral("race-kcat"),
                                    QStringLiteral("Ferrari"),         288.8};
        auto producer = KafkaProducer::create(m_endpoint->clientConfig());
        QVERIFY(producer.hasValue());
        QVERIFY(producer.value()->produce(topics::kDriverPositions, "race-kcat", codec::encode(update)));
        QVERIFY(producer.value()->flush(5000));
        QCOMPARE(producer.value()->stats().delivered, quint64(1));

        QProcess kcat;
        kcat.start(m_kcat, {"-b", m_endpoint->bootstrap(), "-t", topics::kDriverPositions, "-C", "-o", "beginning", "-e", "-c",
                            "1", "-J", "-q"});
        QVERIFY(kcat.waitForFinished(20000));
        QCOMPARE(kcat.exitCode(), 0);
        const auto envelope = QJsonDocument::fromJson(kcat.readAllStandardOutput().trimmed()).object();
        QCOMPARE(envelope.value("topic").toString(), QString::fromLatin1(topics::kDriverPositions));
        QCOMPARE(envelope.value("key").toString(), QStringLiteral("race-kcat"));
        const auto decoded = codec::decodePositionUpdate(envelope.value("payload").toString().toUtf8());
        QVERIFY(decoded.hasValue());
        QCOMPARE(decoded.value(), update);
    }

    void appConsumesWhatKcatProduced()
    {
        auto consumer = KafkaConsumer::create(m_endpoint->clientConfig(), {QString::fromLatin1(topics::kCommentary)},
                                              KafkaConsumer::StartAt::End, 5000);
        QVERIFY(consumer.hasValue());
        QMutex mutex;
        std::vector<KafkaRecord> received;
        consumer.value()->start([&](std::vector<KafkaRecord> &&batch) {
            QMutexLocker lock(&mutex);
            for (auto &record : batch)
                received.push_back(std::move(record));
        });

        const QByteArray json = R"({"id":"c-42","message":"Norris dives down the inside at turn 4!","timestamp":1732406400500,"type":"highlight"})";
        QProcess kcat;
        kcat.start(m_kcat, {"-b", m_endpoint->bootstrap(), "-t", topics::kCommentary, "-P", "-k", "race-kcat"});
        QVERIFY(kcat.waitForStarted(5000));
        kcat.write(json + "\n");
        kcat.closeWriteChannel();
        QVERIFY(kcat.waitForFinished(20000));
        QCOMPARE(kcat.exitCode(), 0);

        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                QMutexLocker lock(&mutex);
                return !received.empty();
            }(),
            10000);
        consumer.value()->stop();
        QCOMPARE(received.size(), size_t(1));
        QCOMPARE(received.front().key, QByteArray("race-kcat"));
        const auto decoded = codec::decodeCommentary(received.front().value);
        QVERIFY(decoded.hasValue());
        QCOMPARE(decoded->id, QStringLiteral("c-42"));
        QCOMPARE(decoded->type, CommentaryType::Highlight);
        QCOMPARE(decoded->timestampMs, 1732406400500LL);
    }
};

QTEST_GUILESS_MAIN(TestKcat)
#include "tst_kcat.moc"
