#pragma once
// The Ask panel's link to the race: questions go to the controller's commentary search,
// the panel says which models answer, and its race engineer is made anew whenever the AI
// services or the race context change.

#include <QObject>

namespace pitwall {

class AskPanel;
class RaceController;
class RaceEngineer;

class AskPanelLink : public QObject {
    Q_OBJECT
public:
    AskPanelLink(AskPanel &panel, RaceController &controller, QObject *parent = nullptr);

    // The controller's AI services or race context changed.
    void servicesChanged();
    // Only the race engineer is made anew (the race context or live servers changed).
    void rebuildEngineer();

private:
    void ask(const QString &question, bool thisRaceOnly);

    AskPanel &m_panel;
    RaceController &m_controller;
    RaceEngineer *m_engineer = nullptr;
};

} // namespace pitwall
