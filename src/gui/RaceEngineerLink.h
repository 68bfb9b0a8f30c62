#pragma once
// The Ask panel's race engineer: made anew whenever the AI services or the race context
// change, and wired to the panel's conversation.

#include <QObject>

namespace pitwall {

class AskPanel;
class RaceEngineer;
struct SessionOptions;

class RaceEngineerLink : public QObject {
    Q_OBJECT
public:
    RaceEngineerLink(AskPanel &panel, QObject *parent = nullptr);

    // The engineer of these options' AI services and race context (none without both).
    void rebuild(const SessionOptions &options);

private:
    AskPanel &m_panel;
    RaceEngineer *m_engineer = nullptr;
};

} // namespace pitwall
