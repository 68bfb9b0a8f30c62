#include "ReplayBar.h"

#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>

namespace pitwall {

ReplayBar::ReplayBar(QWidget *parent)
    : QToolBar(tr("Replay"), parent)
{
    setObjectName(QStringLiteral("replayToolBar"));
    hide();
    m_pause = addAction(style()->standardIcon(QStyle::SP_MediaPause), tr("Pause"));
    m_pause->setObjectName(QStringLiteral("actionPauseReplay"));
    m_pause->setCheckable(true);
    m_pause->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Space));
    m_pause->setToolTip(tr("Hold the replay, and resume it (Ctrl+Space)"));
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setObjectName(QStringLiteral("replaySlider"));
    m_slider->setMinimumWidth(320);
    m_slider->setToolTip(tr("Race time of the replay: drag to jump"));
    m_sliderAction = addWidget(m_slider);
    connect(m_pause, &QAction::toggled, this, [this](bool paused) {
        showPaused(paused);
        emit pauseRequested(paused);
    });
    connect(m_slider, &QSlider::sliderReleased, this, [this] { emit seekRequested(qint64(m_slider->value()) * 1000); });
}

void ReplayBar::showPaused(bool paused)
{
    m_pause->setText(paused ? tr("Resume") : tr("Pause"));
    m_pause->setIcon(style()->standardIcon(paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
}

void ReplayBar::setDurationMs(qint64 durationMs)
{
    m_slider->setRange(0, int(durationMs / 1000));
}

void ReplayBar::showRaceTime(double raceTimeS)
{
    if (m_slider->isSliderDown())
        return;
    QSignalBlocker blocker(m_slider);
    m_slider->setValue(int(raceTimeS));
}

void ReplayBar::setReplaying(bool replaying)
{
    setVisible(replaying);
    m_pause->setVisible(replaying);
    m_sliderAction->setVisible(replaying);
    if (!replaying && m_pause->isChecked()) {
        QSignalBlocker blocker(m_pause);
        m_pause->setChecked(false);
        showPaused(false);
    }
}

} // namespace pitwall
