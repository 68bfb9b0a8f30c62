#pragma once
// How new the recent shape of a series is: a raw surprise for changes of pattern that stay
// inside the usual range (a cycle that stops, a value held, a different oscillation), which
// a one-step forecast's residuals follow within a row or two.
//
// Each value is quantised into `bins` levels over the range seen so far (with a margin, so
// the levels do not move at every new record); the last `length` levels are a context. The
// novelty of a row is 1 / (1 + how often its context occurred among the remembered rows
// older than `delayRows`): a new shape that lasts stays new for that long instead of
// explaining itself away by repeating. When a value leaves the quantised range the levels
// are re-based and the counts rebuilt from the remembered rows, so a re-base is not news.

#include <cstdint>
#include <optional>
#include <vector>

namespace pitwall::ml {

struct ContextConfig {
    int bins = 16;            // levels over the range; 0 turns the sub-score off
    int length = 2;           // levels in a context (at most 8: one byte each of a 64-bit key)
    int memoryRows = 4000;    // rows whose contexts are remembered
    int delayRows = 200;      // rows before a row's context is counted (< memoryRows)
    int window = 30;          // rows of novelty averaged by its likelihood (sustained, not one row)
    double rangeMargin = 0.1; // share of the range added on each side at a re-base
};

class ContextNovelty {
public:
    explicit ContextNovelty(ContextConfig config);
    // This row's novelty in (0, 1]; nullopt until delayRows + 300 rows have been seen (at
    // first everything is new, and the likelihood must not learn that as usual).
    std::optional<double> update(double value);

private:
    int level(double value) const;
    uint64_t contextAt(size_t newest) const; // the context ending at ring index `newest`
    uint32_t slot(uint64_t context) const;
    void rebase();

    ContextConfig m_config;
    std::vector<double> m_values;   // ring of the last memoryRows values
    std::vector<uint32_t> m_slots;  // ring: each row's context slot (kNoSlot before the first context)
    std::vector<uint16_t> m_counts; // contexts of the counted rows, by hashed slot
    size_t m_cursor = 0, m_seen = 0;
    double m_min = 0, m_max = 0;  // of every value seen
    double m_low = 0, m_high = 0; // the quantised range
    bool m_based = false;
};

} // namespace pitwall::ml
