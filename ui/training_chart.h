// Live training curves (Qt Charts): the running training loss at every progress step, the
// validation loss and the validation metric early stopping follows at every epoch. GUI thread
// only.
#pragma once

#include <QChartView>

class QLineSeries;
class QValueAxis;
class QScatterSeries;

namespace sentinela::ui {

class TrainingChart : public QChartView {
    Q_OBJECT
public:
    explicit TrainingChart(QWidget* parent = nullptr);
    void clear(int epochs);
    // x in epochs (fractional for steps).
    void addTrainLoss(double epoch, double loss);
    void addEpoch(int epoch, double valLoss, double metric, const QString& metricName);
    int pointCount() const;

private:
    void fitLoss(double loss);

    QLineSeries* trainLoss_;
    QLineSeries* valLoss_;
    QLineSeries* metric_;
    QValueAxis* epochs_;
    QValueAxis* lossAxis_;
    QValueAxis* metricAxis_;
    double maxLoss_ = 1.0;
};

}  // namespace sentinela::ui
