#pragma once
// The main toolbar's race controls (circuit, laps, speed, source) and the Race menu's
// speed and F1 game entries. Each choice is saved as it changes and reported to the
// window, which hands it to the race controller.

#include <QObject>
#include <QString>

class QAction;
class QComboBox;
class QMenu;
class QSpinBox;
class QToolBar;
class QWidget;

namespace pitwall {

class RaceController;

struct SessionOptions;

class RaceToolbar : public QObject {
    Q_OBJECT
public:
    static inline const QString kLapsKey = QStringLiteral("race/laps"); // the start page's too
    RaceToolbar(QToolBar &toolBar, QMenu &raceMenu, QWidget *parent);

    QString circuitId() const;
    int laps() const;
    double speed() const;
    bool gameChosen() const; // Start follows the F1 game instead of the simulator
    // Shows this race without reporting it back (the command line's options).
    void showOptions(const SessionOptions &options);
    // Shows the start page's choice (each box reports and saves itself).
    void choose(const QString &circuitId, int laps, double speed);
    void chooseSimulator();
    void setRaceActive(bool active);
    void setKafkaReady(bool ready); // the game can be followed once Kafka is ready
    // The controller's race options take the boxes' circuit, laps and speed, now and on each change.
    void drive(RaceController &controller);

signals:
    void circuitChanged(const QString &circuitId);
    void lapsChanged(int laps);
    void speedChanged(double speed);
    void followGameRequested();

private:
    void selectSpeed(double speed);

    QWidget *m_parent;
    QComboBox *m_circuitBox = nullptr;
    QSpinBox *m_lapsBox = nullptr;
    QComboBox *m_speedBox = nullptr;
    QComboBox *m_sourceBox = nullptr;
    QAction *m_followGame = nullptr;
    bool m_raceActive = false;
};

} // namespace pitwall
