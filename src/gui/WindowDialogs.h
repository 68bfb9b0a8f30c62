#pragma once
// The dialogs the window's menus open (Help ▸ About, File ▸ Kafka connection, Live servers,
// Setup wizard), each modal over the window; what is chosen is saved before it returns.

#include "stream/KafkaSelection.h"

#include <QObject>
#include <optional>

class QStatusBar;
class QWidget;

namespace pitwall {

class LiveServers;

class WindowDialogs : public QObject {
    Q_OBJECT
public:
    // status: where a problem reading the saved setup is told.
    WindowDialogs(QWidget &window, QStatusBar &status);

    void showAbout();
    // The connection chosen (and saved), or none when cancelled.
    std::optional<KafkaSelection> chooseKafkaConnection(const KafkaSelection &current);
    void editLiveServers(LiveServers &servers);
    // True when the wizard finished (its setup saved).
    bool runSetupWizard();

private:
    QWidget &m_window;
    QStatusBar &m_status;
};

} // namespace pitwall
