#include "ContextNovelty.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace pitwall::ml {

namespace {

constexpr uint32_t kNoSlot = UINT32_MAX;
constexpr size_t kWarmupRows = 300; // rows counted, beyond the delay, before the first novelty

} // namespace

ContextNovelty::ContextNovelty(ContextConfig config)
    : m_config(config)
{
    m_config.length = std::clamp(m_config.length, 1, 8); // 8 levels of 8 bits fill the 64-bit key
    m_config.bins = std::clamp(m_config.bins, 1, 256);
    m_config.delayRows = std::max(m_config.delayRows, 0);
    m_config.memoryRows = std::max(m_config.memoryRows, std::max(m_config.length, m_config.delayRows) + 2);
    m_values.assign(size_t(m_config.memoryRows), 0.0);
    m_slots.assign(size_t(m_config.memoryRows), kNoSlot);
    // Four slots per remembered row keep collisions (two contexts counted as one) rare.
    m_counts.assign(std::bit_ceil(size_t(m_config.memoryRows) * 4), 0);
}

int ContextNovelty::level(double value) const
{
    if (!(m_high > m_low))
        return 0;
    const double at = (value - m_low) / (m_high - m_low) * m_config.bins;
    return std::clamp(int(at), 0, m_config.bins - 1);
}

uint32_t ContextNovelty::slot(uint64_t context) const
{
    // Fibonacci hashing: the top bits of the product spread neighbouring contexts apart.
    const int bits = std::countr_zero(m_counts.size());
    return uint32_t((context * 0x9E3779B97F4A7C15ull) >> (64 - bits));
}

uint64_t ContextNovelty::contextAt(size_t newest) const
{
    const size_t size = m_values.size();
    uint64_t context = 0;
    for (int i = 0; i < m_config.length; ++i)
        context = context << 8 | uint64_t(level(m_values[(newest + size - size_t(i)) % size]));
    return context;
}

void ContextNovelty::rebase()
{
    const double margin = m_config.rangeMargin * (m_max - m_min);
    m_low = m_min - margin;
    m_high = m_max + margin;
    m_based = true;
    // The remembered rows' contexts under the new levels, so that the familiar stays familiar.
    std::fill(m_counts.begin(), m_counts.end(), 0);
    const size_t size = m_values.size();
    const size_t remembered = std::min(m_seen, size - 1); // not the row about to be overwritten
    const size_t oldest = (m_cursor + size - remembered) % size;
    for (size_t i = 0; i < remembered; ++i) {
        const size_t at = (oldest + i) % size;
        if (i + 1 < size_t(m_config.length)) {
            m_slots[at] = kNoSlot;
            continue;
        }
        m_slots[at] = slot(contextAt(at));
        if (remembered - i > size_t(m_config.delayRows)) // rows the counts have already taken in
            ++m_counts[m_slots[at]];
    }
}

std::optional<double> ContextNovelty::update(double value)
{
    if (!std::isfinite(value))
        return std::nullopt;
    if (m_seen >= m_values.size() && m_slots[m_cursor] != kNoSlot) // the oldest row is forgotten
        --m_counts[m_slots[m_cursor]];
    m_slots[m_cursor] = kNoSlot;
    m_min = m_seen == 0 ? value : std::min(m_min, value);
    m_max = m_seen == 0 ? value : std::max(m_max, value);
    if (!m_based || value < m_low || value > m_high)
        rebase();
    m_values[m_cursor] = value;
    const size_t at = m_cursor;
    m_cursor = (m_cursor + 1) % m_values.size();
    ++m_seen;
    if (m_seen < size_t(m_config.length))
        return std::nullopt;
    m_slots[at] = slot(contextAt(at));
    const uint16_t count = m_counts[m_slots[at]];
    const double novelty = 1.0 / (1.0 + count);
    // The row delayRows back joins the counts only now.
    const size_t size = m_values.size();
    if (m_seen > size_t(m_config.delayRows)) {
        const uint32_t joining = m_slots[(at + size - size_t(m_config.delayRows)) % size];
        if (joining != kNoSlot)
            ++m_counts[joining];
    }
    if (m_seen < size_t(m_config.delayRows) + kWarmupRows)
        return std::nullopt;
    return novelty;
}

} // namespace pitwall::ml
