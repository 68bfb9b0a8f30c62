#pragma once
// Reads the records of one OpenF1 CSV file (the API's `csv=true` answer, or an export):
// a header row of field names, then one record per row (CsvReader splits them). Columns
// are found by name, since exports do not keep the API's column order. Every row counts in
// RealSession::linesRead; a row with the wrong number of fields, broken quotes or over the
// line limit is an issue, and a file whose header names no field asked for is one issue.

#include "FieldValue.h"

#include <QString>

class QIODevice;

namespace pitwall::sources {

struct RealSession;

class CsvRecordReader {
public:
    CsvRecordReader(FieldNames names, qint64 maxLineBytes);
    void read(QIODevice &device, const QString &file, RealSession &log, const RecordCallback &onRecord);

private:
    FieldNames m_names;
    qint64 m_maxLineBytes;
};

} // namespace pitwall::sources
