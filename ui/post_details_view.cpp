#include "ui/post_details_view.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "storage/workspace.h"
#include "ui/active_model.h"
#include "ui/chip_row.h"
#include "ui/explanation_view.h"
#include "ui/job.h"
#include "ui/raw_record_section.h"
#include "ui/workspace_session.h"

namespace sentinela::ui {

namespace {
QStringList toList(const std::vector<std::string>& values) {
    QStringList list;
    for (const auto& value : values) {
        list << QString::fromStdString(value);
    }
    return list;
}

QString localTime(const std::string& iso) {
    const QDateTime time = QDateTime::fromString(QString::fromStdString(iso), Qt::ISODate);
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat)
                          : QString::fromStdString(iso);
}
}  // namespace

PostDetailsView::PostDetailsView(QWidget* parent)
    : QWidget(parent),
      job_(new Job(this)),
      meta_(new QLabel(this)),
      text_(new ExplanationView(this)),
      human_(new ChipRow(tr("Analyst label"), false, this)),
      predicted_(new ChipRow(tr("Model"), true, this)),
      legend_(new QLabel(this)),
      history_(new QTreeWidget(this)),
      raw_(new RawRecordSection(this)) {
    meta_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    meta_->setWordWrap(true);
    human_->setObjectName("humanLabels");
    predicted_->setObjectName("predictedLabels");
    legend_->setWordWrap(true);
    legend_->setStyleSheet("color: palette(mid);");
    history_->setObjectName("labelHistory");
    history_->setHeaderLabels({tr("When"), tr("Who"), tr("Labels"), tr("Change"), tr("Note")});
    history_->setRootIsDecorated(false);
    history_->setMaximumHeight(150);
    history_->header()->setStretchLastSection(true);
    connect(job_, &Job::finished, this, [this] {
        if (explainPending_) {
            explainPending_ = false;
            explain();
        }
    });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(meta_);
    layout->addWidget(text_, 1);
    layout->addWidget(legend_);
    layout->addWidget(human_);
    layout->addWidget(predicted_);
    layout->addWidget(new QLabel(tr("History"), this));
    layout->addWidget(history_);
    layout->addWidget(raw_);
}

PostDetailsView::~PostDetailsView() = default;

void PostDetailsView::setSession(WorkspaceSession* session) {
    job_->requestStop();
    session_ = session;
    post_.reset();
    raw_->setSession(session);
    if (session_) {
        connect(&session_->activeModel(), &ActiveModel::changed, this, &PostDetailsView::explain);
    }
    showPost(std::nullopt);
}

bool PostDetailsView::isExplaining() const {
    return job_->isRunning();
}

void PostDetailsView::showPost(const std::optional<storage::PostRow>& post) {
    post_ = post;
    if (!post_ || !session_) {
        meta_->clear();
        text_->clear();
        human_->setChips({});
        predicted_->setChips({});
        history_->clear();
        legend_->clear();
        raw_->showPost(std::nullopt);
        return;
    }
    QStringList meta;
    if (!post_->author.empty()) {
        meta << QStringLiteral("<b>%1</b>")
                        .arg(QString::fromStdString(post_->author).toHtmlEscaped());
    }
    if (!post_->createdAt.empty()) {
        meta << localTime(post_->createdAt);
    }
    meta << QString::fromStdString(post_->source).toHtmlEscaped();
    if (!post_->externalId.empty()) {
        meta << tr("id %1").arg(QString::fromStdString(post_->externalId).toHtmlEscaped());
    }
    meta_->setText(meta.join(QStringLiteral(" · ")));
    raw_->showPost(post_->id);
    const QString text = QString::fromStdString(post_->text);
    const auto& keywords = session_->keywords();
    text_->setPost(text, keywords.find(post_->text), keywords.rules());
    refresh();
    explain();
}

void PostDetailsView::refresh() {
    if (!post_ || !session_) {
        return;
    }
    auto& workspace = session_->workspace();
    const std::string& task = session_->task();
    human_->setChips(toList(workspace.currentLabels(post_->id, task)));
    QStringList labels, texts;
    if (post_->prediction) {
        const auto& schema = session_->taskSchema();
        const auto& scores = post_->prediction->scores;
        for (std::size_t i = 0; i < scores.size() && i < schema.labels.size(); ++i) {
            const QString name = QString::fromStdString(schema.labels[i].name);
            labels << name;
            texts << QStringLiteral("%1 %2").arg(name).arg(scores[i], 0, 'f', 2);
        }
    }
    predicted_->setChips(labels, texts);

    history_->clear();
    const auto events = workspace.labelHistory(post_->id);
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
        if (it->task != task) {
            continue;
        }
        auto* item = new QTreeWidgetItem(history_);
        item->setText(0, localTime(it->createdAt));
        item->setText(1, QString::fromStdString(it->analyst));
        item->setText(2, it->labels.empty() ? tr("(removed)")
                                            : toList(it->labels).join(QStringLiteral(", ")));
        item->setText(3, QString::fromStdString(it->kind));
        item->setText(4, QString::fromStdString(it->note));
    }
    for (int column = 0; column < 4; ++column) {
        history_->resizeColumnToContents(column);
    }
}

void PostDetailsView::explain() {
    if (!post_ || !session_) {
        return;
    }
    const auto classifier = session_->activeModel().classifier();
    if (!classifier) {
        legend_->setText(session_->activeModel().isLoading()
                                 ? tr("Loading the model…")
                                 : tr("Train a model to see which words drive its score. "
                                      "Underlined: words from the task's dictionary."));
        return;
    }
    job_->requestStop();
    if (job_->isRunning()) {
        explainPending_ = true;  // explain the current post when the previous one stops
        return;
    }
    legend_->setText(tr("Explaining…"));
    const QString text = QString::fromStdString(post_->text);
    job_->start([this, classifier, text, utf8 = post_->text](std::stop_token,
                                                             Progress&) -> Job::Continuation {
        model::Explanation explanation = classifier->explain(utf8);
        return [this, classifier, text, explanation = std::move(explanation)] {
            text_->setExplanation(text, explanation);
            const int label = explanation.label;
            const auto& labels = classifier->labels();
            const QString name = label >= 0 && label < static_cast<int>(labels.size())
                                         ? QString::fromStdString(labels[label])
                                         : QString();
            QString legend = tr("Highlighted: words that push the score towards \"%1\" "
                                "(orange) or away from it (blue); stronger colour, stronger "
                                "effect. Underlined: words from the task's dictionary.")
                                     .arg(name);
            if (explanation.wordsNotExplained > 0) {
                legend += QLatin1Char(' ') +
                          tr("The last %n word(s) were not explained: the model reads only the "
                             "start of a long post, and an explanation covers at most 256 words.",
                             nullptr, explanation.wordsNotExplained);
            }
            legend_->setText(legend);
        };
    });
}

}  // namespace sentinela::ui
