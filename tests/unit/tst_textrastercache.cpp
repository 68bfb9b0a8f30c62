#include "gui/TextRasterCache.h"

#include <QImage>
#include <QPainter>
#include <QtTest>

using namespace pitwall;

namespace {

QRect ink(const QImage &image)
{
    QRect found;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (qGray(image.pixel(x, y)) > 60)
                found |= QRect(x, y, 1, 1);
    return found;
}

QImage blank()
{
    QImage image(240, 40, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::black);
    return image;
}

} // namespace

class TestTextRasterCache : public QObject {
    Q_OBJECT

private slots:
    void drawsWhereQPainterDraws_data()
    {
        QTest::addColumn<int>("flags");
        QTest::newRow("left") << int(Qt::AlignLeft | Qt::AlignVCenter);
        QTest::newRow("right") << int(Qt::AlignRight | Qt::AlignVCenter);
        QTest::newRow("centre") << int(Qt::AlignCenter);
        QTest::newRow("top") << int(Qt::AlignLeft | Qt::AlignTop);
    }

    void drawsWhereQPainterDraws()
    {
        QFETCH(int, flags);
        const QRect rect(10, 4, 200, 30);
        const QString text = QStringLiteral("Max Verstappen +1.250");
        QImage expected = blank(), actual = blank();
        {
            QPainter painter(&expected);
            painter.setPen(Qt::white);
            painter.drawText(rect, flags, text);
        }
        TextRasterCache cache;
        {
            QPainter painter(&actual);
            painter.setPen(Qt::white);
            QVERIFY(cache.draw(painter, rect, flags, text));
        }
        const QRect want = ink(expected), got = ink(actual);
        QVERIFY(!got.isEmpty());
        QVERIFY2(std::abs(want.left() - got.left()) <= 1 && std::abs(want.right() - got.right()) <= 1 &&
                     std::abs(want.top() - got.top()) <= 1 && std::abs(want.bottom() - got.bottom()) <= 1,
                 qPrintable(QStringLiteral("drawText ink %1,%2 %3x%4, cached ink %5,%6 %7x%8")
                                .arg(want.x())
                                .arg(want.y())
                                .arg(want.width())
                                .arg(want.height())
                                .arg(got.x())
                                .arg(got.y())
                                .arg(got.width())
                                .arg(got.height())));
    }

    void drawsAtABaselineWhereQPainterDraws()
    {
        const QPointF baseline(20.4, 26.6);
        QImage expected = blank(), actual = blank();
        {
            QPainter painter(&expected);
            painter.setPen(Qt::white);
            painter.drawText(baseline, QStringLiteral("NOR"));
        }
        TextRasterCache cache;
        {
            QPainter painter(&actual);
            painter.setPen(Qt::white);
            QVERIFY(cache.drawAtBaseline(painter, baseline, QStringLiteral("NOR")));
        }
        const QRect want = ink(expected), got = ink(actual);
        QVERIFY(!got.isEmpty());
        QVERIFY2(std::abs(want.left() - got.left()) <= 1 && std::abs(want.top() - got.top()) <= 1 &&
                     std::abs(want.right() - got.right()) <= 1 && std::abs(want.bottom() - got.bottom()) <= 1,
                 qPrintable(QStringLiteral("%1,%2 %3x%4 vs %5,%6 %7x%8")
                                .arg(want.x())
                                .arg(want.y())
                                .arg(want.width())
                                .arg(want.height())
                                .arg(got.x())
                                .arg(got.y())
                                .arg(got.width())
                                .arg(got.height())));
    }

    void answersRepeatsFromTheCacheByColour()
    {
        TextRasterCache cache;
        QImage image = blank();
        QPainter painter(&image);
        painter.setPen(Qt::white);
        QVERIFY(cache.draw(painter, image.rect(), Qt::AlignLeft, QStringLiteral("Leader")));
        QCOMPARE(cache.hits(), quint64(0));
        QVERIFY(cache.draw(painter, image.rect(), Qt::AlignRight, QStringLiteral("Leader")));
        QCOMPARE(cache.hits(), quint64(1));
        painter.setPen(Qt::red); // another colour is another entry, drawn in that colour
        QVERIFY(cache.draw(painter, image.rect(), Qt::AlignLeft, QStringLiteral("Leader")));
        QCOMPARE(cache.size(), qsizetype(2));
        painter.end();
        bool red = false;
        for (int x = 0; x < 60 && !red; ++x)
            for (int y = 0; y < image.height() && !red; ++y)
                red = image.pixelColor(x, y).red() > 150 && image.pixelColor(x, y).green() < 60;
        QVERIFY(red);
        QCOMPARE(cache.width(QStringLiteral("Leader"), QFont()), QFontMetricsF(QFont()).horizontalAdvance(QStringLiteral("Leader")));
    }

    void declinesWhatItCannotDrawTheSame()
    {
        TextRasterCache cache;
        QImage image = blank();
        QPainter painter(&image);
        painter.setPen(Qt::white);
        QVERIFY(!cache.draw(painter, image.rect(), Qt::AlignLeft, QStringLiteral("&File"))); // a shown mnemonic
        QVERIFY(!cache.draw(painter, image.rect(), Qt::AlignLeft, QStringLiteral("two\nlines")));
        QVERIFY(!cache.draw(painter, image.rect(), Qt::AlignLeft | Qt::TextWordWrap, QStringLiteral("wrapped")));
        painter.setPen(QPen(QBrush(QLinearGradient(0, 0, 10, 10)), 1));
        QVERIFY(!cache.draw(painter, image.rect(), Qt::AlignLeft, QStringLiteral("gradient")));
        painter.setPen(Qt::white);
        painter.rotate(30);
        QVERIFY(!cache.draw(painter, image.rect(), Qt::AlignLeft, QStringLiteral("rotated")));
        QCOMPARE(cache.size(), qsizetype(0));
        QCOMPARE(ink(image), QRect()); // nothing was drawn
    }

    void hiddenMnemonicsAreLeftOut()
    {
        QImage expected = blank(), actual = blank();
        const int flags = Qt::AlignLeft | Qt::AlignVCenter | Qt::TextHideMnemonic;
        {
            QPainter painter(&expected);
            painter.setPen(Qt::white);
            painter.drawText(expected.rect(), flags, QStringLiteral("&Race && pit"));
        }
        TextRasterCache cache;
        {
            QPainter painter(&actual);
            painter.setPen(Qt::white);
            QVERIFY(cache.draw(painter, actual.rect(), flags, QStringLiteral("&Race && pit")));
        }
        const QRect want = ink(expected), got = ink(actual);
        QVERIFY(std::abs(want.left() - got.left()) <= 1 && std::abs(want.right() - got.right()) <= 1);
    }

    void staysBounded()
    {
        TextRasterCache cache;
        QImage image = blank();
        QPainter painter(&image);
        painter.setPen(Qt::white);
        qsizetype most = 0;
        for (int i = 0; i < 6000; ++i) {
            QVERIFY(cache.draw(painter, image.rect(), Qt::AlignLeft, QString::number(i * 0.1, 'f', 1)));
            QVERIFY(cache.draw(painter, image.rect(), Qt::AlignLeft, QStringLiteral("Leader")));
            QVERIFY(cache.bytes() <= TextRasterCache::kMaxBytesPerFont);
            most = std::max(most, cache.size());
        }
        QVERIFY(most > 100); // it did keep texts
        // The least recently drawn go first: a text drawn all along is still a hit.
        const quint64 hits = cache.hits();
        QVERIFY(cache.draw(painter, image.rect(), Qt::AlignLeft, QStringLiteral("Leader")));
        QCOMPARE(cache.hits(), hits + 1);
        QVERIFY(cache.draw(painter, image.rect(), Qt::AlignLeft, QStringLiteral("0.0"))); // long gone: drawn anew
        QCOMPARE(cache.hits(), hits + 1);
        // A text far too long for a label is left to QPainter.
        QVERIFY(!cache.draw(painter, image.rect(), Qt::AlignLeft, QString(20000, u'x')));
    }
};

QTEST_MAIN(TestTextRasterCache)
#include "tst_textrastercache.moc"
