// Streaming ARIMA: parameter recovery, forecasts, the ML_DETECT_ANOMALIES semantics,
// its configuration and CSV input, and agreement with statsmodels.

#include "ml/ArimaStream.h"
#include "ml/PersistentDetector.h"
#include "ml/SeriesCsv.h"
#include "ml/Stl.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>
#include <cmath>
#include <random>

using namespace pitwall::ml;

namespace {

std::vector<double> arma(int n, double phi, double theta, double mean, unsigned seed, double sigma = 1.0)
{
    std::mt19937_64 random(seed);
    std::normal_distribution<double> shock(0.0, sigma);
    std::vector<double> series;
    double previous = 0, previousShock = 0;
    for (int t = 0; t < n + 200; ++t) {
        const double e = shock(random);
        const double value = phi * previous + e + theta * previousShock;
        previous = value;
        previousShock = e;
        if (t >= 200)
            series.push_back(mean + value);
    }
    return series;
}

// The running sum of a series: an ARMA(p, q) becomes an ARIMA(p, 1, q).
std::vector<double> integrated(std::vector<double> series)
{
    for (size_t t = 1; t < series.size(); ++t)
        series[t] += series[t - 1];
    return series;
}

double oneStepRmse(const ArimaModel &model, const std::vector<double> &series, size_t start)
{
    const auto residuals = model.residuals(series);
    double sum = 0;
    for (size_t t = start; t < series.size(); ++t)
        sum += residuals[t] * residuals[t];
    return std::sqrt(sum / double(series.size() - start));
}

} // namespace

class TestArima : public QObject {
    Q_OBJECT

private slots:
    void recoversArmaParameters()
    {
        const auto series = arma(4000, 0.7, 0.4, 95.0, 1);
        const auto model = ArimaModel::fit(series, {1, 0, 1});
        QVERIFY(model.has_value());
        QVERIFY2(std::abs(model->ar()[0] - 0.7) < 0.05, qPrintable(QString::number(model->ar()[0])));
        QVERIFY2(std::abs(model->ma()[0] - 0.4) < 0.06, qPrintable(QString::number(model->ma()[0])));
        QVERIFY(std::abs(model->mean() - 95.0) < 0.3);
        QVERIFY(std::abs(model->sigma2() - 1.0) < 0.08);
    }

    void automaticOrderFindsTheStructure()
    {
        const auto walk = integrated(arma(1500, 0.6, 0.0, 0.0, 2)); // an ARIMA(1,1,0)
        const auto model = ArimaModel::fitAuto(walk, std::nullopt, std::nullopt, std::nullopt);
        QVERIFY(model.has_value());
        QCOMPARE(model->order().d, 1);
        QVERIFY2(model->order().p >= 1, "AR structure missed");
    }

    void warmOrderSearchLandsWhereAColdOneDoes()
    {
        // The streaming detector searches the order again every 100 refits, each order
        // starting from the last search's fit of it: a few steps, not a cold fit.
        const auto walk = integrated(arma(1700, 0.6, 0.3, 0.0, 7));
        const std::span<const double> all(walk);
        std::vector<ArimaModel> searched;
        QVERIFY(ArimaModel::fitAuto(all.subspan(0, 1500), std::nullopt, std::nullopt, std::nullopt, &searched).has_value());
        QCOMPARE(searched.size(), size_t(18)); // p, q in 0..2 for d = 0 and d = 1
        const auto slid = all.subspan(200, 1500);
        const auto warm = ArimaModel::fitAuto(slid, std::nullopt, std::nullopt, std::nullopt, &searched);
        const auto cold = ArimaModel::fitAuto(slid, std::nullopt, std::nullopt, std::nullopt);
        QVERIFY(warm.has_value() && cold.has_value());
        QVERIFY(warm->order() == cold->order());
        QVERIFY2(std::abs(warm->aic() - cold->aic()) < 0.5, qPrintable(QStringLiteral("%1 vs %2").arg(warm->aic()).arg(cold->aic())));
        for (size_t i = 0; i < cold->ar().size(); ++i)
            QVERIFY(std::abs(warm->ar()[i] - cold->ar()[i]) < 0.02);
        for (size_t i = 0; i < cold->ma().size(); ++i)
            QVERIFY(std::abs(warm->ma()[i] - cold->ma()[i]) < 0.02);
        QCOMPARE(searched.size(), size_t(18)); // replaced by this search's fits
    }

    void forecastIntervalsWidenLikeARandomWalk()
    {
        const auto walk = integrated(arma(2000, 0.0, 0.0, 0.0, 3, 2.0));
        const auto model = ArimaModel::fit(walk, {0, 1, 0});
        QVERIFY(model.has_value());
        const auto steps = model->forecast(walk, model->residuals(walk), 4);
        QCOMPARE(steps.size(), size_t(4));
        for (int h = 0; h < 4; ++h) {
            QVERIFY(std::abs(steps[h].value - walk.back()) < 0.2); // a driftless walk stays put
            QVERIFY(std::abs(steps[h].variance / ((h + 1) * model->robustSigma2()) - 1) < 1e-9);
            QVERIFY(std::abs(model->robustSigma2() / model->sigma2() - 1) < 0.1); // Gaussian: both estimate the same
        }
    }

    void constantOrShortSeriesHasNoModel()
    {
        const std::vector<double> flat(300, 42.0);
        QVERIFY(!ArimaModel::fit(flat, {1, 0, 1}).has_value());
        const std::vector<double> tiny{1, 2, 3};
        QVERIFY(!ArimaModel::fit(tiny, {1, 1, 1}).has_value());
    }

    void detectorWarmsUpThenFlagsSpikes()
    {
        // The demo's statement: horizon 1, confidencePercentage 90, minTrainingSize 16.
        auto config = ArimaConfig::fromJson(R"({"horizon":1,"confidencePercentage":90,"minTrainingSize":16})");
        QVERIFY(config.hasValue());
        ArimaStream stream(config.value());
        auto series = arma(3000, 0.8, 0.0, 95.0, 4, 0.8);
        std::vector<int> spikes;
        for (int t = 400; t < 3000; t += 173) {
            series[t] *= (t % 2) ? 1.3 : 0.7; // the demo's +-30%
            spikes.push_back(t);
        }
        int flagged = 0, falseAlarms = 0, normal = 0;
        for (int t = 0; t < int(series.size()); ++t) {
            const auto row = stream.detect(series[t]);
            QCOMPARE(row.actual, series[t]);
            if (t < 16) {
                QVERIFY(!row.isAnomaly.has_value());
                QVERIFY(!row.forecast.has_value());
                continue;
            }
            QVERIFY(row.isAnomaly.has_value());
            QVERIFY(*row.lowerBound < *row.forecast && *row.forecast < *row.upperBound);
            const bool isSpike = std::find(spikes.begin(), spikes.end(), t) != spikes.end();
            if (isSpike) {
                flagged += *row.isAnomaly;

            } else if (t > 400 && std::find(spikes.begin(), spikes.end(), t - 1) == spikes.end()) {
                ++normal;
                falseAlarms += *row.isAnomaly;
            }
        }
        QCOMPARE(flagged, int(spikes.size()));
        // At 90% confidence about 10% of normal points fall outside the band.
        const double rate = double(falseAlarms) / normal;
        QVERIFY2(rate > 0.05 && rate < 0.16, qPrintable(QString::number(rate)));
    }

    void bandDoesNotCollapseAfterAStuckSensor()
    {
        // A noisy sensor (sd 0.3) sticks for 40 s, then reads normally again. The jump back
        // is an anomaly; the noise after it is not, even though the window saw no noise.
        auto config = ArimaConfig::fromJson(
            R"({"confidencePercentage":99.999,"minTrainingSize":64,"maxTrainingSize":256,"p":1,"d":1,"q":1,"updateInterval":10})");
        QVERIFY(config.hasValue());
        ArimaStream stream(config.value());
        const auto noise = arma(3000, 0.0, 0.0, 0.0, 11, 0.3);
        int flagsAfterUnstick = 0;
        for (int t = 0; t < 3000; ++t) {
            const double truth = 100 + 5 * std::sin(t / 300.0);
            const bool stuck = t >= 1000 && t < 1400;
            const double reading = stuck ? 100 + 5 * std::sin(1000 / 300.0) : truth + noise[size_t(t)];
            const auto row = stream.detect(reading);
            if (t >= 1402)
                flagsAfterUnstick += row.isAnomaly.value_or(false);
        }
        QVERIFY2(flagsAfterUnstick <= 1, qPrintable(QString::number(flagsAfterUnstick)));
    }

    void persistentDetectorNeedsConsecutiveRows()
    {
        // White noise around a level, so one wild row does not also throw the next forecast.
        auto config = ArimaConfig::fromJson(R"({"confidencePercentage":99.9,"minTrainingSize":64,"p":0,"d":0,"q":0})");
        QVERIFY(config.hasValue());
        PersistentDetector detector({config.value(), 2});
        ArimaStream plain(config.value());
        auto series = arma(1000, 0.0, 0.0, 90.0, 5, 0.5);
        series[500] += 20;              // one wild row: the band flags it, the rule does not
        for (int t = 700; t < 705; ++t) // a fault five rows long: reported from its second row
            series[size_t(t)] += 20;
        std::vector<int> reported;
        bool plainFlaggedSingle = false;
        for (int t = 0; t < 1000; ++t) {
            const auto row = detector.detect(series[size_t(t)]);
            plainFlaggedSingle = plainFlaggedSingle || (t == 500 && plain.detect(series[size_t(t)]).isAnomaly.value_or(false));
            if (t != 500)
                plain.detect(series[size_t(t)]);
            if (row) {
                QVERIFY(*row->isAnomaly);
                QCOMPARE(row->actual, series[size_t(t)]);
                reported.push_back(t);
            }
        }
        QVERIFY(plainFlaggedSingle);
        QVERIFY2(!reported.empty() && reported.front() == 701, qPrintable(QString::number(reported.empty() ? -1 : reported.front())));
        QVERIFY(std::find(reported.begin(), reported.end(), 500) == reported.end());
        QVERIFY(std::find(reported.begin(), reported.end(), 501) == reported.end());
    }

    void forecastEmitsHorizonRows()
    {
        auto config = ArimaConfig::fromJson(R"({"horizon":5,"minTrainingSize":32,"p":1,"d":0,"q":0})");
        QVERIFY(config.hasValue());
        ArimaStream stream(config.value());
        const auto series = arma(200, 0.5, 0.0, 10.0, 5);
        for (int t = 0; t < 200; ++t) {
            const auto rows = stream.forecast(series[t]);
            QCOMPARE(rows.size(), size_t(t + 1 < 32 ? 0 : 5));
            for (size_t h = 1; h < rows.size(); ++h)
                QVERIFY(rows[h].upperBound - rows[h].lowerBound >= rows[h - 1].upperBound - rows[h - 1].lowerBound);
        }
    }

    void configIsValidated_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << QByteArray("{") << "not a JSON object";
        QTest::newRow("unknown key") << QByteArray(R"({"minTrainSize":5})") << "unknown key 'minTrainSize'";
        QTest::newRow("confidence") << QByteArray(R"({"confidencePercentage":100})") << "between 0 and 100";
        QTest::newRow("fractional") << QByteArray(R"({"horizon":1.5})") << "whole number";
        QTest::newRow("order") << QByteArray(R"({"p":7})") << "p must be";
        QTest::newRow("sizes") << QByteArray(R"({"minTrainingSize":600,"maxTrainingSize":512})") << "larger than";
        QTest::newRow("stl without m") << QByteArray(R"({"enableStl":true})") << "needs m";
        QTest::newRow("stl, short training") << QByteArray(R"({"enableStl":true,"m":100})") << "at least 2 * m";
        QTest::newRow("stl as text") << QByteArray(R"({"enableStl":"yes","m":24})") << "true or false";
        QTest::newRow("m of 1") << QByteArray(R"({"enableStl":true,"m":1})") << "m must be";
    }

    void configIsValidated()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const auto config = ArimaConfig::fromJson(json);
        QVERIFY(!config.hasValue());
        QVERIFY2(config.error().message.contains(expected), qPrintable(config.error().message));
    }

    void confidenceToZ()
    {
        QVERIFY(std::abs(zForConfidence(90) - 1.644854) < 1e-5);
        QVERIFY(std::abs(zForConfidence(95) - 1.959964) < 1e-5);
        QVERIFY(std::abs(zForConfidence(99.9) - 3.290527) < 1e-5);
    }

    void csvErrorsNameTheLine()
    {
        auto parsed = parseSeriesCsv("timestamp,value\n2024-01-01 00:00:00,1.5\n\"a, b\",2\n");
        QVERIFY(parsed.hasValue());
        QCOMPARE(parsed->size(), size_t(2));
        QCOMPARE(parsed->at(1).timestamp, QStringLiteral("a, b"));
        parsed = parseSeriesCsv("timestamp,value\n1,2\n3,abc\n");
        QVERIFY(!parsed.hasValue());
        QVERIFY2(parsed.error().message.startsWith(QLatin1String("line 3:")), qPrintable(parsed.error().message));
        parsed = parseSeriesCsv("time,val\n1,2\n");
        QVERIFY(parsed.error().message.startsWith(QLatin1String("line 1:")));
        parsed = parseSeriesCsv("timestamp,value\n1,nan\n");
        QVERIFY(parsed.error().message.contains(QLatin1String("line 2")));
        parsed = parseSeriesCsv("timestamp,value\njust one field\n");
        QVERIFY(parsed.error().message.contains(QLatin1String("line 2")));
        QVERIFY(!parseSeriesCsv("").hasValue());
        QCOMPARE(csvField(QStringLiteral("x,\"y\"")), QStringLiteral("\"x,\"\"y\"\"\""));
    }

    void oneStepRmseMatchesStatsmodels_data()
    {
        QTest::addColumn<int>("p");
        QTest::addColumn<int>("d");
        QTest::addColumn<int>("q");
        QTest::newRow("ARIMA(1,1,1)") << 1 << 1 << 1;
        QTest::newRow("ARIMA(1,0,1)") << 1 << 0 << 1;
        QTest::newRow("ARIMA(2,1,1)") << 2 << 1 << 1;
        QTest::newRow("ARIMA(1,1,0)") << 1 << 1 << 0;
        QTest::newRow("ARIMA(2,0,2)") << 2 << 0 << 2;
    }

    void oneStepRmseMatchesStatsmodels()
    {
        QFETCH(int, p);
        QFETCH(int, d);
        QFETCH(int, q);
        // Debian's python3 with python3-statsmodels (installed by packaging/install-deps.sh).
        QProcess python;
        python.start(QStringLiteral("/usr/bin/python3"),
                     {QStringLiteral(PITWALL_SOURCE_DIR "/tests/ml/statsmodels_reference.py"), QStringLiteral("7"),
                      QString::number(p), QString::number(d), QString::number(q)});
        QVERIFY(python.waitForFinished(120000));
        QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
        const auto reference = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
        std::vector<double> series;
        for (const auto &value : reference.value("series").toArray())
            series.push_back(value.toDouble());
        const auto model = ArimaModel::fit(series, {p, d, q});
        QVERIFY(model.has_value());
        const double ours = oneStepRmse(*model, series, size_t(reference.value("start").toInt()));
        const double theirs = reference.value("rmse").toDouble();
        qInfo("ARIMA(%d,%d,%d): one-step RMSE %.5f, statsmodels %.5f (%+.2f%%)", p, d, q, ours, theirs, 100 * (ours / theirs - 1));
        QVERIFY(std::abs(ours / theirs - 1) <= 0.05);
    }

    void stlForecastsFollowTheSeason()
    {
        // Hourly-like data with a 24-row season: with enableStl the forecasts carry the
        // season, and the one-step errors shrink to about the noise.
        const QByteArray common = R"("minTrainingSize":72,"maxTrainingSize":240,"p":1,"d":0,"q":0,"confidencePercentage":99.9)";
        ArimaStream plain(ArimaConfig::fromJson("{" + common + "}").value());
        auto seasonalConfig = ArimaConfig::fromJson("{" + common + R"(,"enableStl":true,"m":24})");
        QVERIFY2(seasonalConfig.hasValue(), qPrintable(seasonalConfig.hasValue() ? QString() : seasonalConfig.error().message));
        ArimaStream seasonal(seasonalConfig.value());
        const auto noise = arma(2000, 0.0, 0.0, 0.0, 21, 0.5);
        double plainSquares = 0, seasonalSquares = 0;
        int compared = 0, seasonalAlarms = 0, spikesFound = 0;
        for (int t = 0; t < 2000; ++t) {
            double value = 60 + 10 * std::sin(2 * M_PI * t / 24) + 4 * std::cos(4 * M_PI * t / 24) + noise[size_t(t)];
            const bool spike = t > 300 && t % 211 == 0;
            if (spike)
                value += 8;
            const auto a = plain.detect(value);
            const auto b = seasonal.detect(value);
            if (t < 300)
                continue;
            if (spike) {
                spikesFound += b.isAnomaly.value_or(false);
                continue;
            }
            if (t % 211 == 1)
                continue; // the row after a spike
            plainSquares += std::pow(value - *a.forecast, 2);
            seasonalSquares += std::pow(value - *b.forecast, 2);
            seasonalAlarms += b.isAnomaly.value_or(false);
            ++compared;
        }
        const double plainRmse = std::sqrt(plainSquares / compared), seasonalRmse = std::sqrt(seasonalSquares / compared);
        qInfo("one-step RMSE: plain ARIMA %.3f, with STL %.3f (noise sd 0.5); STL: %d of 8 spikes, %d false alarms in %d rows",
              plainRmse, seasonalRmse, spikesFound, seasonalAlarms, compared);
        QVERIFY(seasonalRmse < 0.8);
        QVERIFY(seasonalRmse < 0.5 * plainRmse);
        QCOMPARE(spikesFound, 8);
        QVERIFY(seasonalAlarms <= 10);
        const auto ahead = seasonal.forecast(60);
        QCOMPARE(int(ahead.size()), 1);
    }

    void stlMatchesStatsmodels_data()
    {
        QTest::addColumn<int>("period");
        QTest::addColumn<int>("length");
        QTest::newRow("period 24, 10 cycles") << 24 << 240;
        QTest::newRow("period 7, 30 cycles") << 7 << 210;
        QTest::newRow("period 48, 2.5 cycles") << 48 << 120;
    }

    void stlMatchesStatsmodels()
    {
        QFETCH(int, period);
        QFETCH(int, length);
        QProcess python;
        python.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral(PITWALL_SOURCE_DIR "/tests/ml/statsmodels_stl.py"),
                                                          QStringLiteral("3"), QString::number(period), QString::number(length)});
        QVERIFY(python.waitForFinished(120000));
        QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
        const auto reference = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
        auto numbers = [&](const char *key) {
            std::vector<double> values;
            for (const auto &value : reference.value(QLatin1String(key)).toArray())
                values.push_back(value.toDouble());
            return values;
        };
        const auto series = numbers("series");
        const auto seasonal = numbers("seasonal");
        const auto trend = numbers("trend");
        const auto ours = stlDecompose(series, period);
        QCOMPARE(ours.seasonal.size(), series.size());
        double worst = 0;
        for (size_t i = 0; i < series.size(); ++i) {
            worst = std::max(worst, std::abs(ours.seasonal[i] - seasonal[i]));
            worst = std::max(worst, std::abs(ours.trend[i] - trend[i]));
            QVERIFY(std::abs(ours.seasonal[i] + ours.trend[i] + ours.remainder[i] - series[i]) < 1e-9);
        }
        qInfo("STL period %d: largest difference from statsmodels %.2e", period, worst);
        QVERIFY2(worst < 1e-6, qPrintable(QString::number(worst)));
        QVERIFY(stlDecompose(std::span(series).first(size_t(2 * period - 1)), period).seasonal.empty());
    }
};

QTEST_GUILESS_MAIN(TestArima)
#include "tst_arima.moc"
