// An asynchronous loop: a step that runs again from the callback of the request it made.
// The step refers to itself only weakly; the callbacks waiting on it hold it. A step that
// captured itself strongly was a reference cycle that outlived the loop (LeakSanitizer
// found one in each cloud teardown).
#pragma once

#include <functional>
#include <memory>

namespace pitwall {

using LoopStep = std::function<void()>;

// Runs `body` now; `body` gets the step, to capture in the callbacks that continue the loop
// with `(*step)()`. The loop ends, and is freed, when a body makes no such callback.
inline void runAsyncLoop(std::function<void(const std::shared_ptr<LoopStep> &step)> body)
{
    auto step = std::make_shared<LoopStep>();
    *step = [body = std::move(body), self = std::weak_ptr<LoopStep>(step)] {
        if (auto strong = self.lock())
            body(strong);
    };
    (*step)();
}

} // namespace pitwall
