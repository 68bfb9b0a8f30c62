#pragma once
// ML_DETECT_ANOMALIES with a persistence rule: a row is reported only when it and the
// rows before it, `rows` in all, were each outside the band. At 99.999 % one row in
// 100,000 falls outside by chance; two in a row almost never do, while a real fault
// (a spike lasts a second or more) fills many rows. The Flink SQL of a stage that uses
// it counts the flagged rows over the same ROWS window (PipelineDefinition).

#include "ArimaStream.h"

namespace pitwall::ml {

class PersistentDetector {
public:
    struct Config {
        ArimaConfig arima;
        int rows = 2; // consecutive flagged rows that make a reported anomaly
    };

    explicit PersistentDetector(Config config);

    // The row, when it is a confirmed anomaly; nullopt otherwise (also while warming up).
    std::optional<DetectionRow> detect(double value);

private:
    ArimaStream m_stream;
    int m_rowsNeeded;
    int m_flaggedRun = 0;
};

} // namespace pitwall::ml
