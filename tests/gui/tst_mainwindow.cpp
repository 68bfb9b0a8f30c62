// The window as a user meets it (offscreen platform): Start fills the leaderboard live,
// the status bar shows the broker address, Stop reads everything back; a race at max
// speed fills every panel, an anomaly moves the charts, the layout survives a restart.

#include "view/AnomalyListModel.h"
#include "gui/AnomalyPanel.h"
#include "view/FeedModel.h"
#include "gui/FeedPanel.h"
#include "gui/LapChartsPanel.h"
#include "view/LeaderboardModel.h"
#include "view/RaceClock.h"
#include "view/RaceViewStore.h"
#include "gui/TelemetryPanel.h"
#include "gui/TrackMapWidget.h"
#include "storage/LibraryDatabase.h"
#include "gui/LibraryPanel.h"
#include "view/RaceLibraryModel.h"
#include "gui/MainWindow.h"
#include "view/PipelineHealthModel.h"
#include "gui/CloudDeployPanel.h"
#include "gui/PipelinePanel.h"
#include "pipeline/PipelineDefinition.h"
#include "../support/FakeHttpServer.h"
#include "context/RaceContext.h"
#include "gui/LiveServersDialog.h"
#include "live/LiveServers.h"
#include "aiservices/AiServices.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSettings>
#include <QSpinBox>
#include <QTcpServer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextBrowser>

#include <QAction>
#include <QAreaSeries>
#include <QChartView>
#include <QLineSeries>
#include <QValueAxis>
#include <QDockWidget>
#include <QDir>
#include <QHash>
#include <QLabel>
#include <QTreeWidget>
#include <QCheckBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QStatusBar>
#include <QPushButton>
#include <QTableView>
#include <QtTest>

using namespace pitwall;

class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void startFillsTheLeaderboardLive()
    {
        MainWindow window{KafkaSelection{}};
        window.resize(1280, 820);
        window.show();
        QSignalSpy ready(&window, &MainWindow::kafkaReady);
        QVERIFY(ready.wait(10000));
        QVERIFY(window.kafkaStatusText().contains(QLatin1String("127.0.0.1:")));

        auto *start = window.findChild<QAction *>(QStringLiteral("actionStart"));
        auto *stop = window.findChild<QAction *>(QStringLiteral("actionStop"));
        QVERIFY(start && stop);
        QVERIFY(start->isEnabled());
        QVERIFY(!stop->isEnabled());
        start->trigger();

        QTRY_COMPARE_WITH_TIMEOUT(window.leaderboard()->rowCount(), 20, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(stop->isEnabled(), 5000);
        QVERIFY(!start->isEnabled());
        auto *model = window.leaderboard();
        for (int row = 0; row < 20; ++row)
            QCOMPARE(model->data(model->index(row, LeaderboardModel::Position), Qt::DisplayRole).toInt(), row + 1);
        // Let a few more ticks arrive so the screenshot shows a race in progress.
        QTest::qWait(2500);

        QDir().mkpath(QStringLiteral(PITWALL_TEST_OUTPUT_DIR));
        const auto path = QStringLiteral(PITWALL_TEST_OUTPUT_DIR "/mainwindow.png");
        const auto image = window.grab().toImage();
        QVERIFY(image.save(path));
        qInfo("screenshot: %s", qPrintable(path));
        QCOMPARE(image.width(), 1280);

        const auto counts = window.statusBar()->findChildren<QLabel *>();
        bool sawCounts = false;
        for (auto *label : counts)
            sawCounts = sawCounts || label->text().startsWith(QLatin1String("produced"));
        QVERIFY(sawCounts);

        stop->trigger();
        auto *title = window.findChild<QLabel *>(QStringLiteral("raceTitle"));
        QTRY_VERIFY_WITH_TIMEOUT(title->text().contains(QLatin1String("finished")), 15000);
        QVERIFY(start->isEnabled());
        QVERIFY(!stop->isEnabled());
        // "finished: N of N messages read back"
        const auto words = title->text().split(QLatin1Char(' '));
        const auto finished = words.indexOf(QStringLiteral("finished:"));
        QVERIFY(finished > 0);
        QCOMPARE(words.at(finished + 1), words.at(finished + 3));
    }

    void raceAtMaxSpeedFillsEveryPanel()
    {
        MainWindow window{KafkaSelection{}};
        window.resize(1920, 1080);
        window.show();
        QSignalSpy ready(&window, &MainWindow::kafkaReady);
        QVERIFY(ready.wait(10000));
        SessionOptions options;
        options.race.circuitId = QStringLiteral("red-bull-ring");
        options.race.laps = 11; // the lap-time forecast trains on 8 green laps
        options.race.seed = 7;
        options.race.faultsPerCarHour = 10; // enough faults for the anomaly list in a short race
        options.speed = 0;
        window.setRaceOptions(options);
        window.followDriver(QStringLiteral("Oscar Piastri"));
        window.findChild<QAction *>(QStringLiteral("actionStart"))->trigger();

        // Mid-race the map shows the cars where the telemetry puts them.
        QTRY_VERIFY_WITH_TIMEOUT(window.trackMap()->carsDrawn().size() >= 18, 20000);
        QVERIFY(window.trackMap()->carsDrawn().contains(QStringLiteral("Oscar Piastri")));
        QTRY_VERIFY_WITH_TIMEOUT(window.isResultsShown(), 180000);

        QCOMPARE(window.leaderboard()->rowCount(), 20);
        QVERIFY(window.feedModel()->rowCount() > 0);
        QVERIFY2(window.anomalyModel()->rowCount() > 0, "no anomaly reached the list");
        window.telemetryPanel()->setTemperatureMetric(QStringLiteral("tyre_temp_fl"));
        // Four minutes before the end: every car was running, and the full-rate tier still holds it.
        window.raceClock()->seek(window.raceClock()->liveEdgeMs() - 240000);
        window.telemetryPanel()->refresh();
        QVERIFY(window.telemetryPanel()->pointsDrawn() > 100);
        QVERIFY(window.telemetryPanel()->forecastPointsDrawn() > 10); // the tyre forecast band
        // Both cars' temperature lines fit the temperature chart's axis (the one with the band).
        int temperatureLines = 0;
        for (auto *view : window.telemetryPanel()->findChildren<QChartView *>()) {
            const auto series = view->chart()->series();
            if (std::none_of(series.cbegin(), series.cend(),
                             [](QAbstractSeries *s) { return s->type() == QAbstractSeries::SeriesTypeArea; }))
                continue;
            const auto *axis = qobject_cast<QValueAxis *>(view->chart()->axes(Qt::Vertical).value(0));
            QVERIFY(axis);
            for (auto *line : series) {
                auto *xy = qobject_cast<QLineSeries *>(line);
                if (!xy || xy->count() == 0)
                    continue;
                ++temperatureLines;
                for (const QPointF &point : xy->points())
                    QVERIFY2(axis->min() <= point.y() && point.y() <= axis->max(),
                             qPrintable(
                                 QStringLiteral("%1 at %2 outside %3-%4").arg(xy->name()).arg(point.y()).arg(axis->min()).arg(axis->max())));
            }
        }
        QVERIFY(temperatureLines >= 3); // followed, rival, forecast
        window.lapCharts()->refresh();
        QVERIFY2(window.lapCharts()->tracePoints() >= 20 * 3, qPrintable(QString::number(window.lapCharts()->tracePoints())));
        QVERIFY(window.lapCharts()->forecastPoints() > 0);
        const auto stats = window.session()->stats();
        QCOMPARE(stats.viewDropped, quint64(0));
        QCOMPARE(stats.skipped, quint64(0));
        // Every car's whole race arrived: one point a second at least, per car.
        QVERIFY(window.raceView()->telemetryPointCount() >= size_t(20 * stats.raceTimeS * 0.9));

        window.raceClock()->goLive();
        // The feed filters by driver.
        const int everyone = window.feedPanel()->visibleLines();
        window.feedPanel()->setDriverFilter(QStringLiteral("Oscar Piastri"));
        QVERIFY(window.feedPanel()->visibleLines() < everyone);
        window.feedPanel()->setDriverFilter({});

        // The demo's engine anomalies (per team, f1-car-metrics-anomalies) are listed beside the
        // telemetry detector's, with their stage and the detector's own confidence.
        const auto *list = window.anomalyModel();
        int engineRows = 0, engineRowsBelowCertainty = 0, firstCarRow = -1;
        for (int row = 0; row < list->rowCount(); ++row) {
            const auto &record = list->record(row);
            if (record.source == AnomalySource::Engine) {
                ++engineRows;
                engineRowsBelowCertainty += record.anomaly.confidence < 100.0 ? 1 : 0;
                QCOMPARE(list->data(list->index(row, AnomalyListModel::Stage), Qt::DisplayRole).toString(),
                         QStringLiteral("engine-anomalies"));
                // Never a rounded "100 %": as many decimals as tell the rows apart.
                const QString confidence = list->data(list->index(row, AnomalyListModel::Confidence), Qt::DisplayRole).toString();
                QVERIFY2(!confidence.startsWith(QLatin1String("100")), qPrintable(confidence));
            } else if (firstCarRow < 0) {
                firstCarRow = row;
            }
        }
        QVERIFY2(engineRows > 0, "no engine anomaly reached the list");
        QVERIFY2(engineRowsBelowCertainty > 0, "every engine row read 100 %");
        QVERIFY2(firstCarRow >= 0, "no telemetry anomaly reached the list");
        // The list opens on the cars' telemetry alerts; the filter shows the demo's rows too.
        auto *panel = window.anomalyPanel();
        const int telemetryRows = panel->liveRows();
        QCOMPARE(telemetryRows, list->rowCount() - engineRows);
        for (int row = 0; row < telemetryRows; ++row)
            QCOMPARE(panel->liveRecord(row).source, AnomalySource::Telemetry);
        panel->showDetector(-1);
        QCOMPARE(panel->liveRows(), list->rowCount());
        panel->showDetector(int(AnomalySource::Telemetry));
        QCOMPARE(panel->liveRows(), telemetryRows);
        panel->showDetector(-1);

        // Selecting a car's anomaly moves every panel to its moment and the charts to its car and metric.
        int shownCarRow = 0;
        while (panel->liveRecord(shownCarRow).source != AnomalySource::Telemetry)
            ++shownCarRow;
        window.selectAnomaly(shownCarRow);
        const auto *clock = window.raceClock();
        QVERIFY(!clock->isLive());
        const qint64 selectedMs = clock->viewMs();
        QCOMPARE(window.telemetryPanel()->followedDriver(), window.followedDriver());
        window.telemetryPanel()->refresh();
        const auto [from, to] = window.telemetryPanel()->shownRange();
        QVERIFY2(from * 1000 <= selectedMs && selectedMs <= to * 1000,
                 qPrintable(QStringLiteral("%1 not in %2-%3").arg(selectedMs).arg(from).arg(to)));
        bool metricMatches = false;
        for (int row = 0; row < window.anomalyModel()->rowCount(); ++row) {
            const auto &record = window.anomalyModel()->record(row);
            metricMatches = metricMatches || (record.raceMs == selectedMs && record.anomaly.driverName == window.followedDriver() &&
                                              record.anomaly.metric == window.telemetryPanel()->temperatureMetric());
        }
        QVERIFY(metricMatches);
        window.findChild<QAction *>(QStringLiteral("actionLive"))->trigger();
        QVERIFY(clock->isLive());

        // The commentary's source is on each line's badge, and the pipeline panel counts it.
        bool offlineBadge = false;
        for (int row = 0; row < window.feedModel()->rowCount(); ++row)
            offlineBadge = offlineBadge ||
                           window.feedModel()->index(row, 0).data(FeedModel::SourceRole).toString() == QStringLiteral("offline");
        QVERIFY(offlineBadge);
        QVERIFY(window.findChild<QLabel *>(QStringLiteral("aiSummary"))->text().contains(QLatin1String("offline commentator")));

        // Ask: the five closest lines of this race's commentary, by meaning.
        auto *askDock = window.findChild<QDockWidget *>(QStringLiteral("askDock"));
        QVERIFY(askDock);
        askDock->show();
        askDock->raise();
        auto *question = askDock->findChild<QLineEdit *>(QStringLiteral("question"));
        question->setText(QStringLiteral("fastest lap"));
        askDock->findChild<QCheckBox *>(QStringLiteral("thisRaceOnly"))->setChecked(true);
        askDock->findChild<QPushButton *>(QStringLiteral("askButton"))->click();
        auto *matches = askDock->findChild<QTreeWidget *>(QStringLiteral("matches"));
        QTRY_COMPARE_WITH_TIMEOUT(matches->topLevelItemCount(), 5, 30000);
        QVERIFY2(matches->topLevelItem(0)->text(1).contains(QLatin1String("fastest"), Qt::CaseInsensitive),
                 qPrintable(matches->topLevelItem(0)->text(1)));
        QCOMPARE(matches->topLevelItem(0)->text(2), window.session()->raceId());
        QDir().mkpath(QStringLiteral(PITWALL_TEST_OUTPUT_DIR));
        QVERIFY(window.grab().save(QStringLiteral(PITWALL_TEST_OUTPUT_DIR "/mainwindow-ask.png")));

        // Screenshots of the results, then the panels, in both themes.
        QDir().mkpath(QStringLiteral(PITWALL_TEST_OUTPUT_DIR));
        QVERIFY(window.grab().save(QStringLiteral(PITWALL_TEST_OUTPUT_DIR "/mainwindow-results.png")));
        window.findChild<QPushButton *>(QStringLiteral("backToLeaderboardButton"))->click();
        QVERIFY(!window.isResultsShown());
        window.selectAnomaly(0);
        for (const bool dark : {true, false}) {
            window.setTheme(dark);
            QTest::qWait(200);
            const auto path = dark ? QStringLiteral(PITWALL_TEST_OUTPUT_DIR "/mainwindow-dark.png")
                                   : QStringLiteral(PITWALL_TEST_OUTPUT_DIR "/mainwindow-light.png");
            const auto image = window.grab().toImage();
            QVERIFY(image.save(path));
            qInfo("screenshot: %s", qPrintable(path));
            // The theme really changed the window: its background is dark or light. The
            // background is the window's most common colour (one pixel could be a red value
            // in the anomaly list or a feed line, depending on the race).
            QHash<QRgb, int> counts;
            for (int y = 0; y < image.height(); y += 8)
                for (int x = 0; x < image.width(); x += 8)
                    ++counts[image.pixel(x, y)];
            QRgb mostCommon = 0;
            for (auto it = counts.cbegin(); it != counts.cend(); ++it)
                if (it.value() > counts.value(mostCommon))
                    mostCommon = it.key();
            const QColor background = QColor::fromRgb(mostCommon);
            QVERIFY2(dark ? background.lightness() < 100 : background.lightness() > 150, qPrintable(background.name()));
        }
        window.setTheme(true);
    }

    // The race engineer in the ask panel: without an LLM it says what to configure; with
    // one (a fake OpenAI endpoint) it calls a tool on the live race, shown in the chat.
    void raceEngineerChatShowsToolCalls()
    {
        MainWindow window{KafkaSelection{}};
        window.resize(1920, 1080);
        window.show();
        auto context = std::make_shared<RaceContext>();
        window.setAiServices(AiServices::offline());
        window.setRaceContext(context);
        auto *askDock = window.findChild<QDockWidget *>(QStringLiteral("askDock"));
        askDock->show();
        askDock->raise();
        askDock->findChild<QComboBox *>(QStringLiteral("mode"))->setCurrentIndex(1);
        auto *question = askDock->findChild<QLineEdit *>(QStringLiteral("question"));
        auto *status = askDock->findChild<QLabel *>(QStringLiteral("status"));
        QVERIFY2(status->text().contains(QLatin1String("--llm bedrock")), qPrintable(status->text()));
        question->setText(QStringLiteral("Who leads?"));
        askDock->findChild<QPushButton *>(QStringLiteral("askButton"))->click();
        auto *conversation = askDock->findChild<QTextBrowser *>(QStringLiteral("conversation"));
        QTRY_VERIFY(conversation->toPlainText().contains(QLatin1String("OPENAI_API_KEY")));

        test::FakeHttpServer server([](const test::FakeRequest &request) {
            const auto messages = QJsonDocument::fromJson(request.body).object().value("messages").toArray();
            const auto last = messages.last().toObject();
            QJsonObject message{{"role", "assistant"}};
            if (last.value("role").toString() == QLatin1String("user")) {
                message.insert("tool_calls",
                               QJsonArray{QJsonObject{{"id", "call_1"},
                                                      {"type", "function"},
                                                      {"function", QJsonObject{{"name", "get_leaderboard"}, {"arguments", "{}"}}}}});
            } else {
                const auto rows = QJsonDocument::fromJson(last.value("content").toString().toUtf8()).object().value("leaderboard").toArray();
                message.insert("content", QStringLiteral("%1 leads.").arg(rows.first().toObject().value("driver_name").toString()));
            }
            const QJsonObject answer{{"model", "fake-gpt"}, {"choices", QJsonArray{QJsonObject{{"message", message}}}}};
            return test::FakeResponse::json(200, QJsonDocument(answer).toJson(QJsonDocument::Compact));
        });
        ai::AiSettings settings;
        settings.llm = ai::LlmChoice::OpenAi;
        settings.openai.baseUrl = server.baseUrl() + QStringLiteral("/v1");
        settings.openai.apiKey = QStringLiteral("sk-window-test");
        settings.openai.model = QStringLiteral("fake-gpt");
        auto ai = AiServices::start(settings);
        QVERIFY(ai);
        window.setAiServices(ai.value());

        QSignalSpy ready(&window, &MainWindow::kafkaReady);
        QVERIFY(ready.wait(10000));
        SessionOptions options;
        options.race.circuitId = QStringLiteral("monza");
        options.race.laps = 3;
        options.speed = 20;
        window.setRaceOptions(options);
        window.findChild<QAction *>(QStringLiteral("actionStart"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(context->leaderboard().size() == 20, 30000);

        question->setText(QStringLiteral("Who leads the race?"));
        askDock->findChild<QPushButton *>(QStringLiteral("askButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(conversation->toPlainText().contains(QLatin1String(" leads.")), 30000);
        const QString chat = conversation->toPlainText();
        QVERIFY2(chat.contains(QLatin1String("get_leaderboard()")), qPrintable(chat));
        QVERIFY2(chat.contains(QLatin1String("leaderboard: 20 items")), qPrintable(chat));
        // The leader named is one of the race's drivers.
        const QString leader = chat.section(QLatin1String("Engineer: "), -1).section(QLatin1String(" leads."), 0, 0);
        QVERIFY2(context->resolveDriver(leader).has_value(), qPrintable(leader));
        QDir().mkpath(QStringLiteral(PITWALL_TEST_OUTPUT_DIR));
        QVERIFY(window.grab().save(QStringLiteral(PITWALL_TEST_OUTPUT_DIR "/mainwindow-engineer.png")));
        window.findChild<QAction *>(QStringLiteral("actionStop"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QAction *>(QStringLiteral("actionStart"))->isEnabled(), 30000);
    }

    // File ▸ Live servers: switching the MCP server and the feed on and off while the app
    // runs, the token shown masked and accepted by the server, the choices saved.
    void liveServersDialogSwitchesTheServers()
    {
        auto freePort = [] {
            QTcpServer probe;
            probe.listen(QHostAddress::LocalHost, 0);
            return int(probe.serverPort());
        };
        LiveServers servers(AiServices::offline());
        MainWindow window{KafkaSelection{}};
        QVERIFY(!window.findChild<QAction *>(QStringLiteral("actionLiveServers"))->isEnabled());
        window.setLiveServers(&servers);
        QVERIFY(window.findChild<QAction *>(QStringLiteral("actionLiveServers"))->isEnabled());

        LiveServersDialog dialog(servers, &window);
        auto *mcpGroup = dialog.findChild<QGroupBox *>(QStringLiteral("mcpGroup"));
        auto *feedGroup = dialog.findChild<QGroupBox *>(QStringLiteral("feedGroup"));
        auto *token = dialog.findChild<QLineEdit *>(QStringLiteral("mcpToken"));
        QVERIFY(!mcpGroup->isChecked() && !feedGroup->isChecked());
        QCOMPARE(token->echoMode(), QLineEdit::Password);
        QVERIFY(token->text().size() >= 32);
        const int mcpPort = freePort();
        const int feedPort = freePort();
        mcpGroup->setChecked(true);
        dialog.findChild<QSpinBox *>(QStringLiteral("mcpPort"))->setValue(mcpPort);
        feedGroup->setChecked(true);
        dialog.findChild<QSpinBox *>(QStringLiteral("feedPort"))->setValue(feedPort);
        dialog.findChild<QDialogButtonBox *>(QStringLiteral("buttons"))->button(QDialogButtonBox::Apply)->click();
        QVERIFY(servers.mcpRunning());
        QVERIFY(servers.feedRunning());
        QCOMPARE(servers.mcpToken(), token->text());
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("mcpAddress"))->text().contains(QStringLiteral("127.0.0.1:%1/mcp").arg(mcpPort)));

        // The token shown is the one the server wants.
        QNetworkAccessManager network;
        auto initialize = [&](const QString &bearer) {
            QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/mcp").arg(mcpPort)));
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
            request.setRawHeader("Accept", "application/json, text/event-stream");
            request.setRawHeader("Authorization", "Bearer " + bearer.toUtf8());
            QNetworkReply *reply = network.post(request, QByteArrayLiteral("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                                                                           "\"params\":{\"protocolVersion\":\"2025-06-18\"}}"));
            QSignalSpy done(reply, &QNetworkReply::finished);
            done.wait(5000);
            reply->deleteLater();
            return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        };
        QCOMPARE(initialize(token->text()), 200);
        QCOMPARE(initialize(QStringLiteral("not-the-token-0123456789")), 401);
        // A new token replaces the old one when applied.
        const QString oldToken = token->text();
        dialog.findChild<QPushButton *>(QStringLiteral("newToken"))->click();
        dialog.findChild<QDialogButtonBox *>(QStringLiteral("buttons"))->button(QDialogButtonBox::Apply)->click();
        QVERIFY(token->text() != oldToken);
        QCOMPARE(initialize(oldToken), 401);
        QCOMPARE(initialize(token->text()), 200);
        QDir().mkpath(QStringLiteral(PITWALL_TEST_OUTPUT_DIR));
        QVERIFY(dialog.grab().save(QStringLiteral(PITWALL_TEST_OUTPUT_DIR "/live-servers-dialog.png")));

        QSettings settings;
        QCOMPARE(settings.value("live/mcpEnabled").toBool(), true);
        QCOMPARE(settings.value("live/feedPort").toInt(), feedPort);
        QVERIFY(!settings.allKeys().join(' ').contains(QLatin1String("oken"))); // the token is never saved
        for (const auto &key : settings.allKeys())
            QVERIFY(!settings.value(key).toString().contains(token->text()));

        // Off again; a port in use is said, and the other server still applies.
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        mcpGroup->setChecked(false);
        dialog.findChild<QSpinBox *>(QStringLiteral("feedPort"))->setValue(squatter.serverPort());
        dialog.findChild<QDialogButtonBox *>(QStringLiteral("buttons"))->button(QDialogButtonBox::Apply)->click();
        QVERIFY(!servers.mcpRunning());
        QVERIFY(!servers.feedRunning());
        QVERIFY2(dialog.findChild<QLabel *>(QStringLiteral("status"))->text().contains(QLatin1String("in use")),
                 qPrintable(dialog.findChild<QLabel *>(QStringLiteral("status"))->text()));
        QCOMPARE(initialize(token->text()), 0); // nothing listens
        settings.remove(QStringLiteral("live"));
    }

    void reRunIsComparedWithTheRecordedRun()
    {
        MainWindow window{KafkaSelection{}};
        window.resize(1920, 1080);
        window.show();
        QSignalSpy ready(&window, &MainWindow::kafkaReady);
        QVERIFY(ready.wait(10000));
        SessionOptions options;
        options.race.circuitId = QStringLiteral("red-bull-ring");
        options.race.laps = 6;
        options.race.seed = 21;
        options.race.faultsPerCarHour = 10;
        options.speed = 0;
        options.libraryPath = LibraryDatabase::defaultPath(); // recorded, as every race of the window
        window.setRaceOptions(options);
        window.findChild<QAction *>(QStringLiteral("actionStart"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(window.isResultsShown(), 120000);
        const QString raceId = window.session()->raceId();
        const int found = window.anomalyModel()->rowCount();
        QVERIFY(found > 0);
        QVERIFY(!window.anomalyPanel()->isComparing());
        window.anomalyPanel()->showDetector(-1); // every detector's rows, the demo's engine stage's too

        window.libraryPanel()->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(window.libraryPanel()->model()->race(raceId), 5000);
        window.startReplay(raceId, true);
        QTRY_VERIFY_WITH_TIMEOUT(window.anomalyPanel()->isComparing(), 60000); // ~22 s under ASan
        // Mid-replay the recorded side shows only what had been found by the clock's moment.
        QTRY_VERIFY_WITH_TIMEOUT(window.isResultsShown(), 120000);
        window.raceClock()->goLive();
        QCOMPARE(window.anomalyPanel()->recordedRowsShown(), found);
        // The same race through the same pipeline finds the same anomalies.
        QCOMPARE(window.anomalyPanel()->liveRows(), found);
        window.raceClock()->seek(window.raceClock()->liveEdgeMs() / 2);
        QVERIFY(window.anomalyPanel()->recordedRowsShown() < found);
        QDir().mkpath(QStringLiteral(PITWALL_TEST_OUTPUT_DIR));
        window.findChild<QPushButton *>(QStringLiteral("backToLeaderboardButton"))->click();
        QVERIFY(window.grab().save(QStringLiteral(PITWALL_TEST_OUTPUT_DIR "/rerun-compare.png")));
    }

    void layoutSurvivesARestart()
    {
        {
            MainWindow window{KafkaSelection{}};
            window.resize(1500, 900);
            window.show();
            QTest::qWait(400);
            auto *feed = window.findChild<QDockWidget *>(QStringLiteral("feedDock"));
            QVERIFY(feed && feed->isVisible());
            feed->hide();
            window.followDriver(QStringLiteral("Charles Leclerc"));
            window.close();
        }
        MainWindow window{KafkaSelection{}};
        window.show();
        QTest::qWait(400);
        QCOMPARE(window.size(), QSize(1500, 900));
        auto *feed = window.findChild<QDockWidget *>(QStringLiteral("feedDock"));
        QVERIFY(!feed->isVisible());
        QCOMPARE(window.followedDriver(), QStringLiteral("Charles Leclerc"));
        window.findChild<QAction *>(QStringLiteral("actionResetLayout"))->trigger();
        QVERIFY(feed->isVisible());
        window.close();
    }

    void pipelinePanelShowsStagesAndSwitchesThemOff()
    {
        MainWindow window{KafkaSelection{}};
        window.resize(1280, 900);
        window.show();
        QSignalSpy ready(&window, &MainWindow::kafkaReady);
        QVERIFY(ready.wait(10000));
        auto *dock = window.findChild<QDockWidget *>(QStringLiteral("pipelineDock"));
        QVERIFY(dock && dock->isVisible());
        auto *model = window.pipelinePanel()->model();
        QCOMPARE(model->rowCount(), int(pipelineStageNames().size())); // every stage, the AI ones included
        QVERIFY(pipelineStageNames().contains(QStringLiteral("commentary")));
        int telemetryRow = -1;
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->stageName(row) == QLatin1String("telemetry-anomalies"))
                telemetryRow = row;
        }
        QVERIFY(telemetryRow >= 0);
        QVERIFY(model->flinkSql(telemetryRow).contains(QLatin1String("ML_DETECT_ANOMALIES")));

        window.findChild<QAction *>(QStringLiteral("actionStart"))->trigger();
        const auto in = model->index(telemetryRow, PipelineHealthModel::In);
        // The stage reports what it handles while the race runs...
        QTRY_VERIFY_WITH_TIMEOUT(model->data(in).toString().remove(QRegularExpression(QStringLiteral("\\D"))).toLongLong() > 0, 15000);
        QDir().mkpath(QStringLiteral(PITWALL_TEST_OUTPUT_DIR));
        QVERIFY(dock->grab().save(QStringLiteral(PITWALL_TEST_OUTPUT_DIR "/pipeline-panel.png")));
        // ...and the check box switches it off in the running race.
        const auto check = model->index(telemetryRow, PipelineHealthModel::Stage);
        QVERIFY(model->setData(check, Qt::Unchecked, Qt::CheckStateRole));
        QTest::qWait(1500);
        QCOMPARE(model->data(check, Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        const QString handled = model->data(in).toString();
        QTest::qWait(1000);
        QCOMPARE(model->data(in).toString(), handled);                   // no longer consuming
        QVERIFY(model->setData(check, Qt::Checked, Qt::CheckStateRole)); // and back on, for later runs
        QTRY_COMPARE_WITH_TIMEOUT(model->data(check, Qt::CheckStateRole).toInt(), int(Qt::Checked), 5000);
        // Deployed to Confluent Cloud: the local copy steps aside; stopped there: it comes back.
        emit window.pipelinePanel()->cloud()->cloudStagesChanged({QStringLiteral("telemetry-anomalies")});
        QTRY_COMPARE_WITH_TIMEOUT(model->data(check, Qt::CheckStateRole).toInt(), int(Qt::Unchecked), 5000);
        emit window.pipelinePanel()->cloud()->cloudStagesChanged({});
        QTRY_COMPARE_WITH_TIMEOUT(model->data(check, Qt::CheckStateRole).toInt(), int(Qt::Checked), 5000);
        window.findChild<QAction *>(QStringLiteral("actionStop"))->trigger();
        auto *title = window.findChild<QLabel *>(QStringLiteral("raceTitle"));
        QTRY_VERIFY_WITH_TIMEOUT(title->text().contains(QLatin1String("finished")), 15000);
    }

    void finishedRaceIsInTheLibraryAndReplays()
    {
        MainWindow window{KafkaSelection{}};
        window.resize(1600, 900);
        window.show();
        QSignalSpy ready(&window, &MainWindow::kafkaReady);
        QVERIFY(ready.wait(10000));
        auto *library = window.libraryPanel()->model();
        const int before = library->rowCount();
        auto *start = window.findChild<QAction *>(QStringLiteral("actionStart"));
        auto *stop = window.findChild<QAction *>(QStringLiteral("actionStop"));
        auto *title = window.findChild<QLabel *>(QStringLiteral("raceTitle"));
        start->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(window.leaderboard()->rowCount(), 20, 10000);
        QTest::qWait(1500);
        stop->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(title->text().contains(QLatin1String("finished")), 15000);
        // "Race race-xxxx — finished: ..."
        const QString raceId = title->text().section(QLatin1Char(' '), 1, 1);
        QCOMPARE(library->rowCount(), before + 1);
        const auto *recorded = library->race(raceId);
        QVERIFY2(recorded, qPrintable(raceId));
        QCOMPARE(recorded->state, QStringLiteral("stopped"));
        QVERIFY(recorded->messageCount > 0);

        // Replayed from the library: the leaderboard fills again, and the replay is not recorded.
        window.libraryPanel()->select(raceId);
        QCOMPARE(window.libraryPanel()->selectedRaceId(), raceId);
        window.leaderboard()->clear();
        window.startReplay(raceId, false);
        QTRY_COMPARE_WITH_TIMEOUT(window.leaderboard()->rowCount(), 20, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(title->text().contains(QLatin1String("Replay of")), 5000);
        // Replay controls show for a replay only.
        auto *slider = window.findChild<QSlider *>(QStringLiteral("replaySlider"));
        auto *pause = window.findChild<QAction *>(QStringLiteral("actionPauseReplay"));
        QVERIFY(slider && pause);
        QTRY_VERIFY_WITH_TIMEOUT(slider->isVisible() && pause->isVisible(), 5000);
        pause->setChecked(true);
        QCOMPARE(pause->text(), QStringLiteral("Resume"));
        pause->setChecked(false);
        QDir().mkpath(QStringLiteral(PITWALL_TEST_OUTPUT_DIR));
        QVERIFY(window.grab().save(QStringLiteral(PITWALL_TEST_OUTPUT_DIR "/replay.png")));
        stop->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(title->text().contains(QLatin1String("finished")), 15000);
        QCOMPARE(library->rowCount(), before + 1);
        QVERIFY(!slider->isVisible() && !pause->isVisible());
    }

    void unreachableClusterShowsWhatToFix()
    {
        MainWindow window{KafkaSelection{QStringLiteral("127.0.0.1:1"), {}}};
        window.show();
        QSignalSpy failed(&window, &MainWindow::kafkaFailed);
        QVERIFY(failed.wait(20000));
        auto *banner = window.findChild<QLabel *>(QStringLiteral("problemBanner"));
        QVERIFY(banner->isVisible());
        QVERIFY(banner->text().contains(QLatin1String("cannot reach Kafka at 127.0.0.1:1")));
        QVERIFY(banner->text().contains(QLatin1String("Kafka connection")));
        QVERIFY(!window.findChild<QAction *>(QStringLiteral("actionStart"))->isEnabled());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
