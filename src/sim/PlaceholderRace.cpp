#include "PlaceholderRace.h"

#include <algorithm>
#include <numeric>

namespace pitwall {

namespace {

constexpr double kSwapChance = 0.08;  // per neighbouring pair per tick
constexpr double kMinSpeedKph = 90.0;
constexpr double kMaxSpeedKph = 340.0;

} // namespace

PlaceholderRace::PlaceholderRace(const Grid &grid, QString raceId, quint64 seed)
    : m_grid(grid)
    , m_raceId(std::move(raceId))
    , m_random(seed)
    , m_order(grid.drivers().size())
    , m_speeds(grid.drivers().size(), 250.0)
{
    std::iota(m_order.begin(), m_order.end(), 0);
    std::shuffle(m_order.begin(), m_order.end(), m_random);
}

QVector<PositionUpdate> PlaceholderRace::tick(qint64 timestampMs)
{
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::normal_distribution<double> speedStep(0.0, 25.0);
    for (qsizetype i = m_order.size() - 1; i > 0; --i) {
        if (unit(m_random) < kSwapChance)
            std::swap(m_order[i], m_order[i - 1]);
    }
    QVector<PositionUpdate> updates;
    updates.reserve(m_order.size());
    for (qsizetype i = 0; i < m_order.size(); ++i) {
        const int driverIndex = m_order[i];
        auto &speed = m_speeds[driverIndex];
        speed = std::clamp(speed + speedStep(m_random), kMinSpeedKph, kMaxSpeedKph);
        const auto &driver = m_grid.drivers().at(driverIndex);
        updates.push_back(PositionUpdate{driver.name, int(i + 1), timestampMs, m_raceId,
                                         m_grid.teamOf(driver).name, std::round(speed * 10.0) / 10.0});
    }
    return updates;
}

} // namespace pitwall
