#pragma once
// One streaming model per partition key (PARTITION BY team, by car and metric...),
// created on first use with the stage's configuration. Keys come from the messages, so
// their number is capped: a new key past the cap replaces the least recently used one.

#include "ArimaStream.h"

#include <QHash>
#include <QString>
#include <algorithm>
#include <memory>

namespace pitwall::ml {

template <typename Stream, typename Config>
class Keyed {
public:
    static constexpr int kDefaultMaxKeys = 1024; // a race has ~20 cars x a few metrics

    explicit Keyed(Config config, int maxKeys = kDefaultMaxKeys)
        : m_config(config)
        , m_maxKeys(std::max(1, maxKeys))
    {
    }

    // The reference holds until the next call (which may evict it).
    Stream &operator[](const QString &key)
    {
        auto found = m_streams.find(key);
        if (found == m_streams.end()) {
            if (m_streams.size() >= m_maxKeys)
                evictLeastRecentlyUsed();
            found = m_streams.insert(key, Entry{std::make_shared<Stream>(m_config), 0});
        }
        found->lastUse = ++m_uses;
        return *found->stream;
    }

    const Config &config() const { return m_config; }
    int size() const { return int(m_streams.size()); }
    quint64 evicted() const { return m_evicted; }

private:
    struct Entry {
        std::shared_ptr<Stream> stream;
        quint64 lastUse;
    };
    void evictLeastRecentlyUsed()
    {
        auto oldest = m_streams.begin();
        for (auto it = m_streams.begin(); it != m_streams.end(); ++it)
            if (it->lastUse < oldest->lastUse)
                oldest = it;
        m_streams.erase(oldest);
        ++m_evicted;
    }

    Config m_config;
    int m_maxKeys;
    quint64 m_uses = 0;
    quint64 m_evicted = 0;
    QHash<QString, Entry> m_streams;
};

using KeyedStreams = Keyed<ArimaStream, ArimaConfig>;

} // namespace pitwall::ml
