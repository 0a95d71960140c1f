#include "ui/review_page.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

#include "storage/workspace.h"
#include "ui/active_model.h"
#include "ui/error_dialog.h"
#include "ui/job.h"
#include "ui/post_details_view.h"
#include "ui/style.h"
#include "ui/task_combo.h"
#include "ui/workload_panel.h"
#include "ui/workspace_session.h"

namespace sentinela::ui {

namespace {
constexpr int kBatch = 100;
constexpr int kPrefetchMargin = 15;  // fetch more when this close to the end of the list
}  // namespace

ReviewPage::ReviewPage(QWidget* parent)
    : Page(parent),
      fetchJob_(new Job(this)),
      countJob_(new Job(this)),
      taskBox_(new QComboBox(this)),
      queueButtons_(new QButtonGroup(this)),
      status_(new QLabel(this)),
      emptyHint_(new QLabel(this)),
      details_(new PostDetailsView(this)),
      labelButtons_(new QVBoxLayout),
      accept_(new QPushButton(this)),
      workload_(new WorkloadPanel(this)) {
    setFocusPolicy(Qt::StrongFocus);
    connect(fetchJob_, &Job::finished, this, [this] {
        if (fetchPending_) {
            fetchPending_ = false;
            fetchMore();
        } else if (currentPost() == nullptr) {
            showCurrent();  // replaces "Loading the queue…"
        }
    });
    connect(fetchJob_, &Job::failed, this, [this](const QString& message) {
        showError(this, tr("Could not read the queue"), message);
    });
    auto* title = new QLabel(tr("Review"), this);
    title->setProperty("role", "title");
    taskBox_->setFocusPolicy(Qt::NoFocus);
    connect(taskBox_, &QComboBox::activated, this, [this] {
        if (session_) {
            session_->setTask(taskBox_->currentData().toString().toStdString());
        }
        setFocus();
    });

    auto* queues = new QHBoxLayout;
    const QList<QPair<storage::Queue, QString>> queueNames = {
            {storage::Queue::kFlagged, tr("Flagged")},
            {storage::Queue::kUncertain, tr("Uncertain")},
            {storage::Queue::kUnlabeled, tr("Unlabeled")},
            {storage::Queue::kDisagreements, tr("Disagreements")},
            {storage::Queue::kDictionaryHits, tr("Dictionary hits")},
    };
    const QStringList tips = {
            tr("Highest score first, posts no analyst has decided"),
            tr("Posts the model is least sure about first"),
            tr("Posts without a human decision, in import order"),
            tr("Posts where the analyst's label and the model's prediction differ"),
            tr("Posts matching the task's keyword dictionary"),
    };
    for (int i = 0; i < queueNames.size(); ++i) {
        auto* button = new QPushButton(queueNames[i].second, this);
        button->setCheckable(true);
        button->setFocusPolicy(Qt::NoFocus);
        button->setToolTip(tips[i]);
        button->setObjectName(QStringLiteral("queue%1").arg(i));
        queueButtons_->addButton(button, static_cast<int>(queueNames[i].first));
        queues->addWidget(button);
    }
    queueButtons_->setExclusive(true);
    queueButtons_->button(static_cast<int>(queue_))->setChecked(true);
    connect(queueButtons_, &QButtonGroup::idClicked, this,
            [this](int id) { setQueue(static_cast<storage::Queue>(id)); });
    queues->addStretch();

    auto* header = new QHBoxLayout;
    header->addWidget(title);
    header->addSpacing(16);
    header->addWidget(new QLabel(tr("Task"), this));
    header->addWidget(taskBox_);
    header->addSpacing(16);
    header->addLayout(queues, 1);

    status_->setObjectName("reviewStatus");
    emptyHint_->setWordWrap(true);
    emptyHint_->setAlignment(Qt::AlignCenter);
    emptyHint_->setStyleSheet("font-size: 13pt; color: palette(mid); padding: 40px;");
    emptyHint_->hide();
    for (QWidget* child : details_->findChildren<QWidget*>()) {
        child->setFocusPolicy(Qt::NoFocus);  // every key goes to the page's shortcuts
    }

    accept_->setObjectName("acceptButton");
    accept_->setFocusPolicy(Qt::NoFocus);
    accept_->setProperty("role", "primary");
    connect(accept_, &QPushButton::clicked, this, &ReviewPage::acceptSuggestion);
    auto* actions = new QVBoxLayout;
    actions->addWidget(new QLabel(tr("Decide (key)"), this));
    actions->addLayout(labelButtons_);
    actions->addWidget(accept_);
    const QList<QPair<QString, std::function<void()>>> moves = {
            {tr("Previous (K)"), [this] { previous(); }},
            {tr("Skip (J)"), [this] { next(); }},
            {tr("Undo (Ctrl+Z)"), [this] { undo(); }},
            {tr("Note… (N)"), [this] { askNote(); }},
    };
    auto* grid = new QHBoxLayout;
    for (const auto& [text, action] : moves) {
        auto* button = new QPushButton(text, this);
        button->setFocusPolicy(Qt::NoFocus);
        connect(button, &QPushButton::clicked, this, action);
        grid->addWidget(button);
    }
    actions->addLayout(grid);
    actions->addSpacing(12);
    actions->addWidget(workload_, 1);

    auto* postColumn = new QVBoxLayout;
    postColumn->addWidget(status_);
    postColumn->addWidget(emptyHint_);
    postColumn->addWidget(details_, 1);
    auto* body = new QHBoxLayout;
    body->addLayout(postColumn, 3);
    body->addSpacing(16);
    body->addLayout(actions, 2);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 18, 24, 18);
    layout->addLayout(header);
    layout->addLayout(body, 1);
}

ReviewPage::~ReviewPage() = default;

void ReviewPage::setSession(WorkspaceSession* session) {
    fetchJob_->requestStop();
    countJob_->requestStop();
    session_ = session;
    details_->setSession(session);
    workload_->setSession(session);
    posts_.clear();
    seen_.clear();
    undoStack_.clear();
    current_ = -1;
    stale_ = true;
    if (session_) {
        connect(session_, &WorkspaceSession::taskChanged, this, [this] {
            stale_ = true;
            if (isVisible()) {
                activate();
            }
        });
        auto external = [this] {
            // Labels changed elsewhere (bulk label, import) or new predictions: the queue
            // order may be different now. Reload when the analyst comes back to this page.
            if (!isVisible()) {
                stale_ = true;
            }
        };
        connect(session_, &WorkspaceSession::labelsChanged, this, external);
        connect(session_, &WorkspaceSession::modelsChanged, this, [this] { stale_ = true; });
        connect(session_, &WorkspaceSession::postsChanged, this, [this] { stale_ = true; });
    }
}

void ReviewPage::activate() {
    setFocus();
    if (stale_ && session_) {
        stale_ = false;
        fillTaskCombo(*taskBox_, *session_);
        rebuildLabelButtons();
        reloadQueue();
        workload_->refresh();
    }
}

bool ReviewPage::isBusy() const {
    return fetchJob_->isRunning() || countJob_->isRunning() || details_->isExplaining() ||
           workload_->isBusy() || (session_ && session_->activeModel().isLoading());
}

void ReviewPage::setQueue(storage::Queue queue) {
    queue_ = queue;
    if (auto* button = queueButtons_->button(static_cast<int>(queue))) {
        button->setChecked(true);
    }
    reloadQueue();
    setFocus();
}

const storage::PostRow* ReviewPage::currentPost() const {
    return current_ >= 0 && current_ < static_cast<int>(posts_.size()) ? &posts_[current_]
                                                                       : nullptr;
}

void ReviewPage::rebuildLabelButtons() {
    while (QLayoutItem* item = labelButtons_->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (!session_) {
        return;
    }
    const auto& labels = session_->taskSchema().labels;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const QString name = QString::fromStdString(labels[i].name);
        const QString key = labels[i].key.empty() ? QString::number(i + 1)
                                                  : QString::fromStdString(labels[i].key);
        auto* button = new QPushButton(QStringLiteral("%1   %2").arg(key, name), this);
        button->setFocusPolicy(Qt::NoFocus);
        button->setToolTip(QString::fromStdString(labels[i].description));
        button->setStyleSheet(QStringLiteral("QPushButton { text-align: left; padding: 7px 12px; "
                                             "border-left: 6px solid %1; }")
                                      .arg(labelColor(name).name()));
        connect(button, &QPushButton::clicked, this, [this, name] { applyLabel(name); });
        labelButtons_->addWidget(button);
    }
}

void ReviewPage::reloadQueue() {
    if (!session_) {
        return;
    }
    ++generation_;
    fetchJob_->requestStop();
    posts_.clear();
    seen_.clear();
    undoStack_.clear();
    current_ = -1;
    exhausted_ = false;
    remaining_ = -1;
    showCurrent();
    fetchMore();
}

void ReviewPage::fetchMore() {
    if (!session_ || exhausted_) {
        return;
    }
    if (fetchJob_->isRunning()) {
        fetchPending_ = true;  // read again once the running read (maybe of an old queue) ends
        return;
    }
    storage::PostFilter filter;
    filter.task = session_->task();
    filter.queue = queue_;
    const quint64 generation = generation_;
    const QSet<qint64> seen = seen_;
    fetchJob_->start([this, path = session_->path(), filter, generation, seen](
                             std::stop_token stop, Progress&) -> Job::Continuation {
        storage::WorkspaceOptions options;
        options.installPresets = false;
        storage::Workspace workspace(path, options);
        // Decided posts leave the queue, skipped ones stay: read from the start and keep the
        // ones this session has not shown yet.
        std::vector<storage::PostRow> fresh;
        storage::PageRequest page;
        page.limit = kBatch;
        bool end = false;
        while (static_cast<int>(fresh.size()) < kBatch && !stop.stop_requested()) {
            auto rows = workspace.findPosts(filter, page);
            end = static_cast<int>(rows.size()) < page.limit;
            for (auto& row : rows) {
                if (!seen.contains(row.id)) {
                    fresh.push_back(std::move(row));
                }
            }
            if (end) {
                break;
            }
            page.offset += page.limit;
        }
        const auto remaining = workspace.countPosts(filter, 100000);
        return [this, generation, end, remaining, fresh = std::move(fresh)]() mutable {
            if (generation != generation_) {
                return;
            }
            exhausted_ = end;
            remaining_ = remaining.count;
            for (auto& row : fresh) {
                seen_.insert(row.id);
                posts_.push_back(std::move(row));
            }
            if (current_ < 0 && !posts_.empty()) {
                current_ = 0;
            }
            showCurrent();
        };
    });
}

void ReviewPage::showCurrent() {
    const storage::PostRow* post = currentPost();
    details_->setVisible(post != nullptr);
    emptyHint_->setVisible(post == nullptr);
    if (post == nullptr) {
        emptyHint_->setText(fetchJob_->isRunning() || (!exhausted_ && posts_.empty())
                                    ? tr("Loading the queue…")
                                    : tr("Nothing left in this queue. Pick another queue, "
                                         "import more posts, or scan with a model to fill the "
                                         "flagged and uncertain queues."));
    }
    details_->showPost(post ? std::optional(*post) : std::nullopt);
    const bool suggestion = post && post->prediction && !post->prediction->predictedLabels.empty();
    accept_->setEnabled(suggestion);
    accept_->setText(suggestion ? tr("Accept \"%1\" (A)")
                                          .arg(QString::fromStdString(
                                                  post->prediction->predictedLabels.front()))
                                : tr("Accept suggestion (A)"));
    updateStatus();
    if (!exhausted_ && current_ >= static_cast<int>(posts_.size()) - kPrefetchMargin &&
        !posts_.empty()) {
        fetchMore();
    }
}

void ReviewPage::updateStatus() {
    QString text;
    if (current_ >= 0) {
        text = tr("Post %1 of %2 loaded").arg(current_ + 1).arg(posts_.size());
    }
    if (remaining_ >= 0) {
        text += (text.isEmpty() ? QString() : QStringLiteral(" · ")) +
                tr("%1 undecided in queue").arg(QLocale().toString(remaining_));
    }
    text += QStringLiteral(" · ") + tr("%1 decided this session").arg(decidedThisSession_);
    if (!pendingNote_.isEmpty() && currentPost() && currentPost()->id == pendingNotePost_) {
        text += QStringLiteral(" · ") + tr("note kept for your decision: \"%1\"").arg(pendingNote_);
    }
    status_->setText(text);
}

void ReviewPage::decide(const std::vector<std::string>& labels, const QString& note) {
    const storage::PostRow* post = currentPost();
    if (!session_ || post == nullptr) {
        return;
    }
    QString withNote = note;
    if (withNote.isEmpty() && pendingNotePost_ == post->id) {
        withNote = pendingNote_;
    }
    pendingNote_.clear();
    pendingNotePost_ = 0;
    try {
        const auto result = session_->workspace().setLabels(
                post->id, session_->task(), labels, session_->analyst(), withNote.toStdString());
        undoStack_.push_back({result.actionId, current_});
        posts_[current_].labels = labels;
    } catch (const std::exception& e) {
        showError(this, tr("Could not save the label"), QString::fromStdString(e.what()));
        return;
    }
    ++decidedThisSession_;
    if (remaining_ > 0) {
        --remaining_;
    }
    session_->notifyLabelsChanged();
}

void ReviewPage::applyLabel(const QString& label) {
    const storage::PostRow* post = currentPost();
    if (post == nullptr || !session_) {
        return;
    }
    if (session_->taskSchema().multiLabel) {
        // Multi-label: a key toggles its label on the post; J moves on when done.
        std::vector<std::string> labels = post->labels;
        const auto it = std::find(labels.begin(), labels.end(), label.toStdString());
        if (it == labels.end()) {
            labels.push_back(label.toStdString());
        } else {
            labels.erase(it);
        }
        decide(labels);
        details_->refresh();
        return;
    }
    decide({label.toStdString()});
    next();
}

void ReviewPage::acceptSuggestion() {
    const storage::PostRow* post = currentPost();
    if (post == nullptr || !post->prediction || post->prediction->predictedLabels.empty()) {
        return;
    }
    decide(post->prediction->predictedLabels);
    next();
}

void ReviewPage::next() {
    if (current_ + 1 < static_cast<int>(posts_.size())) {
        ++current_;
    } else if (!posts_.empty()) {
        current_ = static_cast<int>(posts_.size());  // past the end: "nothing left"
    }
    showCurrent();
}

void ReviewPage::previous() {
    if (current_ > 0) {
        --current_;
        showCurrent();
    }
}

void ReviewPage::undo() {
    if (!session_ || undoStack_.empty()) {
        return;
    }
    const Decision last = undoStack_.back();
    undoStack_.pop_back();
    try {
        session_->workspace().undo(last.actionId, session_->analyst());
        if (last.index < static_cast<int>(posts_.size())) {
            posts_[last.index].labels =
                    session_->workspace().currentLabels(posts_[last.index].id, session_->task());
        }
    } catch (const std::exception& e) {
        showError(this, tr("Could not undo"), QString::fromStdString(e.what()));
        return;
    }
    decidedThisSession_ = std::max(0, decidedThisSession_ - 1);
    if (remaining_ >= 0) {
        ++remaining_;
    }
    current_ = last.index;  // back to the post, so the analyst can decide again
    session_->notifyLabelsChanged();
    showCurrent();
}

void ReviewPage::addNote(const QString& note) {
    const storage::PostRow* post = currentPost();
    if (post == nullptr || note.trimmed().isEmpty() || !session_) {
        return;
    }
    // storage records a note with a label decision (a history entry that does not change the
    // labels is not stored), so the note travels with the analyst's next decision on this post.
    // The audit log keeps it at once, so it is never lost.
    pendingNote_ = note.trimmed();
    pendingNotePost_ = post->id;
    try {
        const std::string details = QStringLiteral("{\"post_id\": %1, \"task\": \"%2\"}")
                                            .arg(post->id)
                                            .arg(QString::fromStdString(session_->task()))
                                            .toStdString();
        session_->workspace().audit(session_->analyst(), "note: " + pendingNote_.toStdString(),
                                    details);
    } catch (const std::exception& e) {
        showError(this, tr("Could not save the note"), QString::fromStdString(e.what()));
    }
    updateStatus();
}

void ReviewPage::askNote() {
    if (currentPost() == nullptr) {
        return;
    }
    auto* dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Note"));
    dialog->setLabelText(
            tr("A note on this post, saved with your decision in its label "
               "history:"));
    connect(dialog, &QInputDialog::textValueSelected, this, &ReviewPage::addNote);
    dialog->open();
}

void ReviewPage::keyPressEvent(QKeyEvent* event) {
    const int key = event->key();
    if (event->matches(QKeySequence::Undo)) {
        undo();
        return;
    }
    if (event->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier)) {
        Page::keyPressEvent(event);
        return;
    }
    if (session_) {
        const auto& labels = session_->taskSchema().labels;
        for (std::size_t i = 0; i < labels.size(); ++i) {
            const QString shortcut = labels[i].key.empty() ? QString::number(i + 1)
                                                           : QString::fromStdString(labels[i].key);
            if (!event->text().isEmpty() &&
                event->text().compare(shortcut, Qt::CaseInsensitive) == 0) {
                applyLabel(QString::fromStdString(labels[i].name));
                return;
            }
        }
    }
    switch (key) {
        case Qt::Key_A:
        case Qt::Key_Return:
        case Qt::Key_Enter:
            acceptSuggestion();
            return;
        case Qt::Key_J:
        case Qt::Key_Down:
        case Qt::Key_Right:
        case Qt::Key_S:
            next();
            return;
        case Qt::Key_K:
        case Qt::Key_Up:
        case Qt::Key_Left:
            previous();
            return;
        case Qt::Key_N:
            askNote();
            return;
        default:
            Page::keyPressEvent(event);
    }
}

}  // namespace sentinela::ui
