#pragma once
// A race out of the library and back in. JSON Lines: a header line with the race record,
// one line per message in the order produced ({"t": race ms, "topic", "key", "value"}, the
// key and value as the exact text that went to Kafka), and an end line with the message
// count, so a file cut short is caught. CSV (race_ms, topic, key, value) is for reading in
// other tools and is not imported back.

#include "RaceLibrary.h"

#include <QIODevice>

namespace pitwall {

inline constexpr int kExportFormatVersion = 1;

Expected<qint64> exportJsonl(RaceLibrary &library, const QString &raceId, QIODevice &out);
Expected<qint64> exportCsv(RaceLibrary &library, const QString &raceId, QIODevice &out);

struct ImportedRace {
    RaceRecord race;
    std::vector<RecordedMessage> messages;
};
// Reads and checks a whole export; errors name the line. Nothing is stored here.
Expected<ImportedRace> readJsonlExport(QIODevice &in);

// The file-level operations the command line and the window share. An export is written
// to a temporary file and renamed at the end, so a failure leaves nothing behind; an
// import is checked in full, then added in one transaction.
enum class ExportFormat { Jsonl, Csv };
Expected<qint64> exportRaceFile(RaceLibrary &library, const QString &raceId, const QString &filePath, ExportFormat format);
Expected<RaceRecord> importRaceFile(RaceLibrary &library, const QString &filePath);

} // namespace pitwall
