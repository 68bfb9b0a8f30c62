#include "CommentaryPrompt.h"

#include "OfflineCommentator.h"

#include <QRegularExpression>

namespace pitwall::ai {

QString describeMoment(const RaceMoment &m)
{
    const QString lap = m.lap > 0 ? QStringLiteral(" (lap %1)").arg(m.lap) : QString();
    switch (m.kind) {
    case MomentKind::LeadChange:
        return QStringLiteral("Lead change: %1 now leads, %2 led before%3").arg(m.driver, m.otherDriver, lap);
    case MomentKind::Overtake:
        return QStringLiteral("Overtake: %1 passed %2 for P%3%4").arg(m.driver, m.otherDriver).arg(m.position).arg(lap);
    case MomentKind::PitStop:
        return QStringLiteral("Pit stop: %1, running P%2, %3 to %4 tyres, %5 s stationary%6")
            .arg(m.driver)
            .arg(m.position)
            .arg(m.detail.section(QLatin1Char('>'), 0, 0).toLower(), m.detail.section(QLatin1Char('>'), 1).toLower())
            .arg(m.value, 0, 'f', 1)
            .arg(lap);
    case MomentKind::FastestLap:
        return QStringLiteral("Fastest lap of the race: %1, %2 s%3").arg(m.driver).arg(m.value, 0, 'f', 3).arg(lap);
    case MomentKind::SafetyCar: return QStringLiteral("Safety car: %1%2").arg(m.detail, lap);
    case MomentKind::Retirement: return QStringLiteral("Retirement: %1 is out (%2)%3").arg(m.driver, m.detail, lap);
    case MomentKind::Anomaly:
        return QStringLiteral("Telemetry anomaly: %1's %2 reads %3 °C, expected %4 to %5 °C")
            .arg(m.driver, OfflineCommentator::metricPhrase(m.detail))
            .arg(m.value, 0, 'f', 0)
            .arg(m.expectedLow, 0, 'f', 0)
            .arg(m.expectedHigh, 0, 'f', 0);
    case MomentKind::FollowedMove:
        return QStringLiteral("%1 moves from P%2 to P%3%4").arg(m.driver).arg(m.previousPosition).arg(m.position).arg(lap);
    case MomentKind::RaceStart:
        return QStringLiteral("Race start at %1, %2 laps, %3 on pole").arg(m.detail).arg(int(m.value)).arg(m.driver);
    case MomentKind::RaceFinish: return QStringLiteral("Race finished: %1 wins").arg(m.driver);
    }
    return {};
}

LlmRequest commentaryRequest(const std::vector<std::vector<RaceMoment>> &groups, const RaceFacts &facts)
{
    LlmRequest request;
    request.system = QStringLiteral("You are a Formula 1 TV commentator. For each numbered moment write one exciting line of commentary, "
                                    "under 80 characters. Use only the facts given: never invent positions, gaps, laps or names. "
                                    "Answer with exactly one line per moment, as '<number>: <line>', and nothing else.");
    QStringList moments;
    for (size_t i = 0; i < groups.size(); ++i) {
        QStringList parts;
        for (const auto &moment : groups[i])
            parts << describeMoment(moment);
        moments << QStringLiteral("%1: %2").arg(i + 1).arg(parts.join(QStringLiteral("; ")));
    }
    request.prompt = QStringLiteral("Race state:\n%1\n\nMoments:\n%2").arg(facts.summary(), moments.join(QLatin1Char('\n')));
    request.maxTokens = 40 * int(groups.size()) + 20;
    request.temperature = 0.8;
    return request;
}

std::map<int, QString> parseNumberedLines(const QString &answer)
{
    static const QRegularExpression numbered(QStringLiteral("^\\s*(\\d{1,3})\\s*[:.)]\\s*(.+?)\\s*$"));
    std::map<int, QString> lines;
    for (const QString &raw : answer.split(QLatin1Char('\n'))) {
        const auto match = numbered.match(raw);
        if (!match.hasMatch())
            continue;
        QString text = match.captured(2);
        // Models like to quote their lines.
        if (text.size() >= 2 && (text.front() == QLatin1Char('"') || text.front() == QChar(0x201C)) &&
            (text.back() == QLatin1Char('"') || text.back() == QChar(0x201D)))
            text = text.mid(1, text.size() - 2).trimmed();
        lines.emplace(match.captured(1).toInt(), text);
    }
    return lines;
}

} // namespace pitwall::ai
