#include "HeapTrim.h"

#include <QByteArray>
#include <QFile>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace pitwall {

long long residentBytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong() * 1024;
    }
    return 0;
}

long long returnFreedHeapToSystem()
{
#if defined(__GLIBC__)
    const long long before = residentBytes();
    malloc_trim(0);
    return std::max(0LL, before - residentBytes());
#else
    return 0;
#endif
}

} // namespace pitwall
