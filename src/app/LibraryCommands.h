#pragma once
// The race library from the command line: pitwall library list|rename|delete,
// pitwall export, pitwall import. Output on stdout, errors on stderr, exit codes.

#include <QStringList>

namespace pitwall {

bool isLibraryCommand(const QString &word);
int runLibraryCommand(const QStringList &arguments);

} // namespace pitwall
