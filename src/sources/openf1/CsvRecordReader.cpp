#include "CsvRecordReader.h"

#include "CsvReader.h"
#include "sources/RealSession.h"

#include <QIODevice>
#include <QStringList>
#include <algorithm>
#include <vector>

namespace pitwall::sources {

CsvRecordReader::CsvRecordReader(FieldNames names, qint64 maxLineBytes)
    : m_names(names)
    , m_maxLineBytes(maxLineBytes)
{
}

void CsvRecordReader::read(QIODevice &device, const QString &file, RealSession &log, const RecordCallback &onRecord)
{
    CsvReader csv(device, m_maxLineBytes);

    // The header: the first record, whatever else goes wrong before it.
    CsvReader::Status status = csv.next();
    if (status != CsvReader::Status::Record) {
        log.addIssue(file, status == CsvReader::Status::End ? 0 : csv.line(),
                     status == CsvReader::Status::End ? QStringLiteral("no header row") : QStringLiteral("unreadable header row"));
        return;
    }
    const size_t columns = csv.fields().size();
    std::vector<int> fieldOfColumn(columns, -1);
    int known = 0;
    for (size_t c = 0; c < columns; ++c) {
        const std::string_view name = trimmedBlanks(csv.fields()[c]);
        for (size_t f = 0; f < m_names.size(); ++f) {
            if (m_names[f] != name)
                continue;
            // A repeated column name: the first one counts.
            if (std::find(fieldOfColumn.begin(), fieldOfColumn.end(), int(f)) == fieldOfColumn.end()) {
                fieldOfColumn[c] = int(f);
                ++known;
            }
            break;
        }
    }
    if (known == 0) {
        QStringList expected;
        for (const std::string_view name : m_names)
            expected << QString::fromLatin1(name.data(), qsizetype(name.size()));
        log.addIssue(file, csv.line(), QStringLiteral("not an OpenF1 CSV file: the header names none of %1").arg(expected.join(u", ")));
        return;
    }

    std::vector<FieldValue> values(m_names.size());
    for (;;) {
        status = csv.next();
        if (status == CsvReader::Status::End)
            return;
        if (status == CsvReader::Status::ReadError) {
            log.addIssue(file, 0, QStringLiteral("read error: %1").arg(device.errorString()));
            return;
        }
        ++log.linesRead;
        if (status == CsvReader::Status::TooLong) {
            log.addIssue(file, csv.line(), QStringLiteral("line longer than %1 bytes").arg(m_maxLineBytes));
            continue;
        }
        if (status == CsvReader::Status::Malformed) {
            log.addIssue(file, csv.line(), QStringLiteral("broken quotes"));
            continue;
        }
        const auto &fields = csv.fields();
        if (fields.size() != columns) {
            log.addIssue(file, csv.line(), QStringLiteral("%1 fields where the header has %2").arg(fields.size()).arg(columns));
            continue;
        }
        for (FieldValue &v : values)
            v = FieldValue{};
        for (size_t c = 0; c < columns; ++c) {
            if (fieldOfColumn[c] >= 0)
                values[size_t(fieldOfColumn[c])] = FieldValue{FieldKind::Text, false, 0, fields[c]};
        }
        if (!onRecord(values, csv.line()))
            return;
    }
}

} // namespace pitwall::sources
