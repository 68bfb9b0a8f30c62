#pragma once
// Writes a capture of F1 game UDP packets (the format in CaptureFormat.h). The count at the
// start reads 0xFFFFFFFF ("until the end", our extension) while recording and the number of
// records once closed, so a capture cut short reads up to its last whole record.

#include "CaptureFormat.h"

#include <QByteArrayView>
#include <QFile>
#include <QString>

namespace pitwall::sources::f1game {

class CaptureWriter {
public:
    CaptureWriter() = default;
    ~CaptureWriter();
    CaptureWriter(const CaptureWriter &) = delete;
    CaptureWriter &operator=(const CaptureWriter &) = delete;

    // Creates (or empties) `path` and writes the open-ended count.
    bool open(const QString &path);
    bool isOpen() const { return m_file.isOpen(); }
    // One record; refused (false, error()) when the payload is past kCaptureMaxPayload or
    // the capture already holds 0xFFFFFFFE records.
    bool append(float seconds, QByteArrayView payload);
    // Pushes buffered records to the file, so a reader sees them now.
    bool flush();
    // Writes the real count and closes; false when a write failed at any point.
    bool close();

    std::uint32_t count() const { return m_count; }
    QString error() const { return m_error; }

private:
    bool fail(const QString &what);

    QFile m_file;
    std::uint32_t m_count = 0;
    QString m_error;
};

} // namespace pitwall::sources::f1game
