#pragma once
// ML_FORECAST stages: each car's next lap times (from lap_completed events, green-flag
// laps only) and its tyre temperatures a few seconds ahead (telemetry, one sample a
// second). The GUI draws the forecast band from f1-forecasts.

#include "StageProcessor.h"
#include "core/Messages.h"
#include "ml/KeyedStreams.h"

#include <QHash>

namespace pitwall {

// What both stages share: one ARIMA stream per key, its steps written to f1-forecasts.
class ForecastProcessor : public StageProcessor {
public:
    explicit ForecastProcessor(ml::ArimaConfig config);

protected:
    // Feeds `value` to the stream of `streamKey` and writes its forecast steps as copies of
    // `point` (which names the race, driver, metric and moment) under the record's key.
    void forecast(const QString &streamKey, double value, ForecastPoint point, const QByteArray &recordKey,
                  std::vector<StageOutput> &out);

private:
    ml::KeyedStreams m_streams;
};

// Streams keyed by driver.
class LapTimeForecastProcessor : public ForecastProcessor {
public:
    using ForecastProcessor::ForecastProcessor;
    std::optional<QString> process(const KafkaRecord &record, std::vector<StageOutput> &out) override;
};

// Streams keyed by driver and tyre.
class TyreTemperatureForecastProcessor : public ForecastProcessor {
public:
    using ForecastProcessor::ForecastProcessor;
    std::optional<QString> process(const KafkaRecord &record, std::vector<StageOutput> &out) override;

private:
    QHash<QString, qint64> m_lastSecond; // per car: the race second last used
};

} // namespace pitwall
