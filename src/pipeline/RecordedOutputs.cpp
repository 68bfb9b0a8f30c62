#include "RecordedOutputs.h"

#include "core/JsonCodec.h"
#include "core/Topics.h"
#include "storage/RaceLibrary.h"

namespace pitwall {

Expected<RaceViewBatch> loadRecordedOutputs(const QString &libraryPath, const QString &raceId, quint64 *rejected)
{
    auto library = RaceLibrary::open(libraryPath);
    if (!library)
        return library.error();
    RaceViewBatch batch;
    quint64 bad = 0;
    const auto read = library.value()->read(raceId, 0, [&](const std::vector<RecordedMessage> &messages) {
        for (const auto &message : messages) {
            if (message.topic == topics::kTelemetryAnomalies) {
                if (auto anomaly = codec::decodeTelemetryAnomaly(message.value))
                    batch.anomalies.push_back({std::move(anomaly).value(), AnomalySource::Telemetry});
                else
                    ++bad;
            } else if (message.topic == topics::kCarMetricsAnomalies) {
                if (auto anomaly = codec::decodeEngineAnomaly(message.value))
                    batch.anomalies.push_back(anomalyRowOf(anomaly.value()));
                else
                    ++bad;
            } else if (message.topic == topics::kCommentary) {
                if (auto line = codec::decodeCommentary(message.value))
                    batch.commentary.push_back(std::move(line).value());
                else
                    ++bad;
            } else if (message.topic == topics::kForecasts) {
                if (auto forecast = codec::decodeForecastPoint(message.value); forecast && forecast->step == 1)
                    batch.forecasts.push_back(std::move(forecast).value());
                else if (!forecast)
                    ++bad;
            }
        }
        return true;
    });
    if (!read)
        return read.error();
    if (rejected)
        *rejected = bad;
    return batch;
}

} // namespace pitwall
