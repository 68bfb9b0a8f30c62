#include "CaptureWriter.h"

#include <cstring>

namespace pitwall::sources::f1game {

namespace {

void putU32(char *to, std::uint32_t value)
{
    for (int i = 0; i < 4; ++i)
        to[i] = char((value >> (8 * i)) & 0xFF);
}

} // namespace

CaptureWriter::~CaptureWriter()
{
    if (isOpen())
        close();
}

bool CaptureWriter::fail(const QString &what)
{
    if (m_error.isEmpty())
        m_error = QStringLiteral("%1 %2: %3").arg(what, m_file.fileName(), m_file.errorString());
    return false;
}

bool CaptureWriter::open(const QString &path)
{
    if (isOpen())
        close();
    m_count = 0;
    m_error.clear();
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return fail(QStringLiteral("cannot create"));
    char count[4];
    putU32(count, kCaptureCountOpen);
    if (m_file.write(count, 4) != 4)
        return fail(QStringLiteral("cannot write"));
    return true;
}

bool CaptureWriter::append(float seconds, QByteArrayView payload)
{
    if (!isOpen()) {
        m_error = QStringLiteral("the capture is not open");
        return false;
    }
    if (payload.size() > kCaptureMaxPayload) {
        m_error = QStringLiteral("a payload of %1 bytes is past the capture's %2-byte bound").arg(payload.size()).arg(kCaptureMaxPayload);
        return false;
    }
    if (m_count >= kCaptureCountOpen - 1) {
        m_error = QStringLiteral("the capture holds the most records its count can say");
        return false;
    }
    char head[kCaptureRecordHeaderSize];
    std::uint32_t secondsBits;
    std::memcpy(&secondsBits, &seconds, sizeof secondsBits);
    putU32(head, secondsBits);
    putU32(head + 4, std::uint32_t(payload.size()));
    if (m_file.write(head, kCaptureRecordHeaderSize) != kCaptureRecordHeaderSize ||
        m_file.write(payload.data(), payload.size()) != payload.size())
        return fail(QStringLiteral("cannot write"));
    ++m_count;
    return true;
}

bool CaptureWriter::flush()
{
    return isOpen() && (m_file.flush() || fail(QStringLiteral("cannot write")));
}

bool CaptureWriter::close()
{
    if (!isOpen())
        return m_error.isEmpty();
    char count[4];
    putU32(count, m_count);
    const bool written = m_file.seek(0) && m_file.write(count, 4) == 4 && m_file.flush();
    if (!written)
        fail(QStringLiteral("cannot write the count of"));
    m_file.close();
    return written && m_error.isEmpty();
}

} // namespace pitwall::sources::f1game
