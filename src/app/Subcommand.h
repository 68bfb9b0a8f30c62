#pragma once
// What the `pitwall <command> ...` subcommands (import-race, udp-replay, library, ...) do
// alike: hand their own parser its arguments, and say a failure on stderr.

#include <QString>
#include <QStringList>

namespace pitwall {

// `arguments` (pitwall COMMAND ...) as COMMAND's parser reads them: "pitwall COMMAND" as the program.
QStringList subcommandArguments(const QStringList &arguments);
// Prints "pitwall COMMAND: message" (made printable) on stderr and answers `code`, main()'s exit code.
int failSubcommand(const QString &command, const QString &message, int code);

} // namespace pitwall
