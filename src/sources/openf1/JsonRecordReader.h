#pragma once
// Reads the records of one OpenF1 JSON file: an array of objects (what the API answers),
// or objects one after another (mongoexport's default output, or a single object). Values
// may be plain JSON or MongoDB Extended JSON as OpenF1's ingestor stores them
// ({"$numberDouble": "1.5"}, {"$numberInt": "3"}, {"$numberLong": "…"},
// {"$date": ms | "ISO" | {"$numberLong": "…"}}), unwrapped here so the mappings see numbers.
// simdjson's On Demand parser does the parsing: a race's car_data is a million records,
// and no DOM of them is built. Every record counts in RealSession::linesRead; a record
// that is not an object is an issue, and a file that stops being JSON is one issue (the
// records before the fault are kept).

#include "FieldValue.h"

#include <QString>

class QIODevice;

namespace pitwall::sources {

struct RealSession;

class JsonRecordReader {
public:
    explicit JsonRecordReader(FieldNames names);
    // Reads `size` bytes from `device`; the caller has checked the size against its limit.
    void read(QIODevice &device, qint64 size, const QString &file, RealSession &log, const RecordCallback &onRecord);

private:
    FieldNames m_names;
};

} // namespace pitwall::sources
