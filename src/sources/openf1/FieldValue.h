#pragma once
// One field of one OpenF1 record as the file held it, whatever the file's format: a JSON
// value (plain, or MongoDB Extended JSON's {"$numberDouble": "…"} / {"$date": …} wrappers,
// already unwrapped) or a CSV cell (always text). The endpoint mappings read fields through
// FieldReader, so JSON and CSV files of an endpoint go through the same code.

#include <QtGlobal>
#include <functional>
#include <span>
#include <string_view>

namespace pitwall::sources {

enum class FieldKind : quint8 {
    Absent, // the record has no such field (or the CSV no such column)
    Null,   // JSON null
    Number,
    Text,
    Bool,
    Other, // an array or an object that is none of Extended JSON's wrappers
};

// Text without the blanks (spaces, tabs) around it: CSV cells and header names.
inline std::string_view trimmedBlanks(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

struct FieldValue {
    FieldKind kind = FieldKind::Absent;
    bool flag = false;     // for Bool
    double number = 0;     // for Number
    std::string_view text; // for Text: UTF-8, unescaped; valid while the record is
};

// The fields an endpoint asks for, by name; readers fill values in the same order.
using FieldNames = std::span<const std::string_view>;
using FieldValues = std::span<const FieldValue>;

// What record readers hand each good record to, with where it was (the JSON record's
// 1-based index, or the CSV line); returning false stops the read.
using RecordCallback = std::function<bool(FieldValues values, qint64 where)>;

} // namespace pitwall::sources
