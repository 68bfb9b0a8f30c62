#include "SetupPage.h"

#include <QLabel>

namespace pitwall {

SetupPage::SetupPage(QWidget *parent)
    : QWizardPage(parent)
{
}

void SetupPage::setProblem(std::function<QString()> problem, QLabel *shownIn)
{
    m_problem = std::move(problem);
    m_problemLabel = shownIn;
    if (m_problemLabel)
        m_problemLabel->setStyleSheet(QStringLiteral("color: #e0533d;"));
    recheck();
}

bool SetupPage::isComplete() const
{
    return !m_problem || m_problem().isEmpty();
}

void SetupPage::recheck()
{
    if (m_problemLabel)
        m_problemLabel->setText(m_problem ? m_problem() : QString());
    emit completeChanged();
}

} // namespace pitwall
