#include "AskPanel.h"

#include "ui_AskPanel.h"

#include <QHeaderView>

namespace pitwall {

AskPanel::AskPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::AskPanel>())
{
    m_ui->setupUi(this);
    m_ui->matches->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_ui->matches->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_ui->matches->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_ui->matches->header()->setSectionResizeMode(3, QHeaderView::ResizeToContents);
    m_ui->answer->hide();
    connect(m_ui->askButton, &QPushButton::clicked, this, &AskPanel::ask);
    connect(m_ui->question, &QLineEdit::returnPressed, this, &AskPanel::ask);
}

AskPanel::~AskPanel() = default;

void AskPanel::setModelDescription(const QString &text)
{
    m_modelDescription = text;
    if (m_ui->askButton->isEnabled())
        m_ui->status->setText(text);
}

void AskPanel::ask()
{
    const QString question = m_ui->question->text().simplified();
    if (question.isEmpty()) {
        m_ui->status->setText(tr("Type a question first."));
        return;
    }
    m_ui->askButton->setEnabled(false);
    m_ui->status->setText(tr("Searching…"));
    emit askRequested(question, m_ui->thisRaceOnly->isChecked());
}

void AskPanel::showResult(const CommentaryQueryResult &result)
{
    m_ui->askButton->setEnabled(true);
    m_ui->matches->clear();
    for (const auto &match : result.results) {
        auto *item = new QTreeWidgetItem(m_ui->matches);
        item->setText(0, QLocale().toString(match.score, 'f', 3));
        item->setText(1, match.message);
        item->setToolTip(1, QStringLiteral("<p>%1</p>").arg(match.message.toHtmlEscaped()));
        item->setText(2, match.raceId);
        item->setText(3, match.source);
        item->setTextAlignment(0, Qt::AlignRight | Qt::AlignVCenter);
    }
    m_ui->answer->setVisible(!result.answer.isEmpty());
    m_ui->answer->setText(tr("Answer (%1): %2").arg(result.answerSource, result.answer));
    if (result.results.isEmpty())
        m_ui->status->setText(result.error.isEmpty() ? tr("No commentary matches yet.") : result.error);
    else
        m_ui->status->setText(result.error.isEmpty() ? tr("The %n closest lines by meaning.", nullptr, int(result.results.size()))
                                                     : result.error);
}

void AskPanel::showError(const QString &text)
{
    m_ui->askButton->setEnabled(true);
    m_ui->status->setText(text);
}

} // namespace pitwall
