#include "gui/PitWallStyle.h"
#include "gui/Theme.h"

#include <QApplication>
#include <QMainWindow>
#include <QScrollBar>
#include <QStyleOptionSlider>
#include <QToolBar>
#include <QtTest>

using namespace pitwall;

namespace {

bool near(const QColor &a, const QColor &b)
{
    return std::abs(a.red() - b.red()) <= 3 && std::abs(a.green() - b.green()) <= 3 && std::abs(a.blue() - b.blue()) <= 3;
}

} // namespace

class TestPitWallStyle : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        applyTheme(*qApp, Theme::Dark);
        QVERIFY(qobject_cast<PitWallStyle *>(qApp->style()));
    }

    void scrollBarIsFlatWithItsSliderWhereTheStylePutsIt()
    {
        QScrollBar bar(Qt::Horizontal);
        bar.resize(300, 14);
        bar.setRange(0, 100);
        bar.setPageStep(20);
        bar.setValue(50);
        const QImage image = bar.grab().toImage();
        QStyleOptionSlider option;
        option.initFrom(&bar);
        option.orientation = Qt::Horizontal;
        option.minimum = bar.minimum();
        option.maximum = bar.maximum();
        option.sliderPosition = option.sliderValue = bar.value();
        option.pageStep = bar.pageStep();
        option.singleStep = bar.singleStep();
        const QRect slider = bar.style()->subControlRect(QStyle::CC_ScrollBar, &option, QStyle::SC_ScrollBarSlider, &bar);
        const QRect addLine = bar.style()->subControlRect(QStyle::CC_ScrollBar, &option, QStyle::SC_ScrollBarAddLine, &bar);
        QVERIFY(slider.isValid() && addLine.isValid());
        const QColor handle = image.pixelColor(slider.center());
        QVERIFY2(near(handle, bar.palette().mid().color()), qPrintable(handle.name()));
        // The groove on either side of the slider is one flat colour, not the handle's.
        const QColor grooveLeft = image.pixelColor(slider.left() - 6, slider.center().y());
        const QColor grooveTop = image.pixelColor(slider.center().x(), 0);
        QVERIFY(near(grooveLeft, grooveTop));
        QVERIFY(!near(grooveLeft, handle));
        // The arrow button shows an arrow.
        bool arrow = false;
        for (int x = addLine.left(); x <= addLine.right() && !arrow; ++x)
            for (int y = addLine.top(); y <= addLine.bottom() && !arrow; ++y)
                arrow = !near(image.pixelColor(x, y), grooveLeft);
        QVERIFY(arrow);
    }

    void mainWindowToolBarIsTheWindowColourWithAHairline()
    {
        QMainWindow window;
        auto *toolBar = window.addToolBar(QStringLiteral("tools"));
        toolBar->addAction(QStringLiteral("Start"));
        window.resize(800, 200);
        window.show();
        const QImage image = toolBar->grab().toImage();
        const QColor windowColour = window.palette().window().color();
        const int middle = image.height() / 2;
        // Away from the handle and the button: the flat window colour from top to bottom.
        QVERIFY2(near(image.pixelColor(image.width() - 20, 1), windowColour),
                 qPrintable(image.pixelColor(image.width() - 20, 1).name()));
        QVERIFY(near(image.pixelColor(image.width() - 20, middle), windowColour));
        QVERIFY(image.pixelColor(image.width() - 20, image.height() - 1).lightness() < windowColour.lightness());
    }
};

QTEST_MAIN(TestPitWallStyle)
#include "tst_pitwallstyle.moc"
