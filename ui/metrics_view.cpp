#include "ui/metrics_view.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

#include "ui/style.h"

namespace sentinela::ui {

namespace {
QTableWidget* makeTable(QWidget* parent) {
    auto* table = new QTableWidget(parent);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    return table;
}

QTableWidgetItem* number(double value, int decimals = 3) {
    auto* item = new QTableWidgetItem(QLocale().toString(value, 'f', decimals));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QString optionalNumber(const std::optional<double>& value) {
    return value ? QLocale().toString(*value, 'f', 3) : QStringLiteral("–");
}

QString readableMetric(const std::string& name) {
    if (name == "macro_recall") {
        return MetricsView::tr("Macro recall");
    }
    if (name == "accuracy") {
        return MetricsView::tr("Accuracy");
    }
    return MetricsView::tr("Macro-F1");
}
}  // namespace

MetricsView::MetricsView(QWidget* parent)
    : QWidget(parent),
      summary_(new QLabel(this)),
      uncertainty_(new QLabel(this)),
      perClass_(makeTable(this)),
      confusion_(makeTable(this)),
      comparison_(makeTable(this)) {
    perClass_->setObjectName("metricsTable");
    confusion_->setObjectName("confusionMatrix");
    comparison_->setObjectName("comparisonTable");
    summary_->setWordWrap(true);
    uncertainty_->setWordWrap(true);
    auto* tables = new QHBoxLayout;
    auto* left = new QVBoxLayout;
    left->addWidget(new QLabel(tr("Per label (validation split)"), this));
    left->addWidget(perClass_);
    auto* middle = new QVBoxLayout;
    middle->addWidget(new QLabel(tr("Confusion matrix (rows: analyst, columns: model)"), this));
    middle->addWidget(confusion_);
    auto* right = new QVBoxLayout;
    right->addWidget(new QLabel(tr("New model vs active model"), this));
    right->addWidget(comparison_);
    tables->addLayout(left, 3);
    tables->addLayout(middle, 2);
    tables->addLayout(right, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(summary_);
    layout->addWidget(uncertainty_);
    layout->addLayout(tables, 1);
    clear();
}

void MetricsView::clear() {
    summary_->setText(tr("Metrics appear here when a training run ends."));
    uncertainty_->clear();
    uncertainty_->hide();
    perClass_->clear();
    perClass_->setRowCount(0);
    perClass_->setColumnCount(0);
    confusion_->clear();
    confusion_->setRowCount(0);
    confusion_->setColumnCount(0);
    comparison_->clear();
    comparison_->setRowCount(0);
    comparison_->setColumnCount(0);
}

void MetricsView::show(const model::Metrics& metrics,
                       const std::optional<model::Metrics>& active,
                       const model::ModelMetadata& trained) {
    const QLocale locale;
    if (trained.hasMetricInterval()) {
        // Analysts train on a few dozen validation posts: say how far the figure could move.
        const bool wide = (trained.selectedMetricHigh - trained.selectedMetricLow) / 2 >
                          model::kRoughValidationHalfWidth;
        uncertainty_->setText(
                tr("%1 %2, 95% interval %3 to %4 (bootstrap over the %5 validation posts).")
                        .arg(readableMetric(trained.selectedMetricName),
                             locale.toString(trained.selectedMetric, 'f', 3),
                             locale.toString(trained.selectedMetricLow, 'f', 3),
                             locale.toString(trained.selectedMetricHigh, 'f', 3),
                             locale.toString(static_cast<qlonglong>(trained.valExamples))) +
                (wide ? QLatin1Char(' ') +
                                 tr("That is wide: too few validation posts to tell close models "
                                    "apart. Label more posts before trusting small differences.")
                      : QString()));
        uncertainty_->setStyleSheet(wide ? QStringLiteral("color: %1;").arg(warningColor().name())
                                         : QString());
        uncertainty_->show();
    } else {
        uncertainty_->hide();
    }
    summary_->setText(tr("Accuracy %1 · macro-F1 %2 · macro recall %3 · ROC-AUC %4 · on %5 "
                         "validation posts")
                              .arg(locale.toString(metrics.accuracy, 'f', 3),
                                   locale.toString(metrics.macroF1, 'f', 3),
                                   locale.toString(metrics.macroRecall, 'f', 3),
                                   optionalNumber(metrics.rocAuc),
                                   locale.toString(static_cast<qlonglong>(metrics.examples))));

    perClass_->clear();
    perClass_->setColumnCount(5);
    perClass_->setHorizontalHeaderLabels(
            {tr("Label"), tr("Precision"), tr("Recall"), tr("F1"), tr("Support")});
    perClass_->setRowCount(static_cast<int>(metrics.perClass.size()));
    for (int row = 0; row < static_cast<int>(metrics.perClass.size()); ++row) {
        const auto& perClass = metrics.perClass[row];
        auto* label = new QTableWidgetItem(QString::fromStdString(perClass.label));
        label->setForeground(labelColor(label->text()));
        perClass_->setItem(row, 0, label);
        perClass_->setItem(row, 1, number(perClass.precision));
        perClass_->setItem(row, 2, number(perClass.recall));
        perClass_->setItem(row, 3, number(perClass.f1));
        perClass_->setItem(row, 4, number(static_cast<double>(perClass.support), 0));
    }

    confusion_->clear();
    const int size = static_cast<int>(metrics.confusion.size());
    confusion_->setRowCount(size);
    confusion_->setColumnCount(size);
    QStringList names;
    for (const auto& name : metrics.labels) {
        names << QString::fromStdString(name);
    }
    confusion_->setHorizontalHeaderLabels(names);
    confusion_->setVerticalHeaderLabels(names);
    std::int64_t largest = 1;
    for (const auto& row : metrics.confusion) {
        for (auto cell : row) {
            largest = std::max(largest, cell);
        }
    }
    for (int gold = 0; gold < size; ++gold) {
        for (int predicted = 0; predicted < size; ++predicted) {
            const auto cell = metrics.confusion[gold][predicted];
            auto* item = number(static_cast<double>(cell), 0);
            QColor shade = gold == predicted ? accentColor() : QColor(0xd9, 0x53, 0x4f);
            shade.setAlphaF(0.08 + 0.6 * double(cell) / double(largest));
            item->setBackground(shade);
            confusion_->setItem(gold, predicted, item);
        }
    }

    comparison_->clear();
    comparison_->setColumnCount(2);
    comparison_->setHorizontalHeaderLabels({tr("New"), tr("Active")});
    const QStringList rows = {tr("Accuracy"), tr("Macro-F1"), tr("Macro recall"), tr("ROC-AUC")};
    comparison_->setRowCount(rows.size());
    comparison_->setVerticalHeaderLabels(rows);
    auto values = [](const model::Metrics& m) {
        return QStringList{QLocale().toString(m.accuracy, 'f', 3),
                           QLocale().toString(m.macroF1, 'f', 3),
                           QLocale().toString(m.macroRecall, 'f', 3), optionalNumber(m.rocAuc)};
    };
    const QStringList fresh = values(metrics);
    const QStringList old = active ? values(*active) : QStringList(rows.size(), tr("none"));
    for (int row = 0; row < rows.size(); ++row) {
        comparison_->setItem(row, 0, new QTableWidgetItem(fresh[row]));
        comparison_->setItem(row, 1, new QTableWidgetItem(old[row]));
    }
}

}  // namespace sentinela::ui
