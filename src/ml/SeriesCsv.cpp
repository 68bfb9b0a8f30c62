#include "SeriesCsv.h"

#include <QFile>
#include <QList>
#include <algorithm>
#include <cmath>

namespace pitwall::ml {

namespace {

constexpr qint64 kMaxCsvBytes = 512LL * 1024 * 1024;

} // namespace

Expected<std::optional<SeriesPoint>> SeriesLineParser::parse(QByteArrayView row)
{
    ++m_line;
    if (row.endsWith('\n'))
        row.chop(1);
    if (row.endsWith('\r'))
        row.chop(1);
    if (row.trimmed().isEmpty())
        return std::optional<SeriesPoint>();
    if (!m_headerSeen) {
        const auto header = row.toByteArray().trimmed().toLower();
        if (header.startsWith("\xEF\xBB\xBF") ? header.mid(3) != "timestamp,value" : header != "timestamp,value")
            return Error{QStringLiteral("line %1: expected the header 'timestamp,value', found '%2'")
                             .arg(m_line)
                             .arg(QString::fromUtf8(row.first(std::min<qsizetype>(80, row.size()))))};
        m_headerSeen = true;
        return std::optional<SeriesPoint>();
    }
    const qsizetype comma = row.lastIndexOf(',');
    if (comma <= 0)
        return Error{QStringLiteral("line %1: expected 'timestamp,value'").arg(m_line)};
    bool ok = false;
    const auto field = row.sliced(comma + 1).trimmed();
    const double value = field.toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return Error{QStringLiteral("line %1: '%2' is not a number")
                         .arg(m_line)
                         .arg(QString::fromUtf8(field.first(std::min<qsizetype>(40, field.size()))))};
    // 1e308 is a number, but no measurement: its square overflows every variance after it.
    if (std::abs(value) > kMaxSeriesMagnitude)
        return Error{QStringLiteral("line %1: %2 is not a physical value (the limit is +-%3)")
                         .arg(m_line)
                         .arg(QString::fromUtf8(field.first(std::min<qsizetype>(40, field.size()))))
                         .arg(kMaxSeriesMagnitude, 0, 'g')};
    QString timestamp = QString::fromUtf8(row.first(comma)).trimmed();
    if (timestamp.startsWith(QLatin1Char('"')) && timestamp.endsWith(QLatin1Char('"')) && timestamp.size() >= 2)
        timestamp = timestamp.mid(1, timestamp.size() - 2).replace(QLatin1String("\"\""), QLatin1String("\""));
    return std::optional<SeriesPoint>(SeriesPoint{timestamp, value});
}

Expected<std::vector<SeriesPoint>> parseSeriesCsv(QByteArrayView text)
{
    std::vector<SeriesPoint> points;
    SeriesLineParser parser;
    qsizetype position = 0;
    while (position < text.size()) {
        qsizetype end = text.indexOf('\n', position);
        if (end < 0)
            end = text.size();
        auto point = parser.parse(text.sliced(position, end - position));
        position = end + 1;
        if (!point)
            return point.error();
        if (*point)
            points.push_back(std::move(**point));
    }
    if (!parser.headerSeen())
        return Error{QStringLiteral("the file is empty: expected a 'timestamp,value' header")};
    return points;
}

SeriesCsvReader::SeriesCsvReader(QIODevice &device)
    : m_device(device)
{
}

Expected<std::optional<SeriesPoint>> SeriesCsvReader::next()
{
    while (true) {
        const QByteArray row = m_device.readLine(kMaxLineBytes + 2);
        if (row.isEmpty()) { // the end of the input (a file's readLine waits for more)
            if (!m_parser.headerSeen())
                return Error{QStringLiteral("the file is empty: expected a 'timestamp,value' header")};
            return std::optional<SeriesPoint>();
        }
        if (row.size() > kMaxLineBytes && !row.endsWith('\n'))
            return Error{QStringLiteral("line %1: longer than %2 KB").arg(m_parser.line() + 1).arg(kMaxLineBytes / 1024)};
        auto point = m_parser.parse(row);
        if (!point || *point)
            return point;
    }
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
