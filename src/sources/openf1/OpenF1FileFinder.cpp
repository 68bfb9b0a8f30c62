#include "OpenF1FileFinder.h"

#include <QDir>
#include <QFileInfo>

namespace pitwall::sources {

OpenF1FileFinder::OpenF1FileFinder(int maxDepth, int maxFiles)
    : m_maxDepth(maxDepth)
    , m_maxFiles(maxFiles)
{
}

OpenF1FileFinder::Result OpenF1FileFinder::find(const QStringList &paths) const
{
    Result result;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (info.isDir())
            walk(info.absoluteFilePath(), 0, result);
        else if (info.isFile())
            addFile(info.absoluteFilePath(), result);
        else
            result.absentPaths << path;
    }
    result.files.removeDuplicates(); // a file given alone and inside a given folder
    return result;
}

void OpenF1FileFinder::addFile(const QString &path, Result &result) const
{
    if (++result.entriesSeen > m_maxFiles) {
        result.truncated = true;
        return;
    }
    result.files << path;
}

void OpenF1FileFinder::walk(const QString &folder, int depth, Result &result) const
{
    const QFileInfoList entries = QDir(folder).entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name | QDir::DirsLast);
    for (const QFileInfo &entry : entries) {
        if (result.truncated)
            return;
        if (entry.isDir()) {
            if (entry.isSymLink() || depth >= m_maxDepth)
                continue;
            if (++result.entriesSeen > m_maxFiles) {
                result.truncated = true;
                return;
            }
            walk(entry.absoluteFilePath(), depth + 1, result);
        } else {
            addFile(entry.absoluteFilePath(), result);
        }
    }
}

} // namespace pitwall::sources
