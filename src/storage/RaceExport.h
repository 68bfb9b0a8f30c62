#pragma once
// A race out of the library and back in. JSON Lines: a header line with the race record,
// one line per message in the order produced ({"t": race ms, "topic", "key", "value"}, the
// key and value as the exact text that went to Kafka), and an end line with the message
// count, so a file cut short is caught. CSV (race_ms, topic, key, value) is for reading in
// other tools and is not imported back.

#include "RaceLibrary.h"

#include <QIODevice>
#include <QJsonObject>

namespace pitwall {

inline constexpr int kExportFormatVersion = 1;

Expected<qint64> exportJsonl(RaceLibrary &library, const QString &raceId, QIODevice &out);
Expected<qint64> exportCsv(RaceLibrary &library, const QString &raceId, QIODevice &out);

// Reads an export line by line, never more than one line (bounded) and one batch of
// messages in memory; errors name the line. Nothing is stored here.
class JsonlExportReader {
public:
    static constexpr qsizetype kMaxLineBytes = 1024 * 1024; // without its '\n'
    explicit JsonlExportReader(QIODevice &in)
        : m_in(in)
    {
    }
    // First: the header line's race (state "imported").
    Expected<RaceRecord> readHeader();
    // Then: up to `maxMessages` messages (or about kBatchBytes) into `batch`; false once the
    // end line was read and checked.
    Expected<bool> readBatch(std::vector<RecordedMessage> &batch, size_t maxMessages);
    qint64 messagesRead() const { return m_count; }

private:
    static constexpr qsizetype kBatchBytes = 8 * 1024 * 1024;
    Error lineError(const QString &what) const;
    Expected<QJsonObject> readLine();

    QIODevice &m_in;
    qint64 m_lineNumber = 0;
    qint64 m_count = 0;
    qint64 m_previousMs = 0;
    bool m_ended = false;
};

struct ImportedRace {
    RaceRecord race;
    std::vector<RecordedMessage> messages;
};
// Reads and checks a whole export into memory (small files, tests); errors name the line.
Expected<ImportedRace> readJsonlExport(QIODevice &in);

// The file-level operations the command line and the window share. An export is written
// to a temporary file and renamed at the end, so a failure leaves nothing behind; an
// import is checked in full, then added in one transaction.
enum class ExportFormat { Jsonl, Csv };
Expected<qint64> exportRaceFile(RaceLibrary &library, const QString &raceId, const QString &filePath, ExportFormat format);
Expected<RaceRecord> importRaceFile(RaceLibrary &library, const QString &filePath);
// The same from an open device: streamed, checked as it is stored, all or nothing.
Expected<RaceRecord> importRace(RaceLibrary &library, QIODevice &in);

} // namespace pitwall
