#pragma once
// The Flink SQL statements kept as files (resources/flink/<name>.sql, compiled in under
// :/flink/), so they can be read, diffed and linted as SQL. A file's leading `--` lines
// describe it and are not sent. `{{name}}` marks a value the code fills in at run time
// (a model's settings, a connection's name...); each must get a value and each value
// given must have its place, so no placeholder reaches Flink unreplaced.

#include "core/Expected.h"

#include <QHash>
#include <QString>

namespace pitwall::cloud {

using SqlValues = QHash<QString, QString>;

// The statement of :/flink/<name>.sql with its placeholders filled in, or why it cannot be
// made (no such file, a placeholder without value, a value without placeholder).
Expected<QString> loadFlinkSql(const QString &name, const SqlValues &values = {});

// The same for the built-in statements, where a failure is a programming error (the tests
// load every one): asserts in a debug build, logs it and gives an empty statement otherwise.
QString flinkSql(const QString &name, const SqlValues &values = {});

} // namespace pitwall::cloud
