#pragma once
// Reads a capture of F1 game UDP packets (the format in CaptureFormat.h) record by record,
// checking every length: a record's length past kCaptureMaxPayload, a record cut short,
// a count that does not match the records there are each stop the read with an error
// that names the record. The records before it stay good.

#include "CaptureFormat.h"

#include <QIODevice>
#include <QString>

#include <optional>
#include <vector>

namespace pitwall::sources::f1game {

class CaptureReader {
public:
    // Reads from `device`, already open for reading; does not own it.
    explicit CaptureReader(QIODevice *device);

    // The next record; none at the end or on error (then error() says which).
    std::optional<CaptureRecord> next();

    bool hasError() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }
    // The count the file declares; none while it is open-ended (0xFFFFFFFF).
    std::optional<std::uint32_t> declaredCount() const { return m_declared; }
    std::uint32_t recordsRead() const { return m_read; }

private:
    bool readHeader();
    void fail(QString message);

    QIODevice *m_device;
    std::optional<std::uint32_t> m_declared;
    std::uint32_t m_read = 0;
    bool m_headerRead = false;
    bool m_done = false;
    QString m_error;
};

struct Capture {
    std::vector<CaptureRecord> records; // every whole record read, even when error is set
    QString error;                      // empty when the file read cleanly to its end
    bool ok() const { return error.isEmpty(); }
};

// The whole capture at `path`.
Capture readCapture(const QString &path);

} // namespace pitwall::sources::f1game
