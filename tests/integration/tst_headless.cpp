// The pitwall executable as a user runs it: --headless, --help, --version, bad input.

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

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
        environment.remove(QStringLiteral("DISPLAY"));
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(PITWALL_BINARY), arguments);
        if (!process.waitForFinished(timeoutMs)) {
            process.kill();
            process.waitForFinished();
        }
        return Run{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                   process.readAllStandardOutput(), process.readAllStandardError()};
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
        QVERIFY(summary.value("produced").toInteger() >= 60); // 20 drivers, at least 3 ticks
        QCOMPARE(summary.value("consumed").toInteger(), summary.value("produced").toInteger());
        QCOMPARE(summary.value("errors").toInteger(), 0);
        QCOMPARE(summary.value("skipped").toInteger(), 0);
        QVERIFY(summary.value("bootstrap").toString().startsWith(QLatin1String("127.0.0.1:")));
        QVERIFY(summary.value("race_id").toString().startsWith(QLatin1String("race-")));
        QVERIFY(summary.value("duration_s").toDouble() >= 3.0);
        QVERIFY(run.err.contains("Kafka bootstrap 127.0.0.1:"));
        QVERIFY(run.err.contains("produced="));
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
        run = pitwall({"--no-such-option"});
        QVERIFY(run.exitCode != 0);
    }

    void helpAndVersionWorkWithoutADisplay()
    {
        auto run = pitwall({"--version"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(PITWALL_VERSION), run.out.constData());
        run = pitwall({"--help"});
        QCOMPARE(run.exitCode, 0);
        for (const char *option : {"--headless", "--duration-seconds", "--bootstrap", "--kafka-config"})
            QVERIFY2(run.out.contains(option), option);
    }
};

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
