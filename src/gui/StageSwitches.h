#pragma once
// The Pipeline panel's stage switches: a stage switched off (or run in Confluent Cloud)
// goes to the race controller and is remembered, so it stays off at the next start.

#include <QObject>

namespace pitwall {

class PipelinePanel;
class RaceController;

class StageSwitches : public QObject {
    Q_OBJECT
public:
    // Restores the stages switched off last time into the controller's race options.
    StageSwitches(PipelinePanel &panel, RaceController &controller, QObject *parent = nullptr);

    // The panel shows the stages the race options switch off (after the command line added some).
    void showDisabled();

private:
    void switchStage(const QString &stage, bool enabled);
    void runInCloud(const QStringList &stages);
    void save();

    PipelinePanel &m_panel;
    RaceController &m_controller;
};

} // namespace pitwall
