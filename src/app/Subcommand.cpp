#include "Subcommand.h"

#include "core/PrintableText.h"

#include <cstdio>

namespace pitwall {

QStringList subcommandArguments(const QStringList &arguments)
{
    QStringList rest = arguments.mid(2);
    rest.prepend(arguments.value(0) + QLatin1Char(' ') + arguments.value(1));
    return rest;
}

int failSubcommand(const QString &command, const QString &message, int code)
{
    std::fprintf(stderr, "pitwall %s: %s\n", qPrintable(command), qPrintable(printable(message)));
    return code;
}

} // namespace pitwall
