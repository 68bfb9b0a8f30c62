#pragma once
// The ask panel, in two modes. Search: a question about the commentary; the five
// closest lines with their scores (the demo's vector search), and the answer an LLM
// wrote from them when one is configured. Race engineer: a chat in which the LLM looks
// the answer up in the live race with the MCP tools, each tool call shown. The work
// itself runs elsewhere (MainWindow: the search through Kafka, the RaceEngineer).

#include "core/Messages.h"

#include <QJsonObject>
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

    // Race engineer mode. An empty reason: available; otherwise what to configure.
    void setEngineerUnavailableReason(const QString &reason);
    void showToolCall(const QString &name, const QJsonObject &arguments, const QString &outcome, bool failed);
    void showEngineerAnswer(const QString &text, const QString &model);
    void showEngineerError(const QString &text);
    bool isEngineerMode() const;
    void setEngineerMode(bool engineer);

signals:
    void askRequested(const QString &question, bool thisRaceOnly);
    void engineerAsked(const QString &question);
    void startOverRequested();

private:
    void ask();
    void modeChanged();
    void appendToConversation(const QString &html);

    std::unique_ptr<Ui::AskPanel> m_ui;
    QString m_modelDescription;
    QString m_engineerUnavailable;
};

} // namespace pitwall
