#include "LapProfile.h"

#include <algorithm>
#include <cmath>

namespace pitwall::ml {

namespace {

constexpr double kSlotM = 20.0; // lap distance per slot
constexpr int kMaxSlots = 2000; // 40 km: longer than any circuit

int slotOf(double lapDistanceM)
{
    return std::clamp(int(std::max(0.0, lapDistanceM) / kSlotM), 0, kMaxSlots - 1);
}

} // namespace

std::optional<double> LapProfile::Slot::baseline(double now, int currentLap, int minLaps) const
{
    // The three laps before the current one (a lap this slot missed - a sensor dropped
    // out - counts as one of them, so every wheel of a car compares the same laps).
    std::array<double, kLaps> previous{};
    int count = 0;
    for (size_t i = 0; i < laps.size(); ++i) {
        if (lapOf[i] >= 0 && lapOf[i] >= currentLap - (kLaps - 1) && lapOf[i] < currentLap)
            previous[size_t(count++)] = laps[i];
    }
    if (count < std::max(1, minLaps))
        return std::nullopt;
    if (count == 1)
        return previous[0];
    if (count == 2)
        return std::abs(previous[0] - now) <= std::abs(previous[1] - now) ? previous[0] : previous[1];
    const double a = previous[0], b = previous[1], c = previous[2];
    return std::max(std::min(a, b), std::min(std::max(a, b), c));
}

std::optional<double> LapProfile::expected(double lapDistanceM, double now, int lap, int minLaps) const
{
    // Interpolated between the centres of the two nearest slots.
    const double position = std::max(0.0, lapDistanceM / kSlotM - 0.5);
    const int first = std::min(int(position), kMaxSlots - 1);
    const double weight = position - first;
    const auto at = [&](int slot) -> std::optional<double> {
        return size_t(slot) < m_slots.size() ? m_slots[size_t(slot)].baseline(now, lap, minLaps) : std::nullopt;
    };
    const auto low = at(first), high = at(first + 1);
    if (low && high)
        return *low + weight * (*high - *low);
    return low ? low : high; // the lap's wrap, or a slot skipped at speed
}

void LapProfile::learn(double lapDistanceM, double value, int lap)
{
    const int index = slotOf(lapDistanceM);
    if (size_t(index) >= m_slots.size())
        m_slots.resize(size_t(index) + 1);
    auto &slot = m_slots[size_t(index)];
    if (slot.lapOf[size_t(slot.latest)] != lap) {
        // A new lap: it takes the oldest lap's place.
        slot.latest = (slot.latest + 1) % kLaps;
        slot.lapOf[size_t(slot.latest)] = lap;
        slot.rowsThisLap = 0;
    }
    ++slot.rowsThisLap;
    double &mean = slot.laps[size_t(slot.latest)];
    mean = slot.rowsThisLap == 1 ? value : mean + (value - mean) / slot.rowsThisLap;
}

} // namespace pitwall::ml
