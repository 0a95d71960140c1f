#include "ui/posts_page.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "storage/workspace.h"
#include "ui/error_dialog.h"
#include "ui/job.h"
#include "ui/label_chip_delegate.h"
#include "ui/post_details_view.h"
#include "ui/post_filter_bar.h"
#include "ui/post_table_model.h"
#include "ui/workspace_session.h"

namespace sentinela::ui {

PostsPage::PostsPage(QWidget* parent)
    : Page(parent),
      filters_(new PostFilterBar(this)),
      model_(new PostTableModel(this)),
      table_(new QTableView(this)),
      details_(new PostDetailsView(this)),
      count_(new QLabel(this)),
      bulk_(new QPushButton(tr("Label all matches…"), this)),
      undo_(new QPushButton(tr("Undo bulk label"), this)),
      job_(new Job(this)) {
    auto* title = new QLabel(tr("Posts"), this);
    title->setProperty("role", "title");
    bulk_->setObjectName("bulkLabelButton");
    bulk_->setToolTip(tr("Apply one label to every post the search and filters match"));
    undo_->setObjectName("undoBulkButton");
    undo_->setEnabled(false);
    connect(bulk_, &QPushButton::clicked, this, &PostsPage::confirmBulkLabel);
    connect(undo_, &QPushButton::clicked, this, &PostsPage::undoBulk);
    auto* header = new QHBoxLayout;
    header->addWidget(title);
    header->addSpacing(12);
    header->addWidget(count_, 1);
    header->addWidget(undo_);
    header->addWidget(bulk_);

    table_->setObjectName("postTable");
    table_->setModel(model_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setSortingEnabled(true);
    table_->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    table_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 12);
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table_->setWordWrap(false);
    table_->setAlternatingRowColors(true);
    table_->setItemDelegateForColumn(
            PostTableModel::kLabel,
            new LabelChipDelegate(PostTableModel::kLabelsRole, false, table_));
    table_->setItemDelegateForColumn(
            PostTableModel::kPredicted,
            new LabelChipDelegate(PostTableModel::kPredictedRole, true, table_));
    auto* columns = table_->horizontalHeader();
    columns->setSectionResizeMode(PostTableModel::kText, QHeaderView::Stretch);
    // The text is what the analyst reads: the other columns get just what their values need.
    columns->resizeSection(PostTableModel::kAuthor, 100);
    columns->resizeSection(PostTableModel::kDate, 115);
    columns->resizeSection(PostTableModel::kLabel, 100);
    columns->resizeSection(PostTableModel::kPredicted, 100);
    columns->resizeSection(PostTableModel::kScore, 55);
    columns->resizeSection(PostTableModel::kSource, 60);

    connect(filters_, &PostFilterBar::filterChanged, model_, &PostTableModel::setFilter);
    connect(model_, &PostTableModel::countChanged, this, &PostsPage::updateCount);
    connect(model_, &PostTableModel::loadingChanged, this, &PostsPage::updateCount);
    connect(model_, &PostTableModel::loadFailed, this, [this](const QString& message) {
        showError(this, tr("Could not read posts"), message);
    });
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &PostsPage::showSelected);
    // The selected row's page may arrive after the click.
    connect(model_, &QAbstractItemModel::dataChanged, this, [this] {
        if (!details_->post() && table_->currentIndex().isValid()) {
            showSelected();
        } else if (!table_->currentIndex().isValid() && model_->postAt(0) != nullptr) {
            table_->setCurrentIndex(model_->index(0, PostTableModel::kText));  // show one post
        }
    });
    connect(job_, &Job::failed, this, [this](const QString& message) {
        showError(this, tr("The operation failed"), message);
    });
    connect(job_, &Job::finished, this, [this] {
        bulk_->setEnabled(true);
        updateCount();
    });
    auto* find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, [this] {
        filters_->searchBox()->setFocus();
        filters_->searchBox()->selectAll();
    });

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(table_);
    splitter->addWidget(details_);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({900, 300});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 18, 24, 18);
    layout->addLayout(header);
    layout->addWidget(filters_);
    layout->addWidget(splitter, 1);
}

PostsPage::~PostsPage() = default;

void PostsPage::setSession(WorkspaceSession* session) {
    job_->requestStop();
    session_ = session;
    stale_ = true;
    details_->setSession(session);
    filters_->setSession(session);
    lastBulkAction_ = 0;
    undo_->setEnabled(false);
    model_->setWorkspace(session ? session->path() : std::filesystem::path());
    if (session_) {
        auto markStale = [this] {
            stale_ = true;
            if (isVisible()) {
                activate();
            }
        };
        connect(session_, &WorkspaceSession::postsChanged, this, markStale);
        connect(session_, &WorkspaceSession::labelsChanged, this, markStale);
        connect(session_, &WorkspaceSession::modelsChanged, this, markStale);
        model_->setFilter(filters_->filter());
        loadSources();
        stale_ = false;
    }
}

void PostsPage::activate() {
    if (stale_ && session_) {
        stale_ = false;
        model_->setFilter(filters_->filter());
        details_->refresh();
    }
}

bool PostsPage::isBusy() const {
    return model_->isLoading() || job_->isRunning();
}

void PostsPage::loadSources() {
    if (!session_ || job_->isRunning()) {
        return;
    }
    job_->start([this, path = session_->path()](std::stop_token, Progress&) -> Job::Continuation {
        storage::WorkspaceOptions options;
        options.installPresets = false;
        storage::Workspace workspace(path, options);
        QStringList sources;
        for (const auto& [source, count] : workspace.stats().postsBySource) {
            sources << QString::fromStdString(source);
        }
        return [this, sources] { filters_->setSources(sources); };
    });
}

void PostsPage::updateCount() {
    const auto total = model_->total();
    QString text = tr("%1 posts").arg(QLocale().toString(static_cast<qlonglong>(total.count)));
    if (model_->isLoading()) {
        text += QStringLiteral(" · ") + tr("loading…");
    }
    count_->setText(text);
}

void PostsPage::showSelected() {
    const storage::PostRow* post = model_->postAt(table_->currentIndex().row());
    details_->showPost(post ? std::optional(*post) : std::nullopt);
}

void PostsPage::confirmBulkLabel() {
    if (!session_ || job_->isRunning()) {
        return;
    }
    QStringList labels;
    for (const auto& definition : session_->taskSchema().labels) {
        labels << QString::fromStdString(definition.name);
    }
    if (labels.isEmpty()) {
        showError(this, tr("No labels"), tr("The task has no labels. Choose another task."));
        return;
    }
    bool ok = false;
    const QString label = QInputDialog::getItem(
            this, tr("Label all matches"),
            tr("Label every post that matches the current search and filters as:"), labels, 0,
            false, &ok);
    if (!ok) {
        return;
    }
    const qint64 count = model_->total().count;
    const auto answer = QMessageBox::question(
            this, tr("Label all matches"),
            tr("Label %1 posts as \"%2\" for the task \"%3\"? You can undo this afterwards.")
                    .arg(QLocale().toString(count), label,
                         QString::fromStdString(session_->task())));
    if (answer == QMessageBox::Yes) {
        bulkLabel(label);
    }
}

void PostsPage::bulkLabel(const QString& label) {
    if (!session_ || job_->isRunning()) {
        return;
    }
    const auto filter = model_->filter();
    bulk_->setEnabled(false);
    count_->setText(tr("Labeling…"));
    job_->start([this, path = session_->path(), filter, label = label.toStdString(),
                 analyst = session_->analyst()](std::stop_token, Progress&) -> Job::Continuation {
        storage::Workspace workspace(path);
        const auto result = workspace.bulkLabel(filter, filter.task, {label}, analyst);
        return [this, result] {
            lastBulkAction_ = result.actionId;
            undo_->setEnabled(result.count > 0);
            session_->notifyLabelsChanged();
        };
    });
}

void PostsPage::undoBulk() {
    if (!session_ || lastBulkAction_ == 0 || job_->isRunning()) {
        return;
    }
    undo_->setEnabled(false);
    // A bulk action may cover many thousands of posts: undo it off the GUI thread too.
    job_->start([this, path = session_->path(), action = lastBulkAction_,
                 analyst = session_->analyst()](std::stop_token, Progress&) -> Job::Continuation {
        storage::Workspace workspace(path);
        workspace.undo(action, analyst);
        return [this] {
            lastBulkAction_ = 0;
            session_->notifyLabelsChanged();
        };
    });
}

}  // namespace sentinela::ui
