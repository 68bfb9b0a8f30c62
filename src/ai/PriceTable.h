#pragma once
// USD per million tokens, by model, for the cost meter. The defaults are list prices
// at the time of writing (on-demand, us-east-1 for Bedrock); users edit them in the
// settings ("llm/prices", JSON) because prices change and differ by region and contract.

#include "core/Expected.h"

#include <QByteArray>
#include <QString>
#include <vector>

namespace pitwall::ai {

struct ModelPrice {
    QString modelContains; // matched against the model id, first match wins
    double inputPerMillion = 0.0;
    double outputPerMillion = 0.0;
};

class PriceTable {
public:
    static PriceTable defaults();
    // [{"model":"claude-3-5-sonnet","input":3.0,"output":15.0}, ...]
    static Expected<PriceTable> fromJson(const QByteArray &json);
    QByteArray toJson() const;

    double costUsd(const QString &model, qint64 inputTokens, qint64 outputTokens) const;
    const std::vector<ModelPrice> &prices() const { return m_prices; }

private:
    std::vector<ModelPrice> m_prices;
};

} // namespace pitwall::ai
