// The NAB scorer (ml/NabScore) against a small example worked out by hand from NAB's
// published description: 100 rows, probation = floor(0.15 * 100) = 15 rows, windows at
// rows 30..39 and 70..79 (10 rows each).
//
// Detections and what each is worth (standard profile: tp 1, fp 0.11, fn 1):
//   row 10  in probation                                  -> not scored
//   row 20  before any window                             -> -1 * 0.11 = -0.11
//   row 35  in window 1 at -(39 - 35 + 1) / 10 = -0.5     -> S(-0.5) / S(-1) = 0.848284 / 0.986614 = 0.859793
//   row 37  later in window 1                             -> not counted (the earliest one is)
//   row 49  |39 - 49| / (10 - 1) = 1.1111 past window 1   -> S(1.1111) * 0.11 = -0.992298 * 0.11 = -0.109153
//   window 2 has no detection                             -> -1
// raw = -0.11 + 0.859793 - 0.109153 - 1 = -0.359360; null = -2, perfect = 2
// normalised = 100 * (-0.359360 + 2) / (2 + 2) = 41.016
// reward_low_FP_rate (fp 0.22): raw = -0.22 + 0.859793 - 0.218306 - 1 = -0.578513 -> 35.537
// reward_low_FN_rate (fn 2):    raw = -0.11 + 0.859793 - 0.109153 - 2 = -1.359360,
//                               null = -4 -> 100 * 2.640640 / 6 = 44.011

#include "ml/NabScore.h"

#include <QtTest>

using namespace pitwall::ml;

class TestNabScore : public QObject {
    Q_OBJECT

private:
    static std::vector<bool> exampleDetections()
    {
        std::vector<bool> detections(100, false);
        for (int row : {10, 20, 35, 37, 49})
            detections[size_t(row)] = true;
        return detections;
    }
    static constexpr nab::Window kWindows[] = {{30, 39}, {70, 79}};

private slots:
    void scaledSigmoid()
    {
        QVERIFY(qAbs(nab::scaledSigmoid(-1.0) - 0.98661) < 1e-5); // a window's first row
        QVERIFY(qAbs(nab::scaledSigmoid(-0.5) - 0.84828) < 1e-5);
        QCOMPARE(nab::scaledSigmoid(0.0), 0.0); // its end
        QVERIFY(qAbs(nab::scaledSigmoid(1.0) + 0.98661) < 1e-5);
        QCOMPARE(nab::scaledSigmoid(3.5), -1.0); // far past it
    }

    void probation()
    {
        QCOMPARE(nab::probationLength(100), 15);
        QCOMPARE(nab::probationLength(22695), 750); // at most 15 % of 5000 rows
    }

    void handComputedExample_data()
    {
        QTest::addColumn<int>("profile");
        QTest::addColumn<double>("raw");
        QTest::addColumn<double>("score");
        QTest::newRow("standard") << 0 << -0.359360 << 41.016;
        QTest::newRow("reward_low_FP_rate") << 1 << -0.578513 << 35.537;
        QTest::newRow("reward_low_FN_rate") << 2 << -1.359360 << 44.011;
    }

    void handComputedExample()
    {
        QFETCH(int, profile);
        QFETCH(double, raw);
        QFETCH(double, score);
        const auto &weights = nab::profiles()[size_t(profile)];
        const auto detections = exampleDetections();
        const auto file = nab::scoreFile(detections, kWindows, weights);
        QCOMPARE(file.scoredWindows, 2);
        QCOMPARE(file.windowsFound, 1);
        QCOMPARE(file.falsePositives, 2);
        QVERIFY2(qAbs(file.raw - raw) < 1e-5, qPrintable(QString::number(file.raw, 'f', 6)));
        QCOMPARE(file.nullScore, -weights.fnWeight * 2);
        const double normalised = nab::normalised(file.raw, file.nullScore, file.scoredWindows, weights);
        QVERIFY2(qAbs(normalised - score) < 1e-3, qPrintable(QString::number(normalised, 'f', 3)));
    }

    void nullAndPerfectDetectors()
    {
        const auto &standard = nab::profiles()[0];
        const std::vector<bool> none(100, false);
        const auto null = nab::scoreFile(none, kWindows, standard);
        QCOMPARE(nab::normalised(null.raw, null.nullScore, null.scoredWindows, standard), 0.0);
        std::vector<bool> perfect(100, false);
        perfect[30] = perfect[70] = true;
        const auto best = nab::scoreFile(perfect, kWindows, standard);
        QVERIFY(qAbs(nab::normalised(best.raw, best.nullScore, best.scoredWindows, standard) - 100.0) < 1e-9);
    }

    void windowInProbationIsNotScored()
    {
        const nab::Window early[] = {{2, 8}, {70, 79}};
        const auto file = nab::scoreFile(exampleDetections(), early, nab::profiles()[0]);
        QCOMPARE(file.scoredWindows, 1);
        QCOMPARE(file.nullScore, -1.0);
    }

    void bootstrapOfIdenticalFilesIsThePoint()
    {
        // Every draw of identical files has the same total: the interval is the estimate.
        const nab::FileScore file{-0.359360, -2.0, 2, 1, 2};
        const std::vector<nab::FileScore> files(5, file);
        const auto interval = nab::bootstrapInterval(files, nab::profiles()[0]);
        QVERIFY(qAbs(interval.low - 41.016) < 1e-3);
        QVERIFY(qAbs(interval.high - 41.016) < 1e-3);
    }

    void bootstrapDrawsFilesWithReplacement()
    {
        // A perfect file (100) and a null one (0), one window each. Drawn with replacement,
        // two files give {perfect, perfect} = 100 a quarter of the time, one of each = 50
        // half of it, {null, null} = 0 a quarter: the 5th to 95th percentiles are 0 and 100,
        // the 30th to 70th both 50. (Drawn without replacement, every total would be 50.)
        const std::vector<nab::FileScore> files{{1.0, -1.0, 1, 1, 0}, {-1.0, -1.0, 1, 0, 0}};
        const auto &standard = nab::profiles()[0];
        const auto wide = nab::bootstrapInterval(files, standard, 0.9);
        QCOMPARE(wide.low, 0.0);
        QCOMPARE(wide.high, 100.0);
        const auto narrow = nab::bootstrapInterval(files, standard, 0.4);
        QCOMPARE(narrow.low, 50.0);
        QCOMPARE(narrow.high, 50.0);
    }

    void pairedBootstrapCancelsWhatTheFilesShare()
    {
        // Files of very different difficulty; the candidate gains 0.1 raw on each of them.
        // Resampled apart, the two totals' intervals overlap; paired, every draw's
        // difference is a gain.
        std::vector<nab::FileScore> baseline, candidate;
        for (int i = 0; i < 20; ++i) {
            const double raw = -1.0 + 0.1 * i;
            baseline.push_back({raw, -1.0, 1, i > 0, 0});
            candidate.push_back({raw + 0.1, -1.0, 1, 1, 0});
        }
        const auto &standard = nab::profiles()[0];
        const auto before = nab::bootstrapInterval(baseline, standard);
        const auto after = nab::bootstrapInterval(candidate, standard);
        QVERIFY(after.low < before.high);
        const auto gain = nab::pairedBootstrapInterval(candidate, baseline, standard);
        QVERIFY2(gain.low > 4.9 && gain.high < 5.1, qPrintable(QStringLiteral("%1 %2").arg(gain.low).arg(gain.high)));
        const auto none = nab::pairedBootstrapInterval(baseline, baseline, standard);
        QCOMPARE(none.low, 0.0);
        QCOMPARE(none.high, 0.0);
        const auto mismatched = nab::pairedBootstrapInterval(candidate, std::span(baseline).first(5), standard);
        QCOMPARE(mismatched.low, 0.0);
        QCOMPARE(mismatched.high, 0.0);
    }

    void windowsFromTimestamps()
    {
        const QStringList rows{QStringLiteral("2014-01-01 00:00:00"), QStringLiteral("2014-01-01 00:05:00"),
                               QStringLiteral("2014-01-01 00:10:00")};
        QString error;
        const auto windows = nab::windowsByRow(
            rows, {{QStringLiteral("2014-01-01 00:05:00.000000"), QStringLiteral("2014-01-01 00:10:00.000000")}}, &error);
        QCOMPARE(windows.size(), size_t(1));
        QCOMPARE(windows[0].first, 1);
        QCOMPARE(windows[0].last, 2);
        QVERIFY(nab::windowsByRow(rows, {{QStringLiteral("2015-01-01 00:00:00"), rows[1]}}, &error).empty());
        QVERIFY(error.contains(QLatin1String("2015-01-01")));
    }
};

QTEST_GUILESS_MAIN(TestNabScore)
#include "tst_nabscore.moc"
