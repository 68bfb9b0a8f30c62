// Issue 22 item 15: outside text printed on a terminal has its control characters escaped
// (core/PrintableText), so a race id or a file's line cannot drive the terminal.
#include "core/PrintableText.h"

#include <QtTest>

using namespace pitwall;

class TestPrintableText : public QObject {
    Q_OBJECT

private slots:
    void controlCharactersAreEscaped_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QStringLiteral("race-2025 Grand Prix, Zürich") << QStringLiteral("race-2025 Grand Prix, Zürich");
        QTest::newRow("OSC title") << QStringLiteral("race\x1b]0;pwned\x07") << QStringLiteral("race\\x1b]0;pwned\\x07");
        QTest::newRow("CSI colour") << QStringLiteral("\x1b[31mred") << QStringLiteral("\\x1b[31mred");
        QTest::newRow("C1 CSI") << QString(QChar(0x9b)) + QStringLiteral("2J") << QStringLiteral("\\x9b2J");
        QTest::newRow("CR and LF") << QStringLiteral("ok\rfake\nline") << QStringLiteral("ok\\rfake\\nline");
        QTest::newRow("tab, DEL, NUL") << QString::fromUtf16(u"a\tb\x7f"
                                                             u"c\0d",
                                                             7)
                                       << QStringLiteral("a\\tb\\x7fc\\x00d");
        QTest::newRow("bidi override") << QString::fromUtf16(u"abc\u202Edef") << QStringLiteral("abc\\u{202e}def");
    }

    void controlCharactersAreEscaped()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(printable(text), expected);
    }
};

QTEST_GUILESS_MAIN(TestPrintableText)
#include "tst_printabletext.moc"
