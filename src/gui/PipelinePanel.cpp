#include "PipelinePanel.h"

#include "PipelineHealthModel.h"
#include "ui_PipelinePanel.h"

#include <QFontDatabase>
#include <QHeaderView>

namespace pitwall {

PipelinePanel::PipelinePanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::PipelinePanel>())
    , m_model(new PipelineHealthModel(this))
{
    m_ui->setupUi(this);
    m_ui->stageTable->setModel(m_model);
    m_ui->stageTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->flinkSqlView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_ui->splitter->setStretchFactor(0, 3);
    m_ui->splitter->setStretchFactor(1, 1);
    m_ui->splitter->setSizes({720, 380});
    m_ui->stageMessage->hide();
    connect(m_ui->stageTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { m_ui->flinkSqlView->setPlainText(m_model->flinkSql(current.row())); });
    m_ui->stageTable->selectRow(0);
}

PipelinePanel::~PipelinePanel() = default;

void PipelinePanel::showMessage(const QString &text)
{
    m_ui->stageMessage->setText(text);
    m_ui->stageMessage->setVisible(!text.isEmpty());
}

} // namespace pitwall
