#pragma once
// Streams one F1 live-timing `.jsonStream` file line by line, the format of
// livetiming.formula1.com/static/<path>/<Topic>.jsonStream (as FastF1 reads it): each line is
// `HH:MM:SS.mmm` (time since the stream began) immediately followed by one JSON value, lines end
// in CRLF and the file starts with a UTF-8 BOM. The file is never loaded whole: it is read in
// chunks, each line is bounded, and damaged lines are reported and skipped so one bad line
// never stops the rest of the file.

#include <QByteArray>
#include <QByteArrayView>
#include <QFile>
#include <QString>

namespace pitwall::sources {

class JsonStreamReader {
public:
    struct Limits {
        qint64 maxFileBytes = qint64(1) << 30;  // bytes read from one file; the rest is skipped
        qint64 maxLineBytes = qint64(32) << 20; // without CR LF; a longer line is skipped, not cut
    };

    struct Line {
        qint64 number = 0;   // 1-based line number in the file
        qint64 offsetMs = 0; // the line's HH:MM:SS.mmm in milliseconds
        QByteArrayView json; // the JSON text after the time; valid until the next call
    };

    enum class Result { Line, Damaged, End };

    explicit JsonStreamReader(const QString &path);
    JsonStreamReader(const QString &path, Limits limits);

    // False, with a reason, when the file cannot be opened.
    bool open(QString *error);

    // Result::Line fills `line`; Result::Damaged fills line.number and `problem` (the line is
    // skipped; call again); Result::End at the end of the file or its byte limit.
    Result next(Line &line, QString &problem);

    qint64 linesRead() const { return m_lineNumber; }
    qint64 bytesRead() const { return m_bytesRead; }

    // Parses "HH:MM:SS.mmm" (hours may have 1-3 digits, fraction 1-6 digits) at the start of
    // `text`; returns the characters used (0 when it is not a time) and the time in `ms`.
    static qsizetype parseOffset(QByteArrayView text, qint64 &ms);

private:
    bool fill();

    QFile m_file;
    Limits m_limits;
    QByteArray m_chunk;
    qsizetype m_pos = 0;
    qsizetype m_len = 0;
    QByteArray m_line;
    qint64 m_lineNumber = 0;
    qint64 m_bytesRead = 0;
    qint64 m_lastOffsetMs = -1;
    bool m_limitHit = false;
    bool m_limitReported = false;
};

} // namespace pitwall::sources
