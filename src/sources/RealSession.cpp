#include "RealSession.h"

namespace pitwall::sources {

void RealSession::addIssue(const QString &file, qint64 line, const QString &message)
{
    ++issueCount;
    if (issues.size() < kMaxIssues)
        issues.push_back({file, line, message});
}

} // namespace pitwall::sources
