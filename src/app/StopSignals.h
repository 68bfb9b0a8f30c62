#pragma once
// SIGTERM, SIGINT and SIGHUP as a Qt signal: the handler only writes the signal's number
// to a pipe (async-signal-safe); a QSocketNotifier reads it on the event loop, where the
// race can be stopped cleanly. The handler resets to the default after one delivery
// (SA_RESETHAND): a second Ctrl-C ends a stop that hangs.

#include <QObject>
#include <QSocketNotifier>
#include <memory>

namespace pitwall {

class StopSignals : public QObject {
    Q_OBJECT
public:
    explicit StopSignals(QObject *parent = nullptr);
    ~StopSignals() override;

    // The shell's name of a signal: SIGTERM, SIGINT, SIGHUP.
    static QString name(int signalNumber);

signals:
    void received(int signalNumber);

private:
    void readPipe();
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace pitwall
