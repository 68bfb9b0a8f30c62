#pragma once
// The replay's own toolbar row, shown during a replay only: pause/resume and the race
// time, dragged to seek. It reports what the user asks; the window hands it to the race
// controller.

#include <QToolBar>

class QSlider;

namespace pitwall {

class ReplayBar : public QToolBar {
    Q_OBJECT
public:
    explicit ReplayBar(QWidget *parent);

    void setDurationMs(qint64 durationMs);
    void showRaceTime(double raceTimeS); // unless the user is dragging
    // Shown while a replay runs; hidden (and resumed) otherwise.
    void setReplaying(bool replaying);

signals:
    void pauseRequested(bool paused);
    void seekRequested(qint64 raceMs);

private:
    void showPaused(bool paused);

    QAction *m_pause = nullptr;
    QSlider *m_slider = nullptr;
    QAction *m_sliderAction = nullptr;
};

} // namespace pitwall
