#include "RaceSource.h"

#include <cmath>
#include <thread>

namespace pitwall {

RaceSource::RaceSource(double speed, Backlog backlog, StepClock onStep)
    : m_speed(speed)
    , m_requestedSpeed(speed)
    , m_backlog(std::move(backlog))
    , m_onStep(std::move(onStep))
{
}

void RaceSource::start(std::function<void()> onFinished)
{
    m_thread = std::jthread([this, onFinished = std::move(onFinished)](std::stop_token stop) {
        m_wallStart = std::chrono::steady_clock::now();
        // The thread boundary: a source that throws stops (said and kept for failure()),
        // the program does not.
        bool ranToItsEnd = false;
        QString failure;
        try {
            ranToItsEnd = run(stop);
        } catch (const std::exception &error) {
            failure = QString::fromLocal8Bit(error.what());
        } catch (...) {
            failure = QStringLiteral("an exception that is not a std::exception");
        }
        if (!failure.isEmpty()) {
            qWarning("race source stopped: %s", qPrintable(failure));
            QMutexLocker lock(&m_failureMutex);
            m_failure = failure;
            return;
        }
        if (ranToItsEnd && onFinished)
            onFinished();
    });
}

QString RaceSource::failure() const
{
    QMutexLocker lock(&m_failureMutex);
    return m_failure;
}

void RaceSource::stop()
{
    m_thread.request_stop();
    if (m_thread.joinable())
        m_thread.join();
}

void RaceSource::announce(double raceTimeS)
{
    if (m_onStep)
        m_onStep(qint64(std::llround(raceTimeS * 1000)));
}

void RaceSource::rebase(double raceTimeS)
{
    m_wallStart = std::chrono::steady_clock::now() - std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                         std::chrono::duration<double>(m_speed > 0 ? raceTimeS / m_speed : 0.0));
}

void RaceSource::holdBackAndKeepPace(const std::stop_token &stop, double raceTimeS)
{
    using Clock = std::chrono::steady_clock;
    // Back-pressure: never run the readers out of the broker's window.
    while (m_backlog && !stop.stop_requested() && m_backlog(*this) > kMaxBacklog)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    if (const double requested = m_requestedSpeed.load(); requested != m_speed) {
        m_speed = requested;
        rebase(m_raceTimeS.load()); // the new pace counts from this moment
    }
    if (m_speed <= 0)
        return;
    const auto due = m_wallStart + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(raceTimeS / m_speed));
    // Sleep in slices so a stop request is honoured quickly even at slow speeds.
    while (!stop.stop_requested() && Clock::now() < due)
        std::this_thread::sleep_for(std::min<Clock::duration>(due - Clock::now(), std::chrono::milliseconds(50)));
}

} // namespace pitwall
