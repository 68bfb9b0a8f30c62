#include "SeriesCsv.h"

#include <QFile>
#include <QList>
#include <algorithm>
#include <cmath>

namespace pitwall::ml {

namespace {

constexpr qint64 kMaxCsvBytes = 512LL * 1024 * 1024;

} // namespace

Expected<std::vector<SeriesPoint>> parseSeriesCsv(QByteArrayView text)
{
    std::vector<SeriesPoint> points;
    qsizetype position = 0;
    int line = 0;
    bool headerSeen = false;
    while (position < text.size()) {
        qsizetype end = text.indexOf('\n', position);
        if (end < 0)
            end = text.size();
        QByteArrayView row = text.sliced(position, end - position);
        position = end + 1;
        ++line;
        if (row.endsWith('\r'))
            row.chop(1);
        if (row.trimmed().isEmpty())
            continue;
        if (!headerSeen) {
            const auto header = row.toByteArray().trimmed().toLower();
            if (header.startsWith("\xEF\xBB\xBF") ? header.mid(3) != "timestamp,value" : header != "timestamp,value")
                return Error{QStringLiteral("line %1: expected the header 'timestamp,value', found '%2'")
                                 .arg(line).arg(QString::fromUtf8(row.first(std::min<qsizetype>(80, row.size()))))};
            headerSeen = true;
            continue;
        }
        const qsizetype comma = row.lastIndexOf(',');
        if (comma <= 0)
            return Error{QStringLiteral("line %1: expected 'timestamp,value'").arg(line)};
        bool ok = false;
        const double value = row.sliced(comma + 1).trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(value))
            return Error{QStringLiteral("line %1: '%2' is not a number")
                             .arg(line).arg(QString::fromUtf8(row.sliced(comma + 1).first(std::min<qsizetype>(40, row.size() - comma - 1))))};
        QString timestamp = QString::fromUtf8(row.first(comma)).trimmed();
        if (timestamp.startsWith(QLatin1Char('"')) && timestamp.endsWith(QLatin1Char('"')) && timestamp.size() >= 2)
            timestamp = timestamp.mid(1, timestamp.size() - 2).replace(QLatin1String("\"\""), QLatin1String("\""));
        points.push_back({timestamp, value});
    }
    if (!headerSeen)
        return Error{QStringLiteral("the file is empty: expected a 'timestamp,value' header")};
    return points;
}

Expected<std::vector<SeriesPoint>> readSeriesCsv(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("cannot read %1: %2").arg(path, file.errorString())};
    if (file.size() > kMaxCsvBytes)
        return Error{QStringLiteral("%1 is larger than %2 MB").arg(path).arg(kMaxCsvBytes / (1024 * 1024))};
    auto points = parseSeriesCsv(file.readAll());
    if (!points)
        return Error{QStringLiteral("%1: %2").arg(path, points.error().message)};
    return points;
}

QString csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n')))
        return text;
    return QLatin1Char('"') + QString(text).replace(QLatin1String("\""), QLatin1String("\"\"")) + QLatin1Char('"');
}

} // namespace pitwall::ml
