#pragma once
// The guided setup (File ▸ Setup wizard; shown at first start): Welcome → Mode → Kafka →
// Schema Registry → Flink → Bedrock → OpenAI → MongoDB Atlas → Test connections →
// Summary. Each page checks its fields as they are typed and tests them with a real call;
// any page can be skipped (Skip clears it). Finish saves: settings for the choices, the
// secret store for the secrets — the keychain, or where none answers, this session only
// or a 0600 file, as the user picks on the summary page.

#include "setup/AtlasVectorIndex.h"
#include "setup/ConnectionChecks.h"
#include "setup/SetupConfig.h"

#include <QWizard>
#include <atomic>
#include <functional>
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

    // How the MongoDB page reaches Atlas for the vector index (libmongoc on the URI; a test gives a fake).
    using SearchIndexCommandsFactory = std::function<std::unique_ptr<setup::SearchIndexCommands>(const QString &uri)>;
    void setSearchIndexCommands(SearchIndexCommandsFactory factory) { m_indexCommands = std::move(factory); }
    void setVectorIndexPolling(int pollMs, int timeoutMs)
    {
        m_indexPollMs = pollMs;
        m_indexTimeoutMs = timeoutMs;
    }

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
    // The MongoDB page's vector index: checked, then created and waited for, off the GUI thread.
    void checkVectorIndex();
    void createVectorIndex();
    void runIndexWork(bool create);
    void showIndexStatus(const QString &status);
    void showIndexResult(bool ok, bool missing, const QString &message);

    std::unique_ptr<Ui::SetupWizard> m_ui;
    std::shared_ptr<secrets::SecretStore> m_store;
    setup::ConnectionChecks m_checks;
    bool m_keychainAvailable = true;
    bool m_keychainChecked = false;
    setup::SetupConfig m_hidden; // what the pages do not show (names from admin/config.yaml)
    std::unique_ptr<cloud::CloudProvisioner> m_provisioner;
    SearchIndexCommandsFactory m_indexCommands;
    int m_indexPollMs = 2000;
    int m_indexTimeoutMs = 10 * 60 * 1000;
    // Set when the wizard goes: a wait in progress stops at its next poll.
    std::shared_ptr<std::atomic_bool> m_indexCancelled = std::make_shared<std::atomic_bool>(false);
};

// Masks a secret for the summary: "••••••••" plus its last 2 characters when long enough.
QString maskedSecret(const QString &secret);

} // namespace pitwall
