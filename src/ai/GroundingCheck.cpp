#include "GroundingCheck.h"

#include "OfflineCommentator.h"

#include <QRegularExpression>
#include <set>

namespace pitwall::ai {

namespace {

struct NamedDriver {
    qsizetype at;
    QString name; // full name
};

struct PositionClaim {
    qsizetype at;
    int position;
    QString said;
};

std::vector<NamedDriver> namedDrivers(const QString &sentence, const RaceFacts &facts)
{
    static const QRegularExpression word(QStringLiteral("\\b[A-Z][\\p{L}'\\-]+\\b"));
    std::vector<NamedDriver> named;
    for (auto it = word.globalMatch(sentence); it.hasNext();) {
        const auto match = it.next();
        QString token = match.captured();
        if (token.endsWith(QLatin1String("'s")))
            token.chop(2);
        if (const auto name = facts.resolveName(token))
            named.push_back({match.capturedStart(), *name});
    }
    return named;
}

std::vector<PositionClaim> positionClaims(const QString &sentence)
{
    static const QRegularExpression pNumber(QStringLiteral("\\bP(\\d{1,2})\\b"));
    static const QRegularExpression ordinal(QStringLiteral("\\b(\\d{1,2})(?:st|nd|rd|th)\\b"));
    static const QRegularExpression leading(QStringLiteral("\\b(?:leads|leader|leading|takes the lead|the lead|wins|won)\\b"),
                                            QRegularExpression::CaseInsensitiveOption);
    std::vector<PositionClaim> claims;
    for (auto it = pNumber.globalMatch(sentence); it.hasNext();) {
        const auto match = it.next();
        claims.push_back({match.capturedStart(), match.captured(1).toInt(), match.captured()});
    }
    for (auto it = ordinal.globalMatch(sentence); it.hasNext();) {
        const auto match = it.next();
        claims.push_back({match.capturedStart(), match.captured(1).toInt(), match.captured()});
    }
    for (auto it = leading.globalMatch(sentence); it.hasNext();) {
        const auto match = it.next();
        claims.push_back({match.capturedStart(), 1, match.captured()});
    }
    return claims;
}

} // namespace

std::optional<QString> GroundingCheck::contradiction(const QString &line, const RaceFacts &facts, const std::vector<RaceMoment> &moments)
{
    if (line.trimmed().isEmpty())
        return QStringLiteral("empty line");
    if (line.size() > OfflineCommentator::kMaxLength)
        return QStringLiteral("%1 characters (at most %2)").arg(line.size()).arg(OfflineCommentator::kMaxLength);

    // Positions a driver may be said to hold: held in the last minute, or before/after a moment.
    auto mayHold = [&](const QString &driver, int position) {
        for (int held : facts.positionsHeldLately(driver))
            if (held == position)
                return true;
        for (const auto &moment : moments) {
            if (moment.driver == driver && (moment.position == position || moment.previousPosition == position))
                return true;
            // The car passed held the position it lost.
            if (moment.otherDriver == driver && moment.position == position)
                return true;
        }
        return false;
    };

    static const QRegularExpression sentenceEnd(QStringLiteral("[.!?;]"));
    for (const QString &sentence : line.split(sentenceEnd, Qt::SkipEmptyParts)) {
        const auto named = namedDrivers(sentence, facts);
        for (const auto &claim : positionClaims(sentence)) {
            if (named.empty())
                continue; // a position without a driver ("Fight for P3!") states nothing checkable
            if (claim.position < 1 || claim.position > 30)
                return QStringLiteral("'%1' is not a race position").arg(claim.said);
            // The sentence's subject, and the driver named just before the claim.
            std::set<QString> candidates{named.front().name};
            for (const auto &driver : named)
                if (driver.at < claim.at)
                    candidates = {named.front().name, driver.name};
            bool held = false;
            for (const auto &candidate : candidates)
                held = held || mayHold(candidate, claim.position);
            if (!held)
                return QStringLiteral("says %1 is '%2', but that is not where %1 is").arg(named.front().name, claim.said);
        }
    }

    static const QRegularExpression lapNumber(QStringLiteral("\\b[Ll]ap (\\d{1,3})\\b"));
    for (auto it = lapNumber.globalMatch(line); it.hasNext();) {
        const int lap = it.next().captured(1).toInt();
        bool known = std::abs(lap - facts.leaderLap()) <= 1;
        for (const auto &moment : moments)
            known = known || std::abs(lap - moment.lap) <= 1;
        if (!known)
            return QStringLiteral("says lap %1, but the race is on lap %2").arg(lap).arg(facts.leaderLap());
    }
    return std::nullopt;
}

} // namespace pitwall::ai
