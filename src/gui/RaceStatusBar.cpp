#include "RaceStatusBar.h"

#include "pipeline/SessionStats.h"

#include <QJsonObject>
#include <QLabel>
#include <QProgressBar>
#include <QStatusBar>

namespace pitwall {

RaceStatusBar::RaceStatusBar(QStatusBar &bar)
    : QObject(&bar)
    , m_kafka(new QLabel(&bar))
    , m_game(new QLabel(&bar))
    , m_lapProgress(new QProgressBar(&bar))
    , m_counts(new QLabel(&bar))
    , m_lag(new QLabel(&bar))
    , m_errors(new QLabel(&bar))
{
    m_kafka->setTextInteractionFlags(Qt::TextSelectableByMouse); // so the address can be copied for kcat
    bar.addWidget(m_kafka, 1);
    m_game->setObjectName(QStringLiteral("gameStatusLabel"));
    m_game->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // long text never widens the window
    m_game->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_game->hide();
    bar.addWidget(m_game, 2);
    m_lapProgress->setObjectName(QStringLiteral("lapProgress"));
    m_lapProgress->setFormat(tr("Lap %v of %m"));
    m_lapProgress->setRange(0, 1);
    m_lapProgress->setValue(0);
    m_lapProgress->setMaximumWidth(220);
    bar.addPermanentWidget(m_lapProgress);
    for (auto *label : {m_counts, m_lag, m_errors})
        bar.addPermanentWidget(label);
    showStats({});
}

void RaceStatusBar::setKafkaText(const QString &text)
{
    m_kafka->setText(text);
}

QString RaceStatusBar::kafkaText() const
{
    return m_kafka->text();
}

void RaceStatusBar::showStats(const SessionStats &stats)
{
    m_counts->setText(tr("produced %1 · consumed %2").arg(stats.produced).arg(stats.consumed));
    m_lag->setText(tr("lag %1").arg(stats.lag));
    const quint64 problems = stats.errors + stats.skipped;
    QString errors = stats.skipped ? tr("errors %1 · skipped %2").arg(stats.errors).arg(stats.skipped)
                                   : tr("errors %1").arg(stats.errors);
    if (stats.brokerRefused)
        errors += tr(" · broker refused %1").arg(stats.brokerRefused);
    m_errors->setText(errors);
    m_errors->setStyleSheet(problems ? QStringLiteral("color: #e74c3c; font-weight: 600;") : QString());
    m_errors->setToolTip(stats.lastError.isEmpty() ? QString() : QStringLiteral("<p>%1</p>").arg(stats.lastError.toHtmlEscaped()));
}

void RaceStatusBar::setLaps(int laps)
{
    m_lapProgress->setRange(0, std::max(1, laps));
    m_lapProgress->setValue(0);
}

void RaceStatusBar::setLap(int lap)
{
    m_lapProgress->setValue(std::clamp(lap, 0, m_lapProgress->maximum()));
}

void RaceStatusBar::showGame(const QJsonObject &status, const QString &where)
{
    const QString state = status.value(QStringLiteral("state")).toString();
    QString text;
    if (status.isEmpty() || state == QLatin1String("waiting"))
        text = tr("F1 game: waiting for telemetry on %1 (UDP Telemetry on, UDP Format 2024 or 2025)").arg(where);
    else if (state == QLatin1String("failed"))
        text = tr("F1 game: %1").arg(status.value(QStringLiteral("error")).toString());
    else
        text = tr("F1 game: %1, %2 packets/s, format %3, %4, %5 · refused %6 · on %7")
                   .arg(state == QLatin1String("receiving") ? tr("receiving") : tr("session ended"))
                   .arg(status.value(QStringLiteral("packets_per_s")).toInt())
                   .arg(status.value(QStringLiteral("format")).toInt())
                   .arg(status.value(QStringLiteral("session_type")).toString(), status.value(QStringLiteral("track")).toString())
                   .arg(status.value(QStringLiteral("refused")).toInteger())
                   .arg(where);
    m_game->setText(text);
    m_game->show();
}

void RaceStatusBar::hideGame()
{
    m_game->hide();
}

} // namespace pitwall
