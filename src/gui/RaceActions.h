#pragma once
// Which race actions can be taken now, from the controller's state: Start, Stop and the
// Kafka connection, the race toolbar, the replay bar and the start page's Start button.

#include <QObject>

class QAction;

namespace pitwall {

class RaceController;
class RaceStatusBar;
class RaceToolbar;
class ReplayBar;
class StartPageLink;

class RaceActions : public QObject {
    Q_OBJECT
public:
    struct Controls {
        QAction &start;
        QAction &stop;
        QAction &kafkaConnection;
        RaceToolbar &toolbar;
        ReplayBar &replayBar;
        StartPageLink &startPage;
        const RaceStatusBar &gauges; // its Kafka line says why a race cannot start yet
    };
    RaceActions(const Controls &controls, const RaceController &controller, QObject *parent = nullptr);

    void update();

private:
    Controls m_controls;
    const RaceController &m_controller;
};

} // namespace pitwall
