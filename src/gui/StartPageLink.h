#pragma once
// The start page in the window: shown in the main area before a race (and from Race ▸ Start
// page), with the race chosen last time, the library's recent races, the setup's status and
// whether a race can start now.

#include <QObject>

class QLabel;
class QMenu;
class QStackedWidget;

namespace pitwall {

class RaceController;
class RaceLibraryModel;
class RaceToolbar;
class StartPage;
struct RaceChoice;

class StartPageLink : public QObject {
    Q_OBJECT
public:
    // raceTitle: hidden while the page is shown (the page speaks for itself).
    StartPageLink(QStackedWidget &centralStack, QLabel &raceTitle, QMenu &raceMenu, const RaceToolbar &toolbar,
                  const RaceLibraryModel &library, QObject *parent = nullptr);

    StartPage *page() const { return m_page; }
    // What the user chose on the page is remembered for the next start (laps, hero driver).
    static void saveChoice(const RaceChoice &choice);
    // The setup card: offline or which services.
    void showSetup(const RaceController &controller);
    // Whether a race can start now, and if not why (kafkaText: while Kafka is being prepared).
    void showReady(const RaceController &controller, const QString &kafkaText);

private:
    StartPage *m_page;
};

} // namespace pitwall
