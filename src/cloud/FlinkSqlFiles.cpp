#include "FlinkSqlFiles.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QtGlobal>

namespace pitwall::cloud {

namespace {

// The file's text without its leading comment block and the final line break.
QString statementText(const QString &fileText)
{
    const QStringList lines = fileText.split(QLatin1Char('\n'));
    qsizetype first = 0;
    while (first < lines.size() && (lines[first].startsWith(QLatin1String("--")) || lines[first].trimmed().isEmpty()))
        ++first;
    QString text = lines.mid(first).join(QLatin1Char('\n'));
    while (text.endsWith(QLatin1Char('\n')))
        text.chop(1);
    return text;
}

} // namespace

Expected<QString> loadFlinkSql(const QString &name, const SqlValues &values)
{
    QFile file(QStringLiteral(":/flink/%1.sql").arg(name));
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("no Flink SQL file %1").arg(file.fileName())};
    const QString text = statementText(QString::fromUtf8(file.readAll()));

    static const QRegularExpression placeholder(QStringLiteral("\\{\\{([A-Za-z0-9_]+)\\}\\}"));
    QString filled;
    QSet<QString> used;
    qsizetype copied = 0;
    // One pass: a value that happens to hold "{{...}}" is not read as a placeholder again.
    for (auto it = placeholder.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        const QString key = match.captured(1);
        const auto value = values.constFind(key);
        if (value == values.cend())
            return Error{QStringLiteral("%1.sql: no value for {{%2}}").arg(name, key)};
        filled += QStringView(text).mid(copied, match.capturedStart() - copied);
        filled += *value;
        copied = match.capturedEnd();
        used.insert(key);
    }
    filled += QStringView(text).mid(copied);
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        if (!used.contains(it.key()))
            return Error{QStringLiteral("%1.sql: no placeholder {{%2}}").arg(name, it.key())};
    }
    return filled;
}

QString flinkSql(const QString &name, const SqlValues &values)
{
    const auto sql = loadFlinkSql(name, values);
    if (sql)
        return sql.value();
    qCritical("pitwall: built-in Flink SQL: %s", qPrintable(sql.error().message));
    Q_ASSERT_X(false, "flinkSql", "a built-in Flink SQL file is missing or its placeholders do not match");
    return {};
}

} // namespace pitwall::cloud
