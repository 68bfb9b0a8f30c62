// One topic file of the F1 live-timing archive through the whole folder reader
// (sources/livetiming: the line reader, JSON merge, timing tracker, `.z` payloads). The
// input is "<Topic>\n" then the file's bytes; it is written to a folder of its own as
// <Topic>.jsonStream and read as a session folder.
#include "FuzzSupport.h"
#include "sources/livetiming/LiveTimingReader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace pitwall::sources;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static QTemporaryDir folder(QDir::tempPath() + QStringLiteral("/pitwall-fuzz-livetiming-XXXXXX"));
    const QByteArray input = pitwall::fuzz::bytes(data, size);
    const qsizetype newline = input.indexOf('\n');
    if (newline <= 0 || newline > 40)
        return 0;
    const QString topic = QString::fromLatin1(input.left(newline));
    if (!LiveTimingReader::topics().contains(topic))
        return 0;
    for (const auto &old : QDir(folder.path()).entryList(QDir::Files))
        QFile::remove(folder.filePath(old));
    QFile file(folder.filePath(topic + QStringLiteral(".jsonStream")));
    if (!file.open(QIODevice::WriteOnly))
        return 0;
    file.write(input.mid(newline + 1));
    file.close();
    LiveTimingOptions options;
    options.maxLineBytes = 64 * 1024;
    options.maxInflatedBytes = 1024 * 1024;
    const auto session = readLiveTimingFolder(folder.path(), options);
    (void)session;
    return 0;
}
