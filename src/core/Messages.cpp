#include "Messages.h"

namespace pitwall {

QString commentaryTypeName(CommentaryType type)
{
    switch (type) {
    case CommentaryType::Highlight: return QStringLiteral("highlight");
    case CommentaryType::Warning: return QStringLiteral("warning");
    case CommentaryType::Info: break;
    }
    return QStringLiteral("info");
}

std::optional<CommentaryType> commentaryTypeFromName(const QString &name)
{
    for (auto type : {CommentaryType::Highlight, CommentaryType::Warning, CommentaryType::Info}) {
        if (name == commentaryTypeName(type))
            return type;
    }
    return std::nullopt;
}

const QStringList &telemetryMetricNames()
{
    static const QStringList names{QStringLiteral("engine_temperature"), QStringLiteral("oil_temperature"),
                                   QStringLiteral("tyre_temp_fl"),       QStringLiteral("tyre_temp_fr"),
                                   QStringLiteral("tyre_temp_rl"),       QStringLiteral("tyre_temp_rr"),
                                   QStringLiteral("brake_temp_fl"),      QStringLiteral("brake_temp_fr"),
                                   QStringLiteral("brake_temp_rl"),      QStringLiteral("brake_temp_rr")};
    Q_ASSERT(names.size() == kTelemetryMetricCount);
    return names;
}

std::array<std::optional<double>, kTelemetryMetricCount> metricReadings(const TelemetrySample &sample)
{
    return {sample.engineTemperatureC,   sample.oilTemperatureC,     sample.tyreTemperatureC[0],  sample.tyreTemperatureC[1],
            sample.tyreTemperatureC[2],  sample.tyreTemperatureC[3], sample.brakeTemperatureC[0], sample.brakeTemperatureC[1],
            sample.brakeTemperatureC[2], sample.brakeTemperatureC[3]};
}

const QStringList &raceEventKinds()
{
    static const QStringList kinds{QStringLiteral("race_started"), QStringLiteral("lap_completed"), QStringLiteral("overtake"),
                                   QStringLiteral("pit_stop"), QStringLiteral("fastest_lap"), QStringLiteral("safety_car"),
                                   QStringLiteral("retirement"), QStringLiteral("fault"), QStringLiteral("race_finished"),
                                   // Real races: race control's messages, a red flag, the weather.
                                   QStringLiteral("race_control"), QStringLiteral("red_flag"), QStringLiteral("weather")};
    return kinds;
}

const QStringList &tyreCompounds()
{
    static const QStringList compounds{QStringLiteral("SOFT"),         QStringLiteral("MEDIUM"), QStringLiteral("HARD"),
                                       QStringLiteral("INTERMEDIATE"), QStringLiteral("WET"),    QStringLiteral("UNKNOWN")};
    return compounds;
}

CommentaryType commentaryTypeForPosition(int position)
{
    if (position == 1)
        return CommentaryType::Highlight;
    if (position == 2 || position == 3)
        return CommentaryType::Warning;
    return CommentaryType::Info;
}

} // namespace pitwall
