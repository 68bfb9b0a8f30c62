#pragma once
// The guided setup (File ▸ Setup wizard; shown at first start): Welcome → Mode → Kafka →
// Schema Registry → Flink → Bedrock → OpenAI → MongoDB Atlas → Test connections →
// Summary. Each page checks its fields as they are typed and tests them with a real call;
// any page can be skipped (Skip clears it). Finish saves: settings for the choices, the
// secret store for the secrets — the keychain, or where none answers, this session only
// or a 0600 file, as the user picks on the summary page.

#include "setup/ConnectionChecks.h"
#include "setup/SetupConfig.h"

#include <QWizard>
#include <memory>

namespace Ui {
class SetupWizard;
}

class QLabel;
class QLineEdit;
class QPushButton;

namespace pitwall {

namespace secrets {
class SecretStore;
}
namespace cloud {
class CloudProvisioner;
}

class SetupWizard : public QWizard {
    Q_OBJECT
public:
    enum PageId { Welcome, Mode, Kafka, Registry, Flink, Bedrock, OpenAi, Mongo, Tests, Summary };

    SetupWizard(const setup::SetupConfig &initial, std::shared_ptr<secrets::SecretStore> store, QWidget *parent = nullptr);
    ~SetupWizard() override;

    setup::SetupConfig config() const;
    void setConfig(const setup::SetupConfig &config);
    int nextId() const override;
    void accept() override;

    // What was imported, or why not (the Welcome page's button; public for the tests).
    QString importFile(const QString &path);
    // Runs the Test of one service with what is typed now.
    void test(setup::Service service);
    // The keychain answered at the last check (the summary shows the fallback choice if not).
    bool keychainAvailable() const { return m_keychainAvailable; }

signals:
    void saved();

private:
    void setUpPages();
    void skipPage();
    void showResult(setup::Service service, bool ok, const QString &message);
    void refreshSummary();
    void provision();
    void teardown();
    void watchProvisioner();
    QLabel *resultLabel(setup::Service service) const;

    std::unique_ptr<Ui::SetupWizard> m_ui;
    std::shared_ptr<secrets::SecretStore> m_store;
    setup::ConnectionChecks m_checks;
    bool m_keychainAvailable = true;
    bool m_keychainChecked = false;
    setup::SetupConfig m_hidden; // what the pages do not show (names from admin/config.yaml)
    std::unique_ptr<cloud::CloudProvisioner> m_provisioner;
};

// Masks a secret for the summary: "••••••••" plus its last 2 characters when long enough.
QString maskedSecret(const QString &secret);

} // namespace pitwall
