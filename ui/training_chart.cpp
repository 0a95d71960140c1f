#include "ui/training_chart.h"

#include <QChart>
#include <QLineSeries>
#include <QValueAxis>

#include "ui/style.h"

namespace sentinela::ui {

// The chart goes to QChartView's constructor: the parent-only constructor makes a default chart
// that setChart() would replace without deleting (Qt documents it: the caller must delete it).
TrainingChart::TrainingChart(QWidget* parent)
    : QChartView(new QChart, parent),
      trainLoss_(new QLineSeries),
      valLoss_(new QLineSeries),
      metric_(new QLineSeries),
      epochs_(new QValueAxis),
      lossAxis_(new QValueAxis),
      metricAxis_(new QValueAxis) {
    setObjectName("trainingChart");
    QChart* chart = this->chart();
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    trainLoss_->setName(tr("training loss"));
    valLoss_->setName(tr("validation loss"));
    metric_->setName(tr("validation metric"));
    trainLoss_->setColor(QColor(0x8a, 0x8f, 0x98));
    valLoss_->setColor(QColor(0xe0, 0x6c, 0x3c));
    metric_->setColor(accentColor());
    QPen thick = metric_->pen();
    thick.setWidth(3);
    thick.setColor(accentColor());
    metric_->setPen(thick);
    valLoss_->setPointsVisible(true);
    metric_->setPointsVisible(true);
    chart->addSeries(trainLoss_);
    chart->addSeries(valLoss_);
    chart->addSeries(metric_);
    epochs_->setTitleText(tr("epoch"));
    epochs_->setLabelFormat("%d");
    lossAxis_->setTitleText(tr("loss"));
    metricAxis_->setTitleText(tr("metric"));
    metricAxis_->setRange(0, 1);
    chart->addAxis(epochs_, Qt::AlignBottom);
    chart->addAxis(lossAxis_, Qt::AlignLeft);
    chart->addAxis(metricAxis_, Qt::AlignRight);
    for (QLineSeries* series : {trainLoss_, valLoss_}) {
        series->attachAxis(epochs_);
        series->attachAxis(lossAxis_);
    }
    metric_->attachAxis(epochs_);
    metric_->attachAxis(metricAxis_);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
    clear(10);
}

void TrainingChart::clear(int epochs) {
    trainLoss_->clear();
    valLoss_->clear();
    metric_->clear();
    maxLoss_ = 0.1;
    epochs_->setRange(0, std::max(1, epochs));
    epochs_->setTickCount(std::min(epochs, 12) + 1);
    lossAxis_->setRange(0, 1);
}

void TrainingChart::fitLoss(double loss) {
    if (loss > maxLoss_) {
        maxLoss_ = loss;
        lossAxis_->setRange(0, maxLoss_ * 1.1);
    }
}

void TrainingChart::addTrainLoss(double epoch, double loss) {
    trainLoss_->append(epoch, loss);
    fitLoss(loss);
}

void TrainingChart::addEpoch(int epoch, double valLoss, double metric, const QString& metricName) {
    valLoss_->append(epoch, valLoss);
    metric_->append(epoch, metric);
    metric_->setName(tr("validation %1").arg(metricName));
    fitLoss(valLoss);
}

int TrainingChart::pointCount() const {
    return static_cast<int>(trainLoss_->count() + valLoss_->count() + metric_->count());
}

}  // namespace sentinela::ui
