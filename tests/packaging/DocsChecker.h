#pragma once
// Checks a Markdown page of the repository against the source tree: every relative link
// (and image) names a file that exists, and every repository path written in inline code
// (`src/...`, `packaging/...`, `LICENSE`, ...) exists. Paths in code are from the
// repository's root, as the pages write them; links are relative to the page, as Markdown
// resolves them. Build output (build/...) and paths outside the repository (../shared)
// are not the tree's, so they are not checked.

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringList>

class DocsChecker {
public:
    explicit DocsChecker(const QString &repositoryRoot)
        : m_root(repositoryRoot)
    {
    }

    // Problems found in a page, one sentence each; empty when the page is sound.
    QStringList problems(const QString &pagePath, const QString &text) const
    {
        QStringList found;
        const QString pageDir = QFileInfo(m_root.filePath(pagePath)).absolutePath();
        for (const QString &target : linkTargets(text)) {
            if (!QFileInfo::exists(QDir(pageDir).filePath(target)))
                found << QStringLiteral("%1 links to %2, which does not exist").arg(pagePath, target);
        }
        for (const QString &path : codePaths(text)) {
            if (!existsInTree(path))
                found << QStringLiteral("%1 names %2, which is not in the repository").arg(pagePath, path);
        }
        return found;
    }

    // Relative targets of [text](target) and ![alt](target), without #anchors.
    static QStringList linkTargets(const QString &text)
    {
        static const QRegularExpression link(QStringLiteral(R"(\]\(([^)\s]+)(?:\s+"[^"]*")?\))"));
        QStringList targets;
        for (const auto &match : link.globalMatch(text)) {
            QString target = match.captured(1);
            if (target.contains(QLatin1String("://")) || target.startsWith(QLatin1String("mailto:")) ||
                target.startsWith(QLatin1Char('#')))
                continue;
            target = target.section(QLatin1Char('#'), 0, 0);
            if (!target.isEmpty())
                targets << target;
        }
        return targets;
    }

    // Words in inline code that are paths of the repository: they start with one of its
    // top-level entries. Trailing punctuation and "dir/" slashes are dropped.
    static QStringList codePaths(const QString &text)
    {
        static const QRegularExpression code(QStringLiteral("`([^`\\n]+)`"));
        static const QRegularExpression repoPath(QStringLiteral(
            R"(^(?:(?:src|ui|resources|translations|packaging|tests|docs|\.ci)/[\w.*/+-]*|CMakeLists\.txt|LICENSE|README\.md)$)"));
        QStringList paths;
        for (const auto &match : code.globalMatch(text)) {
            for (QString word : match.captured(1).split(QRegularExpression(QStringLiteral("[\\s,;()]+")), Qt::SkipEmptyParts)) {
                while (word.endsWith(QLatin1Char('.')) || word.endsWith(QLatin1Char(':')))
                    word.chop(1);
                if (repoPath.match(word).hasMatch())
                    paths << word;
            }
        }
        return paths;
    }

private:
    // A path exists as written, as a folder ("dir/"), as a glob on its last part
    // ("tests/bench/*"), or as a class named without its extension ("src/ml/Stl" for
    // Stl.h and Stl.cpp).
    bool existsInTree(QString path) const
    {
        while (path.endsWith(QLatin1Char('/')))
            path.chop(1);
        if (QFileInfo::exists(m_root.filePath(path)))
            return true;
        const QFileInfo info(m_root.filePath(path));
        const QDir dir = info.absoluteDir();
        if (!dir.exists())
            return false;
        const QString pattern = info.fileName().contains(QLatin1Char('*')) ? info.fileName() : info.fileName() + QStringLiteral(".*");
        return !dir.entryList({pattern}, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot).isEmpty();
    }

    QDir m_root;
};
