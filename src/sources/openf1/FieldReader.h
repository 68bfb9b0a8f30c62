#pragma once
// Typed reads of one record's fields, the same for JSON and CSV: a CSV cell "35.704" and
// a JSON 35.704 or {"$numberDouble": "35.704"} all read as 35.704. Absent, null and empty
// fields read as unset; a field that holds something else than asked is the record's
// first error, and the mapping then skips the record and names it in an issue.

#include "FieldValue.h"

#include <QString>
#include <array>
#include <optional>

namespace pitwall::sources {

class DateParser;

// Racing numbers as shared strings: one QString per number for the whole read, so a
// million telemetry rows do not allocate a million "44"s.
class DriverNumbers {
public:
    static constexpr int kMaxNumber = 999;
    QString text(int number);

private:
    std::array<QString, kMaxNumber + 1> m_texts;
};

class FieldReader {
public:
    FieldReader(FieldValues values, FieldNames names, DateParser &dates, DriverNumbers &numbers);

    bool isSet(int field) const; // present, not null, not empty text
    std::optional<double> number(int field);
    std::optional<int> integer(int field);
    std::optional<bool> boolean(int field);  // true/false, 1/0
    std::optional<qint64> dateMs(int field); // ISO text or epoch milliseconds
    QString text(int field);                 // null/absent: empty
    QString driverNumber(int field);         // 0-999, as text; empty when unset

    // A gap as OpenF1 gives it: seconds as a number (or text), or laps as "+1 LAP".
    struct Gap {
        std::optional<double> seconds;
        std::optional<int> laps;
    };
    Gap gap(int field);

    // Marks the record bad (the first reason is kept).
    void fail(int field, const char *why);
    bool ok() const { return m_error.isEmpty(); }
    const QString &error() const { return m_error; }

private:
    const FieldValue &value(int field) const { return m_values[size_t(field)]; }
    std::optional<double> textNumber(int field, std::string_view text);

    FieldValues m_values;
    FieldNames m_names;
    DateParser &m_dates;
    DriverNumbers &m_numbers;
    QString m_error;
};

} // namespace pitwall::sources
