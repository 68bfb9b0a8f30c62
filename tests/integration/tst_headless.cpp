// The pitwall executable as a user runs it: --headless, --help, --version, bad input.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QDateTime>
#include <QFile>
#include <QTimeZone>
#include <cmath>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>

class TestHeadless : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_home; // keeps the user's saved settings out of the test

    struct Run {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    Run pitwall(const QStringList &arguments, int timeoutMs = 60000)
    {
        QProcess process;
        auto environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.path());
        environment.insert(QStringLiteral("XDG_DATA_HOME"), m_home.path()); // the race library too
        environment.remove(QStringLiteral("DISPLAY"));
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(PITWALL_BINARY), arguments);
        if (!process.waitForFinished(timeoutMs)) {
            process.kill();
            process.waitForFinished();
        }
        return Run{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
                   process.readAllStandardError()};
    }

private slots:
    void headlessRaceReadsBackEveryMessage()
    {
        const auto run = pitwall({"--headless", "--duration-seconds", "3"});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const auto lines = run.out.trimmed().split('\n');
        const auto summary = QJsonDocument::fromJson(lines.last()).object();
        QVERIFY2(!summary.isEmpty(), run.out.constData());
        for (const char *field : {"produced", "consumed", "errors", "bootstrap", "race_id", "duration_s"})
            QVERIFY2(summary.contains(QLatin1String(field)), field);
        QVERIFY(summary.value("produced").toInteger() >= 60); // 20 drivers, at least 3 race seconds
        QCOMPARE(summary.value("consumed").toInteger(), summary.value("produced").toInteger());
        QCOMPARE(summary.value("errors").toInteger(), 0);
        QCOMPARE(summary.value("skipped").toInteger(), 0);
        QVERIFY(summary.value("bootstrap").toString().startsWith(QLatin1String("127.0.0.1:")));
        QVERIFY(summary.value("race_id").toString().startsWith(QLatin1String("race-")));
        QVERIFY(summary.value("duration_s").toDouble() >= 3.0);
        QVERIFY(run.err.contains("Kafka bootstrap 127.0.0.1:"));
        QVERIFY(run.err.contains("produced="));
    }

    void shortSimulatedRaceToTheFlag()
    {
        const auto run = pitwall({"--headless", "--track", "monaco", "--laps", "3", "--seed", "42", "--speed", "max",
                                  "--telemetry-hz", "20", "--hero", "Oscar Piastri", "--faults", "6"});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const auto summary = QJsonDocument::fromJson(run.out.trimmed().split('\n').last()).object();
        QCOMPARE(summary.value("track").toString(), QStringLiteral("monaco"));
        QCOMPARE(summary.value("laps").toInt(), 3);
        QCOMPARE(summary.value("seed").toString(), QStringLiteral("42"));
        QCOMPARE(summary.value("speed").toString(), QStringLiteral("max"));
        QCOMPARE(summary.value("telemetry_hz").toInt(), 20);
        QVERIFY(summary.value("finished").toBool());
        QCOMPARE(summary.value("classification").toArray().size(), 20);
        QCOMPARE(summary.value("events").toObject().value("race_finished").toInt(), 1);
        QVERIFY(summary.value("events").toObject().value("lap_completed").toInt() >= 40);
        QCOMPARE(summary.value("consumed").toInteger(), summary.value("produced").toInteger());
        const auto topics = summary.value("topics").toObject();
        for (const char *topic : {"f1-driver-positions", "f1-car-metrics", "f1-car-telemetry", "f1-race-events"})
            QVERIFY2(topics.value(QLatin1String(topic)).toInteger() > 0, topic);
        // 20 cars x 20 Hz over a race of about four minutes.
        QVERIFY(topics.value("f1-car-telemetry").toInteger() > 20 * 20 * 200);
        const auto faults = summary.value("faults").toArray();
        QCOMPARE(faults.size(), summary.value("events").toObject().value("fault").toInt());
        QCOMPARE(topics.value("f1-fault-labels").toInteger(), faults.size());
        for (const auto &fault : faults) {
            for (const char *field : {"driver_name", "team_name", "metric", "kind", "start_ms", "end_ms"})
                QVERIFY2(fault.toObject().contains(QLatin1String(field)), field);
        }
        // Every pipeline stage ran and, with back-pressure, lost nothing at full speed.
        const auto stages = summary.value("stages").toObject();
        for (const char *stage :
             {"enrichment", "engine-anomalies", "telemetry-anomalies", "lap-time-forecast", "tyre-temperature-forecast"}) {
            const auto metrics = stages.value(QLatin1String(stage)).toObject();
            QVERIFY2(metrics.value("in").toInteger() > 0, stage);
            QCOMPARE(metrics.value("skipped").toInteger(), 0);
            QCOMPARE(metrics.value("failures").toInteger(), 0);
        }
        QCOMPARE(stages.value("telemetry-anomalies").toObject().value("in").toInteger(), topics.value("f1-car-telemetry").toInteger());
        // The same seed, the same race.
        const auto again = pitwall({"--headless", "--track", "monaco", "--laps", "3", "--seed", "42", "--speed", "max",
                                    "--telemetry-hz", "20", "--hero", "Oscar Piastri", "--faults", "6"});
        const auto summary2 = QJsonDocument::fromJson(again.out.trimmed().split('\n').last()).object();
        QCOMPARE(summary2.value("classification"), summary.value("classification"));
        QCOMPARE(summary2.value("events"), summary.value("events"));
    }

    // Issue 22 item 8: a stop by signal ends the race cleanly: the summary is printed
    // (finished: false, stopped_by), nothing read back is lost, exit status 128 + signal.
    void stopSignalsEndTheRaceWithItsSummary_data()
    {
        QTest::addColumn<int>("signalNumber");
        QTest::addColumn<QString>("name");
        QTest::newRow("SIGTERM") << int(SIGTERM) << QStringLiteral("SIGTERM");
        QTest::newRow("SIGINT") << int(SIGINT) << QStringLiteral("SIGINT");
        QTest::newRow("SIGHUP") << int(SIGHUP) << QStringLiteral("SIGHUP");
    }

    void stopSignalsEndTheRaceWithItsSummary()
    {
        QFETCH(int, signalNumber);
        QFETCH(QString, name);
        QProcess process;
        auto environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.path());
        environment.insert(QStringLiteral("XDG_DATA_HOME"), m_home.path());
        environment.remove(QStringLiteral("DISPLAY"));
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(PITWALL_BINARY), {"--headless", "--speed", "1", "--no-record"});
        QVERIFY(process.waitForStarted());
        // Wait for the race to run (a progress line), then send the signal.
        QByteArray err;
        QElapsedTimer clock;
        clock.start();
        while (!err.contains("produced=") && clock.elapsed() < 30000) {
            process.waitForReadyRead(200);
            err += process.readAllStandardError();
        }
        QVERIFY2(err.contains("produced="), err.constData());
        QCOMPARE(::kill(pid_t(process.processId()), signalNumber), 0);
        QVERIFY(process.waitForFinished(30000));
        err += process.readAllStandardError();
        QCOMPARE(process.exitStatus(), QProcess::NormalExit); // not killed by the signal
        QCOMPARE(process.exitCode(), 128 + signalNumber);
        const auto summary = QJsonDocument::fromJson(process.readAllStandardOutput().trimmed().split('\n').last()).object();
        QVERIFY2(!summary.isEmpty(), err.constData());
        QCOMPARE(summary.value("finished").toBool(true), false);
        QCOMPARE(summary.value("stopped_by").toString(), name);
        QVERIFY(summary.value("produced").toInteger() > 0);
        QCOMPARE(summary.value("consumed").toInteger(), summary.value("produced").toInteger());
        QVERIFY2(err.contains(name.toUtf8() + ": stopping the race"), err.constData());
    }

    // Issue 22 item 15: outside text echoed on stderr (a race id, an imported file's line)
    // carries no terminal control sequence: ESC and BEL arrive escaped.
    void outsideTextIsPrintedEscaped()
    {
        const QString evilId = QStringLiteral("race-\x1b]0;owned\x07\x1b[2J");
        const auto replay = pitwall({"replay", evilId, "--headless", "--library", m_home.filePath(QStringLiteral("esc.sqlite"))});
        QVERIFY(replay.exitCode != 0);
        QVERIFY2(!replay.err.contains('\x1b') && !replay.err.contains('\x07'), replay.err.constData());
        QVERIFY2(replay.err.contains("race-\\x1b]0;owned\\x07\\x1b[2J"), replay.err.constData());
        QFile evil(m_home.filePath(QStringLiteral("evil.jsonl")));
        QVERIFY(evil.open(QIODevice::WriteOnly));
        evil.write("{\"pitwall_race_export\":1,\"race\":{\"id\":\"race-e\",\"name\":\"E\",\"circuit\":\"monza\"}}\n"
                   "{\"t\":5,\"topic\":\"\\u001b[31mred\",\"key\":\"\",\"value\":\"{}\"}\n");
        evil.close();
        const auto import = pitwall({"import", evil.fileName(), "--library", m_home.filePath(QStringLiteral("esc.sqlite"))});
        QCOMPARE(import.exitCode, 2);
        QVERIFY2(!import.err.contains('\x1b'), import.err.constData());
        QVERIFY2(import.err.contains("unknown topic '\\x1b[31mred'"), import.err.constData());
    }

    void unreachableBootstrapFailsWithAClearMessage()
    {
        const auto run = pitwall({"--headless", "--duration-seconds", "2", "--bootstrap", "127.0.0.1:1"});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("cannot reach Kafka at 127.0.0.1:1"), run.err.constData());
        QVERIFY(run.out.isEmpty());
    }

    void badArgumentsAreRefused()
    {
        auto run = pitwall({"--headless", "--duration-seconds", "zero"});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains("--duration-seconds must be a whole number"));
        run = pitwall({"--headless", "--bootstrap", "no port here"});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("is not a Kafka bootstrap address"));
        run = pitwall({"--headless", "--kafka-config", "/nonexistent.properties"});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("cannot read Kafka config /nonexistent.properties"));
        run = pitwall({"--headless", "--track", "nurburgring"});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains("--track must be one of"));
        run = pitwall({"--headless", "--speed", "fast"});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains("--speed must be max or a factor"));
        run = pitwall({"--headless", "--hero", "Ayrton Senna"});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains("Ayrton Senna"));
        run = pitwall({"--headless", "--telemetry-hz", "500"});
        QCOMPARE(run.exitCode, 1);
        run = pitwall({"--headless", "--disable-stage", "sentiment"});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains("--disable-stage must be one of enrichment"));
        run = pitwall({"--no-such-option"});
        QVERIFY(run.exitCode != 0);
    }

    void disabledStageStaysOff()
    {
        const auto run = pitwall({"--headless", "--duration-seconds", "2", "--speed", "20", "--disable-stage",
                                  "telemetry-anomalies", "--disable-stage", "enrichment"});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const auto stages = QJsonDocument::fromJson(run.out.trimmed().split('\n').last()).object().value("stages").toObject();
        for (const char *off : {"telemetry-anomalies", "enrichment"}) {
            QCOMPARE(stages.value(off).toObject().value("enabled").toBool(true), false);
            QCOMPARE(stages.value(off).toObject().value("in").toInteger(), 0);
        }
        QVERIFY(stages.value("tyre-temperature-forecast").toObject().value("in").toInteger() > 0);
        QCOMPARE(stages.value("tyre-temperature-forecast").toObject().value("enabled").toBool(false), true);
    }

    void anomalyAndForecastCommands()
    {
        // A NAB-shaped series: hourly timestamps, a slow wave, one fault.
        const QString nab = m_home.filePath(QStringLiteral("series.csv"));
        {
            QFile series(nab);
            QVERIFY(series.open(QIODevice::WriteOnly));
            series.write("timestamp,value\n");
            const QDateTime start(QDate(2013, 7, 4), QTime(0, 0), QTimeZone::utc());
            for (int i = 0; i < 7300; ++i) {
                const double value = 70 + 3 * std::sin(i / 24.0 * 6.283) + 0.3 * std::sin(i * 1.7) + (i == 5000 ? 25 : 0);
                series.write(start.addSecs(3600LL * i).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")).toUtf8() + ',' +
                             QByteArray::number(value, 'f', 4) + '\n');
            }
        }
        const QString output = m_home.filePath(QStringLiteral("anomalies.csv"));
        auto run = pitwall({"detect-anomalies", "--input", nab, "--config", R"({"minTrainingSize":48,"confidencePercentage":99})",
                            "--output", output});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QFile file(output);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto lines = file.readAll().trimmed().split('\n');
        QFile input(nab);
        QVERIFY(input.open(QIODevice::ReadOnly));
        QCOMPARE(lines.size(), input.readAll().trimmed().split('\n').size()); // a row per input row, and the header
        QCOMPARE(lines.first(), QByteArray("timestamp,value,forecast,lower_bound,upper_bound,is_anomaly,anomaly_score,alert"));
        QVERIFY(lines.at(10).endsWith(",,,,")); // warming up
        QVERIFY(lines.at(100).endsWith(",false") || lines.at(100).endsWith(",true"));
        QVERIFY(run.err.contains("anomalies"));
        // Every scored row has a score in [0, 1]; the injected spike (row 5000) is the one alert near it.
        int scored = 0;
        for (const auto &line : lines.mid(1)) {
            const auto fields = line.split(',');
            QCOMPARE(fields.size(), 8);
            if (fields.at(6).isEmpty())
                continue;
            ++scored;
            QVERIFY(fields.at(6).toDouble() >= 0 && fields.at(6).toDouble() <= 1);
        }
        QVERIFY(scored > 6000);
        QCOMPARE(lines.at(5001).split(',').at(7), QByteArray("true"));

        run = pitwall({"forecast", "--input", nab, "--horizon", "3", "--config", R"({"minTrainingSize":48})"});
        QCOMPARE(run.exitCode, 0);
        const auto rows = run.out.trimmed().split('\n');
        QCOMPARE(rows.first(), QByteArray("timestamp,value,step,forecast,lower_bound,upper_bound,rmse,aic"));
        QVERIFY(rows.size() > 3 * 7000);

        QFile bad(m_home.filePath(QStringLiteral("bad.csv")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("timestamp,value\n2024-01-01,1\n2024-01-02,oops\n");
        bad.close();
        run = pitwall({"detect-anomalies", "--input", bad.fileName()});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("line 3: 'oops' is not a number"), run.err.constData());
        QVERIFY(bad.open(QIODevice::WriteOnly | QIODevice::Truncate));
        bad.write("timestamp,value\n2024-01-01,1\n2024-01-02,1e308\n");
        bad.close();
        run = pitwall({"forecast", "--input", bad.fileName(), "--horizon", "2"});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("line 3: 1e308 is not a physical value"), run.err.constData());
        run = pitwall({"detect-anomalies", "--input", nab, "--config", R"({"confidence":90})"});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains("unknown key 'confidence'"));
        run = pitwall({"forecast", "--input", nab});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains("--horizon"));
    }

    void helpAndVersionWorkWithoutADisplay()
    {
        auto run = pitwall({"--version"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(PITWALL_VERSION), run.out.constData());
        run = pitwall({"--help"});
        QCOMPARE(run.exitCode, 0);
        for (const char *option : {"--headless", "--duration-seconds", "--bootstrap", "--kafka-config", "--track", "--laps",
                                   "--seed", "--speed", "--telemetry-hz", "--hero", "--faults", "monza"})
            QVERIFY2(run.out.contains(option), option);
    }
};

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
