#include "MomentSelector.h"

#include <QJsonArray>

namespace pitwall::ai {

namespace {

constexpr qint64 kAnomalyEpisodeMs = 60'000;

const QHash<QString, MomentKind> &kindsByName()
{
    static const QHash<QString, MomentKind> kinds = [] {
        QHash<QString, MomentKind> all;
        for (auto kind : {MomentKind::LeadChange, MomentKind::Overtake, MomentKind::PitStop, MomentKind::FastestLap,
                          MomentKind::SafetyCar, MomentKind::Retirement, MomentKind::Anomaly, MomentKind::FollowedMove,
                          MomentKind::RaceStart, MomentKind::RaceFinish})
            all.insert(momentKindName(kind), kind);
        return all;
    }();
    return kinds;
}

} // namespace

Expected<MomentFilter> MomentFilter::parse(const QString &text)
{
    MomentFilter filter;
    filter.kinds.clear();
    for (const QString &rawItem : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString item = rawItem.trimmed();
        const auto equals = item.indexOf(QLatin1Char('='));
        if (equals < 0) {
            const auto it = kindsByName().constFind(item);
            if (it == kindsByName().cend())
                return Error{QStringLiteral("commentary filter: '%1' is not one of %2")
                                 .arg(item, QStringList(kindsByName().keys()).join(QStringLiteral(", ")))};
            filter.kinds.insert(*it);
            continue;
        }
        const QString key = item.left(equals).trimmed();
        const QString value = item.mid(equals + 1).trimmed();
        if (key == QLatin1String("overtake_top") || key == QLatin1String("pit_top")) {
            bool ok = false;
            const int n = value.toInt(&ok);
            if (!ok || n < 1 || n > 30)
                return Error{QStringLiteral("commentary filter: %1 must be 1 to 30, not '%2'").arg(key, value)};
            (key == QLatin1String("overtake_top") ? filter.overtakeTopN : filter.pitStopTopN) = n;
        } else if (key == QLatin1String("follow")) {
            filter.followed = value.split(QLatin1Char(';'), Qt::SkipEmptyParts);
            filter.kinds.insert(MomentKind::FollowedMove);
        } else {
            return Error{QStringLiteral("commentary filter: unknown setting '%1' (overtake_top, pit_top, follow)").arg(key)};
        }
    }
    if (filter.kinds.isEmpty())
        return Error{QStringLiteral("commentary filter: name at least one kind of moment")};
    return filter;
}

QString MomentFilter::toText() const
{
    QStringList items;
    for (auto it = kindsByName().cbegin(); it != kindsByName().cend(); ++it)
        if (kinds.contains(it.value()))
            items << it.key();
    items.sort();
    items << QStringLiteral("overtake_top=%1").arg(overtakeTopN) << QStringLiteral("pit_top=%1").arg(pitStopTopN);
    if (!followed.isEmpty())
        items << QStringLiteral("follow=%1").arg(followed.join(QLatin1Char(';')));
    return items.join(QLatin1Char(','));
}

MomentSelector::MomentSelector(MomentFilter filter)
    : m_filter(std::move(filter))
{
}

bool MomentSelector::isFollowed(const QString &driver, const RaceFacts &facts) const
{
    for (const auto &name : m_filter.followed)
        if (facts.resolveName(name) == driver || name == driver)
            return true;
    return false;
}

std::vector<RaceMoment> MomentSelector::take(const CommentaryInput &input, RaceFacts &facts, qint64 wallMs)
{
    const auto *before = facts.driver(input.driverName);
    const int previousPosition = before ? before->position : 0;
    facts.apply(input);
    std::vector<RaceMoment> moments;
    if (input.position == 1 && input.driverName != m_previousLeader) {
        const QString previous = m_previousLeader;
        m_previousLeader = input.driverName;
        // The first leader is the race start's news, not a change.
        if (!previous.isEmpty() && m_filter.kinds.contains(MomentKind::LeadChange))
            moments.push_back({MomentKind::LeadChange, input.timestampMs, wallMs, input.driverName, previous, 1, previousPosition,
                               input.lap.value_or(0)});
    } else if (m_filter.kinds.contains(MomentKind::FollowedMove) && previousPosition > 0 && input.position != previousPosition &&
               isFollowed(input.driverName, facts)) {
        moments.push_back({MomentKind::FollowedMove,
                           input.timestampMs,
                           wallMs,
                           input.driverName,
                           {},
                           input.position,
                           previousPosition,
                           input.lap.value_or(0)});
    }
    return moments;
}

std::vector<RaceMoment> MomentSelector::take(const RaceEvent &event, RaceFacts &facts, qint64 wallMs)
{
    facts.apply(event);
    const auto *driverFacts = facts.driver(event.driverName);
    const int position = driverFacts ? driverFacts->position : 0;
    RaceMoment moment{MomentKind::Overtake, event.timestampMs, wallMs, event.driverName, {}, position, 0, event.lap};
    const auto &details = event.details;
    if (event.kind == QLatin1String("overtake")) {
        moment.position = details.value(QLatin1String("position")).toInt(position);
        moment.previousPosition = moment.position + 1;
        moment.otherDriver = details.value(QLatin1String("passed")).toString();
        if (moment.position > m_filter.overtakeTopN && !isFollowed(event.driverName, facts) && !isFollowed(moment.otherDriver, facts))
            return {};
    } else if (event.kind == QLatin1String("pit_stop")) {
        moment.kind = MomentKind::PitStop;
        moment.detail = details.value(QLatin1String("from")).toString() + QStringLiteral(">") +
                        details.value(QLatin1String("to")).toString();
        moment.value = details.value(QLatin1String("stationary_ms")).toDouble() / 1000.0;
        if ((position == 0 || position > m_filter.pitStopTopN) && !isFollowed(event.driverName, facts))
            return {};
    } else if (event.kind == QLatin1String("fastest_lap")) {
        moment.kind = MomentKind::FastestLap;
        moment.value = details.value(QLatin1String("lap_time_ms")).toDouble() / 1000.0;
    } else if (event.kind == QLatin1String("safety_car")) {
        moment.kind = MomentKind::SafetyCar;
        moment.detail = details.value(QLatin1String("type")).toString() + QLatin1Char(' ') +
                        details.value(QLatin1String("state")).toString();
    } else if (event.kind == QLatin1String("retirement")) {
        moment.kind = MomentKind::Retirement;
        moment.detail = details.value(QLatin1String("reason")).toString();
    } else if (event.kind == QLatin1String("race_started")) {
        moment.kind = MomentKind::RaceStart;
        moment.detail = details.value(QLatin1String("circuit_name")).toString();
        moment.value = details.value(QLatin1String("laps")).toDouble();
        const auto grid = details.value(QLatin1String("grid")).toArray();
        if (!grid.isEmpty())
            moment.driver = grid.first().toString(); // on pole
        moment.position = 1;
    } else if (event.kind == QLatin1String("race_finished")) {
        moment.kind = MomentKind::RaceFinish;
        const auto classification = details.value(QLatin1String("classification")).toArray();
        if (!classification.isEmpty()) {
            const auto first = classification.first();
            moment.driver = first.isObject() ? first.toObject().value(QLatin1String("driver_name")).toString() : first.toString();
        }
        moment.position = 1;
    } else {
        return {}; // laps completed, fault labels (ground truth the commentators must not see)
    }
    if (!m_filter.kinds.contains(moment.kind))
        return {};
    return {moment};
}

std::vector<RaceMoment> MomentSelector::take(const TelemetryAnomaly &anomaly, const RaceFacts &facts, qint64 wallMs)
{
    if (!anomaly.isAnomaly || !m_filter.kinds.contains(MomentKind::Anomaly))
        return {};
    const QString episode = anomaly.driverName + QLatin1Char('|') + anomaly.metric;
    const auto last = m_lastAnomalyMs.constFind(episode);
    const bool continuing = last != m_lastAnomalyMs.cend() && anomaly.timestampMs - *last < kAnomalyEpisodeMs;
    m_lastAnomalyMs.insert(episode, anomaly.timestampMs);
    if (continuing)
        return {};
    const auto *driverFacts = facts.driver(anomaly.driverName);
    RaceMoment moment{MomentKind::Anomaly,
                      anomaly.timestampMs,
                      wallMs,
                      anomaly.driverName,
                      {},
                      driverFacts ? driverFacts->position : 0,
                      0,
                      driverFacts ? driverFacts->lap : 0,
                      anomaly.metric,
                      anomaly.actual,
                      anomaly.lowerBound,
                      anomaly.upperBound};
    return {moment};
}

} // namespace pitwall::ai
