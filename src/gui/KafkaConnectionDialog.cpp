#include "KafkaConnectionDialog.h"

#include "ui_KafkaConnectionDialog.h"

#include <QFileDialog>

namespace pitwall {

KafkaConnectionDialog::KafkaConnectionDialog(const KafkaSelection &current, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::KafkaConnectionDialog>())
    , m_current(current)
{
    m_ui->setupUi(this);
    m_ui->clusterChoice->setChecked(!current.isEmbedded());
    m_ui->bootstrapEdit->setText(current.bootstrap);
    m_ui->configFileEdit->setText(current.configFile);
    connect(m_ui->clusterChoice, &QRadioButton::toggled, this, &KafkaConnectionDialog::updateEnabled);
    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, &KafkaConnectionDialog::accept);
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &KafkaConnectionDialog::reject);
    connect(m_ui->browseButton, &QPushButton::clicked, this, [this] {
        const auto path = QFileDialog::getOpenFileName(this, tr("librdkafka properties file"), m_ui->configFileEdit->text());
        if (!path.isEmpty())
            m_ui->configFileEdit->setText(path);
    });
    updateEnabled();
}

KafkaConnectionDialog::~KafkaConnectionDialog() = default;

KafkaSelection KafkaConnectionDialog::selection() const
{
    if (m_ui->embeddedChoice->isChecked())
        return {};
    // The API key comes from the setup wizard: kept as it was.
    return KafkaSelection{m_ui->bootstrapEdit->text().trimmed(), m_ui->configFileEdit->text().trimmed(), m_current.saslUsername,
                          m_current.saslPassword};
}

void KafkaConnectionDialog::accept()
{
    const auto chosen = selection();
    if (m_ui->clusterChoice->isChecked() && chosen.isEmbedded()) {
        m_ui->validationLabel->setText(tr("Enter the bootstrap servers or a properties file that names them."));
        return;
    }
    if (auto config = chosen.toConfig(); !config) {
        m_ui->validationLabel->setText(config.error().message);
        return;
    }
    QDialog::accept();
}

void KafkaConnectionDialog::updateEnabled()
{
    m_ui->clusterFields->setEnabled(m_ui->clusterChoice->isChecked());
    m_ui->validationLabel->clear();
}

} // namespace pitwall
