// The German catalogue ships inside the app and covers what the window shows.

#include "gui/LeaderboardModel.h"

#include <QTranslator>
#include <QtTest>

class TestTranslations : public QObject {
    Q_OBJECT

private slots:
    void germanIsEmbeddedAndUsed()
    {
        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral(":/i18n/pitwall_de.qm")));
        QVERIFY(QCoreApplication::installTranslator(&translator));
        pitwall::LeaderboardModel model(pitwall::Grid::builtIn());
        QCOMPARE(model.headerData(pitwall::LeaderboardModel::DriverName, Qt::Horizontal, Qt::DisplayRole).toString(),
                 QStringLiteral("Fahrer"));
        QCOMPARE(translator.translate("pitwall::MainWindow", "Starting a race…"), QStringLiteral("Starte ein Rennen…"));
        QCoreApplication::removeTranslator(&translator);
        QCOMPARE(model.headerData(pitwall::LeaderboardModel::DriverName, Qt::Horizontal, Qt::DisplayRole).toString(),
                 QStringLiteral("Driver"));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
