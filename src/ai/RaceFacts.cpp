#include "RaceFacts.h"
#include "RaceMoment.h"

#include <algorithm>

namespace pitwall::ai {

namespace {
constexpr qint64 kRecentMs = 60'000;
}

QString momentKindName(MomentKind kind)
{
    switch (kind) {
    case MomentKind::LeadChange: return QStringLiteral("lead_change");
    case MomentKind::Overtake: return QStringLiteral("overtake");
    case MomentKind::PitStop: return QStringLiteral("pit_stop");
    case MomentKind::FastestLap: return QStringLiteral("fastest_lap");
    case MomentKind::SafetyCar: return QStringLiteral("safety_car");
    case MomentKind::Retirement: return QStringLiteral("retirement");
    case MomentKind::Anomaly: return QStringLiteral("anomaly");
    case MomentKind::FollowedMove: return QStringLiteral("followed_move");
    case MomentKind::RaceStart: return QStringLiteral("race_start");
    case MomentKind::RaceFinish: return QStringLiteral("race_finish");
    }
    return QStringLiteral("moment");
}

QString RaceMoment::id() const
{
    return QStringLiteral("%1:%2:%3").arg(momentKindName(kind), driver).arg(raceTimestampMs);
}

QString RaceFacts::surname(const QString &fullName)
{
    return fullName.section(QLatin1Char(' '), -1);
}

DriverFacts &RaceFacts::entry(const QString &name)
{
    auto it = m_drivers.find(name);
    if (it == m_drivers.end()) {
        it = m_drivers.insert(name, DriverFacts{});
        it->name = name;
        m_bySurname.insert(surname(name).toLower(), name);
    }
    return *it;
}

void RaceFacts::apply(const CommentaryInput &input)
{
    auto &facts = entry(input.driverName);
    facts.team = input.teamName;
    facts.position = input.position;
    facts.gapToLeaderS = input.gapToLeaderS;
    facts.intervalS = input.intervalS;
    if (input.tyre)
        facts.tyre = input.tyre;
    if (input.pitStops)
        facts.pitStops = *input.pitStops;
    if (input.lap)
        facts.lap = *input.lap;
    m_latestMs = std::max(m_latestMs, input.timestampMs);
    if (facts.recentPositions.empty() || facts.recentPositions.back().second != input.position)
        facts.recentPositions.emplace_back(input.timestampMs, input.position);
    // Keep the last position older than the window too: it was held into the window.
    while (facts.recentPositions.size() > 1 && facts.recentPositions[1].first < input.timestampMs - kRecentMs)
        facts.recentPositions.pop_front();
    if (input.position == 1) {
        m_leader = input.driverName;
        if (input.lap)
            m_leaderLap = *input.lap;
    } else if (m_leader == input.driverName) {
        m_leader.clear();
    }
}

void RaceFacts::apply(const RaceEvent &event)
{
    m_latestMs = std::max(m_latestMs, event.timestampMs);
    if (event.kind == QLatin1String("race_started")) {
        m_totalLaps = event.details.value(QLatin1String("laps")).toInt(m_totalLaps);
    } else if (event.kind == QLatin1String("retirement") && !event.driverName.isEmpty()) {
        entry(event.driverName).retired = true;
    } else if (event.kind == QLatin1String("safety_car")) {
        m_safetyCar = event.details.value(QLatin1String("state")).toString() == QLatin1String("deployed");
    } else if (event.kind == QLatin1String("pit_stop") && !event.driverName.isEmpty()) {
        auto &facts = entry(event.driverName);
        facts.pitStops = std::max(facts.pitStops, event.details.value(QLatin1String("stop")).toInt());
        facts.tyre = event.details.value(QLatin1String("to")).toString();
    }
}

const DriverFacts *RaceFacts::driver(const QString &name) const
{
    const auto it = m_drivers.constFind(name);
    return it == m_drivers.cend() ? nullptr : &*it;
}

std::optional<QString> RaceFacts::resolveName(const QString &word) const
{
    if (m_drivers.contains(word))
        return word;
    const auto it = m_bySurname.constFind(word.toLower());
    if (it != m_bySurname.cend())
        return *it;
    return std::nullopt;
}

QStringList RaceFacts::runningOrder() const
{
    std::vector<const DriverFacts *> cars;
    for (const auto &facts : m_drivers)
        if (!facts.retired && facts.position > 0)
            cars.push_back(&facts);
    std::sort(cars.begin(), cars.end(), [](auto *a, auto *b) { return a->position < b->position; });
    QStringList order;
    for (const auto *facts : cars)
        order << facts->name;
    return order;
}

std::vector<int> RaceFacts::positionsHeldLately(const QString &name) const
{
    std::vector<int> held;
    if (const auto *facts = driver(name)) {
        for (const auto &[ms, position] : facts->recentPositions)
            held.push_back(position);
        held.push_back(facts->position);
    }
    return held;
}

QString RaceFacts::summary(int top) const
{
    QStringList lines;
    lines << QStringLiteral("Lap %1%2%3")
                 .arg(m_leaderLap)
                 .arg(m_totalLaps > 0 ? QStringLiteral(" of %1").arg(m_totalLaps) : QString())
                 .arg(m_safetyCar ? QStringLiteral(", safety car out") : QString());
    const auto order = runningOrder();
    for (int i = 0; i < std::min<int>(top, int(order.size())); ++i) {
        const auto *facts = driver(order[i]);
        QString line = QStringLiteral("P%1 %2 (%3)").arg(facts->position).arg(facts->name, facts->team);
        if (facts->gapToLeaderS && facts->position > 1)
            line += QStringLiteral(" +%1s").arg(*facts->gapToLeaderS, 0, 'f', 1);
        if (facts->tyre)
            line += QStringLiteral(", %1 tyres").arg(*facts->tyre);
        lines << line;
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace pitwall::ai
