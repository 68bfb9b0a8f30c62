// The streaming writer must produce JSON any parser reads back to the same values.

#include "core/JsonWriter.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>
#include <limits>

using namespace pitwall;

class TestJsonWriter : public QObject {
    Q_OBJECT

private slots:
    void numbersReadBackExactly_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<int>("decimals");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("integer") << 42.0 << 2 << QByteArray("42");
        QTest::newRow("one decimal") << 12.3 << 1 << QByteArray("12.3");
        QTest::newRow("rounded") << 12.3456 << 2 << QByteArray("12.35");
        QTest::newRow("trailing zeros dropped") << 7.5 << 3 << QByteArray("7.5");
        QTest::newRow("leading zeros kept") << 0.05 << 3 << QByteArray("0.05");
        QTest::newRow("small") << 0.001 << 3 << QByteArray("0.001");
        QTest::newRow("negative") << -3.25 << 2 << QByteArray("-3.25");
        QTest::newRow("negative fraction") << -0.5 << 1 << QByteArray("-0.5");
        QTest::newRow("negative zero") << -0.0001 << 2 << QByteArray("0");
        QTest::newRow("epoch ms") << 1751288400123.0 << 0 << QByteArray("1751288400123");
        QTest::newRow("huge") << 1e300 << 2 << QByteArray("1e+300");
    }

    void numbersReadBackExactly()
    {
        QFETCH(double, value);
        QFETCH(int, decimals);
        QFETCH(QByteArray, text);
        const auto json = JsonWriter().field("v", value, decimals).finish();
        QCOMPARE(json, "{\"v\":" + text + "}");
        const auto parsed = QJsonDocument::fromJson(json).object().value("v").toDouble();
        QCOMPARE(parsed, text.toDouble());
    }

    void nonFiniteBecomesNull()
    {
        QCOMPARE(JsonWriter().field("a", std::numeric_limits<double>::quiet_NaN(), 2).finish(), QByteArray("{\"a\":null}"));
        QCOMPARE(JsonWriter().field("a", std::numeric_limits<double>::infinity(), 2).finish(), QByteArray("{\"a\":null}"));
        QCOMPARE(JsonWriter().field("a", std::optional<double>(), 2).finish(), QByteArray("{\"a\":null}"));
    }

    void stringsAreEscaped()
    {
        const QString nasty = QStringLiteral("quote \" backslash \\ newline \n tab \t bell \a Hülkenberg ✓");
        const auto json = JsonWriter().field("s", nasty).field("n", qint64(-7)).field("b", false).finish();
        QJsonParseError error;
        const auto object = QJsonDocument::fromJson(json, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(object.value("s").toString(), nasty);
        QCOMPARE(object.value("n").toInt(), -7);
        QCOMPARE(object.value("b").toBool(true), false);
        QVERIFY(json.contains("\\u0007"));
    }

    void writerIsReusableAfterFinish()
    {
        JsonWriter writer;
        QCOMPARE(writer.field("a", 1).finish(), QByteArray("{\"a\":1}"));
        QCOMPARE(writer.field("b", true).finish(), QByteArray("{\"b\":true}"));
        QCOMPARE(JsonWriter().finish(), QByteArray("{}"));
    }
};

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "tst_jsonwriter.moc"
