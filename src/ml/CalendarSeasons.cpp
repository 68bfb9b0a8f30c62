#include "CalendarSeasons.h"

#include <QDateTime>
#include <algorithm>
#include <cmath>

namespace pitwall::ml {

double samplingIntervalSeconds(const QStringList &timestamps)
{
    std::vector<double> gaps;
    QDateTime previous;
    for (const auto &text : timestamps) {
        QString iso = text.trimmed();
        if (iso.size() > 10 && iso[10] == QLatin1Char(' '))
            iso[10] = QLatin1Char('T');
        const auto time = QDateTime::fromString(iso, Qt::ISODateWithMs);
        if (!time.isValid())
            continue;
        if (previous.isValid() && time > previous)
            gaps.push_back(double(previous.msecsTo(time)) / 1000.0);
        previous = time;
    }
    if (gaps.empty())
        return 0.0;
    std::nth_element(gaps.begin(), gaps.begin() + long(gaps.size() / 2), gaps.end());
    return gaps[gaps.size() / 2];
}

std::vector<int> calendarSeasonLags(double intervalSeconds, int maxLag)
{
    std::vector<int> lags;
    if (!(intervalSeconds > 0))
        return lags;
    for (double season : {86400.0, 7 * 86400.0}) {
        const double rows = std::round(season / intervalSeconds);
        if (rows >= 2 && rows <= maxLag)
            lags.push_back(int(rows));
    }
    return lags;
}

} // namespace pitwall::ml
