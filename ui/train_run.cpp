// The training page's run: model::train off the GUI thread with live progress and curves, then
// storing the model in the workspace, evaluating the active model on the same validation split
// for the comparison, and making the new model active on request.
#include <QLabel>
#include <QLocale>
#include <QMetaObject>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <nlohmann/json.hpp>

#include "model/encoder.h"
#include "storage/workspace.h"
#include "ui/error_dialog.h"
#include "ui/job.h"
#include "ui/labeled_split.h"
#include "ui/metrics_view.h"
#include "ui/model_store.h"
#include "ui/train_page.h"
#include "ui/training_chart.h"
#include "ui/workspace_session.h"

namespace sentinela::ui {

namespace {
// The active model's metrics on `val`, for the comparison; nullopt without an active model or
// when it cannot be evaluated (different labels).
std::optional<model::Metrics> evaluateActive(storage::Workspace& workspace,
                                             const std::string& task,
                                             const model::LabeledTexts& val) {
    const auto info = activeModelInfo(workspace, task);
    if (!info || val.size() == 0) {
        return std::nullopt;
    }
    try {
        const auto classifier = loadClassifier(workspace, *info);
        if (classifier->multiLabel()) {
            return std::nullopt;
        }
        const auto& labels = classifier->labels();
        std::vector<std::int32_t> gold;
        std::vector<float> scores;
        const auto predicted = classifier->predictBatch(std::span(val.texts), 2);
        for (std::size_t i = 0; i < val.size(); ++i) {
            const auto it = std::find(labels.begin(), labels.end(), val.labels[i].front());
            if (it == labels.end()) {
                return std::nullopt;
            }
            gold.push_back(static_cast<std::int32_t>(it - labels.begin()));
            scores.insert(scores.end(), predicted[i].begin(), predicted[i].end());
        }
        return model::computeMetrics(labels, gold, scores);
    } catch (const std::exception&) {
        return std::nullopt;  // an unreadable old model only loses the comparison
    }
}
}  // namespace

void TrainPage::startTraining() {
    if (!session_ || trainJob_->isRunning()) {
        return;
    }
    const model::TrainConfig config = this->config();
    try {
        model::validate(config);
    } catch (const std::exception& e) {
        showError(this, tr("Check the configuration"), QString::fromStdString(e.what()));
        return;
    }
    start_->setEnabled(false);
    stop_->setEnabled(true);
    activate_->setEnabled(false);
    trainedModelId_ = 0;
    metrics_->clear();
    warnings_->clear();
    warnings_->hide();
    chart_->clear(config.epochs);
    progress_->setValue(0);
    stage_->setText(tr("Reading the labeled posts…"));
    const double val = valPercent_->value() / 100.0;
    trainJob_->start([this, config, val, path = session_->path(), analyst = session_->analyst(),
                      encoderFile = encoderFile().toStdString()](
                             std::stop_token stop, Progress& progress) -> Job::Continuation {
        std::optional<model::Encoder> encoder;
        if (!encoderFile.empty()) {
            progress.report(-1, tr("Reading the pretrained encoder…"));
            encoder.emplace(model::Encoder::load(encoderFile));
        }
        storage::Workspace workspace(path);
        const LabeledSplit split = readLabeledSplit(workspace, config.task, 1.0 - 2 * val, val);
        if (split.val.size() == 0 || split.train.size() == 0) {
            throw model::TrainError(
                    tr("The task \"%1\" has too few labeled posts to train (train %2, "
                       "validation %3). Label more posts on the review page, or import a "
                       "labeled export.")
                            .arg(QString::fromStdString(config.task))
                            .arg(split.train.size())
                            .arg(split.val.size())
                            .toStdString());
        }
        model::TrainCallbacks callbacks;
        callbacks.onStage = [&progress](const std::string& stage) {
            progress.report(-1, QString::fromStdString(stage));
        };
        callbacks.onStep = [this, &progress](const model::StepProgress& step) {
            const double done = (step.epoch - 1 + double(step.step) / double(step.stepsPerEpoch)) /
                                double(step.epochs);
            progress.report(done, tr("Epoch %1 of %2 · loss %3 · %4 s")
                                          .arg(step.epoch)
                                          .arg(step.epochs)
                                          .arg(step.loss, 0, 'f', 4)
                                          .arg(step.elapsedSeconds, 0, 'f', 0));
            const double x = step.epoch - 1 + double(step.step) / double(step.stepsPerEpoch);
            QMetaObject::invokeMethod(
                    this, [this, x, loss = step.loss] { chart_->addTrainLoss(x, loss); },
                    Qt::QueuedConnection);
        };
        callbacks.onEpoch = [this](const model::EpochReport& report) {
            QMetaObject::invokeMethod(
                    this, [this, report] { onEpoch(report); }, Qt::QueuedConnection);
        };
        callbacks.onWarning = [this](const std::string& warning) {
            QMetaObject::invokeMethod(
                    this, [this, text = QString::fromStdString(warning)] { addWarning(text); },
                    Qt::QueuedConnection);
        };
        std::optional<model::Classifier> trained;
        try {
            trained.emplace(model::train(config, split.train, split.val, stop, callbacks,
                                         encoder ? &*encoder : nullptr));
        } catch (const model::TrainingCancelled&) {
            return [this] {
                stage_->setText(
                        tr("Training stopped before the first epoch ended; nothing "
                           "was kept."));
                emit trainingFinished(false);
            };
        }
        progress.report(-1, tr("Saving the model and comparing with the active one…"));
        const std::int64_t modelId = storeClassifier(workspace, *trained, config.task, analyst);
        const model::Metrics metrics =
                model::metricsFromJson(nlohmann::json::parse(trained->metadata().valMetricsJson));
        auto active = evaluateActive(workspace, config.task, split.val);
        const bool cancelled = trained->metadata().cancelled;
        const int bestEpoch = trained->metadata().bestEpoch;
        return [this, modelId, metrics, active, cancelled, bestEpoch,
                metadata = trained->metadata()] {
            trainedModelId_ = modelId;
            metrics_->show(metrics, active, metadata);
            activate_->setEnabled(true);
            progress_->setRange(0, 1000);
            progress_->setValue(1000);
            stage_->setText((cancelled ? tr("Stopped early; kept the best epoch (%1).")
                                       : tr("Done; kept the best epoch (%1)."))
                                    .arg(bestEpoch) +
                            QLatin1Char(' ') +
                            tr("The model is saved in the workspace. Make it active to use it "
                               "for scans and suggestions."));
            session_->notifyModelsChanged();
            emit trainingFinished(true);
        };
    });
}

void TrainPage::onEpoch(const model::EpochReport& report) {
    chart_->addEpoch(report.epoch, report.valLoss, report.selectedMetric,
                     QString::fromStdString(report.selectedMetricName));
}

void TrainPage::addWarning(const QString& warning) {
    const QString line = tr("Warning: %1").arg(warning);
    warnings_->setText(warnings_->text().isEmpty() ? line : warnings_->text() + '\n' + line);
    warnings_->show();
}

QString TrainPage::warnings() const {
    return warnings_->text();
}

void TrainPage::activateTrainedModel() {
    if (!session_ || trainedModelId_ == 0) {
        return;
    }
    try {
        session_->workspace().activateModel(trainedModelId_, session_->analyst());
    } catch (const std::exception& e) {
        showError(this, tr("Could not activate the model"), QString::fromStdString(e.what()));
        return;
    }
    activate_->setEnabled(false);
    stage_->setText(
            tr("The new model is now active. Scan the workspace to refresh the "
               "review queues."));
    session_->notifyModelsChanged();
}

}  // namespace sentinela::ui
