#include "OfflineCommentator.h"

#include <QHash>
#include <algorithm>

namespace pitwall::ai {

namespace {

QString lapTime(double seconds)
{
    const int minutes = int(seconds / 60.0);
    return QStringLiteral("%1:%2").arg(minutes).arg(seconds - minutes * 60.0, 6, 'f', 3, QLatin1Char('0'));
}

QString degrees(double value)
{
    return QString::number(qRound(value)) + QStringLiteral("°C");
}

// The candidates for a moment, most colourful first; the first that fits is used,
// starting from a variant chosen by the moment so consecutive lines differ.
QStringList candidates(const RaceMoment &m)
{
    const QString who = RaceFacts::surname(m.driver);
    const QString other = RaceFacts::surname(m.otherDriver);
    const QString p = QString::number(m.position);
    switch (m.kind) {
    case MomentKind::LeadChange:
        return {QStringLiteral("%1 takes the lead from %2!").arg(who, other),
                QStringLiteral("New leader: %1 moves ahead of %2").arg(who, other),
                QStringLiteral("%1 now leads the race, %2 loses P1").arg(who, other), QStringLiteral("%1 leads!").arg(who)};
    case MomentKind::Overtake:
        if (m.position == 1)
            return {QStringLiteral("%1 passes %2 for the lead!").arg(who, other),
                    QStringLiteral("%1 is through on %2 and leads the race!").arg(who, other), QStringLiteral("%1 leads!").arg(who)};
        return {QStringLiteral("%1 passes %2 for P%3").arg(who, other, p),
                QStringLiteral("%1 gets by %2 to take P%3").arg(who, other, p),
                QStringLiteral("Move for P%3: %1 is through on %2").arg(who, other, p), QStringLiteral("%1 up to P%2").arg(who, p)};
    case MomentKind::PitStop: {
        const QString to = m.detail.section(QLatin1Char('>'), 1);
        const QString stop = QString::number(m.value, 'f', 1);
        return {QStringLiteral("%1 pits from P%2: %3 tyres, %4s stop").arg(who, p, to.toLower(), stop),
                QStringLiteral("Pit stop for %1, on to %2 tyres (%3s)").arg(who, to.toLower(), stop),
                QStringLiteral("%1 boxes from P%2, %3 tyres fitted").arg(who, p, to.toLower()), QStringLiteral("%1 pits").arg(who)};
    }
    case MomentKind::FastestLap:
        return {QStringLiteral("Fastest lap for %1: %2").arg(who, lapTime(m.value)),
                QStringLiteral("%1 sets the fastest lap of the race, %2").arg(who, lapTime(m.value)),
                QStringLiteral("Purple sectors! %1 goes fastest with a %2").arg(who, lapTime(m.value))};
    case MomentKind::SafetyCar: {
        const bool virtualCar = m.detail.startsWith(QLatin1String("VSC"));
        const bool ending = m.detail.endsWith(QLatin1String("ending"));
        if (ending)
            return {virtualCar ? QStringLiteral("VSC ending: racing resumes!") : QStringLiteral("Safety car in this lap!"),
                    QStringLiteral("Green flag: back to racing")};
        return {virtualCar ? QStringLiteral("Virtual safety car deployed") : QStringLiteral("Safety car deployed!"),
                virtualCar ? QStringLiteral("VSC: everyone slows down") : QStringLiteral("The safety car is out!")};
    }
    case MomentKind::Retirement:
        return {QStringLiteral("%1 is out of the race: %2").arg(who, m.detail),
                QStringLiteral("Retirement for %1 (%2)").arg(who, m.detail), QStringLiteral("%1 retires").arg(who)};
    case MomentKind::Anomaly: {
        const QString metric = OfflineCommentator::metricPhrase(m.detail);
        const QString band = QStringLiteral("%1-%2").arg(qRound(m.expectedLow)).arg(degrees(m.expectedHigh));
        const QString direction = m.value > m.expectedHigh ? QStringLiteral("above") : QStringLiteral("below");
        return {QStringLiteral("%1: %2 %3, expected %4").arg(who, metric, degrees(m.value), band),
                QStringLiteral("Watch %1: %2 at %3, %4 the %5 band").arg(who, metric, degrees(m.value), direction, band),
                QStringLiteral("%1's %2 reads %3").arg(who, metric, degrees(m.value)),
                QStringLiteral("%1: unusual %2").arg(who, metric)};
    }
    case MomentKind::FollowedMove:
        if (m.position < m.previousPosition)
            return {QStringLiteral("%1 climbs to P%2").arg(who, p), QStringLiteral("Up to P%2 for %1").arg(who, p)};
        return {QStringLiteral("%1 drops to P%2").arg(who, p), QStringLiteral("Down to P%2 for %1").arg(who, p)};
    case MomentKind::RaceStart:
        return {QStringLiteral("Lights out at %1: %2 laps, %3 starts from pole").arg(m.detail).arg(int(m.value)).arg(who),
                QStringLiteral("Lights out and away we go! %1 on pole").arg(who), QStringLiteral("Lights out!")};
    case MomentKind::RaceFinish:
        return {QStringLiteral("Chequered flag: %1 wins the race!").arg(who),
                QStringLiteral("%1 takes the chequered flag for the win!").arg(who), QStringLiteral("%1 wins!").arg(who)};
    }
    return {};
}

} // namespace

QString OfflineCommentator::metricPhrase(const QString &metric)
{
    static const QHash<QString, QString> wheels{{QStringLiteral("fl"), QStringLiteral("front-left")},
                                                {QStringLiteral("fr"), QStringLiteral("front-right")},
                                                {QStringLiteral("rl"), QStringLiteral("rear-left")},
                                                {QStringLiteral("rr"), QStringLiteral("rear-right")}};
    if (metric == QLatin1String("engine_temperature"))
        return QStringLiteral("engine temp");
    if (metric == QLatin1String("oil_temperature"))
        return QStringLiteral("oil temp");
    for (const char *part : {"tyre", "brake"}) {
        const QString prefix = QString::fromLatin1(part) + QStringLiteral("_temp_");
        if (metric.startsWith(prefix))
            return wheels.value(metric.mid(prefix.size()), metric.mid(prefix.size())) + QLatin1Char(' ') +
                   QString::fromLatin1(part) + QStringLiteral(" temp");
    }
    return QString(metric).replace(QLatin1Char('_'), QLatin1Char(' '));
}

CommentaryType OfflineCommentator::typeFor(const RaceMoment &moment)
{
    if (moment.kind == MomentKind::SafetyCar || moment.kind == MomentKind::Retirement || moment.kind == MomentKind::Anomaly)
        return CommentaryType::Warning;
    if (moment.kind == MomentKind::RaceStart || moment.kind == MomentKind::RaceFinish)
        return CommentaryType::Highlight;
    return commentaryTypeForPosition(moment.position);
}

CommentaryLine OfflineCommentator::writeGroup(const std::vector<RaceMoment> &group) const
{
    if (group.empty())
        return {};
    // The pass, when there is one, tells the lead change too.
    const auto told = std::find_if(group.begin(), group.end(), [](const auto &m) { return m.kind == MomentKind::Overtake; });
    const RaceMoment &moment = told != group.end() ? *told : group.front();
    const QStringList options = candidates(moment);
    const auto start = options.isEmpty() ? 0 : qHash(moment.id()) % uint(options.size());
    QString text;
    for (int i = 0; i < options.size() && text.isEmpty(); ++i) {
        const QString &option = options[(int(start) + i) % options.size()];
        if (option.size() <= kMaxLength)
            text = option;
    }
    if (text.isEmpty()) // every variant too long (very long names): the shortest, cut
        text = options.isEmpty() ? momentKindName(moment.kind) : options.last().left(kMaxLength);
    CommentaryLine line{text, typeFor(moment), {}};
    for (const auto &m : group)
        line.covers << m.id();
    return line;
}

std::vector<std::vector<RaceMoment>> OfflineCommentator::group(const std::vector<RaceMoment> &moments)
{
    std::vector<std::vector<RaceMoment>> groups;
    std::vector<bool> taken(moments.size(), false);
    auto isLeadPass = [](const RaceMoment &m) { return m.kind == MomentKind::Overtake && m.position == 1; };
    for (size_t i = 0; i < moments.size(); ++i) {
        if (taken[i])
            continue;
        std::vector<RaceMoment> group{moments[i]};
        for (size_t j = i + 1; j < moments.size(); ++j) {
            const auto &a = moments[i];
            const auto &b = moments[j];
            const bool leadPair = !taken[j] && a.driver == b.driver &&
                                  ((a.kind == MomentKind::LeadChange && isLeadPass(b)) ||
                                   (isLeadPass(a) && b.kind == MomentKind::LeadChange));
            if (leadPair) {
                taken[j] = true;
                group.push_back(b);
                break;
            }
        }
        groups.push_back(std::move(group));
    }
    return groups;
}

std::vector<CommentaryLine> OfflineCommentator::write(const std::vector<RaceMoment> &moments) const
{
    std::vector<CommentaryLine> lines;
    for (const auto &group : group(moments))
        lines.push_back(writeGroup(group));
    return lines;
}

} // namespace pitwall::ai
