#include "CloudDeployPanel.h"

#include "cloud/CloudPlanExport.h"
#include "pipeline/PipelineDefinition.h"
#include "secrets/AppSecrets.h"
#include "setup/SavedCloudPlan.h"
#include "ui_CloudDeployPanel.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QMessageBox>
#include <QSettings>
#include <QTime>

namespace pitwall {

namespace {

// What was deployed, so Stop and Delete reach it after a restart or a changed setup.
const QString kDeployedStatements = QStringLiteral("cloud/deployed/statements");
const QString kDeployedStreaming = QStringLiteral("cloud/deployed/streaming");
const QString kDeployedConnections = QStringLiteral("cloud/deployed/connections");

void rememberDeployed(const cloud::CloudPlan &plan)
{
    QStringList statements, streaming, connections;
    for (const auto &statement : plan.statements) {
        statements << statement.name;
        if (statement.streaming)
            streaming << statement.name;
    }
    for (const auto &connection : plan.connections)
        connections << connection.name;
    QSettings settings;
    settings.setValue(kDeployedStatements, statements);
    settings.setValue(kDeployedStreaming, streaming);
    settings.setValue(kDeployedConnections, connections);
}

// Names only (no SQL, no secrets): enough to stop and delete.
cloud::CloudPlan rememberedPlan()
{
    QSettings settings;
    cloud::CloudPlan plan;
    const QStringList streaming = settings.value(kDeployedStreaming).toStringList();
    for (const auto &name : settings.value(kDeployedStatements).toStringList())
        plan.statements.append({name, {}, streaming.contains(name)});
    for (const auto &name : settings.value(kDeployedConnections).toStringList())
        plan.connections.append({name, {}, {}, {}});
    return plan;
}

void forgetDeployed()
{
    QSettings settings;
    for (const auto &key : {kDeployedStatements, kDeployedStreaming, kDeployedConnections})
        settings.remove(key);
}

} // namespace

CloudTarget savedCloudTarget()
{
    QSettings settings;
    if (!secrets::hasSavedSetup(settings))
        return {{}, {}, std::nullopt, CloudDeployPanel::tr("Set up Confluent Cloud Flink first (File ▸ Setup wizard).")};
    auto store = secrets::openAppSecretStore(settings);
    QStringList problems;
    const auto c = setup::SetupConfig::load(settings, *store, &problems);
    CloudTarget target;
    target.flink.endpoint = c.flinkEndpoint();
    target.flink.organizationId = c.organizationId;
    target.flink.environmentId = c.environmentId;
    target.flink.computePoolId = c.computePoolId;
    target.flink.apiKey = c.flinkApiKey;
    target.flink.apiSecret = c.flinkApiSecret;
    target.flink.catalog = c.catalog;
    target.flink.database = c.database;
    target.ai = setup::cloudAiSettings(c);
    if (!c.registryUrl.isEmpty())
        target.registry = registry::RegistrySettings{c.registryUrl, c.registryApiKey, c.registryApiSecret};
    if (const QString missing = target.flink.missing(); !missing.isEmpty())
        target.error = CloudDeployPanel::tr("Set up Confluent Cloud Flink first (File ▸ Setup wizard): %1.").arg(missing);
    else if (const QString problem = setup::flinkProblem(c); !problem.isEmpty())
        target.error = problem;
    else if (!target.registry)
        // Flink's tables read and write Schema Registry's wire format: without it the app could not follow them.
        target.error = CloudDeployPanel::tr("Set up Schema Registry first (File ▸ Setup wizard): Flink's tables use it.");
    return target;
}

CloudDeployPanel::CloudDeployPanel(std::function<CloudTarget()> loadTarget, QWidget *parent)
    : QGroupBox(parent)
    , m_ui(std::make_unique<Ui::CloudDeployPanel>())
    , m_loadTarget(loadTarget ? std::move(loadTarget) : savedCloudTarget)
{
    m_ui->setupUi(this);
    m_ui->statementTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_ui->statementTable->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_ui->statementTable->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    connect(m_ui->deployButton, &QPushButton::clicked, this, &CloudDeployPanel::deploy);
    connect(m_ui->stopButton, &QPushButton::clicked, this, &CloudDeployPanel::stop);
    connect(m_ui->deleteButton, &QPushButton::clicked, this, &CloudDeployPanel::remove);
    connect(m_ui->refreshButton, &QPushButton::clicked, this, &CloudDeployPanel::refresh);
    connect(m_ui->copyPlanButton, &QPushButton::clicked, this, &CloudDeployPanel::copyPlan);
    m_plan = rememberedPlan();
    showPlan();
    const bool deployedBefore = !m_plan.statements.isEmpty();
    m_ui->stopButton->setEnabled(deployedBefore);
    m_ui->deleteButton->setEnabled(deployedBefore);
    m_ui->refreshButton->setEnabled(deployedBefore);
    say(deployedBefore ? tr("Deployed earlier: Refresh reads its phases, Deploy follows it again, Stop or Delete ends it.")
                       : tr("The pipeline runs on this machine. Deploy runs its stages as Flink SQL in Confluent Cloud."));
}

CloudDeployPanel::~CloudDeployPanel() = default;

void CloudDeployPanel::say(const QString &text, bool error)
{
    m_ui->cloudStatus->setStyleSheet(error ? QStringLiteral("color: #e0533d;") : QString());
    m_ui->cloudStatus->setText(text);
    m_ui->cloudStatus->setToolTip({});
}

void CloudDeployPanel::setBusy(bool busy)
{
    m_ui->deployButton->setEnabled(!busy);
    m_ui->stopButton->setEnabled(!busy && !m_plan.statements.isEmpty());
    m_ui->deleteButton->setEnabled(!busy && !m_plan.statements.isEmpty());
    m_ui->refreshButton->setEnabled(!busy && !m_plan.statements.isEmpty());
}

std::optional<CloudTarget> CloudDeployPanel::connectPipeline()
{
    const CloudTarget target = m_loadTarget();
    if (!target.error.isEmpty()) {
        say(target.error, true);
        return std::nullopt;
    }
    m_pipeline = std::make_unique<cloud::CloudPipeline>(target.flink, target.registry, m_pollMs);
    connect(m_pipeline.get(), &cloud::CloudPipeline::phaseChanged, this, &CloudDeployPanel::setPhase);
    connect(m_pipeline.get(), &cloud::CloudPipeline::finished, this, &CloudDeployPanel::finished);
    return target;
}

void CloudDeployPanel::showPlan()
{
    auto *table = m_ui->statementTable;
    table->setRowCount(0);
    auto addRow = [table](const QString &name) {
        const int row = table->rowCount();
        table->insertRow(row);
        table->setItem(row, 0, new QTableWidgetItem(name));
        table->setItem(row, 1, new QTableWidgetItem(QStringLiteral("—")));
        table->setItem(row, 2, new QTableWidgetItem());
    };
    for (const auto &schema : m_plan.schemas)
        addRow(schema.topic + QStringLiteral("-value"));
    for (const auto &connection : m_plan.connections)
        addRow(connection.name);
    for (const auto &statement : m_plan.statements)
        addRow(statement.name);
}

void CloudDeployPanel::setPhase(const QString &name, const QString &phase, const QString &detail)
{
    const auto found = m_ui->statementTable->findItems(name, Qt::MatchExactly);
    if (found.isEmpty())
        return;
    const int row = found.first()->row();
    auto *phaseItem = m_ui->statementTable->item(row, 1);
    phaseItem->setText(phase);
    const bool bad = phase == QLatin1String("FAILED") || phase == QLatin1String("FAILING") || phase == QLatin1String("DEGRADED");
    phaseItem->setForeground(bad ? QColor(0xe0, 0x53, 0x3d) : QBrush());
    m_ui->statementTable->item(row, 2)->setText(detail);
    m_ui->statementTable->item(row, 2)->setToolTip(detail);
}

void CloudDeployPanel::deploy()
{
    const auto target = connectPipeline();
    if (!target)
        return;
    m_plan = cloud::makeCloudPlan(cloudStages(pipelineDefinition()), target->ai);
    showPlan();
    rememberDeployed(m_plan); // before anything is made: Delete reaches what a cut-off deploy left
    setBusy(true);
    say(tr("Deploying %n statement(s)…", nullptr, int(m_plan.statements.size())));
    m_pipeline->deploy(m_plan);
}

void CloudDeployPanel::stop()
{
    onDeployed(rememberedPlan(), tr("Stopping…"), &cloud::CloudPipeline::stop);
}

void CloudDeployPanel::remove()
{
    const auto deployed = rememberedPlan();
    if (QMessageBox::question(this, tr("Delete from Confluent Cloud"),
                              tr("Delete the %n statement(s) and the connections Pit Wall deployed? The tables and their topics stay.",
                                 nullptr, int(deployed.statements.size()))) == QMessageBox::Yes)
        onDeployed(deployed, tr("Deleting…"), &cloud::CloudPipeline::remove);
}

void CloudDeployPanel::refresh()
{
    onDeployed(rememberedPlan(), tr("Reading the statements' phases…"), &cloud::CloudPipeline::refresh);
}

void CloudDeployPanel::copyPlan()
{
    // Only the AI services matter to the plan: it is copied even before Flink is set up.
    const CloudTarget target = m_loadTarget();
    const auto plan = cloud::makeCloudPlan(cloudStages(pipelineDefinition()), target.ai);
    QGuiApplication::clipboard()->setText(cloud::planToSql(plan));
    say(tr("Copied the plan as SQL: %n statement(s), secrets as placeholders.", nullptr, int(plan.statements.size())));
}

void CloudDeployPanel::onDeployed(const cloud::CloudPlan &deployed, const QString &saying,
                                  void (cloud::CloudPipeline::*action)(const cloud::CloudPlan &))
{
    if (!connectPipeline())
        return;
    m_plan = deployed;
    setBusy(true);
    say(saying);
    (m_pipeline.get()->*action)(m_plan);
}

void CloudDeployPanel::finished(cloud::CloudPipeline::Action action, const QString &error)
{
    setBusy(false);
    if (!error.isEmpty()) {
        say(error, true);
        return;
    }
    switch (action) {
    case cloud::CloudPipeline::Action::Deploy: {
        QStringList why;
        for (auto it = m_plan.localStages.begin(); it != m_plan.localStages.end(); ++it)
            why << QStringLiteral("%1: %2").arg(it.key(), it.value());
        say(m_plan.localStages.isEmpty()
                ? tr("Running in Confluent Cloud: every stage.")
                : tr("Running in Confluent Cloud: %1. Still on this machine: %2 (hover for why).")
                      .arg(m_plan.cloudStages.join(QStringLiteral(", ")), m_plan.localStages.keys().join(QStringLiteral(", "))));
        m_ui->cloudStatus->setToolTip(why.join(QLatin1Char('\n')));
        emit cloudStagesChanged(m_plan.cloudStages);
        break;
    }
    case cloud::CloudPipeline::Action::Stop:
        say(tr("Stopped in Confluent Cloud; the stages run locally again."));
        emit cloudStagesChanged({});
        break;
    case cloud::CloudPipeline::Action::Refresh:
        say(tr("Phases read at %1.").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
        break;
    case cloud::CloudPipeline::Action::Delete:
        forgetDeployed();
        m_plan = {};
        setBusy(false);
        showPlan();
        say(tr("Deleted from Confluent Cloud; the stages run locally again."));
        emit cloudStagesChanged({});
        break;
    }
}

} // namespace pitwall
