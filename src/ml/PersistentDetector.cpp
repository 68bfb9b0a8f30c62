#include "PersistentDetector.h"

#include <algorithm>

namespace pitwall::ml {

PersistentDetector::PersistentDetector(Config config)
    : m_stream(config.arima)
    , m_rowsNeeded(std::max(1, config.rows))
{
}

std::optional<DetectionRow> PersistentDetector::detect(double value)
{
    auto row = m_stream.detect(value);
    m_flaggedRun = row.isAnomaly.value_or(false) ? m_flaggedRun + 1 : 0;
    if (m_flaggedRun < m_rowsNeeded)
        return std::nullopt;
    return row;
}

} // namespace pitwall::ml
