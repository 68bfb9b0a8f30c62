#include "WindowDialogs.h"

#include "KafkaConnectionDialog.h"
#include "LiveServersDialog.h"
#include "SetupWizard.h"
#include "secrets/AppSecrets.h"
#include "setup/SetupConfig.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>

namespace pitwall {

WindowDialogs::WindowDialogs(QWidget &window, QStatusBar &status)
    : QObject(&window)
    , m_window(window)
    , m_status(status)
{
}

void WindowDialogs::showAbout()
{
    QMessageBox::about(&m_window, tr("About Pit Wall"),
                       tr("<b>Pit Wall %1</b><p>Follow a Formula 1 race live: leaderboard, telemetry and a "
                          "streaming-AI pit wall, on an embedded Kafka broker or your own cluster.</p>")
                           .arg(QCoreApplication::applicationVersion()));
}

std::optional<KafkaSelection> WindowDialogs::chooseKafkaConnection(const KafkaSelection &current)
{
    KafkaConnectionDialog dialog(current, &m_window);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    const auto selection = dialog.selection();
    QSettings settings;
    selection.save(settings);
    return selection;
}

void WindowDialogs::editLiveServers(LiveServers &servers)
{
    LiveServersDialog dialog(servers, &m_window);
    dialog.exec();
}

bool WindowDialogs::runSetupWizard()
{
    QSettings settings;
    auto store = secrets::openAppSecretStore(settings);
    QStringList problems;
    const auto current = setup::SetupConfig::load(settings, *store, &problems);
    SetupWizard wizard(current, store, &m_window);
    if (!problems.isEmpty())
        m_status.showMessage(tr("Some saved secrets could not be read: %1").arg(problems.first()), 10000);
    return wizard.exec() == QDialog::Accepted;
}

} // namespace pitwall
