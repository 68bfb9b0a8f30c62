#pragma once
// Lists the files under the paths a user gave: files as they are, folders searched
// recursively in name order, bounded in depth and in the files and folders looked at (a
// folder picked by mistake, such as a home folder, must not be walked whole). Symbolic links to folders are not
// followed, so a link loop cannot trap the walk.

#include <QStringList>

namespace pitwall::sources {

class OpenF1FileFinder {
public:
    struct Result {
        QStringList files;       // absolute paths, each once
        QStringList absentPaths; // given paths that are neither a file nor a folder
        bool truncated = false;  // the count limit was reached
        int entriesSeen = 0;     // files and folders looked at, against the limit
    };

    OpenF1FileFinder(int maxDepth, int maxFiles);
    Result find(const QStringList &paths) const;

private:
    void walk(const QString &folder, int depth, Result &result) const;
    void addFile(const QString &path, Result &result) const;

    int m_maxDepth;
    int m_maxFiles;
};

} // namespace pitwall::sources
