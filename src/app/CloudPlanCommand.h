#pragma once
// pitwall cloud plan [--sql|--json]: the whole cloud plan the pipeline panel's Deploy would
// run, in deployment order, for review before it runs in the user's account — SQL to paste
// into a Confluent Cloud Flink workspace (the default) or JSON the deployer reads back.
// Secrets never: each is a placeholder.

#include <QStringList>

namespace pitwall {

bool isCloudCommand(const QString &word);
int runCloudCommand(const QStringList &arguments);

} // namespace pitwall
