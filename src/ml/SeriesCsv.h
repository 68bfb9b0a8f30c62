#pragma once
// Time series in CSV as NAB and the anomaly CLI use them: a `timestamp,value` header,
// then one row per line. The timestamp is kept as written.

#include "core/Expected.h"

#include <QByteArrayView>
#include <QIODevice>
#include <optional>
#include <QString>
#include <vector>

namespace pitwall::ml {

struct SeriesPoint {
    QString timestamp;
    double value = 0;
};

// Values beyond this magnitude are refused as not physical (1e308 would overflow every sum of squares).
constexpr double kMaxSeriesMagnitude = 1e15;

// One line at a time: the header first, then rows. Errors name the line (1-based, the
// header is line 1) and what is wrong with it.
class SeriesLineParser {
public:
    // A point, nullopt for the header or a blank line, or an error.
    Expected<std::optional<SeriesPoint>> parse(QByteArrayView line);
    bool headerSeen() const { return m_headerSeen; }
    int line() const { return m_line; }

private:
    int m_line = 0;
    bool m_headerSeen = false;
};

// Streams a CSV from a device (a file, standard input) a line at a time, lines bounded.
class SeriesCsvReader {
public:
    static constexpr qint64 kMaxLineBytes = 64 * 1024;
    explicit SeriesCsvReader(QIODevice &device);
    // The next point; nullopt at the end of the input.
    Expected<std::optional<SeriesPoint>> next();
    int line() const { return m_parser.line(); }

private:
    QIODevice &m_device;
    SeriesLineParser m_parser;
};

// Errors name the line (1-based, the header is line 1) and what is wrong with it.
Expected<std::vector<SeriesPoint>> parseSeriesCsv(QByteArrayView text);
Expected<std::vector<SeriesPoint>> readSeriesCsv(const QString &path);

// A CSV field: quoted when it holds a comma, a quote or a line break.
QString csvField(const QString &text);

} // namespace pitwall::ml
