#pragma once
// Lets the user choose the embedded broker or a Kafka cluster; validates before accepting.

#include "stream/KafkaSelection.h"

#include <QDialog>
#include <memory>

namespace Ui {
class KafkaConnectionDialog;
}

namespace pitwall {

class KafkaConnectionDialog : public QDialog {
    Q_OBJECT
public:
    explicit KafkaConnectionDialog(const KafkaSelection &current, QWidget *parent = nullptr);
    ~KafkaConnectionDialog() override;

    KafkaSelection selection() const;
    void accept() override;

private:
    void updateEnabled();

    std::unique_ptr<Ui::KafkaConnectionDialog> m_ui;
    KafkaSelection m_current;
};

} // namespace pitwall
