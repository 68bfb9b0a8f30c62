#pragma once
// Turns OpenF1 dates into epoch milliseconds. The public API writes ISO 8601 text
// ("2024-06-30T13:00:00.263000+00:00", also with "Z", without a fraction, or without an
// offset, which OpenF1 means as UTC); MongoDB exports hold epoch milliseconds, which
// reach here as numbers. Qt's ISO parser does the parsing: in Qt 6.4 it takes fractions
// of any length (rounding to the millisecond) and both offset forms.
//
// Speed: a race has a million dates at ~4 Hz per car, and Qt's parser costs about a
// microsecond each. Dates of one minute differ only in their seconds, so Qt parses the
// first date of each minute (and offset) and the minute's start is kept; later dates of
// that minute that have the same text around the seconds ("SS" or "SS.fff…") take the
// seconds from std::from_chars. Anything else goes to Qt whole.

#include <QtGlobal>
#include <optional>
#include <string>
#include <string_view>

namespace pitwall::sources {

class DateParser {
public:
    // Epoch milliseconds must fall between 1970 and 2100 to count as a date.
    static constexpr qint64 kMaxEpochMs = 4102444800000LL;

    std::optional<qint64> parseIso(std::string_view text);
    static std::optional<qint64> fromEpochMs(double ms);

private:
    std::optional<qint64> parseWithQt(std::string_view text) const;

    // The cached minute: the text before the seconds ("2024-06-30T13:00:"), the text after
    // them ("+00:00"), and the epoch ms of second 0 of that minute.
    std::string m_minutePrefix;
    std::string m_minuteSuffix;
    qint64 m_minuteMs = 0;
    bool m_haveMinute = false;
};

} // namespace pitwall::sources
