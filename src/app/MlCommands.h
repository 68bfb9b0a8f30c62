#pragma once
// The offline ML commands, for tuning the anomaly and forecast parameters on a series:
//   pitwall detect-anomalies --input FILE.csv [--config JSON] [--output FILE.csv]
//   pitwall forecast --input FILE.csv --horizon H [--config JSON] [--output FILE.csv]

#include <QStringList>

namespace pitwall {

// arguments: the whole command line (program name first). Returns the exit code.
int runMlCommand(const QStringList &arguments);
bool isMlCommand(const QString &word);

} // namespace pitwall
