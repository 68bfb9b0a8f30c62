#pragma once
// A setup wizard page that can say what is wrong with what was typed: Next stays off
// while `problem` returns text, and the text is shown on the page. Empty fields are the
// caller's "skipped", not a problem.

#include <QWizardPage>
#include <functional>

class QLabel;

namespace pitwall {

class SetupPage : public QWizardPage {
    Q_OBJECT
public:
    explicit SetupPage(QWidget *parent = nullptr);

    void setProblem(std::function<QString()> problem, QLabel *shownIn);
    bool isComplete() const override;
    // Call when a field changed: re-checks, updates the label and the Next button.
    void recheck();

private:
    std::function<QString()> m_problem;
    QLabel *m_problemLabel = nullptr;
};

} // namespace pitwall
