#pragma once
// The pipeline panel's Confluent Cloud part: deploy the cloud plan, stop it, delete it,
// with every statement's and connection's phase and error text as it changes. While the
// cloud runs the stages, the matching local stages are off (cloudStagesChanged).

#include "cloud/CloudPipeline.h"

#include <QGroupBox>
#include <functional>
#include <memory>
#include <optional>

namespace Ui {
class CloudDeployPanel;
}

namespace pitwall {

// Where to deploy and with which AI services; error set when Flink is not set up.
struct CloudTarget {
    cloud::FlinkSettings flink;
    cloud::CloudAiSettings ai;
    std::optional<registry::RegistrySettings> registry; // where the tables' schemas go first
    QString error;
};

class CloudDeployPanel : public QGroupBox {
    Q_OBJECT
public:
    // loadTarget: read when an action starts (it may ask the keychain); by default the
    // setup wizard's saved choices.
    explicit CloudDeployPanel(std::function<CloudTarget()> loadTarget = {}, QWidget *parent = nullptr);
    ~CloudDeployPanel() override;

    void setPollInterval(int ms) { m_pollMs = ms; }

signals:
    // The stages Flink now runs (empty: none; the local ones run again).
    void cloudStagesChanged(const QStringList &stages);

private:
    void deploy();
    void stop();
    void remove();
    void refresh();
    // The plan Deploy would run, as Flink SQL on the clipboard (pitwall cloud plan --sql).
    void copyPlan();
    // Stop, Delete and Refresh: `action` on what was deployed, saying `saying` meanwhile.
    void onDeployed(const cloud::CloudPlan &deployed, const QString &saying,
                    void (cloud::CloudPipeline::*action)(const cloud::CloudPlan &));
    // The saved target and a pipeline on it; nullopt (and said) when Flink is not set up.
    std::optional<CloudTarget> connectPipeline();
    void showPlan();
    void setPhase(const QString &name, const QString &phase, const QString &detail);
    void finished(cloud::CloudPipeline::Action action, const QString &error);
    void setBusy(bool busy);
    void say(const QString &text, bool error = false);

    std::unique_ptr<Ui::CloudDeployPanel> m_ui;
    std::function<CloudTarget()> m_loadTarget;
    std::unique_ptr<cloud::CloudPipeline> m_pipeline;
    cloud::CloudPlan m_plan;
    int m_pollMs = 2000;
};

// The setup wizard's saved Flink and AI choices (secrets from the app's store).
CloudTarget savedCloudTarget();

} // namespace pitwall
