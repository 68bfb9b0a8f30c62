#pragma once
// Records produced to each of our topics, counted on the producing thread and read from
// any other: the replay and the game source both answer RaceSource::producedTo from one.

#include "core/Topics.h"

#include <QtGlobal>
#include <array>
#include <atomic>

namespace pitwall {

class TopicCounts {
public:
    // A topic that is not ours (topics::kAll) is not counted.
    void add(const char *topic)
    {
        if (const int index = topics::indexOf(topic); index >= 0)
            ++m_counts[size_t(index)];
    }

    quint64 of(const char *topic) const
    {
        const int index = topics::indexOf(topic);
        return index < 0 ? 0 : m_counts[size_t(index)].load();
    }

private:
    std::array<std::atomic<quint64>, std::size(topics::kAll)> m_counts{}; // by index in topics::kAll
};

} // namespace pitwall
