#include "CaptureReader.h"

#include <QFile>

#include <cstring>

namespace pitwall::sources::f1game {

namespace {

std::uint32_t u32At(const char *bytes)
{
    const auto b = [bytes](int i) { return std::uint32_t(std::uint8_t(bytes[i])); };
    return b(0) | (b(1) << 8) | (b(2) << 16) | (b(3) << 24);
}

} // namespace

CaptureReader::CaptureReader(QIODevice *device)
    : m_device(device)
{
}

void CaptureReader::fail(QString message)
{
    m_error = std::move(message);
    m_done = true;
}

bool CaptureReader::readHeader()
{
    m_headerRead = true;
    char bytes[4];
    const qint64 got = m_device->read(bytes, 4);
    if (got != 4) {
        fail(QStringLiteral("the capture is %1 bytes long, shorter than its 4-byte record count").arg(qMax<qint64>(got, 0)));
        return false;
    }
    const std::uint32_t count = u32At(bytes);
    if (count != kCaptureCountOpen)
        m_declared = count;
    return true;
}

std::optional<CaptureRecord> CaptureReader::next()
{
    if (m_done || (!m_headerRead && !readHeader()))
        return std::nullopt;
    const std::uint32_t number = m_read + 1; // records are numbered from 1 in messages
    const QString of = m_declared ? QStringLiteral(" of %1").arg(*m_declared) : QString();

    char head[kCaptureRecordHeaderSize];
    const qint64 got = m_device->read(head, kCaptureRecordHeaderSize);
    if (got <= 0) {
        m_done = true;
        if (m_declared && m_read < *m_declared)
            fail(QStringLiteral("the capture declares %1 records but ends after %2: record %3 is missing")
                     .arg(*m_declared)
                     .arg(m_read)
                     .arg(number));
        return std::nullopt;
    }
    if (m_declared && m_read == *m_declared) {
        fail(QStringLiteral("the capture declares %1 records but more bytes follow: record %2 is not counted").arg(*m_declared).arg(number));
        return std::nullopt;
    }
    if (got < kCaptureRecordHeaderSize) {
        fail(QStringLiteral("record %1%2 is cut short: %3 of its 8 header bytes").arg(number).arg(of).arg(got));
        return std::nullopt;
    }

    CaptureRecord record;
    const std::uint32_t secondsBits = u32At(head);
    std::memcpy(&record.seconds, &secondsBits, sizeof record.seconds);
    const std::uint32_t length = u32At(head + 4);
    if (qint64(length) > kCaptureMaxPayload) {
        fail(QStringLiteral("record %1%2 claims %3 bytes of payload, more than the %4 bound").arg(number).arg(of).arg(length).arg(kCaptureMaxPayload));
        return std::nullopt;
    }
    record.payload = m_device->read(length);
    if (record.payload.size() != qsizetype(length)) {
        fail(QStringLiteral("record %1%2 is cut short: %3 of its %4 payload bytes").arg(number).arg(of).arg(record.payload.size()).arg(length));
        return std::nullopt;
    }
    ++m_read;
    return record;
}

Capture readCapture(const QString &path)
{
    Capture capture;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        capture.error = QStringLiteral("cannot open %1: %2").arg(path, file.errorString());
        return capture;
    }
    CaptureReader reader(&file);
    if (file.size() >= 4) // a rough reservation; the count is not trusted for more
        capture.records.reserve(std::size_t(qMin<qint64>(file.size() / 64, 1 << 20)));
    while (std::optional<CaptureRecord> record = reader.next())
        capture.records.push_back(std::move(*record));
    capture.error = reader.error();
    return capture;
}

} // namespace pitwall::sources::f1game
