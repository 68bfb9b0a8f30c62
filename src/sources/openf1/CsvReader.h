#pragma once
// Streams records out of a CSV file as RFC 4180 defines it (comma-separated, fields in
// double quotes may hold commas, doubled quotes and line breaks, CRLF or LF endings),
// because that is what OpenF1's `csv=true` answers and what spreadsheet and pandas exports
// write. The file is read in blocks, never whole, and a record longer than the limit is
// reported and skipped by a real length check (QIODevice::readLine(max) would cut it
// silently and the rest would read as a record of its own).

#include <QtGlobal>
#include <string_view>
#include <vector>

class QIODevice;

namespace pitwall::sources {

class CsvReader {
public:
    enum class Status {
        Record,    // fields() holds the record's fields
        TooLong,   // a record over the limit was skipped, up to its line's end
        Malformed, // quotes that do not close or text after a closing quote; skipped
        End,       // no more records
        ReadError, // the device failed
    };

    CsvReader(QIODevice &device, qint64 maxRecordBytes);

    // Reads the next record. Blank lines are skipped; a UTF-8 byte-order mark is dropped.
    Status next();
    // The fields of the last record, unquoted; valid until the next call.
    const std::vector<std::string_view> &fields() const { return m_fields; }
    // 1-based line at which the last record (or skipped one) began.
    qint64 line() const { return m_recordLine; }

private:
    bool fill(); // reads one more block; false at end
    qsizetype findRecordEnd(qsizetype from, bool &inQuotes, qint64 &breaks) const;
    bool split(char *begin, char *end); // into m_fields, unquoting in place
    Status skipRestOfLine();

    QIODevice &m_device;
    qint64 m_maxRecordBytes;
    std::vector<char> m_buffer;
    qsizetype m_begin = 0;       // first unread byte in m_buffer
    qsizetype m_end = 0;         // one past the last filled byte
    qsizetype m_scanned = 0;     // bytes after m_begin already searched
    bool m_scanInQuotes = false; // quote state at m_begin + m_scanned
    qint64 m_scanBreaks = 0;     // line breaks met inside quotes so far
    bool m_eof = false;
    bool m_failed = false;
    bool m_first = true;
    qint64 m_line = 1; // line of the next unread byte
    qint64 m_recordLine = 0;
    std::vector<std::string_view> m_fields;
};

} // namespace pitwall::sources
