#pragma once
// An id made from a name ("Red Bull Ring" -> "red-bull-ring"): race ids and circuit ids of
// real races and game sessions.

#include <QString>

namespace pitwall::realrace {

QString slug(const QString &text);

} // namespace pitwall::realrace
