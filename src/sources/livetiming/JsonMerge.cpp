#include "JsonMerge.h"

#include <QJsonArray>

#include <algorithm>
#include <vector>

namespace pitwall::sources {

namespace {
// Index-keyed updates are bounded: an index past this is not an array update.
constexpr qsizetype kMaxArrayIndex = 1 << 20;

bool indexOf(const QString &key, qsizetype &index)
{
    if (key.isEmpty() || key.size() > 7)
        return false;
    qsizetype value = 0;
    for (QChar c : key) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
        value = value * 10 + (c.unicode() - '0');
    }
    if (value > kMaxArrayIndex)
        return false;
    index = value;
    return true;
}
} // namespace

bool JsonMerge::isIndexKeyed(const QJsonObject &object)
{
    if (object.isEmpty())
        return false;
    qsizetype index = 0;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!indexOf(it.key(), index))
            return false;
    }
    return true;
}

void JsonMerge::mergeInto(QJsonObject &state, const QJsonObject &update)
{
    for (auto it = update.begin(); it != update.end(); ++it)
        state.insert(it.key(), merged(state.value(it.key()), it.value()));
}

QJsonValue JsonMerge::merged(const QJsonValue &state, const QJsonValue &update)
{
    if (!update.isObject())
        return update;
    const QJsonObject object = update.toObject();
    if (state.isObject()) {
        QJsonObject result = state.toObject();
        mergeInto(result, object);
        return result;
    }
    if (state.isArray() && isIndexKeyed(object)) {
        QJsonArray array = state.toArray();
        // Apply in index order so appends land in sequence whatever the key order.
        std::vector<std::pair<qsizetype, QJsonValue>> entries;
        entries.reserve(size_t(object.size()));
        for (auto it = object.begin(); it != object.end(); ++it) {
            qsizetype index = 0;
            indexOf(it.key(), index);
            entries.emplace_back(index, it.value());
        }
        std::sort(entries.begin(), entries.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        for (const auto &[index, value] : entries) {
            while (array.size() < index)
                array.append(QJsonValue::Null);
            if (index < array.size())
                array[index] = merged(array.at(index), value);
            else
                array.append(merged(QJsonValue::Undefined, value));
        }
        return array;
    }
    return object;
}

} // namespace pitwall::sources
