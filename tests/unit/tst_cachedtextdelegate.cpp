#include "gui/CachedTextDelegate.h"

#include <QHeaderView>
#include <QImage>
#include <QPainter>
#include <QStandardItemModel>
#include <QTableView>
#include <QtTest>

using namespace pitwall;

namespace {

// The rectangle of a cell's pixels that differ from the cell's own background.
QRect inkIn(const QImage &image, const QRect &cell)
{
    const QRgb background = image.pixel(cell.right() - 1, cell.top() + 1);
    QRect ink;
    for (int y = cell.top(); y <= cell.bottom(); ++y) {
        for (int x = cell.left(); x <= cell.right(); ++x) {
            if (qGray(image.pixel(x, y)) != qGray(background) && std::abs(qGray(image.pixel(x, y)) - qGray(background)) > 40)
                ink |= QRect(x, y, 1, 1);
        }
    }
    return ink;
}

bool hasColour(const QImage &image, const QRect &area, const QColor &colour)
{
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            if (std::abs(pixel.red() - colour.red()) < 12 && std::abs(pixel.green() - colour.green()) < 12 &&
                std::abs(pixel.blue() - colour.blue()) < 12)
                return true;
        }
    }
    return false;
}

// A small standings-like table: left, right and centred text, a bold cell, a coloured
// cell, a colour swatch, a check box.
void fill(QStandardItemModel &model)
{
    model.setColumnCount(4);
    const QStringList names{QStringLiteral("Max Verstappen"), QStringLiteral("Lando Norris"), QStringLiteral("Charles Leclerc")};
    for (int row = 0; row < names.size(); ++row) {
        auto *position = new QStandardItem(QString::number(row + 1));
        position->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        QFont bold;
        bold.setBold(true);
        position->setFont(bold);
        auto *name = new QStandardItem(names[row]);
        name->setData(QColor(row == 0 ? Qt::blue : Qt::darkGreen), Qt::DecorationRole);
        auto *gap = new QStandardItem(row == 0 ? QStringLiteral("Leader") : QStringLiteral("+%1.250").arg(row));
        gap->setTextAlignment(Qt::AlignCenter);
        gap->setForeground(QColor(0xe1, 0x06, 0x00));
        auto *pits = new QStandardItem(QStringLiteral("pitted"));
        pits->setCheckable(true);
        pits->setCheckState(row == 1 ? Qt::Checked : Qt::Unchecked);
        model.appendRow({position, name, gap, pits});
    }
}

QImage render(QTableView &table)
{
    table.resize(560, 140);
    table.horizontalHeader()->resizeSection(1, 200);
    return table.grab().toImage().convertToFormat(QImage::Format_RGB32);
}

QRect cellRect(QTableView &table, int row, int column)
{
    return table.visualRect(table.model()->index(row, column)).translated(table.viewport()->pos());
}

} // namespace

class TestCachedTextDelegate : public QObject {
    Q_OBJECT

private slots:
    void drawsWhereTheStyledDelegateDraws()
    {
        QStandardItemModel model;
        fill(model);
        QTableView styled, cached;
        styled.setModel(&model);
        cached.setModel(&model);
        auto *delegate = new CachedTextDelegate(&cached);
        cached.setItemDelegate(delegate);
        const QImage expected = render(styled);
        const QImage actual = render(cached);
        for (int row = 0; row < model.rowCount(); ++row) {
            for (int column = 0; column < model.columnCount(); ++column) {
                const QRect cell = cellRect(cached, row, column);
                const QRect want = inkIn(expected, cell), got = inkIn(actual, cell);
                QVERIFY2(!got.isEmpty(), qPrintable(QStringLiteral("cell %1,%2 is blank").arg(row).arg(column)));
                // The same place within a couple of pixels: alignment, swatch and margins kept.
                QVERIFY2(std::abs(want.left() - got.left()) <= 2 && std::abs(want.right() - got.right()) <= 2 &&
                             std::abs(want.top() - got.top()) <= 2 && std::abs(want.bottom() - got.bottom()) <= 2,
                         qPrintable(QStringLiteral("cell %1,%2: styled ink %3,%4 %5x%6, cached ink %7,%8 %9x%10")
                                        .arg(row)
                                        .arg(column)
                                        .arg(want.x())
                                        .arg(want.y())
                                        .arg(want.width())
                                        .arg(want.height())
                                        .arg(got.x())
                                        .arg(got.y())
                                        .arg(got.width())
                                        .arg(got.height())));
            }
            // The colour roles survive: swatch and foreground.
            QVERIFY(hasColour(actual, cellRect(cached, row, 1), row == 0 ? QColor(Qt::blue) : QColor(Qt::darkGreen)));
            QVERIFY(hasColour(actual, cellRect(cached, row, 2), QColor(0xe1, 0x06, 0x00)));
        }
        // Check-box cells are the styled delegate's own drawing.
        const QRect checkCell = cellRect(cached, 1, 3);
        QCOMPARE(actual.copy(checkCell), expected.copy(checkCell));
    }

    void repaintsFromItsCache()
    {
        QStandardItemModel model;
        fill(model);
        QTableView table;
        table.setModel(&model);
        auto *delegate = new CachedTextDelegate(&table);
        table.setItemDelegate(delegate);
        const QImage first = render(table);
        const qsizetype texts = delegate->cachedTexts();
        QCOMPARE(texts, qsizetype(3 * 3)); // the check-box column is not cached
        const quint64 hitsBefore = delegate->cacheHits();
        const QImage second = render(table);
        QCOMPARE(delegate->cachedTexts(), texts);
        QVERIFY(delegate->cacheHits() >= hitsBefore + 9);
        QCOMPARE(second, first);
        // A changed text is shaped anew and shown.
        model.item(0, 2)->setText(QStringLiteral("+9.999"));
        render(table);
        QCOMPARE(delegate->cachedTexts(), texts + 1);
    }

    void elidesTextTooWideForItsColumn()
    {
        QStandardItemModel model;
        model.appendRow(new QStandardItem(QStringLiteral("Andrea Kimi Antonelli of Mercedes-AMG Petronas")));
        QTableView table;
        table.setModel(&model);
        table.setItemDelegate(new CachedTextDelegate(&table));
        table.setWordWrap(false);
        table.setShowGrid(false);
        table.horizontalHeader()->resizeSection(0, 90);
        table.resize(200, 80);
        const QImage image = table.grab().toImage().convertToFormat(QImage::Format_RGB32);
        const QRect cell = cellRect(table, 0, 0);
        const QRect ink = inkIn(image, cell.adjusted(0, 0, 40, 0)); // and a bit of the next column
        QVERIFY(!ink.isEmpty());
        QVERIFY2(ink.right() <= cell.right(), qPrintable(QStringLiteral("ink to %1, cell to %2").arg(ink.right()).arg(cell.right())));
    }

    void cacheStaysBounded()
    {
        QStandardItemModel model(6000, 1);
        for (int row = 0; row < model.rowCount(); ++row)
            model.setData(model.index(row, 0), QStringLiteral("%1.0").arg(row));
        CachedTextDelegate delegate;
        QImage image(120, 24, QImage::Format_RGB32);
        QPainter painter(&image);
        QStyleOptionViewItem option;
        option.rect = QRect(0, 0, 120, 24);
        option.state = QStyle::State_Enabled;
        for (int row = 0; row < model.rowCount(); ++row) {
            delegate.paint(&painter, option, model.index(row, 0));
            QVERIFY(delegate.cachedBytes() <= TextRasterCache::kMaxBytesPerFont);
        }
        QVERIFY(delegate.cachedTexts() > 0);
    }
};

QTEST_MAIN(TestCachedTextDelegate)
#include "tst_cachedtextdelegate.moc"
