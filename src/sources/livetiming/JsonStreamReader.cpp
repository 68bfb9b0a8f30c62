#include "JsonStreamReader.h"

#include <cstring>

namespace pitwall::sources {

namespace {
constexpr qsizetype kChunkBytes = qsizetype(1) << 20;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

QString timeText(qint64 ms)
{
    return QStringLiteral("%1:%2:%3.%4")
        .arg(ms / 3600000, 2, 10, QLatin1Char('0'))
        .arg(ms / 60000 % 60, 2, 10, QLatin1Char('0'))
        .arg(ms / 1000 % 60, 2, 10, QLatin1Char('0'))
        .arg(ms % 1000, 3, 10, QLatin1Char('0'));
}
} // namespace

JsonStreamReader::JsonStreamReader(const QString &path)
    : JsonStreamReader(path, Limits{})
{
}

JsonStreamReader::JsonStreamReader(const QString &path, Limits limits)
    : m_file(path)
    , m_limits(limits)
{
}

bool JsonStreamReader::open(QString *error)
{
    if (!m_file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot open: %1").arg(m_file.errorString());
        return false;
    }
    // A topic file of a few KB needs no 1 MB chunk.
    m_chunk.resize(qBound<qsizetype>(4096, m_file.size() + 1, kChunkBytes));
    return true;
}

bool JsonStreamReader::fill()
{
    if (m_limitHit)
        return false;
    qint64 want = qMin<qint64>(m_chunk.size(), m_limits.maxFileBytes - m_bytesRead);
    if (want <= 0) {
        // Stop at the limit only if there is more to read; a file of exactly the limit is fine.
        char probe;
        if (m_file.peek(&probe, 1) == 1)
            m_limitHit = true;
        return false;
    }
    qint64 got = m_file.read(m_chunk.data(), want);
    if (got <= 0)
        return false;
    m_bytesRead += got;
    m_pos = 0;
    m_len = qsizetype(got);
    return true;
}

qsizetype JsonStreamReader::parseOffset(QByteArrayView text, qint64 &ms)
{
    qsizetype i = 0;
    const qsizetype n = text.size();
    qint64 hours = 0;
    while (i < n && i < 3 && isDigit(text[i]))
        hours = hours * 10 + (text[i++] - '0');
    if (i == 0 || i >= n || text[i] != ':')
        return 0;
    auto twoDigits = [&](qsizetype at, int &value) {
        if (at + 1 >= n || !isDigit(text[at]) || !isDigit(text[at + 1]))
            return false;
        value = (text[at] - '0') * 10 + (text[at + 1] - '0');
        return value < 60;
    };
    int minutes = 0, seconds = 0;
    if (!twoDigits(i + 1, minutes) || i + 3 >= n || text[i + 3] != ':' || !twoDigits(i + 4, seconds))
        return 0;
    i += 6;
    if (i >= n || text[i] != '.')
        return 0;
    ++i;
    qint64 fraction = 0;
    int digits = 0;
    while (i < n && digits < 6 && isDigit(text[i])) {
        fraction = fraction * 10 + (text[i++] - '0');
        ++digits;
    }
    if (digits == 0 || (i < n && isDigit(text[i])))
        return 0;
    while (digits < 3) {
        fraction *= 10;
        ++digits;
    }
    while (digits > 3) {
        fraction /= 10;
        --digits;
    }
    ms = ((hours * 60 + minutes) * 60 + seconds) * 1000 + fraction;
    return i;
}

JsonStreamReader::Result JsonStreamReader::next(Line &line, QString &problem)
{
    for (;;) {
        if (m_limitHit) {
            if (m_limitReported)
                return Result::End;
            m_limitReported = true;
            line.number = m_lineNumber + 1;
            problem = QStringLiteral("file is larger than the %1-byte limit; the rest is skipped").arg(m_limits.maxFileBytes);
            return Result::Damaged;
        }
        // Gather one line; past the limit it is only consumed, never stored, so memory stays bounded.
        m_line.clear();
        bool any = false;
        bool tooLong = false;
        bool terminated = false;
        while (!terminated) {
            if (m_pos == m_len && !fill())
                break;
            const char *start = m_chunk.constData() + m_pos;
            const auto *newline = static_cast<const char *>(std::memchr(start, '\n', size_t(m_len - m_pos)));
            const qsizetype count = newline ? qsizetype(newline - start) : m_len - m_pos;
            any = true;
            if (!tooLong) {
                // Room here for a BOM and a CR, stripped below before the exact check.
                if (m_line.size() + count > m_limits.maxLineBytes + 4) {
                    tooLong = true;
                    m_line.clear();
                } else {
                    m_line.append(start, count);
                }
            }
            m_pos += count + (newline ? 1 : 0);
            terminated = newline != nullptr;
        }
        if (!any) {
            if (m_limitHit)
                continue; // report the limit
            return Result::End;
        }
        line.number = ++m_lineNumber;
        if (tooLong) {
            problem = QStringLiteral("line is longer than the %1-byte limit").arg(m_limits.maxLineBytes);
            return Result::Damaged;
        }
        if (m_lineNumber == 1 && m_line.startsWith("\xEF\xBB\xBF"))
            m_line.remove(0, 3);
        if (m_line.endsWith('\r'))
            m_line.chop(1);
        if (m_line.size() > m_limits.maxLineBytes) {
            problem = QStringLiteral("line is longer than the %1-byte limit").arg(m_limits.maxLineBytes);
            return Result::Damaged;
        }
        if (m_line.trimmed().isEmpty())
            continue; // blank lines (a trailing newline) carry nothing
        if (!terminated && m_limitHit) {
            m_limitReported = true;
            problem = QStringLiteral("file is larger than the %1-byte limit; this line and the rest are skipped").arg(m_limits.maxFileBytes);
            return Result::Damaged;
        }
        qint64 ms = 0;
        const qsizetype used = parseOffset(m_line, ms);
        if (used == 0) {
            problem = QStringLiteral("line does not start with an HH:MM:SS.mmm time");
            return Result::Damaged;
        }
        if (used >= m_line.size()) {
            problem = QStringLiteral("line has a time but no JSON");
            return Result::Damaged;
        }
        if (ms < m_lastOffsetMs) {
            problem = QStringLiteral("time goes backwards (%1 after %2)").arg(timeText(ms), timeText(m_lastOffsetMs));
            return Result::Damaged;
        }
        m_lastOffsetMs = ms;
        line.offsetMs = ms;
        line.json = QByteArrayView(m_line).sliced(used);
        return Result::Line;
    }
}

} // namespace pitwall::sources
