#pragma once
// The ask panel: a question about the commentary; the five closest lines with their
// scores (the demo's vector search), and the answer an LLM wrote from them when one is
// configured. The search itself runs elsewhere (MainWindow, through Kafka).

#include "core/Messages.h"

#include <QWidget>
#include <memory>

namespace Ui {
class AskPanel;
}

namespace pitwall {

class AskPanel : public QWidget {
    Q_OBJECT
public:
    explicit AskPanel(QWidget *parent = nullptr);
    ~AskPanel() override;

    void showResult(const CommentaryQueryResult &result);
    void showError(const QString &text);
    // "offline commentator and embedder", or the model: what the answers can be.
    void setModelDescription(const QString &text);

signals:
    void askRequested(const QString &question, bool thisRaceOnly);

private:
    void ask();

    std::unique_ptr<Ui::AskPanel> m_ui;
    QString m_modelDescription;
};

} // namespace pitwall
