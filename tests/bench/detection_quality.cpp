// Report: how well the telemetry anomaly stage's detector (CarAnomalyDetector: ML_DETECT_ANOMALIES,
// its persistence rule and the rule across wheels, with the stage's own configuration) finds the simulator's labelled faults.
// Event level: a detection event is a run of reported rows on one car and metric; it is
// true when it overlaps a labelled fault of that car and metric (200 ms of grace after the
// fault ends). Three parts, printed at the end:
//   1. engine_temperature, the target (overheat ramps, spikes, drops);
//   2. every other metric, by fault kind;
//   3. clean races (no faults): every reported row is a false alarm.
//
//   build/tests/bench/detection_quality [--list-false]   (lists each false alarm with the
//   nearest fault and race event of its car, and each missed fault, for tuning)

#include "pipeline/CarAnomalyDetector.h"
#include "pipeline/PipelineDefinition.h"
#include "sim/RaceSimulator.h"

#include <QCoreApplication>
#include <QHash>
#include <cstdio>
#include <map>

using namespace pitwall;

namespace {

struct Event {
    QString driver;
    int metric;
    qint64 startMs;
    qint64 endMs;
};

struct RaceRun {
    std::vector<Event> events;
    std::vector<FaultLabel> labels;
    std::vector<RaceEvent> raceEvents;
    quint64 rows = 0;
    std::map<int, quint64> reportedRowsByMetric;
};

bool overlaps(const Event &event, const FaultLabel &label)
{
    return label.driverName == event.driver && label.metric == telemetryMetricNames()[event.metric] &&
           event.startMs <= label.endMs + 200 && event.endMs >= label.startMs;
}

// One race through one detector per car and metric, as the stage runs it.
RaceRun runRace(const QString &circuit, quint64 seed, double faultsPerCarHour)
{
    SimOptions options;
    options.circuitId = circuit;
    options.laps = 20;
    options.seed = seed;
    options.faultsPerCarHour = faultsPerCarHour;
    options.startEpochMs = 1751288400000LL;
    auto simulator = RaceSimulator::create(Grid::builtIn(), options).value();
    const auto config = telemetryAnomalyDetectorConfig();
    RaceRun run;
    QHash<QString, std::shared_ptr<CarAnomalyDetector>> detectors;
    QHash<QString, std::vector<int>> openEvent; // per car and metric: index in run.events, or -1
    SimOutput out;
    while (!simulator->finished()) {
        out.clear();
        simulator->step(out);
        run.raceEvents.insert(run.raceEvents.end(), out.events.begin(), out.events.end());
        for (const auto &sample : out.telemetry) {
            auto &car = detectors[sample.driverName];
            auto &open = openEvent[sample.driverName];
            if (!car) {
                car = std::make_shared<CarAnomalyDetector>(config);
                open.assign(kTelemetryMetricCount, -1);
            }
            ++run.rows;
            std::vector<bool> reported(kTelemetryMetricCount, false);
            for (const auto &finding : car->judge(sample))
                reported[size_t(finding.metric)] = true;
            for (int metric = 0; metric < kTelemetryMetricCount; ++metric) {
                int &index = open[metric];
                if (!reported[size_t(metric)]) {
                    index = -1;
                    continue;
                }
                ++run.reportedRowsByMetric[metric];
                if (index < 0) {
                    index = int(run.events.size());
                    run.events.push_back({sample.driverName, metric, sample.timestampMs, sample.timestampMs});
                }
                run.events[size_t(index)].endMs = sample.timestampMs;
            }
        }
    }
    run.labels = simulator->faultLabels();
    return run;
}

void listFalseAlarm(const Event &event, const RaceRun &run, const QString &circuit, quint64 seed, qint64 startEpochMs)
{
    qint64 nearestFault = std::numeric_limits<qint64>::max(), nearestEvent = std::numeric_limits<qint64>::max();
    QString fault, raceEvent;
    for (const auto &label : run.labels) {
        const qint64 distance = event.startMs - label.endMs;
        if (label.driverName == event.driver && std::llabs(distance) < std::llabs(nearestFault)) {
            nearestFault = distance;
            fault = label.kind + QLatin1Char('/') + label.metric;
        }
    }
    for (const auto &race : run.raceEvents) {
        const qint64 distance = event.startMs - race.timestampMs;
        if ((race.driverName.isEmpty() || race.driverName == event.driver) && std::llabs(distance) < std::llabs(nearestEvent)) {
            nearestEvent = distance;
            raceEvent = race.kind;
        }
    }
    std::printf("false alarm: %s seed %llu %s %s t=%.1f s, %lld ms long; nearest fault %s %+lld ms, event %s %+lld ms\n",
                qPrintable(circuit), (unsigned long long)seed, qPrintable(event.driver),
                qPrintable(telemetryMetricNames()[event.metric]), (event.startMs - startEpochMs) / 1000.0,
                (long long)(event.endMs - event.startMs), qPrintable(fault), (long long)nearestFault, qPrintable(raceEvent),
                (long long)nearestEvent);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const bool listFalse = app.arguments().contains(QStringLiteral("--list-false"));
    const QStringList circuits{QStringLiteral("silverstone"), QStringLiteral("monza"), QStringLiteral("monaco"), QStringLiteral("spa")};
    const QStringList valueFaults{QStringLiteral("overheat_ramp"), QStringLiteral("spike"), QStringLiteral("drop"),
                                  QStringLiteral("tyre_overheat"), QStringLiteral("brake_fade")};
    const auto &metrics = telemetryMetricNames();
    // By metric family (engine, oil, tyres, brakes): true and false events; by fault kind: found of labelled.
    auto family = [&](int metric) {
        return metric < 2 ? metrics[metric] : metric < 6 ? QStringLiteral("tyres") : QStringLiteral("brakes");
    };
    std::map<QString, std::pair<int, int>> eventsByFamily;                  // true, false
    std::map<std::pair<QString, QString>, std::pair<int, int>> foundByKind; // (family, kind) -> found, labelled
    int engineTrue = 0, engineFalse = 0, engineFaults = 0, engineFound = 0, quickSpikes = 0, spikes = 0;
    int races = 0;
    for (const QString &circuit : circuits) {
        for (quint64 seed : {101, 102, 103}) {
            const auto run = runRace(circuit, seed, 4.0);
            ++races;
            for (const auto &event : run.events) {
                bool isTrue = false;
                for (const auto &label : run.labels)
                    isTrue = isTrue || overlaps(event, label); // any labelled fault of that sensor (a stuck one coming unstuck too)
                auto &counts = eventsByFamily[family(event.metric)];
                (isTrue ? counts.first : counts.second)++;
                if (event.metric == 0)
                    (isTrue ? engineTrue : engineFalse)++;
                if (!isTrue && listFalse)
                    listFalseAlarm(event, run, circuit, seed, 1751288400000LL);
            }
            for (const auto &label : run.labels) {
                if (!valueFaults.contains(label.kind))
                    continue; // dropouts and stuck sensors hold no value to judge
                const int metric = int(metrics.indexOf(label.metric));
                const Event *hit = nullptr;
                for (const auto &event : run.events) {
                    if (event.metric == metric && overlaps(event, label)) {
                        hit = &event;
                        break;
                    }
                }
                auto &counts = foundByKind[{family(metric), label.kind}];
                ++counts.second;
                counts.first += hit != nullptr;
                if (!hit && listFalse)
                    std::printf("missed: %s seed %llu %s %s %s t=%.1f s, %lld ms long\n", qPrintable(circuit),
                                (unsigned long long)seed, qPrintable(label.driverName), qPrintable(label.metric),
                                qPrintable(label.kind), (label.startMs - 1751288400000LL) / 1000.0,
                                (long long)(label.endMs - label.startMs));
                if (metric != 0)
                    continue;
                ++engineFaults;
                engineFound += hit != nullptr;
                if (label.kind != QLatin1String("overheat_ramp") && hit) {
                    ++spikes;
                    quickSpikes += (hit->startMs - label.startMs) / 100 <= 2; // 10 Hz samples
                } else if (label.kind != QLatin1String("overheat_ramp")) {
                    ++spikes;
                }
            }
        }
    }

    // Clean races: the same circuits and seeds without faults.
    std::map<QString, quint64> cleanRowsByFamily, cleanEventsByFamily;
    quint64 cleanRows = 0, cleanDetections = 0;
    for (const QString &circuit : circuits) {
        const auto run = runRace(circuit, 101, 0.0);
        cleanRows += run.rows;
        for (const auto &[metric, rows] : run.reportedRowsByMetric)
            cleanRowsByFamily[family(metric)] += rows;
        for (const auto &event : run.events)
            ++cleanEventsByFamily[family(event.metric)];
        cleanDetections += run.rows * quint64(kTelemetryMetricCount);
    }

    const double precision = engineTrue + engineFalse ? double(engineTrue) / (engineTrue + engineFalse) : 0;
    const double recall = engineFaults ? double(engineFound) / engineFaults : 0;
    std::printf("\n=== detection_quality: the telemetry anomaly stage's detector (%d races of 20 laps on %lld circuits, 10 Hz) ===\n",
                races, (long long)circuits.size());
    std::printf("1. engine_temperature (target)\n");
    std::printf("   %-48s %d true, %d false\n", "detection events", engineTrue, engineFalse);
    std::printf("   %-48s %.3f (target >= 0.9)\n", "event-level precision", precision);
    std::printf("   %-48s %.3f, %d of %d (target >= 0.9)\n", "event-level recall (ramps, spikes, drops)", recall, engineFound,
                engineFaults);
    std::printf("   %-48s %d of %d\n", "spikes/drops detected within 2 samples", quickSpikes, spikes);
    std::printf("2. every metric: faults found by kind, and detection events\n");
    for (const auto &[key, counts] : foundByKind)
        std::printf("   %-14s %-16s %3d of %3d found\n", qPrintable(key.first), qPrintable(key.second), counts.first, counts.second);
    for (const auto &[name, counts] : eventsByFamily)
        std::printf("   %-14s events: %d true, %d false (precision %.3f)\n", qPrintable(name), counts.first, counts.second,
                    double(counts.first) / std::max(1, counts.first + counts.second));
    std::printf("3. clean races (no faults), %llu telemetry rows x %d metrics = %llu detections\n", (unsigned long long)cleanRows,
                kTelemetryMetricCount, (unsigned long long)cleanDetections);
    for (const auto &[name, rows] : cleanRowsByFamily)
        std::printf("   %-14s %llu rows reported (false alarms), %llu events: %.2f per race (target <= 1)\n", qPrintable(name),
                    (unsigned long long)rows, (unsigned long long)cleanEventsByFamily[name],
                    double(cleanEventsByFamily[name]) / double(circuits.size()));
    if (cleanRowsByFamily.empty())
        std::printf("   none reported\n");
    return 0;
}
