// `pitwall detect-anomalies` / `forecast` input: the time-series CSV reader (ml/SeriesCsv).
#include "FuzzSupport.h"
#include "ml/SeriesCsv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto points = pitwall::ml::parseSeriesCsv(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    (void)points;
    return 0;
}
