#pragma once
// The demo's commentary input: each position update with its type (highlight for P1,
// warning for P2-3, info otherwise), plus the context a commentator needs — places
// gained since the driver's previous update and over the last 30 s, gaps, tyre, stops.

#include "StageProcessor.h"

#include <QHash>
#include <deque>

namespace pitwall {

class EnrichmentProcessor : public StageProcessor {
public:
    std::optional<QString> process(const KafkaRecord &record, std::vector<StageOutput> &out) override;

private:
    struct DriverHistory {
        int lastPosition = 0;
        std::deque<std::pair<qint64, int>> positions; // (timestamp, position), last 30 s
    };
    QHash<QString, DriverHistory> m_drivers; // "race|driver"
};

} // namespace pitwall
