#include "SetupWizard.h"

#include "SetupPage.h"
#include "cloud/CloudProvisioner.h"
#include "secrets/SecretStore.h"
#include "setup/DemoConfigImport.h"
#include "ui_SetupWizard.h"

#include <QAbstractButton>
#include <QPointer>
#include <QProgressBar>
#include <QThreadPool>
#include <QFileDialog>
#include <QMessageBox>
#include <QSettings>

namespace pitwall {

using setup::Service;
using setup::SetupConfig;
using setup::SetupMode;

QString maskedSecret(const QString &secret)
{
    if (secret.isEmpty())
        return {};
    return QString(8, QChar(0x2022)) + (secret.size() >= 12 ? secret.right(2) : QString());
}

SetupWizard::SetupWizard(const SetupConfig &initial, std::shared_ptr<secrets::SecretStore> store, QWidget *parent)
    : QWizard(parent)
    , m_ui(std::make_unique<Ui::SetupWizard>())
    , m_store(std::move(store))
{
    m_ui->setupUi(this);
    // The pages' ids are their order in the form: Welcome = 0 … Summary = 9.
    setOption(QWizard::HaveCustomButton1);
    setButtonText(QWizard::CustomButton1, tr("Skip this page"));
    setOption(QWizard::NoBackButtonOnStartPage);
    setUpPages();
    setConfig(initial);
}

SetupWizard::~SetupWizard()
{
    m_indexCancelled->store(true); // a wait for the Atlas index stops at its next poll
}

void SetupWizard::setUpPages()
{
    const std::pair<SetupPage *, std::function<QString()>> checks[] = {
        {m_ui->kafkaPage, [this] { return setup::kafkaProblem(config()); }},
        {m_ui->registryPage, [this] { return setup::registryProblem(config()); }},
        {m_ui->flinkPage, [this] { return setup::flinkProblem(config()); }},
        {m_ui->bedrockPage, [this] { return setup::bedrockProblem(config()); }},
        {m_ui->openAiPage, [this] { return setup::openAiProblem(config()); }},
        {m_ui->mongoPage, [this] { return setup::mongoProblem(config()); }},
    };
    const std::pair<SetupPage *, QLabel *> labels[] = {
        {m_ui->kafkaPage, m_ui->kafkaProblem},   {m_ui->registryPage, m_ui->registryProblem},
        {m_ui->flinkPage, m_ui->flinkProblem},   {m_ui->bedrockPage, m_ui->bedrockProblem},
        {m_ui->openAiPage, m_ui->openAiProblem}, {m_ui->mongoPage, m_ui->mongoProblem},
    };
    for (int i = 0; i < 6; ++i) {
        SetupPage *page = checks[i].first;
        page->setProblem(checks[i].second, labels[i].second);
        // Checked as typed: every field of the page re-checks it.
        for (auto *edit : page->findChildren<QLineEdit *>())
            connect(edit, &QLineEdit::textChanged, page, &SetupPage::recheck);
        for (auto *spin : page->findChildren<QSpinBox *>())
            connect(spin, &QSpinBox::valueChanged, page, &SetupPage::recheck);
    }
    connect(m_ui->kafkaTest, &QPushButton::clicked, this, [this] { test(Service::Kafka); });
    connect(m_ui->registryTest, &QPushButton::clicked, this, [this] { test(Service::SchemaRegistry); });
    connect(m_ui->flinkTest, &QPushButton::clicked, this, [this] { test(Service::Flink); });
    connect(m_ui->bedrockTest, &QPushButton::clicked, this, [this] { test(Service::Bedrock); });
    connect(m_ui->openAiTest, &QPushButton::clicked, this, [this] { test(Service::OpenAi); });
    connect(m_ui->mongoTest, &QPushButton::clicked, this, [this] { test(Service::MongoDb); });
    connect(&m_checks, &setup::ConnectionChecks::finished, this, &SetupWizard::showResult);
    m_indexCommands = [](const QString &uri) { return setup::mongoSearchIndexCommands(uri); };
    connect(m_ui->mongoIndexCheck, &QPushButton::clicked, this, &SetupWizard::checkVectorIndex);
    connect(m_ui->mongoIndexCreate, &QPushButton::clicked, this, &SetupWizard::createVectorIndex);
    connect(m_ui->testAllButton, &QPushButton::clicked, this, [this] {
        m_ui->testResults->clear();
        for (auto service :
             {Service::Kafka, Service::SchemaRegistry, Service::Flink, Service::Bedrock, Service::OpenAi, Service::MongoDb}) {
            auto *row = new QTreeWidgetItem(m_ui->testResults, {setup::serviceName(service), tr("testing…")});
            row->setData(0, Qt::UserRole, int(service));
            m_checks.check(service, config());
        }
    });
    connect(m_ui->importButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("The demo's config.yaml or a librdkafka properties file"), {},
                                                          tr("Demo settings (*.yaml *.yml *.properties *.conf);;All files (*)"));
        if (!path.isEmpty())
            importFile(path);
    });
    connect(m_ui->browseProperties, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("librdkafka properties file"), m_ui->propertiesEdit->text());
        if (!path.isEmpty())
            m_ui->propertiesEdit->setText(path);
    });
    for (auto *mode : {m_ui->localMode, m_ui->confluentMode, m_ui->ownKafkaMode})
        connect(mode, &QRadioButton::toggled, m_ui->kafkaPage, &SetupPage::recheck);
    connect(this, &QWizard::customButtonClicked, this, &SetupWizard::skipPage);
    m_ui->provisionGroup->setVisible(m_ui->confluentMode->isChecked());
    connect(m_ui->confluentMode, &QRadioButton::toggled, m_ui->provisionGroup, &QWidget::setVisible);
    connect(m_ui->provisionButton, &QPushButton::clicked, this, &SetupWizard::provision);
    connect(m_ui->teardownButton, &QPushButton::clicked, this, &SetupWizard::teardown);
    {
        QSettings settings;
        m_ui->teardownButton->setEnabled(!cloud::ProvisionedResources::load(settings).isEmpty());
    }
    connect(this, &QWizard::currentIdChanged, this, [this](int id) {
        button(QWizard::CustomButton1)->setVisible(id >= Kafka && id <= Mongo);
        if (id == Summary)
            refreshSummary();
    });
    m_ui->testResults->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_ui->testResults->header()->setStretchLastSection(true);
}

void SetupWizard::setConfig(const SetupConfig &c)
{
    m_hidden = c;
    m_ui->localMode->setChecked(c.mode == SetupMode::Local);
    m_ui->confluentMode->setChecked(c.mode == SetupMode::ConfluentCloud);
    m_ui->ownKafkaMode->setChecked(c.mode == SetupMode::OwnKafka);
    m_ui->provisionGroup->setVisible(c.mode == SetupMode::ConfluentCloud);
    m_ui->cloudKeyEdit->setText(c.cloudApiKey);
    m_ui->cloudSecretEdit->setText(c.cloudApiSecret);
    m_ui->bootstrapEdit->setText(c.bootstrap);
    m_ui->kafkaKeyEdit->setText(c.kafkaApiKey);
    m_ui->kafkaSecretEdit->setText(c.kafkaApiSecret);
    m_ui->propertiesEdit->setText(c.propertiesFile);
    m_ui->registryUrlEdit->setText(c.registryUrl);
    m_ui->registryKeyEdit->setText(c.registryApiKey);
    m_ui->registrySecretEdit->setText(c.registryApiSecret);
    m_ui->flinkCloudBox->setCurrentText(c.flinkCloud.isEmpty() ? QStringLiteral("aws") : c.flinkCloud);
    m_ui->flinkRegionEdit->setText(c.flinkRegion);
    m_ui->organizationEdit->setText(c.organizationId);
    m_ui->environmentEdit->setText(c.environmentId);
    m_ui->computePoolEdit->setText(c.computePoolId);
    m_ui->flinkKeyEdit->setText(c.flinkApiKey);
    m_ui->flinkSecretEdit->setText(c.flinkApiSecret);
    m_ui->catalogEdit->setText(c.catalog.isEmpty() ? c.environmentName : c.catalog);
    m_ui->databaseEdit->setText(c.database.isEmpty() ? c.clusterName : c.database);
    m_ui->awsRegionEdit->setText(c.awsRegion);
    m_ui->awsKeyIdEdit->setText(c.awsAccessKeyId);
    m_ui->awsSecretEdit->setText(c.awsSecretAccessKey);
    m_ui->awsTokenEdit->setText(c.awsSessionToken);
    m_ui->bedrockModelEdit->setText(c.bedrockModel);
    m_ui->rpmSpin->setValue(c.requestsPerMinute);
    m_ui->tpmSpin->setValue(c.tokensPerMinute);
    m_ui->openAiKeyEdit->setText(c.openAiApiKey);
    m_ui->openAiBaseEdit->setText(c.openAiBaseUrl);
    m_ui->openAiChatEdit->setText(c.openAiChatModel);
    m_ui->openAiEmbedEdit->setText(c.openAiEmbeddingModel);
    m_ui->mongoUriEdit->setText(c.mongoUri);
    m_ui->mongoDatabaseEdit->setText(c.mongoDatabase);
    m_ui->mongoCollectionEdit->setText(c.mongoCollection);
    m_ui->mongoIndexEdit->setText(c.mongoIndex);
}

SetupConfig SetupWizard::config() const
{
    SetupConfig c = m_hidden;
    c.mode = m_ui->confluentMode->isChecked()  ? SetupMode::ConfluentCloud
             : m_ui->ownKafkaMode->isChecked() ? SetupMode::OwnKafka
                                               : SetupMode::Local;
    const bool kafka = c.mode != SetupMode::Local;
    const bool confluent = c.mode == SetupMode::ConfluentCloud;
    // Pages the chosen mode does not show count as empty.
    c.cloudApiKey = confluent ? m_ui->cloudKeyEdit->text().trimmed() : QString();
    c.cloudApiSecret = confluent ? m_ui->cloudSecretEdit->text() : QString();
    c.bootstrap = kafka ? m_ui->bootstrapEdit->text().trimmed() : QString();
    c.kafkaApiKey = kafka ? m_ui->kafkaKeyEdit->text().trimmed() : QString();
    c.kafkaApiSecret = kafka ? m_ui->kafkaSecretEdit->text() : QString();
    c.propertiesFile = kafka ? m_ui->propertiesEdit->text().trimmed() : QString();
    c.registryUrl = kafka ? m_ui->registryUrlEdit->text().trimmed() : QString();
    c.registryApiKey = kafka ? m_ui->registryKeyEdit->text().trimmed() : QString();
    c.registryApiSecret = kafka ? m_ui->registrySecretEdit->text() : QString();
    c.flinkCloud = m_ui->flinkCloudBox->currentText();
    c.flinkRegion = confluent ? m_ui->flinkRegionEdit->text().trimmed() : QString();
    c.organizationId = confluent ? m_ui->organizationEdit->text().trimmed() : QString();
    c.environmentId = confluent ? m_ui->environmentEdit->text().trimmed() : QString();
    c.computePoolId = confluent ? m_ui->computePoolEdit->text().trimmed() : QString();
    c.flinkApiKey = confluent ? m_ui->flinkKeyEdit->text().trimmed() : QString();
    c.flinkApiSecret = confluent ? m_ui->flinkSecretEdit->text() : QString();
    c.catalog = confluent ? m_ui->catalogEdit->text().trimmed() : QString();
    c.database = confluent ? m_ui->databaseEdit->text().trimmed() : QString();
    c.awsRegion = m_ui->awsRegionEdit->text().trimmed();
    c.awsAccessKeyId = m_ui->awsKeyIdEdit->text().trimmed();
    c.awsSecretAccessKey = m_ui->awsSecretEdit->text();
    c.awsSessionToken = m_ui->awsTokenEdit->text();
    c.bedrockModel = m_ui->bedrockModelEdit->text().trimmed();
    c.requestsPerMinute = m_ui->rpmSpin->value();
    c.tokensPerMinute = m_ui->tpmSpin->value();
    c.openAiApiKey = m_ui->openAiKeyEdit->text().trimmed();
    c.openAiBaseUrl = m_ui->openAiBaseEdit->text().trimmed();
    c.openAiChatModel = m_ui->openAiChatEdit->text().trimmed();
    c.openAiEmbeddingModel = m_ui->openAiEmbedEdit->text().trimmed();
    c.mongoUri = m_ui->mongoUriEdit->text().trimmed();
    c.mongoDatabase = m_ui->mongoDatabaseEdit->text().trimmed();
    c.mongoCollection = m_ui->mongoCollectionEdit->text().trimmed();
    c.mongoIndex = m_ui->mongoIndexEdit->text().trimmed();
    return c;
}

int SetupWizard::nextId() const
{
    const bool kafka = !m_ui->localMode->isChecked();
    switch (currentId()) {
    case Welcome: return Mode;
    case Mode: return kafka ? Kafka : Bedrock;
    case Kafka: return Registry;
    case Registry: return m_ui->confluentMode->isChecked() ? Flink : Bedrock;
    case Flink: return Bedrock;
    case Bedrock: return OpenAi;
    case OpenAi: return Mongo;
    case Mongo: return Tests;
    case Tests: return Summary;
    default: return -1;
    }
}

void SetupWizard::skipPage()
{
    auto *page = currentPage();
    for (auto *edit : page->findChildren<QLineEdit *>())
        edit->clear();
    for (auto *spin : page->findChildren<QSpinBox *>())
        spin->setValue(spin->minimum());
    const std::pair<int, Service> pages[] = {{Kafka, Service::Kafka},   {Registry, Service::SchemaRegistry},
                                             {Flink, Service::Flink},   {Bedrock, Service::Bedrock},
                                             {OpenAi, Service::OpenAi}, {Mongo, Service::MongoDb}};
    for (const auto &[id, service] : pages)
        if (id == currentId())
            resultLabel(service)->clear();
    next();
}

void SetupWizard::checkVectorIndex()
{
    runIndexWork(false);
}

void SetupWizard::createVectorIndex()
{
    runIndexWork(true);
}

// Check (and with `create`, make and wait for) the index on a pool thread; the page hears
// each status and the outcome through queued calls.
void SetupWizard::runIndexWork(bool create)
{
    const SetupConfig c = config();
    if (const QString problem = setup::mongoProblem(c); !problem.isEmpty() || c.mongoUri.trimmed().isEmpty()) {
        showIndexResult(false, false, problem.isEmpty() ? tr("Enter the connection URI first.") : problem);
        return;
    }
    const setup::VectorIndexSpec spec = setup::vectorIndexSpec(c);
    m_ui->mongoIndexCheck->setEnabled(false);
    m_ui->mongoIndexCreate->setEnabled(false);
    m_ui->mongoIndexResult->setStyleSheet({});
    m_ui->mongoIndexResult->setText(create ? tr("Creating the index %1…").arg(spec.name) : tr("Asking Atlas…"));
    m_ui->mongoIndexProgress->setValue(0);
    m_ui->mongoIndexProgress->setVisible(create);
    QPointer<SetupWizard> self(this);
    auto factory = m_indexCommands;
    auto cancelled = m_indexCancelled;
    const int pollMs = m_indexPollMs, timeoutMs = m_indexTimeoutMs;
    const QString uri = c.mongoUri.trimmed();
    auto post = [self](std::function<void(SetupWizard *)> call) {
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, call = std::move(call)] {
                if (self)
                    call(self);
            },
            Qt::QueuedConnection);
    };
    QThreadPool::globalInstance()->start([=] {
        auto commands = factory(uri);
        setup::AtlasVectorIndex index(*commands, pollMs, timeoutMs);
        auto state = index.check(spec);
        if (!state) {
            post([message = state.error().message](SetupWizard *w) { w->showIndexResult(false, false, message); });
            return;
        }
        const QString shape = tr("vectorSearch on %1, %2 dimensions, %3, filter %4")
                                  .arg(spec.path)
                                  .arg(spec.dimensions)
                                  .arg(spec.similarity, spec.filterFields.join(QStringLiteral(", ")));
        if (!state->problem.isEmpty()) {
            post([message = tr("The index %1 is there, but %2.").arg(spec.name, state->problem)](SetupWizard *w) {
                w->showIndexResult(false, false, message);
            });
            return;
        }
        if (!state->exists && !create) {
            post([message = tr("There is no index %1 on %2.%3 yet: Create index makes it (%4).")
                                .arg(spec.name, spec.database, spec.collection, shape)](SetupWizard *w) {
                w->showIndexResult(false, true, message);
            });
            return;
        }
        if (state->exists && state->queryable && state->status == QLatin1String("READY")) {
            post([message = tr("The index %1 is ready and queryable (%2).").arg(spec.name, shape)](SetupWizard *w) {
                w->showIndexResult(true, false, message);
            });
            return;
        }
        if (!state->exists) {
            if (auto made = index.create(spec); !made) {
                post([message = made.error().message](SetupWizard *w) { w->showIndexResult(false, false, message); });
                return;
            }
        }
        post([](SetupWizard *w) { w->m_ui->mongoIndexProgress->setVisible(true); });
        auto ready = index.waitUntilQueryable(
            spec, [post](const QString &status) { post([status](SetupWizard *w) { w->showIndexStatus(status); }); }, cancelled.get());
        post([ok = ready.hasValue(), message = ready ? tr("The index %1 is ready and queryable (%2).").arg(spec.name, shape)
                                                     : ready.error().message](SetupWizard *w) {
            w->showIndexResult(ok, false, message);
        });
    });
}

void SetupWizard::showIndexStatus(const QString &status)
{
    // Atlas's steps: PENDING, BUILDING, READY.
    const int step = status == QLatin1String("PENDING")    ? 1
                     : status == QLatin1String("BUILDING") ? 2
                     : status == QLatin1String("READY")    ? 3
                                                           : 0;
    m_ui->mongoIndexProgress->setValue(step);
    m_ui->mongoIndexResult->setStyleSheet({});
    m_ui->mongoIndexResult->setText(tr("Atlas is building the index: %1…").arg(status));
}

void SetupWizard::showIndexResult(bool ok, bool missing, const QString &message)
{
    m_ui->mongoIndexCheck->setEnabled(true);
    m_ui->mongoIndexCreate->setEnabled(missing);
    if (ok)
        m_ui->mongoIndexProgress->setValue(m_ui->mongoIndexProgress->maximum());
    else if (!missing)
        m_ui->mongoIndexProgress->setVisible(false);
    m_ui->mongoIndexResult->setStyleSheet(ok        ? QStringLiteral("color: #2e9e5b;")
                                          : missing ? QString()
                                                    : QStringLiteral("color: #e0533d;"));
    m_ui->mongoIndexResult->setText(message);
}

QLabel *SetupWizard::resultLabel(Service service) const
{
    switch (service) {
    case Service::Kafka: return m_ui->kafkaResult;
    case Service::SchemaRegistry: return m_ui->registryResult;
    case Service::Flink: return m_ui->flinkResult;
    case Service::Bedrock: return m_ui->bedrockResult;
    case Service::OpenAi: return m_ui->openAiResult;
    case Service::MongoDb: return m_ui->mongoResult;
    }
    return nullptr;
}

void SetupWizard::test(Service service)
{
    if (auto *label = resultLabel(service)) {
        label->setStyleSheet({});
        label->setText(tr("Testing…"));
    }
    m_checks.check(service, config());
}

void SetupWizard::showResult(Service service, bool ok, const QString &message)
{
    if (auto *label = resultLabel(service)) {
        label->setStyleSheet(ok ? QStringLiteral("color: #2e9e5b;") : QStringLiteral("color: #e0533d;"));
        label->setText(message);
    }
    for (int i = 0; i < m_ui->testResults->topLevelItemCount(); ++i) {
        auto *row = m_ui->testResults->topLevelItem(i);
        if (row->data(0, Qt::UserRole).toInt() == int(service)) {
            row->setText(1, (ok ? QStringLiteral("✔ ") : QStringLiteral("✘ ")) + message);
            row->setForeground(1, ok ? QColor(0x2e, 0x9e, 0x5b) : QColor(0xe0, 0x53, 0x3d));
        }
    }
}

QString SetupWizard::importFile(const QString &path)
{
    SetupConfig imported = config();
    auto taken = setup::importDemoFile(path, imported);
    if (!taken) {
        m_ui->importResult->setStyleSheet(QStringLiteral("color: #e0533d;"));
        m_ui->importResult->setText(taken.error().message);
        return taken.error().message;
    }
    setConfig(imported);
    const QString said = tr("Imported: %1.").arg(taken.value());
    m_ui->importResult->setStyleSheet(QStringLiteral("color: #2e9e5b;"));
    m_ui->importResult->setText(said);
    return said;
}

namespace {

// The key typed on the Mode page; the API's address from cloud/api_base when set (a
// proxy, or a test's fake), else Confluent Cloud's.
cloud::ProvisionRequest provisionRequest(const SetupConfig &c)
{
    cloud::ProvisionRequest request;
    request.cloudApiKey = c.cloudApiKey;
    request.cloudApiSecret = c.cloudApiSecret;
    request.apiBase = QSettings().value(QStringLiteral("cloud/api_base"), request.apiBase).toString();
    return request;
}

} // namespace

void SetupWizard::provision()
{
    const SetupConfig c = config();
    cloud::ProvisionRequest request = provisionRequest(c);
    for (auto [target, value] : {std::pair{&request.environmentName, c.environmentName},
                                 std::pair{&request.clusterName, c.clusterName}, std::pair{&request.poolName, c.flinkPoolName},
                                 std::pair{&request.region, c.flinkRegion}, std::pair{&request.cloud, c.flinkCloud}})
        if (!value.isEmpty())
            *target = value;
    m_provisioner = std::make_unique<cloud::CloudProvisioner>(request);
    watchProvisioner();
    connect(m_provisioner.get(), &cloud::CloudProvisioner::finished, this,
            [this, request](const cloud::ProvisionedResources &made, const QString &error) {
                // Whatever was made is remembered at once, even if the wizard is cancelled.
                QSettings settings;
                if (!made.isEmpty())
                    made.save(settings);
                m_ui->teardownButton->setEnabled(!made.isEmpty());
                if (!error.isEmpty()) {
                    m_ui->provisionStatus->setStyleSheet(QStringLiteral("color: #e0533d;"));
                    m_ui->provisionStatus->setText(error);
                    return;
                }
                SetupConfig filled = config();
                filled.bootstrap = made.bootstrap;
                filled.kafkaApiKey = made.kafkaApiKey;
                filled.kafkaApiSecret = made.kafkaApiSecret;
                filled.registryUrl = made.registryUrl;
                filled.registryApiKey = made.registryApiKey;
                filled.registryApiSecret = made.registryApiSecret;
                filled.organizationId = made.organizationId;
                filled.environmentId = made.environmentId;
                filled.computePoolId = made.poolId;
                filled.flinkApiKey = made.flinkApiKey;
                filled.flinkApiSecret = made.flinkApiSecret;
                filled.flinkRegion = request.region;
                filled.flinkCloud = request.cloud;
                filled.environmentName = request.environmentName;
                filled.clusterName = request.clusterName;
                filled.flinkPoolName = request.poolName;
                filled.catalog = request.environmentName;
                filled.database = request.clusterName;
                setConfig(filled);
                m_ui->provisionStatus->setStyleSheet(QStringLiteral("color: #2e9e5b;"));
                m_ui->provisionStatus->setText(tr("Ready: %1, %2, %3 and three new API keys (they can take a minute or two to work).")
                                                   .arg(made.environmentId, made.clusterId, made.poolId));
            });
    m_provisioner->provision();
}

void SetupWizard::watchProvisioner()
{
    m_ui->provisionButton->setEnabled(false);
    m_ui->teardownButton->setEnabled(false);
    m_ui->provisionStatus->setStyleSheet({});
    connect(m_provisioner.get(), &cloud::CloudProvisioner::step, this, [this](const QString &name, const QString &detail) {
        m_ui->provisionStatus->setText(QStringLiteral("%1: %2").arg(name, detail));
    });
    connect(m_provisioner.get(), &cloud::CloudProvisioner::finished, this, [this] { m_ui->provisionButton->setEnabled(true); });
}

void SetupWizard::teardown()
{
    QSettings settings;
    const auto made = cloud::ProvisionedResources::load(settings);
    if (made.isEmpty())
        return;
    if (QMessageBox::question(this, tr("Remove from Confluent Cloud"),
                              tr("Delete the API keys Pit Wall created and whichever of environment %1, cluster %2, pool %3 and "
                                 "service account %4 it created? Their data is lost.")
                                  .arg(made.environmentId, made.clusterId, made.poolId, made.serviceAccountId)) != QMessageBox::Yes)
        return;
    m_provisioner = std::make_unique<cloud::CloudProvisioner>(provisionRequest(config()));
    watchProvisioner();
    connect(m_provisioner.get(), &cloud::CloudProvisioner::finished, this,
            [this](const cloud::ProvisionedResources &, const QString &error) {
                if (!error.isEmpty()) {
                    m_ui->teardownButton->setEnabled(true);
                    m_ui->provisionStatus->setStyleSheet(QStringLiteral("color: #e0533d;"));
                    m_ui->provisionStatus->setText(error);
                    return;
                }
                QSettings settings;
                cloud::ProvisionedResources::forget(settings);
                m_ui->provisionStatus->setStyleSheet(QStringLiteral("color: #2e9e5b;"));
                m_ui->provisionStatus->setText(tr("Removed what Pit Wall had created."));
            });
    m_provisioner->teardown(made);
}

void SetupWizard::refreshSummary()
{
    const SetupConfig c = config();
    if (!m_keychainChecked && m_store->backend() == secrets::SecretBackend::Keychain) {
        auto probe = m_store->probeKeychain();
        m_keychainAvailable = probe.hasValue();
        m_keychainChecked = true;
        m_ui->keychainStatus->setText(
            m_keychainAvailable ? tr("Secrets go to the system keychain.")
                                : tr("No keychain service answered (%1). Choose where the secrets go:").arg(probe.error().message));
    } else if (!m_keychainChecked) {
        m_ui->keychainStatus->setText(m_store->backend() == secrets::SecretBackend::File
                                          ? tr("Secrets go to %1 (readable by you only), as chosen before.").arg(m_store->filePath())
                                          : tr("Secrets are kept for this session only, as chosen before."));
    }
    m_ui->sessionOnlyChoice->setVisible(!m_keychainAvailable);
    m_ui->fileChoice->setVisible(!m_keychainAvailable);

    auto row = [](const QString &name, const QString &value) {
        return value.isEmpty() ? QString()
                               : QStringLiteral("<tr><td>%1</td><td>%2</td></tr>").arg(name.toHtmlEscaped(), value.toHtmlEscaped());
    };
    auto section = [](const QString &title, const QString &rows) {
        return QStringLiteral("<h4>%1</h4>").arg(title.toHtmlEscaped()) +
               (rows.isEmpty() ? tr("<p>skipped: the local default is used</p>") : QStringLiteral("<table>%1</table>").arg(rows));
    };
    QString html;
    html += section(tr("Kafka"), c.mode == SetupMode::Local ? QString()
                                                            : row(tr("Bootstrap"), c.bootstrap) + row(tr("API key"), c.kafkaApiKey) +
                                                                  row(tr("API secret"), maskedSecret(c.kafkaApiSecret)) +
                                                                  row(tr("Properties file"), c.propertiesFile));
    html += section(tr("Schema Registry"), row(tr("URL"), c.registryUrl) + row(tr("API key"), c.registryApiKey) +
                                               row(tr("API secret"), maskedSecret(c.registryApiSecret)));
    html += section(tr("Flink"), row(tr("Endpoint"), c.environmentId.isEmpty() ? QString() : c.flinkEndpoint()) +
                                     row(tr("Organization"), c.organizationId) + row(tr("Environment"), c.environmentId) +
                                     row(tr("Compute pool"), c.computePoolId) + row(tr("API key"), c.flinkApiKey) +
                                     row(tr("API secret"), maskedSecret(c.flinkApiSecret)));
    html += section(tr("Amazon Bedrock"), row(tr("Region"), c.awsRegion) + row(tr("Model"), c.bedrockModel) +
                                              row(tr("Access key ID"), c.awsAccessKeyId) +
                                              row(tr("Secret access key"), maskedSecret(c.awsSecretAccessKey)) +
                                              row(tr("Session token"), maskedSecret(c.awsSessionToken)));
    html += section(tr("OpenAI"), row(tr("API key"), maskedSecret(c.openAiApiKey)) + row(tr("Base URL"), c.openAiBaseUrl) +
                                      row(tr("Chat model"), c.openAiChatModel) + row(tr("Embedding model"), c.openAiEmbeddingModel));
    html += section(tr("MongoDB Atlas"), row(tr("URI"), c.mongoUri.isEmpty() ? QString() : maskedSecret(c.mongoUri)) +
                                             row(tr("Database"), c.mongoDatabase) + row(tr("Collection"), c.mongoCollection) +
                                             row(tr("Index"), c.mongoIndex));
    m_ui->summaryText->setHtml(html);
}

void SetupWizard::accept()
{
    QSettings settings;
    if (!m_keychainAvailable) {
        const auto backend = m_ui->fileChoice->isChecked() ? secrets::SecretBackend::File : secrets::SecretBackend::SessionOnly;
        m_store->setBackend(backend);
        secrets::SecretStore::saveBackend(settings, backend);
    }
    const SetupConfig c = config();
    for (const auto &problem : {setup::kafkaProblem(c), setup::registryProblem(c), setup::flinkProblem(c),
                                setup::bedrockProblem(c), setup::openAiProblem(c), setup::mongoProblem(c)}) {
        if (!problem.isEmpty()) {
            QMessageBox::warning(this, tr("Setup"), problem);
            return;
        }
    }
    if (auto done = c.save(settings, *m_store); !done) {
        QMessageBox::warning(this, tr("Setup"), done.error().message);
        return;
    }
    emit saved();
    QWizard::accept();
}

} // namespace pitwall
