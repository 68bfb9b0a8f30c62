#include "PipelinePanel.h"

#include "CachedTextDelegate.h"
#include "CloudDeployPanel.h"
#include "view/PipelineHealthModel.h"
#include "aiservices/AiServices.h"
#include "ui_PipelinePanel.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QLocale>

namespace pitwall {

PipelinePanel::PipelinePanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::PipelinePanel>())
    , m_model(new PipelineHealthModel(this))
{
    m_ui->setupUi(this);
    m_ui->stageTable->setModel(m_model);
    m_ui->stageTable->setItemDelegate(new CachedTextDelegate(m_ui->stageTable));
    m_ui->stageTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->flinkSqlView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_ui->splitter->setStretchFactor(0, 3);
    m_ui->splitter->setStretchFactor(1, 1);
    m_ui->splitter->setSizes({720, 380});
    m_ui->stageMessage->hide();
    connect(m_ui->stageTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        const QString sql = m_model->flinkSql(current.row());
        // A stage without a statement (the vector-store writer) runs in the app in both modes.
        m_ui->flinkSqlView->setPlainText(sql.isEmpty() ? tr("-- No Flink statement: this stage runs in the app, also in "
                                                            "cloud mode (pitwall cloud plan says why).")
                                                       : sql);
    });
    m_ui->stageTable->selectRow(0);
    // On its own tab: the stages keep the height, and a hidden tab costs no paint.
    m_cloud = new CloudDeployPanel({}, m_ui->cloudPage);
    m_cloud->setFlat(true);
    m_cloud->setTitle({});
    m_ui->cloudPageLayout->addWidget(m_cloud);
}

PipelinePanel::~PipelinePanel() = default;

void PipelinePanel::showMessage(const QString &text)
{
    m_ui->stageMessage->setText(text);
    m_ui->stageMessage->setVisible(!text.isEmpty());
}

void PipelinePanel::showAi(const AiServices &ai)
{
    const auto usage = ai.llmUsage();
    const QLocale locale;
    QString text;
    if (!ai.hasLlm()) {
        text = tr("Commentary: offline commentator (no LLM configured) · %1 lines").arg(locale.toString(ai.linesOffline()));
    } else {
        text = tr("Commentary: %1 · %2 calls · %3 tokens in, %4 out · $%5 · %6 lines by the model, %7 fallbacks")
                   .arg(ai.llmLabel())
                   .arg(locale.toString(usage.calls))
                   .arg(locale.toString(usage.tokensIn))
                   .arg(locale.toString(usage.tokensOut))
                   .arg(locale.toString(usage.costUsd, 'f', 4))
                   .arg(locale.toString(ai.linesByModel()))
                   .arg(locale.toString(usage.fallbacks));
        if (usage.throttled || usage.refusedByBudget || usage.groundingRejections)
            text += tr(" · throttled %1, held back %2, refused by the fact check %3")
                        .arg(usage.throttled)
                        .arg(usage.refusedByBudget + usage.refusedByCircuit)
                        .arg(usage.groundingRejections);
        if (usage.circuitOpen)
            text += tr(" · paused after repeated failures");
    }
    text += tr("\nSearch: %1 in %2 · %3 lines stored").arg(ai.embedderLabel(), ai.storeLabel()).arg(locale.toString(ai.indexed()));
    m_ui->aiSummary->setText(text);
    // The provider's last error, as plain text (it came from outside).
    m_ui->aiSummary->setToolTip(usage.lastError.isEmpty() ? QString()
                                                          : QStringLiteral("<p>%1</p>").arg(usage.lastError.toHtmlEscaped()));
}

} // namespace pitwall
