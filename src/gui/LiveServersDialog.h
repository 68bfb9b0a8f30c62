#pragma once
// Settings ▸ Live servers: switch the MCP server and the WebSocket feed on or off, choose
// their ports, see and copy the MCP bearer token. Apply restarts what changed at once and
// saves the choices (not the token: it is made anew each run unless --mcp-token is given).

#include <QDialog>
#include <memory>

namespace Ui {
class LiveServersDialog;
}

namespace pitwall {

class LiveServers;

class LiveServersDialog : public QDialog {
    Q_OBJECT
public:
    LiveServersDialog(LiveServers &servers, QWidget *parent = nullptr);
    ~LiveServersDialog() override;

    void apply();

private:
    void showState(const QString &error = {});

    std::unique_ptr<Ui::LiveServersDialog> m_ui;
    LiveServers &m_servers;
    QString m_token;
};

} // namespace pitwall
