#include "DisplayNames.h"

#include "core/Messages.h"

namespace pitwall {

QString DisplayNames::metric(const QString &metric)
{
    static const char *const kNames[][2] = {
        {"engine_temperature", QT_TRANSLATE_NOOP("pitwall::DisplayNames", "Engine temperature")},
        {"oil_temperature", QT_TRANSLATE_NOOP("pitwall::DisplayNames", "Oil temperature")},
        {"tyre_temp_fl", QT_TRANSLATE_NOOP("pitwall::DisplayNames", "Tyre front left")},
        {"tyre_temp_fr", QT_TRANSLATE_NOOP("pitwall::DisplayNames", "Tyre front right")},
        {"tyre_temp_rl", QT_TRANSLATE_NOOP("pitwall::DisplayNames", "Tyre rear left")},
        {"tyre_temp_rr", QT_TRANSLATE_NOOP("pitwall::DisplayNames", "Tyre rear right")},
        {"brake_temp_fl", QT_TRANSLATE_NOOP("pitwall::DisplayNames", "Brake front left")},
        {"brake_temp_fr", QT_TRANSLATE_NOOP("pitwall::DisplayNames", "Brake front right")},
        {"brake_temp_rl", QT_TRANSLATE_NOOP("pitwall::DisplayNames", "Brake rear left")},
        {"brake_temp_rr", QT_TRANSLATE_NOOP("pitwall::DisplayNames", "Brake rear right")},
        {"lap_time", QT_TRANSLATE_NOOP("pitwall::DisplayNames", "Lap time")},
    };
    for (const auto &name : kNames) {
        if (metric == QLatin1String(name[0]))
            return tr(name[1]);
    }
    return metric;
}

QString DisplayNames::raceTime(qint64 raceMs)
{
    const qint64 seconds = std::max<qint64>(0, raceMs / 1000);
    if (seconds >= 3600)
        return QStringLiteral("%1:%2:%3").arg(seconds / 3600).arg(seconds / 60 % 60, 2, 10, QLatin1Char('0')).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(seconds / 60, 2, 10, QLatin1Char('0')).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

QString DisplayNames::lapTime(qint64 lapTimeMs)
{
    return QStringLiteral("%1:%2.%3")
        .arg(lapTimeMs / 60000)
        .arg(lapTimeMs / 1000 % 60, 2, 10, QLatin1Char('0'))
        .arg(lapTimeMs % 1000, 3, 10, QLatin1Char('0'));
}

QString DisplayNames::raceEvent(const RaceEvent &event)
{
    const auto &details = event.details;
    const QString kind = event.kind;
    if (kind == QLatin1String("race_started"))
        return tr("Lights out: the race has started (%1 laps)").arg(details.value(QStringLiteral("laps")).toInt());
    if (kind == QLatin1String("overtake"))
        return tr("%1 passes %2 for P%3%4")
            .arg(event.driverName, details.value(QStringLiteral("passed")).toString())
            .arg(details.value(QStringLiteral("position")).toInt())
            .arg(details.value(QStringLiteral("drs")).toBool() ? tr(" with DRS") : QString());
    if (kind == QLatin1String("pit_stop")) {
        // Real timing has no stationary time: the pit lane's, when known, else none.
        const QString from = details.value(QStringLiteral("from")).toString(), to = details.value(QStringLiteral("to")).toString();
        const QString tyres = from.isEmpty() || to.isEmpty() ? QString() : tr(": %1 → %2").arg(from, to);
        if (details.contains(QStringLiteral("stationary_ms")))
            return tr("%1 pits%2, %3 s stationary")
                .arg(event.driverName, tyres)
                .arg(details.value(QStringLiteral("stationary_ms")).toDouble() / 1000.0, 0, 'f', 1);
        if (details.contains(QStringLiteral("pit_lane_ms")))
            return tr("%1 pits%2, %3 s in the pit lane")
                .arg(event.driverName, tyres)
                .arg(details.value(QStringLiteral("pit_lane_ms")).toDouble() / 1000.0, 0, 'f', 1);
        return tr("%1 pits%2").arg(event.driverName, tyres);
    }
    if (kind == QLatin1String("fastest_lap"))
        return tr("Fastest lap: %1, %2").arg(event.driverName, lapTime(qint64(details.value(QStringLiteral("lap_time_ms")).toDouble())));
    if (kind == QLatin1String("safety_car")) {
        const QString type = details.value(QStringLiteral("type")).toString();
        if (details.value(QStringLiteral("state")).toString() == QLatin1String("ending"))
            return type == QLatin1String("VSC") ? tr("Virtual safety car ending") : tr("Safety car in this lap");
        const QString reason = details.value(QStringLiteral("reason")).toString();
        return (type == QLatin1String("VSC") ? tr("Virtual safety car: %1") : tr("Safety car: %1")).arg(reason);
    }
    if (kind == QLatin1String("retirement"))
        return tr("%1 retires (%2)").arg(event.driverName, details.value(QStringLiteral("reason")).toString());
    if (kind == QLatin1String("race_finished"))
        return tr("Chequered flag");
    if (kind == QLatin1String("red_flag"))
        return tr("Red flag: the session is stopped");
    if (kind == QLatin1String("race_control")) {
        // Race control's own words; blue flags and DRS notices are routine, not news.
        const QString flag = details.value(QStringLiteral("flag")).toString();
        const QString category = details.value(QStringLiteral("category")).toString();
        if (flag == QLatin1String("BLUE") || category == QLatin1String("Drs"))
            return {};
        return tr("Race control: %1").arg(details.value(QStringLiteral("message")).toString());
    }
    return {}; // lap completions and fault labels (ground truth) are not news
}

} // namespace pitwall
