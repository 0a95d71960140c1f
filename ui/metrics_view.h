// The evaluation of a trained model: per-label precision / recall / F1 / support, the summary
// (accuracy, macro-F1, macro recall, ROC-AUC), the confusion matrix, and the comparison with
// the task's active model on the same validation split. GUI thread only.
#pragma once

#include <QWidget>
#include <optional>

#include "model/classifier.h"
#include "model/metrics.h"

class QLabel;
class QTableWidget;

namespace sentinela::ui {

class MetricsView : public QWidget {
    Q_OBJECT
public:
    explicit MetricsView(QWidget* parent = nullptr);
    // `active`: the active model's metrics on the same split, if there is an active model.
    // `trained`: the new model's metadata, for how uncertain its validation figure is.
    void show(const model::Metrics& metrics,
              const std::optional<model::Metrics>& active,
              const model::ModelMetadata& trained = {});
    QLabel* uncertaintyLabel() const { return uncertainty_; }
    void clear();
    QTableWidget* perClassTable() const { return perClass_; }
    QTableWidget* confusionTable() const { return confusion_; }

private:
    QLabel* summary_;
    QLabel* uncertainty_;
    QTableWidget* perClass_;
    QTableWidget* confusion_;
    QTableWidget* comparison_;
};

}  // namespace sentinela::ui
