#pragma once
// The pipeline health panel: every stage's throughput, lag, latency, dead letters and
// failures, a check box to switch it on or off, and the Flink SQL that runs the same
// stage in Confluent Cloud.

#include <QWidget>
#include <memory>

namespace Ui {
class PipelinePanel;
}

namespace pitwall {

class AiServices;
class CloudDeployPanel;
class PipelineHealthModel;

class PipelinePanel : public QWidget {
    Q_OBJECT
public:
    explicit PipelinePanel(QWidget *parent = nullptr);
    ~PipelinePanel() override;

    PipelineHealthModel *model() const { return m_model; }
    CloudDeployPanel *cloud() const { return m_cloud; }
    // A line under the table: a stage that could not be switched, a stage's last error.
    void showMessage(const QString &text);
    // The AI stages' line: model, calls, tokens, cost, fallbacks; embedder and vector store.
    void showAi(const AiServices &ai);

private:
    std::unique_ptr<Ui::PipelinePanel> m_ui;
    PipelineHealthModel *m_model = nullptr;
    CloudDeployPanel *m_cloud = nullptr;
};

} // namespace pitwall
