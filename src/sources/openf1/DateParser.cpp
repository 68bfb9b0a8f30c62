#include "DateParser.h"

#include <QDateTime>
#include <charconv>
#include <cmath>

namespace pitwall::sources {

namespace {

constexpr size_t kMaxDateText = 64;
constexpr size_t kPrefixLength = 17; // "YYYY-MM-DDTHH:MM:"

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Splits "…HH:MM:" + "SS[.fff…]" + rest. False when the text is not of that layout.
bool splitSeconds(std::string_view text, std::string_view &prefix, std::string_view &seconds, std::string_view &suffix)
{
    if (text.size() < kPrefixLength + 2 || (text[10] != 'T' && text[10] != ' ') || text[13] != ':' || text[16] != ':')
        return false;
    size_t end = kPrefixLength;
    if (!isDigit(text[end]) || !isDigit(text[end + 1]))
        return false;
    end += 2;
    if (end < text.size() && text[end] == '.') {
        ++end;
        const size_t fractionStart = end;
        while (end < text.size() && isDigit(text[end]))
            ++end;
        if (end == fractionStart)
            return false;
    }
    prefix = text.substr(0, kPrefixLength);
    seconds = text.substr(kPrefixLength, end - kPrefixLength);
    suffix = text.substr(end);
    return true;
}

// "SS" or "SS.fff…" as milliseconds, rounded as Qt rounds the fraction; seconds below 60.
std::optional<qint64> secondsMs(std::string_view seconds)
{
    double value = 0;
    const auto [end, ec] = std::from_chars(seconds.data(), seconds.data() + seconds.size(), value);
    if (ec != std::errc() || end != seconds.data() + seconds.size() || !(value >= 0 && value < 60))
        return std::nullopt;
    return qint64(std::llround(value * 1000.0));
}

} // namespace

std::optional<qint64> DateParser::parseIso(std::string_view text)
{
    if (text.empty() || text.size() > kMaxDateText)
        return std::nullopt;
    std::string_view prefix, seconds, suffix;
    const bool split = splitSeconds(text, prefix, seconds, suffix);
    if (split && m_haveMinute && prefix == m_minutePrefix && suffix == m_minuteSuffix) {
        if (const auto ms = secondsMs(seconds))
            return fromEpochMs(double(m_minuteMs + *ms));
    }
    const auto ms = parseWithQt(text);
    if (ms && split) {
        if (const auto inMinute = secondsMs(seconds)) {
            m_minutePrefix.assign(prefix);
            m_minuteSuffix.assign(suffix);
            m_minuteMs = *ms - *inMinute;
            m_haveMinute = true;
        }
    }
    return ms;
}

std::optional<qint64> DateParser::parseWithQt(std::string_view text) const
{
    QDateTime parsed = QDateTime::fromString(QString::fromLatin1(text.data(), qsizetype(text.size())), Qt::ISODateWithMs);
    if (!parsed.isValid())
        return std::nullopt;
    if (parsed.timeSpec() == Qt::LocalTime) // no offset written: OpenF1 dates are UTC
        parsed = QDateTime(parsed.date(), parsed.time(), Qt::UTC);
    return fromEpochMs(double(parsed.toMSecsSinceEpoch()));
}

std::optional<qint64> DateParser::fromEpochMs(double ms)
{
    if (!std::isfinite(ms) || ms < 0 || ms > double(kMaxEpochMs))
        return std::nullopt;
    return qint64(std::llround(ms));
}

} // namespace pitwall::sources
