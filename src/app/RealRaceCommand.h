#pragma once
// pitwall import-race: a real Formula 1 race into the library, from files on disk (a
// live-timing session folder, a zip of one, OpenF1 files) or downloaded first (the F1
// live-timing archive by year, event and session; OpenF1 by session key). Prints the new
// race's id and a one-line summary on stdout, the import's report on stderr.

#include <QStringList>

namespace pitwall {

bool isRealRaceCommand(const QString &word);
int runRealRaceCommand(const QStringList &arguments);

} // namespace pitwall
