#pragma once
// The calendar's seasons of a series, in rows: a day and a week at the series' sampling
// interval. Most real series (traffic, temperatures, machines run by people) repeat
// daily and weekly; the interval is read from the timestamps, so no setting is needed.

#include <QStringList>
#include <vector>

namespace pitwall::ml {

// The median interval between consecutive timestamps among the first rows given, in
// seconds; 0 when fewer than two rows parse (formats: ISO 8601, also with a space).
double samplingIntervalSeconds(const QStringList &timestamps);

// Rows per day and per week at that interval, each kept when it is at least 2 rows
// and at most maxLag rows.
std::vector<int> calendarSeasonLags(double intervalSeconds, int maxLag = 20000);

} // namespace pitwall::ml
