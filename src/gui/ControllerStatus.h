#pragma once
// What the window says about the race controller's Kafka connection and setup: the Kafka
// line of the status bar's gauges, the status bar's messages about a setup saved and
// applied, and the failures the problem banner shows.

#include <QObject>

class QStatusBar;

namespace pitwall {

class RaceController;
class RaceStatusBar;

class ControllerStatus : public QObject {
    Q_OBJECT
public:
    ControllerStatus(RaceController &controller, RaceStatusBar &gauges, QStatusBar &status, QObject *parent = nullptr);

    // The setup wizard saved a new setup (the controller applies it next).
    void showSetupSaved();

signals:
    void problem(const QString &text);

private:
    RaceController &m_controller;
    RaceStatusBar &m_gauges;
    QStatusBar &m_status;
};

} // namespace pitwall
