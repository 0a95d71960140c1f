// Training a classifier for the current task on the workspace's labeled posts: the data and
// its split, a configuration with good defaults (advanced knobs folded away), a run off the GUI
// thread (model::train with a stop token) with a progress bar, live loss and metric curves and
// a stop button; at the end the metrics, the confusion matrix, the comparison with the active
// model, and the choice to make the new model active. GUI thread only.
#pragma once

#include <QPointer>
#include <optional>

#include "model/trainer.h"
#include "ui/page.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace sentinela::ui {

class Job;
class MetricsView;
class TrainingChart;

class TrainPage : public Page {
    Q_OBJECT
public:
    explicit TrainPage(QWidget* parent = nullptr);
    ~TrainPage() override;
    void setSession(WorkspaceSession* session) override;
    void activate() override;
    bool isBusy() const override;

    // The configuration the form describes.
    model::TrainConfig config() const;
    // The pretrained encoder training starts from ("Start from"); empty = from scratch.
    QString encoderFile() const;
    void setEncoderFile(const QString& file);
    void setEpochs(int epochs);
    void startTraining();
    void stopTraining();
    bool isTraining() const;
    // Id of the model the last run stored (0: none yet).
    std::int64_t trainedModelId() const { return trainedModelId_; }
    void activateTrainedModel();
    TrainingChart* chart() const { return chart_; }
    MetricsView* metricsView() const { return metrics_; }
    // The last run's warnings (model::TrainCallbacks::onWarning), one per line; empty if none.
    QString warnings() const;

signals:
    void trainingFinished(bool stored);

private:
    void countData();
    void onEpoch(const model::EpochReport& report);
    void fillStartFrom();
    void startFromChanged();
    void addWarning(const QString& warning);

    QPointer<WorkspaceSession> session_;
    Job* dataJob_;
    Job* trainJob_;
    std::int64_t trainedModelId_ = 0;
    bool stale_ = true;

    QComboBox* task_;
    QLabel* data_;
    QSpinBox* valPercent_;
    QComboBox* startFrom_;
    QComboBox* size_;
    QSpinBox* epochs_;
    QGroupBox* advanced_;
    QDoubleSpinBox* learningRate_;
    QSpinBox* batchSize_;
    QSpinBox* maxTokens_;
    QSpinBox* patience_;
    QSpinBox* vocabulary_;
    QSpinBox* seed_;
    QSpinBox* threads_;
    QPushButton* start_;
    QPushButton* stop_;
    QPushButton* activate_;
    QProgressBar* progress_;
    QLabel* stage_;
    QLabel* warnings_;
    TrainingChart* chart_;
    MetricsView* metrics_;
};

}  // namespace sentinela::ui
