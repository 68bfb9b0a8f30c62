#pragma once
// Sensor and car faults with ground truth. Faults are drawn before the race from their
// own random stream (so a race with faults is the same race as without them), and
// applied to the readings a car reports. A fault becomes a label only if it really
// happens: its car is still running when it starts.

#include "core/Messages.h"

#include <QVector>
#include <optional>
#include <random>

namespace pitwall {

struct PlannedFault {
    int carIndex = 0;
    int metric = 0; // index into telemetryMetricNames()
    QString kind;
    qint64 startMs = 0; // race time, whole milliseconds: the same clock as the timestamps
    qint64 endMs = 0;
    double magnitude = 0; // kind-specific: degrees added, or a fraction
    bool started = false;
    std::optional<double> stuckValue;
};

class FaultPlan {
public:
    // faultsPerCarHour: expected faults per car per hour of racing (0: a clean race).
    FaultPlan(int cars, double expectedRaceS, double faultsPerCarHour, quint64 seed);

    // Faults of `car` starting at or before raceMs that have not started yet; marks them started.
    QVector<PlannedFault *> starting(int car, qint64 raceMs);
    // The value a car's sensor reports for `metric` given its true value.
    std::optional<double> reading(int car, int metric, double trueValue, qint64 raceMs);
    const QVector<PlannedFault> &faults() const { return m_faults; }

    static QStringList kinds();

private:
    QVector<PlannedFault> m_faults;      // by start time
    QVector<QVector<int>> m_faultsByCar; // indices into m_faults, by start time
};

} // namespace pitwall
