#pragma once
// Several stages read the same topics: a record they all refuse (a flood of junk on
// f1-car-telemetry, say) is copied to the dead-letter topic once, by the first stage that
// refuses it; the others only count their refusal. Remembers the last kMemory records
// refused (topic, partition, offset): enough for stages that refuse a record at nearly
// the same time, bounded whatever arrives.

#include <QMutex>
#include <QString>

#include <deque>
#include <set>
#include <tuple>

namespace pitwall {

class DeadLetterOnce {
public:
    static constexpr size_t kMemory = 20000;

    // True the first time this record is refused (the caller copies it), false after.
    bool firstRefusal(const QString &topic, int partition, qint64 offset)
    {
        const Key key{topic, partition, offset};
        QMutexLocker lock(&m_mutex);
        if (!m_seen.insert(key).second)
            return false;
        m_order.push_back(key);
        if (m_order.size() > kMemory) {
            m_seen.erase(m_order.front());
            m_order.pop_front();
        }
        return true;
    }

private:
    using Key = std::tuple<QString, int, qint64>;
    QMutex m_mutex;
    std::set<Key> m_seen;
    std::deque<Key> m_order;
};

} // namespace pitwall
