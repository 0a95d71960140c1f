#include "ui/train_page.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>
#include <set>

#include "model/encoder_location.h"
#include "storage/workspace.h"
#include "ui/error_dialog.h"
#include "ui/job.h"
#include "ui/labeled_split.h"
#include "ui/metrics_view.h"
#include "ui/task_combo.h"
#include "ui/training_chart.h"
#include "ui/workspace_session.h"

namespace sentinela::ui {

namespace {
QSpinBox* spin(int minimum, int maximum, int value, QWidget* parent) {
    auto* box = new QSpinBox(parent);
    box->setRange(minimum, maximum);
    box->setValue(value);
    return box;
}

// Said before training what model::train() would refuse (single-label) or warn about
// (multi-label): labels without a post in the validation split. Empty when none is missing.
QString missingFromValidation(const model::TrainConfig& config, const model::LabeledTexts& val) {
    if (val.size() == 0) {
        return {};
    }
    std::set<std::string> present;
    for (const auto& labels : val.labels) {
        present.insert(labels.begin(), labels.end());
    }
    QStringList missing;
    for (const auto& label : config.labels) {
        if (!present.contains(label)) {
            missing << QStringLiteral("'%1'").arg(QString::fromStdString(label));
        }
    }
    if (missing.isEmpty()) {
        return {};
    }
    const QString list = missing.join(QStringLiteral(", "));
    return QStringLiteral("<br>") +
           (config.multiLabel
                    ? TrainPage::tr("Validation has no post labeled %1; training will warn.")
                              .arg(list)
                    : TrainPage::tr("Validation has no post labeled %1, so training would stop: "
                                    "label more such posts or raise the validation share.")
                              .arg(list));
}
}  // namespace

TrainPage::TrainPage(QWidget* parent)
    : Page(parent),
      dataJob_(new Job(this)),
      trainJob_(new Job(this)),
      task_(new QComboBox(this)),
      data_(new QLabel(this)),
      valPercent_(spin(5, 40, 10, this)),
      startFrom_(new QComboBox(this)),
      size_(new QComboBox(this)),
      epochs_(spin(1, 100, model::TrainConfig{}.epochs, this)),
      advanced_(new QGroupBox(tr("Advanced"), this)),
      learningRate_(new QDoubleSpinBox(this)),
      batchSize_(spin(1, 1024, model::TrainConfig{}.batchSize, this)),
      maxTokens_(spin(8, 1024, model::TrainConfig{}.maxTokens, this)),
      patience_(spin(0, 50, model::TrainConfig{}.patience, this)),
      vocabulary_(spin(500, 64000, model::TrainConfig{}.tokenizer.vocabularySize, this)),
      seed_(spin(0, 1'000'000, static_cast<int>(model::TrainConfig{}.seed), this)),
      threads_(spin(0, 64, model::TrainConfig{}.threads, this)),
      start_(new QPushButton(tr("Train"), this)),
      stop_(new QPushButton(tr("Stop"), this)),
      activate_(new QPushButton(tr("Make this model active"), this)),
      progress_(new QProgressBar(this)),
      stage_(new QLabel(this)),
      warnings_(new QLabel(this)),
      chart_(new TrainingChart(this)),
      metrics_(new MetricsView(this)) {
    auto* title = new QLabel(tr("Train"), this);
    title->setProperty("role", "title");
    connect(task_, &QComboBox::activated, this, [this] {
        if (session_) {
            session_->setTask(task_->currentData().toString().toStdString());
        }
    });
    data_->setWordWrap(true);
    data_->setObjectName("trainingData");
    size_->addItem(tr("Small (fast)"), 64);
    size_->addItem(tr("Standard"), 128);
    size_->addItem(tr("Large (slow, more data)"), 256);
    size_->setCurrentIndex(1);
    startFrom_->setObjectName("startFrom");
    fillStartFrom();
    connect(startFrom_, &QComboBox::activated, this, &TrainPage::startFromChanged);
    learningRate_->setDecimals(5);
    learningRate_->setRange(1e-5, 1.0);
    learningRate_->setSingleStep(1e-4);
    learningRate_->setValue(model::TrainConfig{}.learningRate);
    threads_->setSpecialValueText(tr("all cores"));
    valPercent_->setSuffix(QStringLiteral(" %"));
    connect(valPercent_, &QSpinBox::valueChanged, this, &TrainPage::countData);

    advanced_->setCheckable(true);
    advanced_->setFlat(true);  // folded away: no empty frame while unchecked
    advanced_->setChecked(false);
    auto* advancedForm = new QFormLayout;
    advancedForm->addRow(tr("Learning rate"), learningRate_);
    advancedForm->addRow(tr("Batch size"), batchSize_);
    advancedForm->addRow(tr("Max tokens per post"), maxTokens_);
    advancedForm->addRow(tr("Early-stopping patience"), patience_);
    advancedForm->addRow(tr("Vocabulary size"), vocabulary_);
    advancedForm->addRow(tr("Seed"), seed_);
    advancedForm->addRow(tr("Threads"), threads_);
    auto* advancedBody = new QWidget(advanced_);
    advancedBody->setLayout(advancedForm);
    advancedBody->setVisible(false);
    auto* advancedLayout = new QVBoxLayout(advanced_);
    advancedLayout->addWidget(advancedBody);
    connect(advanced_, &QGroupBox::toggled, advancedBody, &QWidget::setVisible);

    auto* form = new QFormLayout;
    form->addRow(tr("Task"), task_);
    form->addRow(tr("Validation split"), valPercent_);
    form->addRow(tr("Start from"), startFrom_);
    form->addRow(tr("Model size"), size_);
    form->addRow(tr("Epochs (at most)"), epochs_);

    start_->setObjectName("trainButton");
    start_->setProperty("role", "primary");
    stop_->setObjectName("stopTrainingButton");
    stop_->setEnabled(false);
    activate_->setObjectName("activateModelButton");
    activate_->setEnabled(false);
    connect(start_, &QPushButton::clicked, this, &TrainPage::startTraining);
    connect(stop_, &QPushButton::clicked, this, &TrainPage::stopTraining);
    connect(activate_, &QPushButton::clicked, this, &TrainPage::activateTrainedModel);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(start_);
    buttons->addWidget(stop_);
    buttons->addStretch();
    stage_->setWordWrap(true);
    stage_->setObjectName("trainingStage");
    // What train() accepted but the analyst should know (e.g. a label missing from validation).
    warnings_->setWordWrap(true);
    warnings_->setObjectName("trainingWarnings");
    warnings_->setProperty("role", "warning");
    warnings_->hide();

    auto* setup = new QVBoxLayout;
    setup->addWidget(data_);
    setup->addLayout(form);
    setup->addWidget(advanced_);
    setup->addLayout(buttons);
    setup->addWidget(progress_);
    setup->addWidget(stage_);
    setup->addWidget(warnings_);
    setup->addStretch();
    setup->addWidget(activate_);
    auto* setupWidget = new QWidget(this);
    setupWidget->setLayout(setup);
    setupWidget->setMaximumWidth(380);

    auto* top = new QHBoxLayout;
    top->addWidget(setupWidget);
    top->addWidget(chart_, 1);
    auto* topWidget = new QWidget(this);
    topWidget->setLayout(top);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(topWidget);
    splitter->addWidget(metrics_);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 18, 24, 18);
    layout->addWidget(title);
    layout->addWidget(splitter, 1);

    connect(trainJob_, &Job::progressed, this, [this](double fraction, const QString& text) {
        progress_->setRange(0, fraction < 0 ? 0 : 1000);
        progress_->setValue(static_cast<int>(fraction * 1000));
        stage_->setText(text);
    });
    connect(trainJob_, &Job::failed, this, [this](const QString& message) {
        stage_->setText(tr("Training failed."));
        showError(this, tr("Training failed"), message);
        emit trainingFinished(false);
    });
    connect(trainJob_, &Job::canceled, this, [this] {
        stage_->setText(tr("Training stopped before the first epoch ended; nothing was kept."));
        emit trainingFinished(false);
    });
    connect(trainJob_, &Job::finished, this, [this] {
        start_->setEnabled(true);
        stop_->setEnabled(false);
    });
}

TrainPage::~TrainPage() = default;

void TrainPage::setSession(WorkspaceSession* session) {
    dataJob_->requestStop();
    trainJob_->requestStop();
    session_ = session;
    stale_ = true;
    trainedModelId_ = 0;
    activate_->setEnabled(false);
    metrics_->clear();
    if (session_) {
        auto markStale = [this] {
            stale_ = true;
            if (isVisible()) {
                activate();
            }
        };
        connect(session_, &WorkspaceSession::taskChanged, this, markStale);
        connect(session_, &WorkspaceSession::labelsChanged, this, [this] { stale_ = true; });
    }
}

void TrainPage::activate() {
    if (stale_ && session_) {
        stale_ = false;
        fillTaskCombo(*task_, *session_);
        countData();
    }
}

bool TrainPage::isBusy() const {
    return dataJob_->isRunning();
}

bool TrainPage::isTraining() const {
    return trainJob_->isRunning();
}

void TrainPage::setEpochs(int epochs) {
    epochs_->setValue(epochs);
}

void TrainPage::countData() {
    if (!session_) {
        return;
    }
    dataJob_->requestStop();
    if (dataJob_->isRunning()) {
        return;
    }
    const double val = valPercent_->value() / 100.0;
    const auto config = this->config();
    dataJob_->start([this, path = session_->path(), task = session_->task(), val, config](
                            std::stop_token, Progress&) -> Job::Continuation {
        storage::WorkspaceOptions options;
        options.installPresets = false;
        storage::Workspace workspace(path, options);
        const auto split = readLabeledSplit(workspace, task, 1.0 - 2 * val, val);
        const QString missing = missingFromValidation(config, split.val);
        const auto counts = workspace.labelCounts(task);
        QStringList perLabel;
        for (const auto& count : counts) {
            perLabel << QStringLiteral("%1 %2").arg(QString::fromStdString(count.label),
                                                    QLocale().toString(count.count));
        }
        return [this, train = split.train.size(), val = split.val.size(), test = split.test.size(),
                perLabel, missing] {
            data_->setText(tr("<b>%1 labeled posts</b> (%2)<br>train %3 · validation %4 · test "
                              "%5 (held out)")
                                   .arg(train + val + test)
                                   .arg(perLabel.join(QStringLiteral(", ")))
                                   .arg(train)
                                   .arg(val)
                                   .arg(test) +
                           missing);
        };
    });
}

// "Start from": the base encoder that ships with Sentinela (what a new user wants), nothing, or
// an encoder of the analyst's own (`sentinela pretrain`, e.g. continued on this workspace).
void TrainPage::fillStartFrom() {
    startFrom_->clear();
    if (const auto base = model::findDefaultEncoder()) {
        startFrom_->addItem(tr("Base encoder (recommended)"),
                            QString::fromStdString(base->string()));
        startFrom_->setItemData(0, QString::fromStdString(base->string()), Qt::ToolTipRole);
    }
    startFrom_->addItem(tr("Nothing (train from scratch)"), QString());
    startFrom_->addItem(tr("Encoder file…"), QStringLiteral("<choose>"));
    startFrom_->setCurrentIndex(0);
    startFromChanged();
}

void TrainPage::startFromChanged() {
    if (startFrom_->currentData().toString() == QLatin1String("<choose>")) {
        const QString file =
                QFileDialog::getOpenFileName(this, tr("Choose a pretrained encoder"), QString(),
                                             tr("Sentinela encoders (*.encoder);;All files (*)"));
        if (file.isEmpty()) {
            startFrom_->setCurrentIndex(0);
        } else {
            setEncoderFile(file);
        }
    }
    // An encoder fixes the network's size; the size choice applies to training from scratch.
    size_->setEnabled(encoderFile().isEmpty());
}

QString TrainPage::encoderFile() const {
    const QString file = startFrom_->currentData().toString();
    return file == QLatin1String("<choose>") ? QString() : file;
}

void TrainPage::setEncoderFile(const QString& file) {
    int index = startFrom_->findData(file);
    if (index < 0) {
        index = startFrom_->count() - 1;  // before "Encoder file…"
        startFrom_->insertItem(index, QFileInfo(file).fileName(), file);
        startFrom_->setItemData(index, file, Qt::ToolTipRole);
    }
    startFrom_->setCurrentIndex(index);
    size_->setEnabled(file.isEmpty());
}

model::TrainConfig TrainPage::config() const {
    model::TrainConfig config;
    if (session_) {
        const auto& schema = session_->taskSchema();
        config.task = schema.name;
        config.multiLabel = schema.multiLabel;
        for (const auto& label : schema.labels) {
            config.labels.push_back(label.name);
        }
    }
    const int size = size_->currentData().toInt();
    config.network.embeddingDim = size;
    config.network.hiddenSize = size;
    config.network.layers = size >= 256 ? 2 : 1;
    config.epochs = epochs_->value();
    if (advanced_->isChecked()) {
        config.learningRate = static_cast<float>(learningRate_->value());
        config.batchSize = batchSize_->value();
        config.maxTokens = maxTokens_->value();
        config.patience = patience_->value();
        config.tokenizer.vocabularySize = vocabulary_->value();
        config.seed = static_cast<std::uint64_t>(seed_->value());
        config.threads = threads_->value();
    }
    return config;
}

void TrainPage::stopTraining() {
    // The trainer returns the best epoch so far (or nothing before the first epoch ends).
    trainJob_->cancel();
    stop_->setEnabled(false);
    stage_->setText(tr("Stopping…"));
}

}  // namespace sentinela::ui
