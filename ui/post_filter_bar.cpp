#include "ui/post_filter_bar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include "ui/task_combo.h"
#include "ui/workspace_session.h"

namespace sentinela::ui {

namespace {
constexpr auto kAnyLabel = "";
constexpr auto kUnlabeled = "\x01unlabeled";
}  // namespace

PostFilterBar::PostFilterBar(QWidget* parent)
    : QWidget(parent),
      search_(new QLineEdit(this)),
      task_(new QComboBox(this)),
      label_(new QComboBox(this)),
      flagged_(new QCheckBox(tr("Flagged"), this)),
      scoreEnabled_(new QCheckBox(tr("Score"), this)),
      minScore_(new QDoubleSpinBox(this)),
      maxScore_(new QDoubleSpinBox(this)),
      source_(new QComboBox(this)),
      dateEnabled_(new QCheckBox(tr("Date"), this)),
      from_(new QDateEdit(this)),
      to_(new QDateEdit(this)) {
    source_->addItem(tr("Any"), QString());
    search_->setObjectName("searchBox");
    search_->setPlaceholderText(
            tr("Search posts: words, \"a phrase\", prefix*, a OR b (accents optional)"));
    search_->setClearButtonEnabled(true);
    task_->setObjectName("taskFilter");
    label_->setObjectName("labelFilter");
    flagged_->setObjectName("flaggedFilter");
    flagged_->setToolTip(tr("Only posts the active model flags that no analyst has decided"));
    source_->setObjectName("sourceFilter");
    for (QDoubleSpinBox* box : {minScore_, maxScore_}) {
        box->setRange(0.0, 1.0);
        box->setSingleStep(0.05);
        box->setDecimals(2);
        box->setEnabled(false);
    }
    maxScore_->setValue(1.0);
    minScore_->setValue(0.5);
    for (QDateEdit* edit : {from_, to_}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat("yyyy-MM-dd");
        edit->setEnabled(false);
    }
    from_->setDate(QDate::currentDate().addMonths(-1));
    to_->setDate(QDate::currentDate());

    typing_.setSingleShot(true);
    typing_.setInterval(250);
    connect(&typing_, &QTimer::timeout, this, &PostFilterBar::changed);
    connect(search_, &QLineEdit::textEdited, &typing_, qOverload<>(&QTimer::start));
    connect(search_, &QLineEdit::returnPressed, this, &PostFilterBar::changed);
    connect(task_, &QComboBox::activated, this, [this] {
        if (session_) {
            session_->setTask(task_->currentData().toString().toStdString());
        }
    });
    for (QComboBox* box : {label_, source_}) {
        connect(box, &QComboBox::activated, this, &PostFilterBar::changed);
    }
    connect(flagged_, &QCheckBox::toggled, this, &PostFilterBar::changed);
    connect(scoreEnabled_, &QCheckBox::toggled, this, [this](bool on) {
        minScore_->setEnabled(on);
        maxScore_->setEnabled(on);
        changed();
    });
    connect(dateEnabled_, &QCheckBox::toggled, this, [this](bool on) {
        from_->setEnabled(on);
        to_->setEnabled(on);
        changed();
    });
    for (QDoubleSpinBox* box : {minScore_, maxScore_}) {
        connect(box, &QDoubleSpinBox::valueChanged, this, &PostFilterBar::changed);
    }
    for (QDateEdit* edit : {from_, to_}) {
        connect(edit, &QDateEdit::dateChanged, this, &PostFilterBar::changed);
    }

    auto* filters = new QHBoxLayout;
    filters->setContentsMargins(0, 0, 0, 0);
    filters->addWidget(new QLabel(tr("Task"), this));
    filters->addWidget(task_);
    filters->addWidget(new QLabel(tr("Label"), this));
    filters->addWidget(label_);
    filters->addWidget(flagged_);
    filters->addSpacing(8);
    filters->addWidget(scoreEnabled_);
    filters->addWidget(minScore_);
    filters->addWidget(new QLabel(QStringLiteral("–"), this));
    filters->addWidget(maxScore_);
    filters->addSpacing(8);
    filters->addWidget(new QLabel(tr("Source"), this));
    filters->addWidget(source_);
    filters->addSpacing(8);
    filters->addWidget(dateEnabled_);
    filters->addWidget(from_);
    filters->addWidget(new QLabel(QStringLiteral("–"), this));
    filters->addWidget(to_);
    filters->addStretch();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(search_);
    layout->addLayout(filters);
}

void PostFilterBar::setSession(WorkspaceSession* session) {
    session_ = session;
    if (session_) {
        connect(session_, &WorkspaceSession::taskChanged, this, [this] {
            refillChoices();
            changed();
        });
        connect(session_, &WorkspaceSession::postsChanged, this, &PostFilterBar::refillChoices);
        refillChoices();
    }
}

void PostFilterBar::refillChoices() {
    if (!session_) {
        return;
    }
    fillTaskCombo(*task_, *session_);
    const QString label = label_->currentData().toString();
    {
        const QSignalBlocker blocker(label_);
        label_->clear();
        label_->addItem(tr("Any"), QString::fromLatin1(kAnyLabel));
        label_->addItem(tr("Unlabeled"), QString::fromLatin1(kUnlabeled));
        for (const auto& definition : session_->taskSchema().labels) {
            const QString name = QString::fromStdString(definition.name);
            label_->addItem(name, name);
        }
        label_->setCurrentIndex(std::max(0, label_->findData(label)));
    }
}

void PostFilterBar::setSources(const QStringList& sources) {
    const QString source = source_->currentData().toString();
    const QSignalBlocker blocker(source_);
    source_->clear();
    source_->addItem(tr("Any"), QString());
    for (const QString& name : sources) {
        source_->addItem(name, name);
    }
    source_->setCurrentIndex(std::max(0, source_->findData(source)));
}

void PostFilterBar::reset() {
    search_->clear();
    label_->setCurrentIndex(0);
    source_->setCurrentIndex(0);
    flagged_->setChecked(false);
    scoreEnabled_->setChecked(false);
    dateEnabled_->setChecked(false);
    changed();
}

storage::PostFilter PostFilterBar::filter() const {
    storage::PostFilter filter;
    if (session_) {
        filter.task = session_->task();
    }
    filter.text = search_->text().trimmed().toStdString();
    const QString label = label_->currentData().toString();
    if (label == QLatin1String(kUnlabeled)) {
        filter.unlabeled = true;
    } else if (!label.isEmpty()) {
        filter.labels.push_back(label.toStdString());
    }
    if (flagged_->isChecked()) {
        filter.queue = storage::Queue::kFlagged;
    }
    if (scoreEnabled_->isChecked()) {
        filter.minScore = minScore_->value();
        filter.maxScore = maxScore_->value();
    }
    filter.source = source_->currentData().toString().toStdString();
    if (dateEnabled_->isChecked()) {
        filter.createdFrom = from_->date().toString(Qt::ISODate).toStdString();
        // The "to" day is inclusive for the analyst; the storage bound is exclusive.
        filter.createdTo = to_->date().addDays(1).toString(Qt::ISODate).toStdString();
    }
    return filter;
}

void PostFilterBar::changed() {
    typing_.stop();
    emit filterChanged(filter());
}

}  // namespace sentinela::ui
