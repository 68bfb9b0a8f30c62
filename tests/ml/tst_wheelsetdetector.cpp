// WheelSetDetector: four wheel sensors judged against the car's previous laps and its
// other wheels. A synthetic car laps a 5 km circuit at 10 Hz; its brakes (or tyres) heat
// at three braking zones every lap, more in some laps than others (traffic), and the whole
// car cools behind a safety car for two laps. The streaming ARIMA alone calls the braking
// zones surprises; the lap baseline must not, and must still find a fault on one wheel.

#include "ml/ArimaStream.h"
#include "ml/WheelSetDetector.h"

#include <QTest>
#include <cmath>
#include <random>

using namespace pitwall::ml;

namespace {

constexpr double kLapM = 5000.0;
constexpr int kRowsPerLap = 800; // 80 s laps at 10 Hz

struct Fault {
    int wheel = -1;
    int startRow = 0;
    int rows = 0;
    double rampRows = 0; // 0: a step
    double degrees = 0;
};

struct Dropout {
    int wheel = -1;
    int startRow = 0;
    int rows = 0;
};

struct CarWideStep {
    int fromLap = -1; // every wheel's heat is `factor` times as much from this lap on (e.g. a new pace)
    double factor = 1;
};

struct Outcome {
    int falseReports = 0;
    int foundAfterRows = -1; // rows from the fault's start to its first report
    int arimaFlagsOutsideFaults = 0;
};

// Heat at three braking zones: a sharp rise under braking, then cooling on the straight.
double zoneHeat(double distance, double peak)
{
    double heat = 0;
    for (double zone : {900.0, 2600.0, 4200.0}) {
        const double after = distance - zone;
        if (after >= -60.0)
            heat += peak * (after < 0 ? (after + 60.0) / 60.0 : std::exp(-after / 500.0));
    }
    return heat;
}

Outcome runRace(double base, double peak, double noise, const Fault &fault, const Dropout &dropout = {},
                const CarWideStep &step = {}, int laps = 20)
{
    std::mt19937_64 random(7);
    std::normal_distribution<double> sensor(0.0, noise);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    WheelSetDetector detector(4, {99.999, 2});
    std::vector<ArimaStream> arima(4, ArimaStream(ArimaConfig::fromJson(R"({"minTrainingSize":256,"maxTrainingSize":256,"p":1,"d":1,"q":1,"updateInterval":50,"confidencePercentage":99.999})")
                                                      .value()));
    Outcome outcome;
    double lapLoad = 1.0;
    for (int row = 0; row < laps * kRowsPerLap; ++row) {
        const int lap = row / kRowsPerLap;
        if (row % kRowsPerLap == 0)
            lapLoad = 0.95 + 0.1 * unit(random); // traffic: every wheel a little more or less
        const bool safetyCar = lap == 12 || lap == 13;
        const double load = lapLoad * (safetyCar ? 0.6 : 1.0) * (step.fromLap >= 0 && lap >= step.fromLap ? step.factor : 1.0);
        const double distance = (row % kRowsPerLap) * kLapM / kRowsPerLap;
        std::vector<std::optional<double>> values(4);
        const bool inFault = fault.wheel >= 0 && row >= fault.startRow && row < fault.startRow + fault.rows;
        for (int wheel = 0; wheel < 4; ++wheel) {
            const double axle = wheel < 2 ? 1.0 : 0.65;
            double value = base + zoneHeat(distance, peak * axle * load) + 0.02 * row / kRowsPerLap + sensor(random);
            if (inFault && wheel == fault.wheel) {
                const double progress = fault.rampRows > 0 ? std::min(1.0, (row - fault.startRow) / fault.rampRows) : 1.0;
                value += fault.degrees * progress;
            }
            values[size_t(wheel)] = value;
            if (wheel == dropout.wheel && row >= dropout.startRow && row < dropout.startRow + dropout.rows)
                values[size_t(wheel)].reset();
            if (!inFault && lap >= 3 && arima[size_t(wheel)].detect(value).isAnomaly.value_or(false))
                ++outcome.arimaFlagsOutsideFaults;
            else if (inFault || lap < 3)
                arima[size_t(wheel)].detect(value);
        }
        const double speedKph = safetyCar ? 160.0 : 220.0;
        detector.judge(distance, speedKph, values);
        for (int wheel = 0; wheel < 4; ++wheel) {
            if (!detector.reported(wheel))
                continue;
            const bool faultRow = inFault && wheel == fault.wheel;
            if (faultRow && outcome.foundAfterRows < 0)
                outcome.foundAfterRows = row - fault.startRow;
            else if (!faultRow)
                ++outcome.falseReports;
        }
    }
    return outcome;
}

} // namespace

class TestWheelSetDetector : public QObject {
    Q_OBJECT

private slots:
    void brakingZonesRaiseNoAlarm()
    {
        // Brakes: 300 degrees of heat at each braking zone, noisy sensors, a safety car.
        // At most one false report in the race (the issue's target for a whole grid): lap 5's
        // heavier braking load, shared by all wheels but twice as strong on the fronts,
        // comes before each wheel has learned how far it follows the others.
        const auto clean = runRace(250, 300, 3.0, {});
        QVERIFY2(clean.falseReports <= 1, qPrintable(QString::number(clean.falseReports)));
        // The old detector's first stage, the streaming ARIMA alone, is surprised again and again.
        QVERIFY2(clean.arimaFlagsOutsideFaults > 20, qPrintable(QString::number(clean.arimaFlagsOutsideFaults)));
    }

    void brakeFadeFoundWithinTwoSamples()
    {
        // Lap 8, front right: +250 degrees for 40 s, in the middle of a braking zone.
        const Fault fade{1, 8 * kRowsPerLap + 140, 400, 0, 250};
        const auto outcome = runRace(250, 300, 3.0, fade);
        QVERIFY2(outcome.foundAfterRows >= 0 && outcome.foundAfterRows <= 1, qPrintable(QString::number(outcome.foundAfterRows)));
        QVERIFY(outcome.falseReports <= 1); // none added on the laps after it (the faulty lap is outvoted)
    }

    void tyreOverheatFoundOnItsRamp()
    {
        // Tyres: 15 degrees around the lap, 0.3 degrees of noise; rear left overheats by
        // 30 degrees over 30 s in lap 17 (three laps after the safety car: the band is
        // wider while the car's pace differs from its previous laps').
        const Fault overheat{2, 17 * kRowsPerLap + 300, 500, 300, 30};
        const auto outcome = runRace(90, 15, 0.3, overheat);
        QVERIFY2(outcome.foundAfterRows >= 0 && outcome.foundAfterRows < 150, qPrintable(QString::number(outcome.foundAfterRows)));
        QVERIFY(outcome.falseReports <= 1);
    }

    void faultOnTheSecondLapIsFound()
    {
        // Lap 2 (index 1) has one lap before it: judged against it, with any plausible gain
        // between the wheel and the rest of the car until its own is learned.
        const Fault fade{0, kRowsPerLap + 300, 300, 0, 250};
        const auto outcome = runRace(250, 300, 3.0, fade);
        QVERIFY2(outcome.foundAfterRows >= 0 && outcome.foundAfterRows <= 1, qPrintable(QString::number(outcome.foundAfterRows)));
        QVERIFY(outcome.falseReports <= 1);
    }

    void lapAfterADropoutComparesTheSameLaps()
    {
        // Tyres: rear left drops out for 30 s of lap 6; from lap 8 every wheel heats 25 % less
        // (a slower pace). Without the hole filled, on lap 9 that wheel would compare laps 7
        // and 8 (and pick the cooler lap 8) where the others compare laps 6-8 (the warmer
        // median), and report the difference.
        const Dropout dropout{2, 6 * kRowsPerLap + 200, 300};
        const auto outcome = runRace(90, 15, 0.3, {}, dropout, {8, 0.75});
        QVERIFY2(outcome.falseReports <= 1, qPrintable(QString::number(outcome.falseReports)));
    }

    void droppedOutWheelIsSkipped()
    {
        WheelSetDetector detector(4, {99.999, 2});
        const auto &rows = detector.judge(10.0, 200.0, {1.0, std::nullopt, 1.0, 1.0});
        QCOMPARE(rows.size(), size_t(4));
        QVERIFY(!rows[1].isAnomaly.has_value());
        QVERIFY(!detector.reported(1));
    }
};

QTEST_GUILESS_MAIN(TestWheelSetDetector)
#include "tst_wheelsetdetector.moc"
