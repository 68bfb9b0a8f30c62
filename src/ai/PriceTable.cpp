#include "PriceTable.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace pitwall::ai {

PriceTable PriceTable::defaults()
{
    PriceTable table;
    table.m_prices = {
        {QStringLiteral("claude-3-5-haiku"), 0.80, 4.00},
        {QStringLiteral("claude-3-haiku"), 0.25, 1.25},
        {QStringLiteral("claude-3-5-sonnet"), 3.00, 15.00},
        {QStringLiteral("claude-3-7-sonnet"), 3.00, 15.00},
        {QStringLiteral("claude-sonnet-4"), 3.00, 15.00},
        {QStringLiteral("gpt-4o-mini"), 0.15, 0.60},
        {QStringLiteral("gpt-4o"), 2.50, 10.00},
        {QStringLiteral("text-embedding-3-small"), 0.02, 0.0},
        {QStringLiteral("text-embedding-3-large"), 0.13, 0.0},
        {QStringLiteral("text-embedding-ada-002"), 0.10, 0.0},
    };
    return table;
}

Expected<PriceTable> PriceTable::fromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const auto document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isArray())
        return Error{QStringLiteral("the price table must be a JSON array of {\"model\", \"input\", \"output\"}")};
    PriceTable table;
    for (const auto &item : document.array()) {
        const auto object = item.toObject();
        const QString model = object.value(QLatin1String("model")).toString();
        const double input = object.value(QLatin1String("input")).toDouble(-1);
        const double output = object.value(QLatin1String("output")).toDouble(-1);
        if (model.isEmpty() || input < 0 || output < 0 || input > 1e4 || output > 1e4)
            return Error{QStringLiteral("price table entry %1: needs a model name and prices in USD per million tokens (0 to 10000)")
                             .arg(table.m_prices.size() + 1)};
        table.m_prices.push_back({model, input, output});
    }
    return table;
}

QByteArray PriceTable::toJson() const
{
    QJsonArray array;
    for (const auto &price : m_prices)
        array.append(QJsonObject{{QStringLiteral("model"), price.modelContains},
                                 {QStringLiteral("input"), price.inputPerMillion},
                                 {QStringLiteral("output"), price.outputPerMillion}});
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

double PriceTable::costUsd(const QString &model, qint64 inputTokens, qint64 outputTokens) const
{
    for (const auto &price : m_prices)
        if (model.contains(price.modelContains, Qt::CaseInsensitive))
            return (double(inputTokens) * price.inputPerMillion + double(outputTokens) * price.outputPerMillion) / 1e6;
    return 0.0; // unknown model (a local one): free as far as we know
}

} // namespace pitwall::ai
