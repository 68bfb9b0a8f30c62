#pragma once
// Time series in CSV as NAB and the anomaly CLI use them: a `timestamp,value` header,
// then one row per line. The timestamp is kept as written.

#include "core/Expected.h"

#include <QByteArrayView>
#include <QString>
#include <vector>

namespace pitwall::ml {

struct SeriesPoint {
    QString timestamp;
    double value = 0;
};

// Errors name the line (1-based, the header is line 1) and what is wrong with it.
Expected<std::vector<SeriesPoint>> parseSeriesCsv(QByteArrayView text);
Expected<std::vector<SeriesPoint>> readSeriesCsv(const QString &path);

// A CSV field: quoted when it holds a comma, a quote or a line break.
QString csvField(const QString &text);

} // namespace pitwall::ml
