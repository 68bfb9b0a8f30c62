#include "LiveServersDialog.h"

#include "live/LiveFeedServer.h"
#include "live/LiveServers.h"
#include "mcp/McpServer.h"
#include "ui_LiveServersDialog.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QPushButton>
#include <QSettings>

namespace pitwall {

LiveServersDialog::LiveServersDialog(LiveServers &servers, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::LiveServersDialog>())
    , m_servers(servers)
    , m_token(servers.mcpToken())
{
    m_ui->setupUi(this);
    const auto &settings = servers.settings();
    m_ui->mcpGroup->setChecked(settings.mcpEnabled);
    m_ui->mcpPort->setValue(settings.mcpPort);
    m_ui->mcpToken->setText(m_token);
    m_ui->feedGroup->setChecked(settings.feedEnabled);
    m_ui->feedPort->setValue(settings.feedPort);
    connect(m_ui->showToken, &QPushButton::toggled, this,
            [this](bool shown) { m_ui->mcpToken->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password); });
    connect(m_ui->copyToken, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(m_token); });
    connect(m_ui->newToken, &QPushButton::clicked, this, [this] {
        m_token = McpServer::generateToken();
        m_ui->mcpToken->setText(m_token);
        m_ui->status->setText(tr("Apply to use the new token; agents must then send it."));
    });
    connect(m_ui->buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &LiveServersDialog::apply);
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    showState();
}

LiveServersDialog::~LiveServersDialog() = default;

void LiveServersDialog::apply()
{
    LiveServerSettings wanted;
    wanted.mcpEnabled = m_ui->mcpGroup->isChecked();
    wanted.mcpPort = quint16(m_ui->mcpPort->value());
    wanted.mcpToken = m_token;
    wanted.feedEnabled = m_ui->feedGroup->isChecked();
    wanted.feedPort = quint16(m_ui->feedPort->value());
    wanted.feedMaxClients = m_servers.settings().feedMaxClients;
    const auto applied = m_servers.apply(wanted);
    QSettings settings;
    wanted.save(settings);
    showState(applied ? QString() : applied.error().message);
}

void LiveServersDialog::showState(const QString &error)
{
    const auto &settings = m_servers.settings();
    m_ui->mcpAddress->setText(m_servers.mcpRunning() ? tr("Running at http://127.0.0.1:%1/mcp (Streamable HTTP). Agents send the header "
                                                          "Authorization: Bearer <token>.")
                                                           .arg(settings.mcpPort)
                                                     : tr("Off."));
    QString feed = tr("Off.");
    if (const LiveFeedServer *server = m_servers.feed()) {
        const FeedRefusals refused = server->refusals();
        feed = tr("Running: updates at ws://127.0.0.1:%1/live, example overlay at http://127.0.0.1:%1/overlay. "
                  "%2 of at most %3 clients; refused: %4 (other sites %5, too many %6, sent too much %7).")
                   .arg(settings.feedPort)
                   .arg(server->clientCount())
                   .arg(settings.feedMaxClients)
                   .arg(refused.total())
                   .arg(refused.origin)
                   .arg(refused.tooMany)
                   .arg(refused.tooLarge);
    }
    m_ui->feedAddress->setText(feed);
    m_ui->status->setText(error.isEmpty() ? tr("Both listen on this computer only (127.0.0.1).") : error);
}

} // namespace pitwall
