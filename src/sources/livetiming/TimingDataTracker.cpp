#include "TimingDataTracker.h"

#include "LiveTimingText.h"

#include <QJsonArray>

namespace pitwall::sources {

using namespace livetiming;

namespace {
std::optional<double> valueSeconds(const QJsonValue &entry)
{
    // Sector and lap times are {"Value": "1:45.123", ...}; "" clears the display, not a time.
    if (!entry.isObject())
        return std::nullopt;
    const QJsonValue value = entry.toObject().value(QLatin1String("Value"));
    if (!value.isString())
        return std::nullopt;
    const auto seconds = parseLapTime(value.toString());
    if (!seconds || *seconds <= 0)
        return std::nullopt;
    return seconds;
}

// Sectors come as an array (whole) or as an object keyed "0".."2" (partial).
std::optional<double> sectorValue(const QJsonValue &sectors, int index)
{
    if (sectors.isArray()) {
        const QJsonArray array = sectors.toArray();
        return index < array.size() ? valueSeconds(array.at(index)) : std::nullopt;
    }
    if (sectors.isObject())
        return valueSeconds(sectors.toObject().value(QString::number(index)));
    return std::nullopt;
}

void setGap(const QJsonValue &value, std::optional<double> &seconds, std::optional<int> &laps)
{
    QJsonValue text = value;
    if (text.isObject())
        text = text.toObject().value(QLatin1String("Value"));
    if (!text.isString())
        return;
    const Gap gap = parseGap(text.toString());
    seconds = gap.seconds;
    laps = gap.laps;
}
} // namespace

void TimingDataTracker::apply(qint64 ms, const QJsonObject &linesUpdate, const QJsonObject &linesState, bool keyframe)
{
    for (auto it = linesUpdate.begin(); it != linesUpdate.end(); ++it) {
        if (!it.value().isObject() || it.key().startsWith(QLatin1Char('_')))
            continue;
        applyDriver(ms, it.key(), it.value().toObject(), linesState.value(it.key()).toObject(), keyframe);
    }
}

std::optional<int> TimingDataTracker::lapsCompleted(const QString &number) const
{
    const auto it = m_drivers.constFind(number);
    return it == m_drivers.constEnd() ? std::nullopt : it->laps;
}

void TimingDataTracker::applyDriver(qint64 ms, const QString &number, const QJsonObject &update, const QJsonObject &state, bool keyframe)
{
    Driver &driver = m_drivers[number];
    TimingUpdate timing;
    timing.ms = ms;
    timing.number = number;
    if (update.contains(QLatin1String("Position"))) {
        if (auto position = toInt(update.value(QLatin1String("Position"))); position && *position > 0)
            timing.position = position;
    }
    if (update.contains(QLatin1String("GapToLeader")))
        setGap(update.value(QLatin1String("GapToLeader")), timing.gapToLeaderS, timing.lapsBehindLeader);
    if (update.contains(QLatin1String("IntervalToPositionAhead")))
        setGap(update.value(QLatin1String("IntervalToPositionAhead")), timing.intervalS, timing.lapsBehindAhead);
    std::optional<int> laps;
    if (update.contains(QLatin1String("NumberOfLaps")))
        laps = toInt(update.value(QLatin1String("NumberOfLaps")));
    timing.lapsCompleted = laps;
    if (update.contains(QLatin1String("InPit")))
        timing.inPit = toBool(update.value(QLatin1String("InPit")));
    if (update.contains(QLatin1String("PitOut")))
        timing.pitOut = toBool(update.value(QLatin1String("PitOut")));
    if (update.contains(QLatin1String("Retired")) || update.contains(QLatin1String("Stopped"))) {
        // Either flag stands for the car being out; read both from the merged state so a later
        // "Stopped": false cannot hide an earlier "Retired": true.
        timing.retired = toBool(state.value(QLatin1String("Retired"))).value_or(false) ||
                         toBool(state.value(QLatin1String("Stopped"))).value_or(false);
    }
    if (update.contains(QLatin1String("NumberOfPitStops")))
        timing.pitStops = toInt(update.value(QLatin1String("NumberOfPitStops")));

    if (keyframe) {
        // The stream's first line is the state at its start, not events: take the lap count as
        // the baseline and start no lap or stop from it.
        driver.laps = laps;
    } else {
        const bool lapCounted = laps && (!driver.laps || *laps > *driver.laps);
        assignLapValues(driver, update, lapCounted);
        if (timing.inPit == true && !driver.openPitStop) {
            PitStop stop;
            stop.ms = ms;
            stop.number = number;
            stop.lap = driver.laps.value_or(0) + 1;
            driver.openPitStop = m_session.pitStops.size();
            m_session.pitStops.push_back(stop);
        }
        if (timing.pitOut == true) {
            if (driver.openPitStop) {
                PitStop &stop = m_session.pitStops[*driver.openPitStop];
                stop.pitLaneS = double(ms - stop.ms) / 1000.0;
                driver.openPitStop.reset();
            }
            driver.outLap = true;
        }
        if (lapCounted) {
            LapRecord lap;
            lap.ms = ms;
            lap.number = number;
            lap.lap = *laps;
            lap.lapTimeS = driver.runningLapTime;
            for (int i = 0; i < 3; ++i)
                lap.sectorS[i] = driver.running[i];
            lap.pitOutLap = driver.outLap;
            driver.openLap = m_session.laps.size();
            m_session.laps.push_back(lap);
            driver.running[0] = driver.running[1] = driver.running[2] = std::nullopt;
            driver.runningLapTime.reset();
            driver.outLap = false;
        }
        if (laps)
            driver.laps = laps;
    }

    if (timing.position || timing.gapToLeaderS || timing.lapsBehindLeader || timing.intervalS || timing.lapsBehindAhead ||
        timing.lapsCompleted || timing.inPit || timing.pitOut || timing.retired || timing.pitStops)
        m_session.timing.push_back(timing);
}

// Which lap a sector or lap time belongs to. Read off the 2018 Baku archive (841 lap counts):
// - the last sector's time normally comes in the same line as the NumberOfLaps increase (839 of
//   841), otherwise a fraction of a second before it;
// - LastLapTime comes in that same line (707 times), up to ~4 s before it (after the lap's
//   second sector), or a fraction of a second after it (before the next lap's first sector);
// - the next lap's first sector (index 0) clears sectors 1 and 2 and opens the new lap.
// So: values in the line that counts the lap belong to that lap; before the count they wait
// with the lap in progress; after it, a lap time or a last-sector time still belongs to the lap
// just counted until that driver's next first or second sector time arrives.
void TimingDataTracker::assignLapValues(Driver &driver, const QJsonObject &update, bool lapCounted)
{
    const QJsonValue sectors = update.value(QLatin1String("Sectors"));
    std::optional<double> sector[3];
    for (int i = 0; i < 3; ++i)
        sector[i] = sectorValue(sectors, i);
    const auto lapTime = valueSeconds(update.value(QLatin1String("LastLapTime")));

    if (lapCounted || sector[0] || sector[1])
        driver.openLap.reset();
    if (sector[0]) {
        // A new lap's first sector: nothing of the previous lap can still be waiting here.
        driver.running[1] = driver.running[2] = std::nullopt;
        driver.runningLapTime.reset();
    }
    for (int i = 0; i < 2; ++i) {
        if (sector[i])
            driver.running[i] = sector[i];
    }
    if (driver.openLap) {
        LapRecord &lap = m_session.laps[*driver.openLap];
        if (sector[2])
            lap.sectorS[2] = sector[2];
        if (lapTime)
            lap.lapTimeS = lapTime;
        return;
    }
    if (sector[2])
        driver.running[2] = sector[2];
    if (lapTime)
        driver.runningLapTime = lapTime;
}

} // namespace pitwall::sources
