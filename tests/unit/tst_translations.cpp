// The German and Spanish catalogues ship inside the app, are complete, and cover what
// the main window shows: no English string is left where a translation exists.

#include "view/LeaderboardModel.h"
#include "gui/MainWindow.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QStandardPaths>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

namespace {

// source → translation of every message in a .ts file; `unfinished` counts the open ones.
QHash<QString, QString> readCatalogue(const QString &path, int &unfinished)
{
    QHash<QString, QString> messages;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return messages;
    QXmlStreamReader xml(&file);
    QString source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("source"))
            source = xml.readElementText();
        else if (xml.name() == QLatin1String("translation")) {
            if (xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished"))
                ++unfinished;
            messages.insert(source, xml.readElementText(QXmlStreamReader::IncludeChildElements)); // plural forms nest
        }
    }
    return messages;
}

// Everything the window shows as text: menus, actions, dock titles, labels, buttons,
// combo box entries, table headers.
QStringList shownTexts(QWidget &window)
{
    QStringList texts;
    for (auto *action : window.findChildren<QAction *>())
        texts << action->text() << action->toolTip();
    for (auto *menu : window.findChildren<QMenu *>())
        texts << menu->title();
    for (auto *dock : window.findChildren<QDockWidget *>())
        texts << dock->windowTitle();
    for (auto *label : window.findChildren<QLabel *>())
        texts << label->text().trimmed() << label->toolTip();
    for (auto *button : window.findChildren<QAbstractButton *>())
        texts << button->text() << button->toolTip();
    for (auto *combo : window.findChildren<QComboBox *>()) {
        for (int i = 0; i < combo->count(); ++i)
            texts << combo->itemText(i);
        texts << combo->toolTip();
    }
    for (auto *view : window.findChildren<QAbstractItemView *>()) {
        if (auto *model = view->model()) {
            for (int column = 0; column < model->columnCount(); ++column)
                texts << model->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
        }
        texts << view->toolTip();
    }
    texts.removeAll(QString());
    return texts;
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

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

    void everyLanguageCoversTheMainWindow_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("driverHeader");
        QTest::newRow("German") << QStringLiteral("de") << QStringLiteral("Fahrer");
        QTest::newRow("Spanish") << QStringLiteral("es") << QStringLiteral("Piloto");
    }

    void everyLanguageCoversTheMainWindow()
    {
        QFETCH(QString, language);
        QFETCH(QString, driverHeader);
        int unfinished = 0;
        const auto catalogue = readCatalogue(QStringLiteral(PITWALL_SOURCE_DIR "/translations/pitwall_%1.ts").arg(language), unfinished);
        QVERIFY(catalogue.size() > 200);
        QCOMPARE(unfinished, 0);
        // English strings that have a different translation: none may show in the window.
        QSet<QString> english;
        for (auto it = catalogue.cbegin(); it != catalogue.cend(); ++it) {
            QVERIFY2(!it.value().isEmpty(), qPrintable(it.key()));
            if (it.value() != it.key())
                english.insert(it.key().trimmed());
        }

        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral(":/i18n/pitwall_%1.qm").arg(language)));
        QVERIFY(QCoreApplication::installTranslator(&translator));
        {
            pitwall::MainWindow window{pitwall::KafkaSelection{}};
            window.show();
            QStringList untranslated;
            for (const auto &text : shownTexts(window)) {
                if (english.contains(text.trimmed()))
                    untranslated << text;
            }
            QVERIFY2(untranslated.isEmpty(), qPrintable(untranslated.join(QStringLiteral(" | "))));
            QCOMPARE(window.leaderboard()->headerData(pitwall::LeaderboardModel::DriverName, Qt::Horizontal, Qt::DisplayRole).toString(),
                     driverHeader);
        }
        QCoreApplication::removeTranslator(&translator);
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
