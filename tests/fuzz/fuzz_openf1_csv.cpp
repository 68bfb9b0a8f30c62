// OpenF1's CSV files (sources/openf1/CsvReader, RFC 4180): every record split, over-long
// records skipped by the reader's own length check.
#include "FuzzSupport.h"
#include "sources/openf1/CsvReader.h"

#include <QBuffer>

using namespace pitwall::sources;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray text = pitwall::fuzz::bytes(data, size);
    QBuffer device(&text);
    device.open(QIODevice::ReadOnly);
    CsvReader reader(device, 512);
    qint64 lastLine = 0;
    for (int records = 0; records < 100000; ++records) {
        const auto status = reader.next();
        if (status == CsvReader::Status::End)
            break;
        pitwall::fuzz::require(reader.line() >= lastLine, "line numbers go back");
        lastLine = reader.line();
        if (status == CsvReader::Status::Record) {
            for (const auto field : reader.fields())
                pitwall::fuzz::require(field.size() <= size_t(size), "a field larger than the input");
        }
    }
    return 0;
}
