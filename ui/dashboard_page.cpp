#include "ui/dashboard_page.h"

#include <QComboBox>
#include <QDateTime>
#include <QFileInfo>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "storage/workspace.h"
#include "ui/job.h"
#include "ui/main_window.h"
#include "ui/style.h"
#include "ui/task_combo.h"
#include "ui/workspace_session.h"

namespace sentinela::ui {

namespace {
QTableWidget* makeTable(const QStringList& headers, QWidget* parent) {
    auto* table = new QTableWidget(0, headers.size(), parent);
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->setAlternatingRowColors(true);
    return table;
}

QString count(std::int64_t value) {
    return QLocale().toString(static_cast<qlonglong>(value));
}
}  // namespace

DashboardPage::DashboardPage(QWidget* parent)
    : Page(parent), job_(new Job(this)), taskBox_(new QComboBox(this)) {
    auto* title = new QLabel(tr("Dashboard"), this);
    title->setProperty("role", "title");
    auto* import = new QPushButton(tr("Import posts…"), this);
    import->setProperty("role", "primary");
    connect(import, &QPushButton::clicked, this, &DashboardPage::importRequested);
    auto* review = new QPushButton(tr("Start reviewing"), this);
    connect(review, &QPushButton::clicked, this,
            [this] { emit pageRequested(MainWindow::kReview); });
    auto* header = new QHBoxLayout;
    header->addWidget(title);
    header->addStretch();
    header->addWidget(review);
    header->addWidget(import);

    auto* cards = new QHBoxLayout;
    postsValue_ = addCard(cards, tr("Posts"), tr("Posts in this workspace"));
    labeledValue_ = addCard(cards, tr("Labeled"), tr("Posts with a human decision for the task"));
    flaggedValue_ = addCard(cards, tr("Flagged"),
                            tr("Posts the active model flags (score ≥ 0.5) that no analyst has "
                               "decided yet"));
    modelsValue_ = addCard(cards, tr("Models"), tr("Trained models in this workspace"));
    scanValue_ = addCard(cards, tr("Last scan"), tr("When the active model last scored posts"));

    taskTitle_ = new QLabel(tr("Labels"), this);
    taskTitle_->setStyleSheet("font-weight: 600;");
    connect(taskBox_, &QComboBox::activated, this, [this] {
        if (session_) {
            session_->setTask(taskBox_->currentData().toString().toStdString());
        }
    });
    auto* taskRow = new QHBoxLayout;
    taskRow->addWidget(taskTitle_);
    taskRow->addWidget(taskBox_);
    taskRow->addStretch();
    labelBars_ = new QWidget(this);
    new QGridLayout(labelBars_);

    sources_ = makeTable({tr("Source"), tr("Posts")}, this);
    imports_ = makeTable({tr("File"), tr("Format"), tr("Imported"), tr("Duplicates"),
                          tr("Rejected"), tr("Finished")},
                         this);
    imports_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    imports_->horizontalHeader()->setStretchLastSection(false);
    auto* tables = new QHBoxLayout;
    auto* sourceColumn = new QVBoxLayout;
    sourceColumn->addWidget(new QLabel(tr("Posts by source"), this));
    sourceColumn->addWidget(sources_);
    auto* importColumn = new QVBoxLayout;
    importColumn->addWidget(new QLabel(tr("Imports"), this));
    importColumn->addWidget(imports_);
    tables->addLayout(sourceColumn, 1);
    tables->addLayout(importColumn, 3);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 18, 24, 18);
    layout->setSpacing(14);
    layout->addLayout(header);
    layout->addLayout(cards);
    layout->addLayout(taskRow);
    layout->addWidget(labelBars_);
    layout->addLayout(tables, 1);
}

DashboardPage::~DashboardPage() = default;

QLabel* DashboardPage::addCard(QLayout* row, const QString& name, const QString& tip) {
    auto* card = new QFrame(this);
    card->setProperty("role", "card");
    card->setToolTip(tip);
    auto* value = new QLabel(QStringLiteral("–"), card);
    value->setProperty("role", "cardValue");
    auto* caption = new QLabel(name, card);
    caption->setProperty("role", "cardName");
    auto* layout = new QVBoxLayout(card);
    layout->addWidget(value);
    layout->addWidget(caption);
    row->addWidget(card);
    return value;
}

void DashboardPage::setSession(WorkspaceSession* session) {
    job_->requestStop();
    session_ = session;
    stale_ = true;
    if (session_) {
        auto markStale = [this] {
            stale_ = true;
            if (isVisible()) {
                refresh();
            }
        };
        connect(session_, &WorkspaceSession::postsChanged, this, markStale);
        connect(session_, &WorkspaceSession::labelsChanged, this, markStale);
        connect(session_, &WorkspaceSession::modelsChanged, this, markStale);
        connect(session_, &WorkspaceSession::taskChanged, this, markStale);
    }
}

void DashboardPage::activate() {
    if (stale_) {
        refresh();
    }
}

bool DashboardPage::isBusy() const {
    return job_->isRunning() || stale_;
}

void DashboardPage::refresh() {
    if (!session_ || job_->isRunning()) {
        return;
    }
    stale_ = false;
    fillTaskCombo(*taskBox_, *session_);
    const auto path = session_->path();
    // stats() counts every post: a full scan at a million posts, so off the GUI thread.
    job_->start([this, path](std::stop_token, Progress&) -> Job::Continuation {
        storage::WorkspaceOptions options;
        options.installPresets = false;
        storage::Workspace workspace(path, options);
        auto stats = workspace.stats();
        auto imports = workspace.imports();
        return [this, stats = std::move(stats), imports = std::move(imports)] {
            show(stats, imports);
        };
    });
}

void DashboardPage::show(const storage::WorkspaceStats& stats,
                         const std::vector<storage::ImportInfo>& imports) {
    if (!session_) {
        return;
    }
    const std::string& task = session_->task();
    const storage::TaskStats* taskStats = nullptr;
    for (const auto& candidate : stats.tasks) {
        if (candidate.task == task) {
            taskStats = &candidate;
        }
    }
    postsValue_->setText(count(stats.posts));
    labeledValue_->setText(taskStats ? count(taskStats->labeledPosts) : QStringLiteral("0"));
    flaggedValue_->setText(taskStats ? count(taskStats->flagged) : QStringLiteral("0"));
    modelsValue_->setText(count(stats.models));
    scanValue_->setText(
            stats.lastScanAt.empty()
                    ? tr("never")
                    : QLocale().toString(
                              QDateTime::fromString(QString::fromStdString(stats.lastScanAt),
                                                    Qt::ISODate)
                                      .toLocalTime(),
                              QLocale::ShortFormat));

    // One bar per label of the task, so the balance of the labeled sample is visible.
    auto* grid = static_cast<QGridLayout*>(labelBars_->layout());
    while (QLayoutItem* item = grid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (taskStats) {
        std::int64_t maximum = 1;
        for (const auto& label : taskStats->labels) {
            maximum = std::max(maximum, label.count);
        }
        int row = 0;
        for (const auto& label : taskStats->labels) {
            const QString name = QString::fromStdString(label.label);
            auto* chip = new QLabel(name, labelBars_);
            chip->setStyleSheet(QStringLiteral("background:%1; color:white; border-radius:9px; "
                                               "padding:2px 10px;")
                                        .arg(labelColor(name).name()));
            auto* bar = new QProgressBar(labelBars_);
            bar->setRange(0, static_cast<int>(maximum));
            bar->setValue(static_cast<int>(label.count));
            bar->setFormat(count(label.count));
            bar->setMaximumHeight(16);
            grid->addWidget(chip, row, 0, Qt::AlignLeft);
            grid->addWidget(bar, row, 1);
            ++row;
        }
        grid->setColumnStretch(1, 1);
    }

    sources_->setRowCount(0);
    for (const auto& [source, posts] : stats.postsBySource) {
        const int row = sources_->rowCount();
        sources_->insertRow(row);
        sources_->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(source)));
        sources_->setItem(row, 1, new QTableWidgetItem(count(posts)));
    }
    imports_->setRowCount(0);
    for (auto it = imports.rbegin(); it != imports.rend(); ++it) {
        const int row = imports_->rowCount();
        imports_->insertRow(row);
        const QString file = QString::fromStdString(it->file);
        auto* fileItem = new QTableWidgetItem(QFileInfo(file).fileName());
        fileItem->setToolTip(file);
        imports_->setItem(row, 0, fileItem);
        imports_->setItem(row, 1, new QTableWidgetItem(QString::fromStdString(it->format)));
        imports_->setItem(row, 2, new QTableWidgetItem(count(it->totals.imported)));
        imports_->setItem(row, 3, new QTableWidgetItem(count(it->totals.duplicates)));
        imports_->setItem(row, 4, new QTableWidgetItem(count(it->totals.rejected)));
        imports_->setItem(row, 5, new QTableWidgetItem(QString::fromStdString(it->finishedAt)));
    }
    imports_->resizeColumnsToContents();
}

}  // namespace sentinela::ui
