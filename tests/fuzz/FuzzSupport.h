#pragma once
// Shared by the libFuzzer targets: the Qt application object some decoders need (once per
// process), and a way to fail loudly when a decoder breaks one of its own promises.

#include <QCoreApplication>
#include <QByteArray>
#include <QLoggingCategory>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace pitwall::fuzz {

// A QCoreApplication for the process (QTemporaryDir, QJson, QSql need none, QSqlDatabase
// drivers and timers do); warnings silenced so the fuzzer's own output stays readable.
inline void initQt()
{
    static int argc = 1;
    static char name[] = "pitwall-fuzz";
    static char *argv[] = {name, nullptr};
    static QCoreApplication *app = [] {
        QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false\n*.warning=false\n*.info=false"));
        return new QCoreApplication(argc, argv);
    }();
    (void)app;
}

// A broken invariant is a finding: abort so libFuzzer saves the input.
inline void require(bool condition, const char *what)
{
    if (!condition) {
        std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
        std::abort();
    }
}

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

} // namespace pitwall::fuzz
