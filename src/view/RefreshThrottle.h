#pragma once
// Coalesces redraw requests: however many updates arrive, the redraw runs at most once
// every `intervalMs`, a little after the first request, on the owner's thread.

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <algorithm>
#include <functional>

namespace pitwall {

class RefreshThrottle {
public:
    RefreshThrottle(QObject *owner, qint64 intervalMs, std::function<void()> redraw)
        : m_owner(owner)
        , m_intervalMs(intervalMs)
        , m_redraw(std::move(redraw))
    {
    }

    void request()
    {
        if (m_pending)
            return;
        m_pending = true;
        const qint64 sinceLast = m_last.isValid() ? m_last.elapsed() : m_intervalMs;
        QTimer::singleShot(int(std::max<qint64>(0, m_intervalMs - sinceLast)), m_owner, [this] {
            if (m_pending) // a redraw made meanwhile (called directly) already showed it
                m_redraw();
        });
    }
    // Called by the redraw itself: whatever was requested is now shown.
    void redrawn()
    {
        m_pending = false;
        m_last.start();
    }

private:
    QObject *m_owner;
    qint64 m_intervalMs;
    std::function<void()> m_redraw;
    bool m_pending = false;
    QElapsedTimer m_last;
};

} // namespace pitwall
