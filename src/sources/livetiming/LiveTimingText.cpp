#include "LiveTimingText.h"

#include <QDateTime>

#include <cmath>

namespace pitwall::sources::livetiming {

namespace {
constexpr qint64 kUnixEpochJulianDay = 2440588;

std::optional<double> toDouble(QStringView text)
{
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

qint64 wallClockMs(const QDateTime &time)
{
    return (time.date().toJulianDay() - kUnixEpochJulianDay) * 86400000LL + time.time().msecsSinceStartOfDay();
}
} // namespace

std::optional<double> parseLapTime(QStringView text)
{
    text = text.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    double total = 0;
    int parts = 0;
    for (QStringView part : text.split(QLatin1Char(':'))) {
        if (++parts > 3 || part.isEmpty())
            return std::nullopt;
        const auto value = toDouble(part);
        if (!value || *value < 0)
            return std::nullopt;
        total = total * 60 + *value;
    }
    return total;
}

Gap parseGap(QStringView text)
{
    text = text.trimmed();
    Gap gap;
    if (text.isEmpty())
        return gap;
    if (text.startsWith(QLatin1String("LAP"), Qt::CaseInsensitive)) {
        gap.seconds = 0; // the leader shows the lap it is on
        gap.laps = 0;
        return gap;
    }
    if (text.startsWith(QLatin1Char('+')))
        text = text.sliced(1).trimmed();
    const qsizetype letter = text.indexOf(QLatin1Char('L'), 0, Qt::CaseInsensitive);
    if (letter > 0) {
        bool ok = false;
        const int laps = text.first(letter).trimmed().toInt(&ok);
        if (ok && laps >= 0)
            gap.laps = laps;
        return gap;
    }
    if (auto seconds = toDouble(text); seconds && *seconds >= 0) {
        gap.seconds = seconds;
        gap.laps = 0;
    }
    return gap;
}

std::optional<qint64> parseUtcMs(const QString &text)
{
    const QDateTime time = QDateTime::fromString(text.trimmed(), Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    if (time.timeSpec() == Qt::LocalTime)
        return wallClockMs(time); // no zone written: the feed means UTC
    return time.toMSecsSinceEpoch();
}

std::optional<qint64> parseWallClockMs(const QString &text)
{
    const QDateTime time = QDateTime::fromString(text.trimmed(), Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    return wallClockMs(time);
}

std::optional<qint64> parseOffsetMs(QStringView text)
{
    text = text.trimmed();
    int sign = 1;
    if (text.startsWith(QLatin1Char('-')) || text.startsWith(QLatin1Char('+'))) {
        sign = text.front() == QLatin1Char('-') ? -1 : 1;
        text = text.sliced(1);
    }
    const auto parts = text.split(QLatin1Char(':'));
    if (parts.isEmpty() || parts.size() > 3)
        return std::nullopt;
    qint64 ms = 0;
    for (int i = 0; i < 3; ++i) {
        int value = 0;
        if (i < parts.size()) {
            bool ok = false;
            value = parts[i].toInt(&ok);
            if (!ok || value < 0 || (i > 0 && value >= 60))
                return std::nullopt;
        }
        ms = ms * 60 + value;
    }
    return sign * ms * 1000;
}

QString nameCase(const QString &text)
{
    QString result = text;
    qsizetype start = 0;
    while (start < result.size()) {
        qsizetype end = start;
        while (end < result.size() && !result.at(end).isSpace() && result.at(end) != QLatin1Char('-'))
            ++end;
        const QString word = result.mid(start, end - start);
        if (word.size() > 1 && word == word.toUpper() && word != word.toLower())
            result.replace(start, word.size(), word.left(1) + word.mid(1).toLower());
        start = end + 1;
    }
    return result;
}

std::optional<double> toNumber(const QJsonValue &value)
{
    if (value.isDouble())
        return value.toDouble();
    if (value.isString())
        return toDouble(value.toString().trimmed());
    return std::nullopt;
}

std::optional<int> toInt(const QJsonValue &value)
{
    const auto number = toNumber(value);
    if (!number || *number < -2e9 || *number > 2e9)
        return std::nullopt;
    return int(std::lround(*number));
}

std::optional<bool> toBool(const QJsonValue &value)
{
    if (value.isBool())
        return value.toBool();
    if (value.isDouble())
        return value.toDouble() != 0;
    if (value.isString()) {
        const QString text = value.toString().trimmed().toLower();
        if (text == QLatin1String("true") || text == QLatin1String("1"))
            return true;
        if (text == QLatin1String("false") || text == QLatin1String("0"))
            return false;
    }
    return std::nullopt;
}

} // namespace pitwall::sources::livetiming
