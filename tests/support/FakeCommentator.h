#pragma once
// What a fake LLM endpoint answers to the commentary agent's prompt (tests and benchmarks
// only): one numbered line per numbered moment — the pass as it was, a neutral line
// otherwise — and, when asked, a first line the race contradicts (the tenth car "leads").

#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace pitwall::test {

inline QString fakeCommentaryAnswer(const QString &prompt, bool contradictFirstLine)
{
    static const QRegularExpression moment(QStringLiteral("^(\\d+): (.*)$"), QRegularExpression::MultilineOption);
    static const QRegularExpression pass(QStringLiteral("Overtake: \\S+ (\\S+) passed \\S+ (\\S+) for P(\\d+)"));
    static const QRegularExpression tenth(QStringLiteral("^P10 \\S+ (\\S+) "), QRegularExpression::MultilineOption);
    const auto tenthCar = tenth.match(prompt);
    QStringList lines;
    for (auto it = moment.globalMatch(prompt); it.hasNext();) {
        const auto match = it.next();
        const auto overtake = pass.match(match.captured(2));
        QString line = overtake.hasMatch()
                           ? QStringLiteral("%1 passes %2 for P%3").arg(overtake.captured(1), overtake.captured(2), overtake.captured(3))
                           : QStringLiteral("What a moment here!");
        if (contradictFirstLine && lines.isEmpty() && tenthCar.hasMatch())
            line = QStringLiteral("%1 leads the race!").arg(tenthCar.captured(1));
        lines << QStringLiteral("%1: %2").arg(match.captured(1), line);
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace pitwall::test
