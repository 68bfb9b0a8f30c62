#include "core/HeapTrim.h"

#include <QtTest>
#include <cstring>
#include <vector>

using namespace pitwall;

class TestHeapTrim : public QObject {
    Q_OBJECT

private slots:
    void freedHeapGoesBackToTheSystem()
    {
#if !defined(__GLIBC__) || !defined(Q_OS_LINUX)
        QSKIP("glibc on Linux only");
#elif defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
        QSKIP("the sanitizer's allocator stands in for glibc's heap, which is what malloc_trim returns");
#else
        // 64 MB in blocks small enough to come from the heap, not mmap; one in ten kept,
        // so the freed ones sit between live blocks and the heap cannot just shrink.
        std::vector<char *> blocks;
        for (int i = 0; i < 2048; ++i) {
            blocks.push_back(static_cast<char *>(std::malloc(32 * 1024)));
            std::memset(blocks.back(), i & 0xff, 32 * 1024);
        }
        for (size_t i = 0; i < blocks.size(); ++i) {
            if (i % 10 != 0) {
                std::free(blocks[i]);
                blocks[i] = nullptr;
            }
        }
        const long long before = residentBytes();
        QVERIFY(before > 0);
        const long long returned = returnFreedHeapToSystem();
        const long long after = residentBytes();
        QVERIFY2(returned > 32LL * 1024 * 1024, qPrintable(QStringLiteral("returned %1 bytes").arg(returned)));
        QVERIFY(after < before);
        // The live blocks are untouched.
        for (size_t i = 0; i < blocks.size(); i += 10)
            QCOMPARE(blocks[i][1000], char(i & 0xff));
        for (char *block : blocks)
            std::free(block);
#endif
    }
};

QTEST_MAIN(TestHeapTrim)
#include "tst_heaptrim.moc"
