#include "core/AsyncLoop.h"

#include <QtTest>
#include <deque>

using namespace pitwall;

// runAsyncLoop: the loop continues from callbacks and is freed when it ends.
class TestAsyncLoop : public QObject {
    Q_OBJECT

private slots:
    void loopRunsFromItsCallbacksAndIsFreedAtTheEnd()
    {
        std::deque<std::function<void()>> pending; // stands for requests in flight
        auto token = std::make_shared<int>(0);     // owned by the loop's body while it lives
        int steps = 0;
        runAsyncLoop([&pending, &steps, token](const std::shared_ptr<LoopStep> &step) {
            if (++steps == 3)
                return; // the last step makes no request: the loop ends
            pending.push_back([step] { (*step)(); });
        });
        QCOMPARE(steps, 1);
        QCOMPARE(token.use_count(), 2L); // the loop waits in a callback
        while (!pending.empty()) {
            auto callback = std::move(pending.front());
            pending.pop_front();
            callback();
        }
        QCOMPARE(steps, 3);
        // Nothing waits on the loop any more, so its body (and what it captured) is gone;
        // a step that held itself strongly kept it alive for ever.
        QCOMPARE(token.use_count(), 1L);
    }

    void loopThatStopsAtOnceIsFreed()
    {
        auto token = std::make_shared<int>(0);
        runAsyncLoop([token](const std::shared_ptr<LoopStep> &) {});
        QCOMPARE(token.use_count(), 1L);
    }
};

QTEST_GUILESS_MAIN(TestAsyncLoop)
#include "tst_asyncloop.moc"
