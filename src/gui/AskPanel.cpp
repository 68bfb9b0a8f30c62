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
    m_ui->startOver->hide();
    connect(m_ui->mode, &QComboBox::currentIndexChanged, this, &AskPanel::modeChanged);
    connect(m_ui->startOver, &QPushButton::clicked, this, [this] {
        m_ui->conversation->clear();
        emit startOverRequested();
    });
    connect(m_ui->askButton, &QPushButton::clicked, this, &AskPanel::ask);
    connect(m_ui->question, &QLineEdit::returnPressed, this, &AskPanel::ask);
}

AskPanel::~AskPanel() = default;

void AskPanel::setModelDescription(const QString &text)
{
    m_modelDescription = text;
    if (m_ui->askButton->isEnabled() && !isEngineerMode())
        m_ui->status->setText(text);
}

void AskPanel::setEngineerUnavailableReason(const QString &reason)
{
    m_engineerUnavailable = reason;
    if (isEngineerMode())
        modeChanged();
}

bool AskPanel::isEngineerMode() const
{
    return m_ui->mode->currentIndex() == 1;
}

void AskPanel::setEngineerMode(bool engineer)
{
    m_ui->mode->setCurrentIndex(engineer ? 1 : 0);
}

void AskPanel::modeChanged()
{
    const bool engineer = isEngineerMode();
    m_ui->pages->setCurrentIndex(engineer ? 1 : 0);
    m_ui->thisRaceOnly->setVisible(!engineer);
    m_ui->startOver->setVisible(engineer);
    m_ui->askButton->setText(engineer ? tr("Ask") : tr("Search"));
    m_ui->question->setPlaceholderText(engineer ? tr("Ask the race engineer, e.g. \"gap between Norris and Piastri?\"")
                                                : tr("Ask about the commentary, e.g. \"comments about Hamilton\""));
    if (m_ui->askButton->isEnabled())
        m_ui->status->setText(!engineer ? m_modelDescription
                              : m_engineerUnavailable.isEmpty()
                                  ? tr("The race engineer answers from the live race, calling its tools; each call is shown.")
                                  : m_engineerUnavailable);
}

void AskPanel::appendToConversation(const QString &html)
{
    m_ui->conversation->append(html);
}

void AskPanel::showToolCall(const QString &name, const QJsonObject &arguments, const QString &outcome, bool failed)
{
    QStringList shown;
    for (auto it = arguments.begin(); it != arguments.end(); ++it)
        shown << QStringLiteral("%1=%2").arg(it.key(),
                                             it.value().isString() ? it.value().toString() : it.value().toVariant().toString());
    appendToConversation(QStringLiteral("<div style=\"margin-left:16px\"><span style=\"color:%1\">&#9881; %2(%3)</span> → %4</div>")
                             .arg(failed ? QStringLiteral("#e0533d") : QStringLiteral("#8a8f98"), name.toHtmlEscaped(),
                                  shown.join(QStringLiteral(", ")).toHtmlEscaped(), outcome.toHtmlEscaped()));
}

void AskPanel::showEngineerAnswer(const QString &text, const QString &model)
{
    m_ui->askButton->setEnabled(true);
    appendToConversation(QStringLiteral("<p><b>%1</b> %2</p>").arg(tr("Engineer:").toHtmlEscaped(), text.toHtmlEscaped()));
    m_ui->status->setText(tr("Answered by %1.").arg(model));
}

void AskPanel::showEngineerError(const QString &text)
{
    m_ui->askButton->setEnabled(true);
    appendToConversation(QStringLiteral("<p style=\"color:#e0533d\">%1</p>").arg(text.toHtmlEscaped()));
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
    if (isEngineerMode()) {
        appendToConversation(QStringLiteral("<p><b>%1</b> %2</p>").arg(tr("You:").toHtmlEscaped(), question.toHtmlEscaped()));
        m_ui->question->clear();
        m_ui->status->setText(tr("The race engineer is looking it up…"));
        emit engineerAsked(question);
        return;
    }
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
