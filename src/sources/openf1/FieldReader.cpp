#include "FieldReader.h"

#include "DateParser.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace pitwall::sources {

namespace {

bool equalsNoCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char c = a[i];
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
        if (c != b[i])
            return false;
    }
    return true;
}

// Words exports write for "no value": pandas' NaN and None, JSON's null.
bool isNullWord(std::string_view text)
{
    return text.empty() || equalsNoCase(text, "null") || equalsNoCase(text, "none") || equalsNoCase(text, "nan");
}

std::optional<int> toInt(double value)
{
    if (!std::isfinite(value) || value != std::floor(value) || value < double(std::numeric_limits<int>::min()) ||
        value > double(std::numeric_limits<int>::max()))
        return std::nullopt;
    return int(value);
}

QString shown(std::string_view text)
{
    constexpr size_t kShown = 40;
    QString s = QString::fromUtf8(text.data(), qsizetype(qMin(text.size(), kShown)));
    if (text.size() > kShown)
        s += QStringLiteral("…");
    return s;
}

} // namespace

QString DriverNumbers::text(int number)
{
    if (number < 0 || number > kMaxNumber)
        return QString::number(number);
    QString &cached = m_texts[size_t(number)];
    if (cached.isEmpty())
        cached = QString::number(number);
    return cached;
}

FieldReader::FieldReader(FieldValues values, FieldNames names, DateParser &dates, DriverNumbers &numbers)
    : m_values(values)
    , m_names(names)
    , m_dates(dates)
    , m_numbers(numbers)
{
}

bool FieldReader::isSet(int field) const
{
    const FieldValue &v = value(field);
    switch (v.kind) {
    case FieldKind::Absent:
    case FieldKind::Null: return false;
    case FieldKind::Text: return !isNullWord(trimmedBlanks(v.text));
    case FieldKind::Number: return !std::isnan(v.number);
    default: return true;
    }
}

void FieldReader::fail(int field, const char *why)
{
    if (!m_error.isEmpty())
        return;
    const std::string_view name = m_names[size_t(field)];
    m_error = QString::fromLatin1(name.data(), qsizetype(name.size())) + QLatin1String(": ") + QLatin1String(why);
    const FieldValue &v = value(field);
    if (v.kind == FieldKind::Text)
        m_error += QLatin1String(" \"") + shown(v.text) + QLatin1Char('"');
    else if (v.kind == FieldKind::Number)
        m_error += QLatin1Char(' ') + QString::number(v.number, 'g', 12);
}

std::optional<double> FieldReader::textNumber(int field, std::string_view text)
{
    text = trimmedBlanks(text);
    if (isNullWord(text))
        return std::nullopt;
    double parsed = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(parsed)) {
        fail(field, "not a number");
        return std::nullopt;
    }
    return parsed;
}

std::optional<double> FieldReader::number(int field)
{
    const FieldValue &v = value(field);
    switch (v.kind) {
    case FieldKind::Absent:
    case FieldKind::Null: return std::nullopt;
    case FieldKind::Number:
        if (std::isnan(v.number))
            return std::nullopt;
        if (!std::isfinite(v.number)) {
            fail(field, "not a finite number");
            return std::nullopt;
        }
        return v.number;
    case FieldKind::Text: return textNumber(field, v.text);
    default: fail(field, "not a number"); return std::nullopt;
    }
}

std::optional<int> FieldReader::integer(int field)
{
    const auto n = number(field);
    if (!n)
        return std::nullopt;
    const auto i = toInt(*n);
    if (!i)
        fail(field, "not a whole number");
    return i;
}

std::optional<bool> FieldReader::boolean(int field)
{
    const FieldValue &v = value(field);
    if (v.kind == FieldKind::Bool)
        return v.flag;
    if (v.kind == FieldKind::Text) {
        const std::string_view t = trimmedBlanks(v.text);
        if (equalsNoCase(t, "true"))
            return true;
        if (equalsNoCase(t, "false"))
            return false;
    }
    const auto n = number(field);
    if (!n)
        return std::nullopt;
    if (*n == 0 || *n == 1)
        return *n == 1;
    fail(field, "not true or false");
    return std::nullopt;
}

std::optional<qint64> FieldReader::dateMs(int field)
{
    const FieldValue &v = value(field);
    std::optional<qint64> ms;
    if (v.kind == FieldKind::Number) {
        ms = DateParser::fromEpochMs(v.number);
    } else if (v.kind == FieldKind::Text) {
        const std::string_view t = trimmedBlanks(v.text);
        if (isNullWord(t))
            return std::nullopt;
        ms = m_dates.parseIso(t);
    } else if (v.kind == FieldKind::Absent || v.kind == FieldKind::Null) {
        return std::nullopt;
    }
    if (!ms)
        fail(field, "not a date");
    return ms;
}

QString FieldReader::text(int field)
{
    const FieldValue &v = value(field);
    switch (v.kind) {
    case FieldKind::Text: return QString::fromUtf8(v.text.data(), qsizetype(v.text.size()));
    case FieldKind::Number: return QString::number(v.number, 'g', 15);
    case FieldKind::Bool: return v.flag ? QStringLiteral("true") : QStringLiteral("false");
    case FieldKind::Other: fail(field, "not text"); return {};
    default: return {};
    }
}

QString FieldReader::driverNumber(int field)
{
    const auto n = integer(field);
    if (!n)
        return {};
    if (*n < 0 || *n > DriverNumbers::kMaxNumber) {
        fail(field, "not a racing number");
        return {};
    }
    return m_numbers.text(*n);
}

FieldReader::Gap FieldReader::gap(int field)
{
    const FieldValue &v = value(field);
    if (v.kind != FieldKind::Text)
        return {number(field), std::nullopt};
    // Text: "12.345", "+12.345", "+1 LAP", "+3 LAPS", "1L" (the live-timing form).
    std::string_view t = trimmedBlanks(v.text);
    if (isNullWord(t))
        return {};
    if (t.front() == '+')
        t.remove_prefix(1);
    std::string_view unit;
    size_t digits = 0;
    while (digits < t.size() && ((t[digits] >= '0' && t[digits] <= '9') || t[digits] == '.'))
        ++digits;
    unit = trimmedBlanks(t.substr(digits));
    if (unit.empty())
        return {textNumber(field, t), std::nullopt};
    if (equalsNoCase(unit, "lap") || equalsNoCase(unit, "laps") || equalsNoCase(unit, "l")) {
        int laps = 0;
        const auto [end, ec] = std::from_chars(t.data(), t.data() + digits, laps);
        if (ec == std::errc() && end == t.data() + digits && laps >= 0)
            return {std::nullopt, laps};
    }
    fail(field, "not a gap");
    return {};
}

} // namespace pitwall::sources
