#include "ui/raw_record_section.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>
#include <exception>

#include "storage/raw_record_text.h"
#include "storage/workspace.h"
#include "ui/workspace_session.h"

namespace sentinela::ui {

RawRecordSection::RawRecordSection(QWidget* parent)
    : QWidget(parent),
      toggle_(new QToolButton(this)),
      body_(new QWidget(this)),
      text_(new QPlainTextEdit(body_)),
      copy_(new QPushButton(tr("Copy"), body_)),
      missing_(new QLabel(body_)) {
    toggle_->setObjectName("rawRecordToggle");
    toggle_->setText(tr("Original record"));
    toggle_->setToolTip(tr("The post as the export had it, before Sentinela read it"));
    toggle_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toggle_->setArrowType(Qt::RightArrow);
    toggle_->setCheckable(true);
    toggle_->setAutoRaise(true);
    connect(toggle_, &QToolButton::toggled, this, &RawRecordSection::setExpanded);

    text_->setObjectName("rawRecordText");
    text_->setReadOnly(true);
    text_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    text_->setLineWrapMode(QPlainTextEdit::WidgetWidth);  // long text fields in a narrow pane
    text_->setMinimumHeight(120);
    text_->setMaximumHeight(260);
    copy_->setObjectName("rawRecordCopy");
    copy_->setToolTip(tr("Copy the record exactly as the export had it"));
    connect(copy_, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(QString::fromStdString(raw_)); });
    missing_->setObjectName("rawRecordMissing");
    missing_->setWordWrap(true);
    missing_->setStyleSheet("color: palette(mid);");

    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(copy_);
    auto* bodyLayout = new QVBoxLayout(body_);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->addWidget(missing_);
    bodyLayout->addWidget(text_);
    bodyLayout->addLayout(buttons);
    body_->hide();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toggle_, 0, Qt::AlignLeft);
    layout->addWidget(body_);
}

void RawRecordSection::setSession(WorkspaceSession* session) {
    session_ = session;
    showPost(std::nullopt);
}

void RawRecordSection::showPost(std::optional<std::int64_t> postId) {
    postId_ = postId;
    loaded_ = false;
    raw_.clear();
    text_->clear();
    if (isExpanded()) {
        load();
    }
}

bool RawRecordSection::isExpanded() const {
    return toggle_->isChecked();
}

void RawRecordSection::setExpanded(bool expanded) {
    toggle_->setChecked(expanded);  // no-op (and no signal) when called from toggled
    toggle_->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
    body_->setVisible(expanded);
    if (expanded && !loaded_) {
        load();
    }
}

QString RawRecordSection::recordText() const {
    return text_->isHidden() ? QString() : text_->toPlainText();
}

QString RawRecordSection::missingText() const {
    return missing_->isHidden() ? QString() : missing_->text();
}

void RawRecordSection::load() {
    loaded_ = true;
    if (!postId_ || !session_) {
        showMissing(tr("No post selected."));
        return;
    }
    try {
        raw_ = session_->workspace().rawRecord(*postId_);
    } catch (const std::exception& error) {  // e.g. the file went away: say so, keep the GUI
        showMissing(tr("Could not read the original record: %1")
                            .arg(QString::fromStdString(error.what())));
        return;
    }
    if (raw_.empty()) {
        showMissing(
                tr("No original record was kept for this post: it was added by an older "
                   "Sentinela or imported without keeping records."));
        return;
    }
    missing_->hide();
    text_->setPlainText(QString::fromStdString(storage::indentJsonRecord(raw_)));
    text_->show();
    copy_->show();
}

void RawRecordSection::showMissing(const QString& why) {
    raw_.clear();
    text_->clear();
    text_->hide();
    copy_->hide();
    missing_->setText(why);
    missing_->show();
}

}  // namespace sentinela::ui
