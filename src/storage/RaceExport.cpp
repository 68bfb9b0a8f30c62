#include "RaceExport.h"

#include "core/Topics.h"

#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <QJsonObject>
#include <QRegularExpression>
#include <functional>
#include <limits>

namespace pitwall {

namespace {

constexpr qsizetype kMaxKeyBytes = 1024;
constexpr qsizetype kMaxValueBytes = 64 * 1024;

Expected<bool> writeAll(QIODevice &out, const QByteArray &bytes)
{
    if (out.write(bytes) != bytes.size())
        return Error{QStringLiteral("cannot write the export: %1").arg(out.errorString())};
    return true;
}

Expected<RaceRecord> raceOrError(RaceLibrary &library, const QString &raceId)
{
    auto race = library.find(raceId);
    if (!race)
        return race.error();
    if (!race.value())
        return Error{QStringLiteral("no race %1 in the library (see: pitwall library list)").arg(raceId)};
    return *race.value();
}

QByteArray csvField(const QByteArray &text)
{
    if (!text.contains(',') && !text.contains('"') && !text.contains('\n') && !text.contains('\r'))
        return text;
    QByteArray quoted = text;
    quoted.replace('"', "\"\"");
    return '"' + quoted + '"';
}

// Writes `head`, then one formatted line per message of the race in order, then the
// trailer made from the count: what both export formats share.
Expected<qint64> exportLines(RaceLibrary &library, const QString &raceId, QIODevice &out,
                             const std::function<QByteArray(const RaceRecord &)> &head,
                             const std::function<QByteArray(const RecordedMessage &)> &line,
                             const std::function<QByteArray(qint64 count)> &trailer)
{
    auto race = raceOrError(library, raceId);
    if (!race)
        return race.error();
    if (auto written = writeAll(out, head(race.value())); !written)
        return written.error();
    qint64 count = 0;
    QString failure;
    auto read = library.read(raceId, 0, [&](const std::vector<RecordedMessage> &messages) {
        QByteArray lines;
        for (const auto &message : messages)
            lines += line(message);
        count += qint64(messages.size());
        if (auto written = writeAll(out, lines); !written) {
            failure = written.error().message;
            return false;
        }
        return true;
    });
    if (!read)
        return read.error();
    if (!failure.isEmpty())
        return Error{failure};
    if (auto written = writeAll(out, trailer(count)); !written)
        return written.error();
    return count;
}

} // namespace

Expected<qint64> exportJsonl(RaceLibrary &library, const QString &raceId, QIODevice &out)
{
    return exportLines(
        library, raceId, out,
        [](const RaceRecord &race) {
            const QJsonObject header{{"pitwall_race_export", kExportFormatVersion}, {"race", race.toJson()}};
            return QJsonDocument(header).toJson(QJsonDocument::Compact) + '\n';
        },
        [](const RecordedMessage &message) {
            const QJsonObject line{{"t", message.raceMs},
                                   {"topic", QString::fromUtf8(message.topic)},
                                   {"key", QString::fromUtf8(message.key)},
                                   {"value", QString::fromUtf8(message.value)}};
            return QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
        },
        [](qint64 count) {
            return QJsonDocument(QJsonObject{{"end", count}}).toJson(QJsonDocument::Compact) + '\n';
        });
}

Expected<qint64> exportCsv(RaceLibrary &library, const QString &raceId, QIODevice &out)
{
    return exportLines(
        library, raceId, out, [](const RaceRecord &) { return QByteArray("race_ms,topic,key,value\n"); },
        [](const RecordedMessage &message) {
            return QByteArray::number(message.raceMs) + ',' + csvField(message.topic) + ',' + csvField(message.key) + ',' +
                   csvField(message.value) + '\n';
        },
        [](qint64) { return QByteArray(); });
}

Error JsonlExportReader::lineError(const QString &what) const
{
    return Error{QStringLiteral("line %1: %2").arg(m_lineNumber).arg(what)};
}

Expected<QJsonObject> JsonlExportReader::readLine()
{
    ++m_lineNumber;
    // Read in steps up to one byte past the limit, so a longer line is caught without
    // reading (or holding) the rest of it. readLine(char *, n) reads at most n - 1 bytes.
    QByteArray line;
    constexpr qsizetype kStep = 64 * 1024;
    for (;;) {
        const qsizetype room = kMaxLineBytes + 2 - line.size(); // the line, its '\n', one byte more
        if (room <= 0)
            break;
        const qsizetype old = line.size();
        const qsizetype step = std::min(room, kStep);
        line.resize(old + step + 1);
        const qint64 got = m_in.readLine(line.data() + old, step + 1);
        line.resize(old + std::max<qint64>(got, 0));
        if (got <= 0 || line.endsWith('\n'))
            break;
    }
    const bool complete = line.endsWith('\n');
    if (line.size() - (complete ? 1 : 0) > kMaxLineBytes)
        return lineError(QStringLiteral("longer than %1 bytes").arg(kMaxLineBytes));
    if (!complete)
        return lineError(line.isEmpty() ? QStringLiteral("the file ends here without its end line (cut short?)")
                                        : QStringLiteral("the file ends inside this line (cut short?)"));
    QJsonParseError parseError;
    const auto document = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return lineError(QStringLiteral("not JSON (%1 at column %2)").arg(parseError.errorString()).arg(parseError.offset + 1));
    if (!document.isObject())
        return lineError(QStringLiteral("not a JSON object"));
    return document.object();
}

Expected<RaceRecord> JsonlExportReader::readHeader()
{
    auto read = readLine();
    if (!read)
        return read.error();
    const QJsonObject &header = read.value();
    if (!header.contains("pitwall_race_export"))
        return lineError(QStringLiteral("not a Pit Wall race export (no \"pitwall_race_export\" header)"));
    if (header.value("pitwall_race_export").toInt(-1) != kExportFormatVersion)
        return lineError(QStringLiteral("export format %1, this Pit Wall reads format %2")
                             .arg(header.value("pitwall_race_export").toVariant().toString())
                             .arg(kExportFormatVersion));
    RaceRecord race = RaceRecord::fromJson(header.value("race").toObject());
    static const QRegularExpression idPattern(QStringLiteral("^[A-Za-z0-9._-]{1,100}$"));
    if (!idPattern.match(race.id).hasMatch())
        return lineError(QStringLiteral("the race id '%1' is not valid (1-100 letters, digits, '.', '_', '-')").arg(race.id));
    if (race.circuit.isEmpty() || race.name.trimmed().isEmpty())
        return lineError(QStringLiteral("the race has no circuit or no name"));
    race.state = QStringLiteral("imported");
    race.messageCount = 0;
    race.durationMs = 0;
    return race;
}

Expected<bool> JsonlExportReader::readBatch(std::vector<RecordedMessage> &batch, size_t maxMessages)
{
    qsizetype batchBytes = 0;
    while (!m_ended && batch.size() < maxMessages && batchBytes < kBatchBytes) {
        auto read = readLine();
        if (!read)
            return read.error();
        const QJsonObject &line = read.value();
        if (line.contains("end")) {
            const qint64 declared = line.value("end").toInteger(-1);
            if (declared != m_count)
                return lineError(QStringLiteral("the end line counts %1 messages, the file holds %2").arg(declared).arg(m_count));
            if (!m_in.atEnd())
                return lineError(QStringLiteral("more lines follow the end line"));
            m_ended = true;
            break;
        }
        const auto t = line.value("t"), topic = line.value("topic"), key = line.value("key"), value = line.value("value");
        if (!t.isDouble() || t.toDouble() != double(t.toInteger()) || t.toInteger() < 0)
            return lineError(QStringLiteral("\"t\" must be a whole number of race milliseconds"));
        if (t.toInteger() < m_previousMs)
            return lineError(QStringLiteral("\"t\" goes back in time (%1 after %2)").arg(t.toInteger()).arg(m_previousMs));
        if (!topic.isString() || !std::any_of(std::begin(topics::kAll), std::end(topics::kAll),
                                              [&](const char *known) { return topic.toString() == QLatin1String(known); }))
            return lineError(QStringLiteral("unknown topic '%1'").arg(topic.toVariant().toString()));
        if (!key.isString() || !value.isString())
            return lineError(QStringLiteral("\"key\" and \"value\" must be strings"));
        RecordedMessage message{t.toInteger(), topic.toString().toUtf8(), key.toString().toUtf8(), value.toString().toUtf8()};
        if (message.key.size() > kMaxKeyBytes || message.value.size() > kMaxValueBytes)
            return lineError(QStringLiteral("the key or value is too large"));
        m_previousMs = message.raceMs;
        batchBytes += message.key.size() + message.value.size();
        batch.push_back(std::move(message));
        ++m_count;
    }
    return !m_ended;
}

Expected<ImportedRace> readJsonlExport(QIODevice &in)
{
    JsonlExportReader reader(in);
    auto race = reader.readHeader();
    if (!race)
        return race.error();
    ImportedRace imported{race.value(), {}};
    for (;;) {
        auto more = reader.readBatch(imported.messages, std::numeric_limits<size_t>::max());
        if (!more)
            return more.error();
        if (!more.value())
            break;
    }
    imported.race.messageCount = qint64(imported.messages.size());
    if (!imported.messages.empty())
        imported.race.durationMs = imported.messages.back().raceMs;
    return imported;
}

Expected<qint64> exportRaceFile(RaceLibrary &library, const QString &raceId, const QString &filePath, ExportFormat format)
{
    QSaveFile file(filePath);
    if (!file.open(QIODevice::WriteOnly))
        return Error{QStringLiteral("cannot write %1: %2").arg(filePath, file.errorString())};
    auto written = format == ExportFormat::Csv ? exportCsv(library, raceId, file) : exportJsonl(library, raceId, file);
    if (!written) {
        file.cancelWriting();
        return written.error();
    }
    if (!file.commit())
        return Error{QStringLiteral("cannot write %1: %2").arg(filePath, file.errorString())};
    return written;
}

Expected<RaceRecord> importRace(RaceLibrary &library, QIODevice &in)
{
    JsonlExportReader reader(in);
    auto race = reader.readHeader();
    if (!race)
        return race.error();
    RaceRecord stored = race.value();
    auto added = library.addStreamed(stored, [&](std::vector<RecordedMessage> &batch) -> Expected<bool> {
        auto more = reader.readBatch(batch, kChunkMessages);
        if (more && !batch.empty())
            stored.durationMs = batch.back().raceMs;
        return more;
    });
    if (!added)
        return added.error();
    stored.messageCount = reader.messagesRead();
    return stored;
}

Expected<RaceRecord> importRaceFile(RaceLibrary &library, const QString &filePath)
{
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("cannot read %1: %2").arg(filePath, file.errorString())};
    auto imported = importRace(library, file);
    if (!imported)
        return Error{QStringLiteral("%1: %2").arg(filePath, imported.error().message)};
    return imported;
}

} // namespace pitwall
