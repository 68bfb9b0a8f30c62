#include "ForecastStages.h"

#include "core/JsonCodec.h"
#include "core/Topics.h"

namespace pitwall {

ForecastProcessor::ForecastProcessor(ml::ArimaConfig config)
    : m_streams(config)
{
}

void ForecastProcessor::forecast(const QString &streamKey, double value, ForecastPoint point, const QByteArray &recordKey,
                                 std::vector<StageOutput> &out)
{
    for (const auto &row : m_streams[streamKey].forecast(value)) {
        point.step = row.step;
        point.forecast = row.forecast;
        point.lowerBound = row.lowerBound;
        point.upperBound = row.upperBound;
        point.rmse = row.rmse;
        out.push_back({topics::kForecasts, recordKey, codec::encode(point)});
    }
}

std::optional<QString> LapTimeForecastProcessor::process(const KafkaRecord &record, std::vector<StageOutput> &out)
{
    const auto event = codec::decodeRaceEvent(record.value);
    if (!event)
        return event.error().describe();
    if (event->kind != QLatin1String("lap_completed") || event->lap <= 1 || event->details.value("pit_lap").toBool() ||
        event->details.value("neutralised").toBool())
        return std::nullopt; // only green-flag racing laps say something about pace
    const double lapTimeS = event->details.value("lap_time_ms").toDouble() / 1000.0;
    if (!(lapTimeS > 10 && lapTimeS < 1000))
        return QStringLiteral("lap_completed without a plausible lap_time_ms");
    forecast(event->driverName, lapTimeS,
             ForecastPoint{event->raceId, event->driverName, QStringLiteral("lap_time"), event->timestampMs}, record.key, out);
    return std::nullopt;
}

std::optional<QString> TyreTemperatureForecastProcessor::process(const KafkaRecord &record, std::vector<StageOutput> &out)
{
    const auto sample = codec::decodeTelemetrySample(record.value);
    if (!sample)
        return sample.error().describe();
    // One sample a second is plenty for a quantity with a time constant of seconds.
    const qint64 second = sample->timestampMs / 1000;
    auto &last = m_lastSecond[sample->driverName];
    if (second == last)
        return std::nullopt;
    last = second;
    static const char *const kTyres[4] = {"tyre_temp_fl", "tyre_temp_fr", "tyre_temp_rl", "tyre_temp_rr"};
    for (int wheel = 0; wheel < 4; ++wheel) {
        if (!sample->tyreTemperatureC[wheel])
            continue;
        const QString metric = QString::fromLatin1(kTyres[wheel]);
        forecast(sample->driverName + QLatin1Char('|') + metric, *sample->tyreTemperatureC[wheel],
                 ForecastPoint{sample->raceId, sample->driverName, metric, sample->timestampMs}, record.key, out);
    }
    return std::nullopt;
}

} // namespace pitwall
