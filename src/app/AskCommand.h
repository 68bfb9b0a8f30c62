#pragma once
// pitwall ask "comments about Hamilton" [--race ID] [--json]: the top five commentary
// lines by meaning, with their scores, through the same Kafka stages as the window.

#include <QStringList>

namespace pitwall {

bool isAskCommand(const QString &word);
int runAskCommand(const QStringList &arguments);

} // namespace pitwall
