// Report: how well the telemetry anomaly stage's detector finds the simulator's
// labelled engine-temperature faults (overheat ramps, spikes, drops), with the stage's
// own detector (ML_DETECT_ANOMALIES plus its persistence rule). Event level: a
// detection event is a run of flags on one car; it is true when it overlaps a fault
// on that car's engine_temperature. Printed at the end.
//
//   build/tests/bench/detection_quality [--list-false]   (the flag lists each false alarm
//   with the nearest fault and race event of its car, for tuning)

#include "ml/PersistentDetector.h"
#include "pipeline/PipelineDefinition.h"
#include "sim/RaceSimulator.h"

#include <QCoreApplication>
#include <QHash>
#include <cstdio>
#include <map>

using namespace pitwall;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const bool listFalse = app.arguments().contains(QStringLiteral("--list-false"));
    const QStringList circuits{QStringLiteral("silverstone"), QStringLiteral("monza"), QStringLiteral("monaco"),
                               QStringLiteral("spa")};
    const auto config = telemetryAnomalyDetectorConfig();
    int truePositives = 0, falsePositives = 0, faults = 0, found = 0;
    std::map<QString, std::pair<int, int>> byKind; // kind -> (faults, found)
    std::vector<int> spikeLatency;
    for (const QString &circuit : circuits)
    for (quint64 seed : {101, 102, 103}) {
        SimOptions options;
        options.circuitId = circuit;
        options.laps = 20;
        options.seed = seed;
        options.faultsPerCarHour = 4.0;
        options.startEpochMs = 1751288400000LL;
        auto simulator = RaceSimulator::create(Grid::builtIn(), options).value();
        QHash<QString, std::shared_ptr<ml::PersistentDetector>> streams;
        QHash<QString, bool> flagging;
        struct Event { QString driver; qint64 startMs; qint64 endMs; };
        std::vector<Event> events;
        QHash<QString, int> samplesSinceStart;
        std::vector<std::pair<FaultLabel, int>> firstFlag; // latency in samples, -1 if none
        SimOutput out;
        std::vector<TelemetrySample> samples;
        std::vector<RaceEvent> raceEvents;
        while (!simulator->finished()) {
            out.clear();
            simulator->step(out);
            for (const auto &e : out.events) raceEvents.push_back(e);
            for (const auto &sample : out.telemetry) {
                if (!sample.engineTemperatureC)
                    continue;
                auto &stream = streams[sample.driverName];
                if (!stream)
                    stream = std::make_shared<ml::PersistentDetector>(config);
                const bool flag = stream->detect(*sample.engineTemperatureC).has_value();
                bool &was = flagging[sample.driverName];
                if (flag && !was)
                    events.push_back({sample.driverName, sample.timestampMs, sample.timestampMs});
                if (flag)
                    for (auto it = events.rbegin(); it != events.rend(); ++it)
                        if (it->driver == sample.driverName) { it->endMs = sample.timestampMs; break; }
                was = flag;
                samples.push_back(sample);
            }
        }
        // Precision counts a detection as true when it overlaps any labelled fault of that
        // car's engine sensor (a stuck sensor coming unstuck is a real event too); recall
        // is measured on the faults a value detector is for.
        std::vector<FaultLabel> anyEngineFault;
        for (const auto &label : simulator->faultLabels()) {
            if (label.metric == QLatin1String("engine_temperature"))
                anyEngineFault.push_back(label);
        }
        std::vector<FaultLabel> engineFaults;
        for (const auto &label : simulator->faultLabels()) {
            if (label.metric == QLatin1String("engine_temperature")
                && (label.kind == QLatin1String("overheat_ramp") || label.kind == QLatin1String("spike") || label.kind == QLatin1String("drop")))
                engineFaults.push_back(label);
        }
        for (const auto &event : events) {
            bool overlaps = false;
            for (const auto &label : anyEngineFault)
                overlaps = overlaps || (label.driverName == event.driver && event.startMs <= label.endMs + 200 && event.endMs >= label.startMs);
            (overlaps ? truePositives : falsePositives)++;
            if (!overlaps && listFalse) {
                qint64 best = 1LL<<60; QString what;
                for (const auto &label : simulator->faultLabels()) if (label.driverName == event.driver) {
                    qint64 d = event.startMs - label.endMs; if (std::llabs(d) < std::llabs(best)) { best = d; what = label.kind + "/" + label.metric; } }
                QString ev; qint64 bestE = 1LL<<60;
                for (const auto &e : raceEvents) if (e.driverName.isEmpty() || e.driverName == event.driver) {
                    qint64 d = event.startMs - e.timestampMs; if (std::llabs(d) < std::llabs(bestE)) { bestE = d; ev = e.kind; } }
                std::printf("false alarm: %s seed %llu %s t=%lld len=%lldms nearestFault %s %+lldms nearestEvent %s %+lldms\n", qPrintable(circuit), (unsigned long long)seed, qPrintable(event.driver), (long long)(event.startMs-options.startEpochMs), (long long)(event.endMs-event.startMs), qPrintable(what), (long long)best, qPrintable(ev), (long long)bestE);
            }
        }
        for (const auto &label : engineFaults) {
            ++faults;
            ++byKind[label.kind].first;
            const Event *hit = nullptr;
            for (const auto &event : events) {
                if (event.driver == label.driverName && event.startMs <= label.endMs + 200 && event.endMs >= label.startMs) {
                    hit = &event;
                    break;
                }
            }
            if (!hit)
                continue;
            ++found;
            ++byKind[label.kind].second;
            if (label.kind != QLatin1String("overheat_ramp"))
                spikeLatency.push_back(int(std::max<qint64>(0, hit->startMs - label.startMs) / 100)); // 10 Hz samples
        }
    }
    const double precision = truePositives + falsePositives ? double(truePositives) / (truePositives + falsePositives) : 0;
    const double recall = faults ? double(found) / faults : 0;
    int withinTwo = 0;
    for (int latency : spikeLatency)
        withinTwo += latency <= 2;
    std::printf("\n=== detection_quality: telemetry anomaly stage on engine_temperature (%lld races on %lld circuits, 20 laps, 10 Hz) ===\n",
                3LL * circuits.size(), (long long)circuits.size());
    std::printf("%-44s %d\n", "labelled engine faults (ramp, spike, drop)", faults);
    for (const auto &[kind, counts] : byKind)
        std::printf("  %-42s %d of %d found\n", qPrintable(kind), counts.second, counts.first);
    std::printf("%-44s %d true, %d false\n", "detection events", truePositives, falsePositives);
    std::printf("%-44s %.3f (target >= 0.9)\n", "event-level precision", precision);
    std::printf("%-44s %.3f (target >= 0.9)\n", "event-level recall", recall);
    std::printf("%-44s %d of %zu\n", "spikes/drops detected within 2 samples", withinTwo, spikeLatency.size());
    return 0;
}
