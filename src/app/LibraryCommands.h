#pragma once
// The race library from the command line: pitwall library list|rename|delete,
// pitwall export, pitwall import. Output on stdout, errors on stderr, exit codes.

#include <QStringList>

namespace pitwall {

bool isLibraryCommand(const QString &word);
int runLibraryCommand(const QStringList &arguments);

// At start-up: a race of the library left "recording" by a Pit Wall that was killed is
// marked interrupted (at its last stored message), said once on stderr.
void repairInterruptedRaces(const QString &libraryPath);

} // namespace pitwall
