#include "CsvReader.h"

#include <QIODevice>
#include <cstring>

namespace pitwall::sources {

namespace {
constexpr qsizetype kBlockBytes = 256 * 1024;
}

CsvReader::CsvReader(QIODevice &device, qint64 maxRecordBytes)
    : m_device(device)
    , m_maxRecordBytes(qMax<qint64>(maxRecordBytes, 16))
{
}

bool CsvReader::fill()
{
    if (m_eof || m_failed)
        return false;
    if (m_begin > 0) {
        std::memmove(m_buffer.data(), m_buffer.data() + m_begin, size_t(m_end - m_begin));
        m_end -= m_begin;
        m_begin = 0;
    }
    // A small file (OpenF1's drivers or sessions, a few KB) needs no 256 KB block.
    qsizetype block = kBlockBytes;
    if (!m_device.isSequential())
        block = qBound<qsizetype>(4096, m_device.bytesAvailable() + 1, kBlockBytes);
    if (qsizetype(m_buffer.size()) < m_end + block)
        m_buffer.resize(size_t(m_end + block));
    const qint64 got = m_device.read(m_buffer.data() + m_end, block);
    if (got < 0) {
        m_failed = true;
        return false;
    }
    if (got == 0) {
        m_eof = true;
        return false;
    }
    m_end += got;
    return true;
}

// Finds the line break that ends the record, outside quotes. A doubled quote toggles twice,
// so counting quotes is enough to know whether a break is inside a field.
qsizetype CsvReader::findRecordEnd(qsizetype from, bool &inQuotes, qint64 &breaks) const
{
    const char *data = m_buffer.data();
    qsizetype i = from;
    while (i < m_end) {
        if (!inQuotes) {
            const auto *nl = static_cast<const char *>(std::memchr(data + i, '\n', size_t(m_end - i)));
            const qsizetype stop = nl ? nl - data : m_end;
            const auto *quote = static_cast<const char *>(std::memchr(data + i, '"', size_t(stop - i)));
            if (!quote)
                return nl ? stop : -1;
            inQuotes = true;
            i = quote - data + 1;
            continue;
        }
        const char c = data[i];
        if (c == '"')
            inQuotes = false;
        else if (c == '\n')
            ++breaks;
        ++i;
    }
    return -1;
}

CsvReader::Status CsvReader::skipRestOfLine()
{
    // Resume after the first physical line break of the skipped record: when an unclosed
    // quote made the record run on, the lines after it still read as records.
    for (;;) {
        const char *data = m_buffer.data();
        const auto *nl = static_cast<const char *>(std::memchr(data + m_begin, '\n', size_t(m_end - m_begin)));
        if (nl) {
            m_begin = nl - data + 1;
            ++m_line;
            break;
        }
        m_begin = m_end;
        if (!fill())
            break;
    }
    m_scanned = 0;
    m_scanInQuotes = false;
    m_scanBreaks = 0;
    return m_failed ? Status::ReadError : Status::TooLong;
}

CsvReader::Status CsvReader::next()
{
    for (;;) {
        if (m_failed)
            return Status::ReadError;
        qsizetype end = findRecordEnd(m_begin + m_scanned, m_scanInQuotes, m_scanBreaks);
        if (end < 0) {
            m_scanned = m_end - m_begin;
            if (m_scanned > m_maxRecordBytes) {
                m_recordLine = m_line;
                return skipRestOfLine();
            }
            if (fill())
                continue;
            if (m_failed)
                return Status::ReadError;
            if (m_end == m_begin)
                return Status::End;
            end = m_end; // the last record has no line break
        }
        m_recordLine = m_line;
        m_line += m_scanBreaks + 1;
        const bool unclosed = m_scanInQuotes;
        char *begin = m_buffer.data() + m_begin;
        char *stop = m_buffer.data() + end;
        m_begin = qMin(end + 1, m_end);
        m_scanned = 0;
        m_scanInQuotes = false;
        m_scanBreaks = 0;
        if (stop - begin > m_maxRecordBytes)
            return Status::TooLong;
        if (unclosed)
            return Status::Malformed;
        if (stop > begin && stop[-1] == '\r')
            --stop;
        if (m_first) {
            m_first = false;
            if (stop - begin >= 3 && std::memcmp(begin, "\xEF\xBB\xBF", 3) == 0)
                begin += 3;
        }
        if (stop == begin)
            continue; // blank line
        return split(begin, stop) ? Status::Record : Status::Malformed;
    }
}

bool CsvReader::split(char *begin, char *end)
{
    m_fields.clear();
    char *p = begin;
    for (;;) {
        if (p < end && *p == '"') {
            // Unquote in place: the text only shrinks, so writing behind the reader is safe.
            char *out = ++p;
            char *start = out;
            for (;;) {
                if (p >= end)
                    return false;
                if (*p == '"') {
                    if (p + 1 < end && p[1] == '"') {
                        *out++ = '"';
                        p += 2;
                        continue;
                    }
                    ++p;
                    break;
                }
                *out++ = *p++;
            }
            m_fields.emplace_back(start, size_t(out - start));
            if (p == end)
                return true;
            if (*p != ',')
                return false;
            ++p;
            continue;
        }
        auto *comma = static_cast<char *>(std::memchr(p, ',', size_t(end - p)));
        if (!comma) {
            m_fields.emplace_back(p, size_t(end - p));
            return true;
        }
        m_fields.emplace_back(p, size_t(comma - p));
        p = comma + 1;
    }
}

} // namespace pitwall::sources
