// The repository's front page and its package metadata, checked against the source tree:
// the README stays short and names only what exists, the docs pages' links resolve, the
// AppStream metainfo's newest release is the project's version, and the licence is the
// one the metadata declares.

#include "DocsChecker.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QVersionNumber>
#include <QXmlStreamReader>
#include <QtTest>

namespace {

constexpr int kReadmeMaxLines = 150;
constexpr qint64 kScreenshotMaxBytes = 400 * 1024;
const QString kScreenshot = QStringLiteral("docs/images/pitwall-race.png");
const QString kRawUrlPrefix = QStringLiteral("https://raw.githubusercontent.com/pitwall-app/pitwall/main/");

QString readText(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    return QString::fromUtf8(file.readAll());
}

int lineCount(const QString &text)
{
    if (text.isEmpty())
        return 0;
    return int(text.count(QLatin1Char('\n'))) + (text.endsWith(QLatin1Char('\n')) ? 0 : 1);
}

QStringList docsPages(const QDir &root)
{
    QStringList pages;
    for (const QString &name : QDir(root.filePath(QStringLiteral("docs"))).entryList({QStringLiteral("*.md")}, QDir::Files, QDir::Name))
        pages << QStringLiteral("docs/") + name;
    return pages;
}

// What the tests read from the AppStream metainfo.
struct Metainfo {
    struct Release {
        QString version;
        QString date;
        QString description;
    };
    QString projectLicense;
    QString metadataLicense;
    QList<Release> releases; // as listed
    QStringList images;
    QString error;
};

Metainfo readMetainfo(const QString &path)
{
    Metainfo info;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        info.error = QStringLiteral("cannot open ") + path;
        return info;
    }
    QXmlStreamReader xml(&file);
    bool inRelease = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isEndElement() && xml.name() == QLatin1String("release"))
            inRelease = false;
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("project_license")) {
            info.projectLicense = xml.readElementText();
        } else if (name == QLatin1String("metadata_license")) {
            info.metadataLicense = xml.readElementText();
        } else if (name == QLatin1String("release")) {
            info.releases.append({xml.attributes().value(QLatin1String("version")).toString(),
                                  xml.attributes().value(QLatin1String("date")).toString(),
                                  {}});
            inRelease = true;
        } else if (inRelease && (name == QLatin1String("p") || name == QLatin1String("li"))) {
            info.releases.last().description += xml.readElementText(QXmlStreamReader::IncludeChildElements);
        } else if (name == QLatin1String("image")) {
            info.images << xml.readElementText().trimmed();
        }
    }
    if (xml.hasError())
        info.error = QStringLiteral("%1:%2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    return info;
}

} // namespace

class TestDocs : public QObject {
    Q_OBJECT

private:
    const QDir m_root{QStringLiteral(PITWALL_SOURCE_DIR)};
    const DocsChecker m_checker{QStringLiteral(PITWALL_SOURCE_DIR)};

private slots:
    void readmeIsShort()
    {
        const QString readme = readText(m_root.filePath(QStringLiteral("README.md")));
        QVERIFY2(!readme.isEmpty(), "README.md is missing or empty");
        const int lines = lineCount(readme);
        QVERIFY2(lines <= kReadmeMaxLines,
                 qPrintable(QStringLiteral("README.md has %1 lines, over %2: move the detail to a page in docs/").arg(lines).arg(kReadmeMaxLines)));
    }

    void readmeNamesOnlyWhatExists()
    {
        const QString readme = readText(m_root.filePath(QStringLiteral("README.md")));
        const QStringList problems = m_checker.problems(QStringLiteral("README.md"), readme);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        // The checker saw something to check (a README naming no path would pass vacuously).
        QVERIFY(DocsChecker::codePaths(readme).size() >= 3);
        QVERIFY(DocsChecker::linkTargets(readme).size() >= 3);
    }

    void readmeLinksEveryDocsPage()
    {
        const QStringList linked = DocsChecker::linkTargets(readText(m_root.filePath(QStringLiteral("README.md"))));
        const QStringList pages = docsPages(m_root);
        QVERIFY2(pages.size() >= 5, "docs/ should hold the reference pages");
        for (const QString &page : pages)
            QVERIFY2(linked.contains(page), qPrintable(QStringLiteral("README.md does not link to %1").arg(page)));
    }

    void docsPagesNameOnlyWhatExists()
    {
        QStringList problems;
        for (const QString &page : docsPages(m_root)) {
            const QString text = readText(m_root.filePath(page));
            QVERIFY2(text.startsWith(QLatin1String("# ")), qPrintable(page + QStringLiteral(" has no title line")));
            problems << m_checker.problems(page, text);
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void checkerCatchesWhatIsWrong()
    {
        // A made-up tree and page: the checker must find each mistake, and only those.
        QTemporaryDir tree;
        QVERIFY(tree.isValid());
        QDir dir(tree.path());
        QVERIFY(dir.mkpath(QStringLiteral("docs")) && dir.mkpath(QStringLiteral("src/ml")));
        for (const QString &name : {QStringLiteral("docs/a.md"), QStringLiteral("src/ml/Stl.cpp"), QStringLiteral("LICENSE")}) {
            QFile file(dir.filePath(name));
            QVERIFY(file.open(QIODevice::WriteOnly));
        }
        const QString page = QStringLiteral("# Page\nSee [a](a.md#top), [b](b.md), [web](https://example.org/x.md) and ![shot](images/none.png).\n"
                                            "Code in `src/ml/Stl`, `src/ml/Arima.cpp`, `LICENSE`, `build/bin/pitwall`, `../shared/data`,\n"
                                            "`src/ml/*.cpp`, `src/ai/` and `pitwall --help`.\n");
        const QStringList problems = DocsChecker(tree.path()).problems(QStringLiteral("docs/page.md"), page);
        QCOMPARE(problems.size(), 4);
        QVERIFY(problems.at(0).contains(QLatin1String("b.md")));
        QVERIFY(problems.at(1).contains(QLatin1String("images/none.png")));
        QVERIFY(problems.at(2).contains(QLatin1String("src/ml/Arima.cpp")));
        QVERIFY(problems.at(3).contains(QLatin1String("src/ai")));

        QCOMPARE(lineCount(QStringLiteral("a\nb\n")), 2);
        QCOMPARE(lineCount(QStringLiteral("a\nb")), 2);
    }

    void screenshotIsSmallPng()
    {
        QFile png(m_root.filePath(kScreenshot));
        QVERIFY2(png.open(QIODevice::ReadOnly), qPrintable(kScreenshot + QStringLiteral(" is missing")));
        QVERIFY2(png.size() <= kScreenshotMaxBytes,
                 qPrintable(QStringLiteral("%1 is %2 bytes, over %3: refresh it with packaging/tools/refresh-screenshot.sh")
                                .arg(kScreenshot)
                                .arg(png.size())
                                .arg(kScreenshotMaxBytes)));
        QCOMPARE(png.read(8), QByteArray("\x89PNG\r\n\x1a\n", 8));
    }

    void metainfoDescribesThisVersion()
    {
        const Metainfo metainfo = readMetainfo(QStringLiteral(PITWALL_METAINFO));
        QVERIFY2(metainfo.error.isEmpty(), qPrintable(metainfo.error));
        QCOMPARE(metainfo.projectLicense, QStringLiteral("Apache-2.0"));
        QCOMPARE(metainfo.metadataLicense, QStringLiteral("CC0-1.0"));

        // Releases newest first, each dated and described, the newest the version CMake builds.
        QVERIFY(metainfo.releases.size() >= 2);
        QCOMPARE(metainfo.releases.first().version, QStringLiteral(PITWALL_PROJECT_VERSION));
        for (qsizetype i = 0; i < metainfo.releases.size(); ++i) {
            const auto &release = metainfo.releases.at(i);
            QVERIFY2(QDate::fromString(release.date, Qt::ISODate).isValid(), qPrintable(release.version));
            QVERIFY2(!release.description.trimmed().isEmpty(), qPrintable(release.version));
            if (i > 0) {
                const auto &newer = metainfo.releases.at(i - 1);
                QVERIFY(QVersionNumber::fromString(newer.version) > QVersionNumber::fromString(release.version));
                QVERIFY(newer.date >= release.date);
            }
        }

        // Screenshots point at images kept in this repository.
        QVERIFY(!metainfo.images.isEmpty());
        for (const QString &url : metainfo.images) {
            QVERIFY2(url.startsWith(kRawUrlPrefix), qPrintable(url));
            const QString path = url.mid(kRawUrlPrefix.size());
            QVERIFY2(QFileInfo::exists(m_root.filePath(path)), qPrintable(path + QStringLiteral(" is not in the repository")));
        }
    }

    void metainfoPassesAppstreamcli()
    {
        const QString appstreamcli = QStandardPaths::findExecutable(QStringLiteral("appstreamcli"));
        QVERIFY2(!appstreamcli.isEmpty(), "appstreamcli is missing: run packaging/install-deps.sh");
        QProcess validate;
        validate.setProcessChannelMode(QProcess::MergedChannels);
        validate.start(appstreamcli, {QStringLiteral("validate"), QStringLiteral("--no-net"), QStringLiteral("--pedantic"),
                                      QStringLiteral(PITWALL_METAINFO)});
        QVERIFY(validate.waitForFinished(60000));
        QVERIFY2(validate.exitCode() == 0, validate.readAll().constData());
    }

    void licenceIsApache()
    {
        const QString licence = readText(m_root.filePath(QStringLiteral("LICENSE")));
        QVERIFY(licence.contains(QLatin1String("Apache License")));
        QVERIFY(licence.contains(QLatin1String("Version 2.0, January 2004")));
        QVERIFY(licence.contains(QLatin1String("END OF TERMS AND CONDITIONS")));

        const QString copyright = readText(m_root.filePath(QStringLiteral("packaging/deb/copyright")));
        QVERIFY(copyright.startsWith(QLatin1String("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/")));
        QVERIFY(copyright.contains(QLatin1String("Files: *\n")));
        QVERIFY(copyright.contains(QLatin1String("\nLicense: Apache-2.0\n")));
        QVERIFY(!readText(m_root.filePath(QStringLiteral("packaging/deb/THIRD-PARTY-NOTICES"))).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDocs)
#include "tst_docs.moc"
