#pragma once
// ML_FORECAST stages: each car's next lap times (from lap_completed events, green-flag
// laps only) and its tyre temperatures a few seconds ahead (telemetry, one sample a
// second). The GUI draws the forecast band from f1-forecasts.

#include "StageProcessor.h"
#include "ml/KeyedStreams.h"

#include <QHash>

namespace pitwall {

class LapTimeForecastProcessor : public StageProcessor {
public:
    explicit LapTimeForecastProcessor(ml::ArimaConfig config);
    std::optional<QString> process(const KafkaRecord &record, std::vector<StageOutput> &out) override;

private:
    ml::KeyedStreams m_byDriver;
};

class TyreTemperatureForecastProcessor : public StageProcessor {
public:
    explicit TyreTemperatureForecastProcessor(ml::ArimaConfig config);
    std::optional<QString> process(const KafkaRecord &record, std::vector<StageOutput> &out) override;

private:
    ml::KeyedStreams m_byCarTyre;
    QHash<QString, qint64> m_lastSecond; // per car: the race second last used
};

} // namespace pitwall
