#pragma once
// The start page: what the main area shows when no race runs. A new user's first five
// minutes start here: a short race (circuit, length, speed, "select your racer"), one click
// to replay a race of the library, the other sources (a real race, the F1 game), and what
// is set up (offline, or which cloud services) with the way to the setup wizard. It only
// says what the user chose; the window starts things.

#include "core/Grid.h"
#include "storage/RaceRecord.h"

#include <QWidget>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;
class QVBoxLayout;

namespace pitwall {

struct RaceChoice {
    QString circuitId;
    int laps = 0;       // 0: the circuit's full race distance
    double speed = 1.0; // race seconds per wall-clock second; 0: as fast as possible
    QString driver;     // followed from the start
    bool hero = false;  // that driver starts P5-P10 and fights for the podium
};

class StartPage : public QWidget {
    Q_OBJECT
public:
    // A 5-lap sprint at 2x: the first race reaches its chequered flag in about 3 minutes.
    static constexpr int kDefaultLaps = 5;
    static constexpr double kDefaultSpeed = 2.0;
    static constexpr int kRecentRaces = 5;

    explicit StartPage(QWidget *parent = nullptr);

    // The drivers to choose from (the built-in grid).
    void setDrivers(const Grid &grid);
    // The choice shown (from saved settings); unknown values leave the defaults.
    void setChoice(const RaceChoice &choice);
    RaceChoice choice() const;
    // The latest races of the library, newest first (at most kRecentRaces are listed).
    void setRecentRaces(const std::vector<RaceRecord> &races);
    // What is set up: one line per service; `offline` when nothing leaves this machine.
    void setSetupStatus(const QStringList &lines, bool offline);
    // Whether Kafka is ready (the buttons that start something wait for it).
    void setReady(bool ready, const QString &why = {});

signals:
    void startRequested(const pitwall::RaceChoice &choice);
    void replayRequested(const QString &raceId);
    void libraryRequested();
    void importRequested();
    void followGameRequested();
    void setupRequested();

private:
    QWidget *buildRaceCard();
    QWidget *buildReplayCard();
    QWidget *buildSourcesCard();
    QWidget *buildSetupCard();
    void setLengthPreset(double fraction);
    int fullDistance() const;

    QComboBox *m_circuit = nullptr;
    QSpinBox *m_laps = nullptr;
    QComboBox *m_speed = nullptr;
    QComboBox *m_driver = nullptr;
    QCheckBox *m_hero = nullptr;
    QLabel *m_duration = nullptr;
    QVBoxLayout *m_recentList = nullptr;
    QLabel *m_setupStatus = nullptr;
    QLabel *m_notReady = nullptr;
    QList<QWidget *> m_startButtons;  // Start race and Follow the game: wait for Kafka
    QList<QWidget *> m_replayButtons; // remade with the list
    bool m_ready = false;
};

} // namespace pitwall

Q_DECLARE_METATYPE(pitwall::RaceChoice)
