#include "FaultPlan.h"

#include <algorithm>
#include <cmath>

namespace pitwall {

namespace {

constexpr int Engine = 0, Oil = 1, TyreFirst = 2, BrakeFirst = 6, MetricCount = 10; // telemetryMetricNames() order

constexpr double kQuietStartS = 90.0; // no faults during the start and the first lap

} // namespace

QStringList FaultPlan::kinds()
{
    return {QStringLiteral("overheat_ramp"), QStringLiteral("spike"),      QStringLiteral("drop"),
            QStringLiteral("tyre_overheat"), QStringLiteral("brake_fade"), QStringLiteral("sensor_dropout"),
            QStringLiteral("stuck_sensor")};
}

FaultPlan::FaultPlan(int cars, double expectedRaceS, double faultsPerCarHour, quint64 seed)
    : m_faultsByCar(cars)
{
    if (faultsPerCarHour <= 0 || expectedRaceS <= kQuietStartS)
        return;
    std::mt19937_64 random(seed ^ 0x5eed'fa17'0000'0001ULL);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const double perCar = faultsPerCarHour * expectedRaceS / 3600.0;
    const auto kindNames = kinds();
    for (int car = 0; car < cars; ++car) {
        const int count = std::poisson_distribution<int>(perCar)(random);
        for (int i = 0; i < count; ++i) {
            PlannedFault fault;
            fault.carIndex = car;
            fault.kind = kindNames[int(unit(random) * kindNames.size()) % kindNames.size()];
            double duration = 0;
            if (fault.kind == QLatin1String("overheat_ramp")) {
                fault.metric = unit(random) < 0.75 ? Engine : Oil;
                fault.magnitude = 18 + 17 * unit(random); // degrees at the peak
                duration = 40 + 50 * unit(random);
            } else if (fault.kind == QLatin1String("spike") || fault.kind == QLatin1String("drop")) {
                // As in the demo: a sudden change of 20-50%.
                fault.metric = unit(random) < 0.75 ? Engine : Oil;
                fault.magnitude = 0.2 + 0.3 * unit(random);
                duration = 1 + 2 * unit(random);
            } else if (fault.kind == QLatin1String("tyre_overheat")) {
                fault.metric = TyreFirst + int(unit(random) * 4) % 4;
                fault.magnitude = 22 + 18 * unit(random);
                duration = 30 + 40 * unit(random);
            } else if (fault.kind == QLatin1String("brake_fade")) {
                fault.metric = BrakeFirst + int(unit(random) * 4) % 4;
                fault.magnitude = 180 + 150 * unit(random);
                duration = 25 + 40 * unit(random);
            } else {
                fault.metric = int(unit(random) * MetricCount) % MetricCount;
                duration = fault.kind == QLatin1String("sensor_dropout") ? 3 + 15 * unit(random) : 15 + 45 * unit(random);
            }
            const double startS = kQuietStartS + unit(random) * (expectedRaceS - kQuietStartS - duration);
            fault.startMs = std::llround(startS * 1000);
            fault.endMs = std::llround((startS + duration) * 1000);
            m_faults.push_back(fault);
        }
    }
    std::sort(m_faults.begin(), m_faults.end(), [](const auto &a, const auto &b) { return a.startMs < b.startMs; });
    for (int i = 0; i < m_faults.size(); ++i)
        m_faultsByCar[m_faults[i].carIndex].push_back(i);
}

QVector<PlannedFault *> FaultPlan::starting(int car, qint64 raceMs)
{
    QVector<PlannedFault *> result;
    for (int index : m_faultsByCar[car]) {
        auto &fault = m_faults[index];
        if (fault.startMs > raceMs)
            break;
        if (!fault.started) {
            fault.started = true;
            result.push_back(&fault);
        }
    }
    return result;
}

std::optional<double> FaultPlan::reading(int car, int metric, double trueValue, qint64 raceMs)
{
    std::optional<double> value = trueValue;
    for (int index : m_faultsByCar[car]) {
        auto &fault = m_faults[index];
        if (fault.startMs > raceMs)
            break;
        if (!fault.started || fault.metric != metric || raceMs > fault.endMs || !value)
            continue;
        const double progress = double(raceMs - fault.startMs) / std::max<qint64>(fault.endMs - fault.startMs, 1);
        const QString &kind = fault.kind;
        if (kind == QLatin1String("overheat_ramp") || kind == QLatin1String("tyre_overheat")) {
            // Rises over the first 70% of the fault, then holds at the peak.
            value = *value + fault.magnitude * std::min(1.0, progress / 0.7);
        } else if (kind == QLatin1String("spike")) {
            value = *value * (1 + fault.magnitude);
        } else if (kind == QLatin1String("drop")) {
            value = *value * (1 - fault.magnitude);
        } else if (kind == QLatin1String("brake_fade")) {
            value = *value + fault.magnitude;
        } else if (kind == QLatin1String("sensor_dropout")) {
            value.reset();
        } else if (kind == QLatin1String("stuck_sensor")) {
            if (!fault.stuckValue)
                fault.stuckValue = *value;
            value = *fault.stuckValue;
        }
    }
    return value;
}

} // namespace pitwall
