#include "Slug.h"

#include <QRegularExpression>

namespace pitwall::realrace {

QString slug(const QString &text)
{
    static const QRegularExpression nonWord(QStringLiteral("[^a-z0-9]+"));
    QString id = text.toLower();
    id.replace(nonWord, QStringLiteral("-"));
    while (id.startsWith(QLatin1Char('-')))
        id.remove(0, 1);
    while (id.endsWith(QLatin1Char('-')))
        id.chop(1);
    return id;
}

} // namespace pitwall::realrace
