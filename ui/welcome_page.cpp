#include "ui/welcome_page.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/recent_files.h"

namespace sentinela::ui {

WelcomePage::WelcomePage(QWidget* parent) : QWidget(parent), recent_(new QListWidget(this)) {
    setObjectName("welcomePage");
    auto* title = new QLabel(tr("Welcome to Sentinela"), this);
    title->setProperty("role", "title");
    auto* subtitle = new QLabel(tr("Import post exports, label a sample, train a classifier and "
                                   "review what it flags. Everything stays on this computer."),
                                this);
    subtitle->setWordWrap(true);
    auto* newButton = new QPushButton(tr("New workspace…"), this);
    newButton->setProperty("role", "primary");
    auto* openButton = new QPushButton(tr("Open workspace…"), this);
    connect(newButton, &QPushButton::clicked, this, &WelcomePage::newRequested);
    connect(openButton, &QPushButton::clicked, this, &WelcomePage::openRequested);

    recent_->setObjectName("recentList");
    connect(recent_, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        emit recentChosen(item->data(Qt::UserRole).toString());
    });

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(newButton);
    buttons->addWidget(openButton);
    buttons->addStretch();

    auto* column = new QVBoxLayout;
    column->addWidget(title);
    column->addWidget(subtitle);
    column->addSpacing(12);
    column->addLayout(buttons);
    column->addSpacing(18);
    column->addWidget(new QLabel(tr("Recent workspaces"), this));
    column->addWidget(recent_, 1);

    auto* outer = new QHBoxLayout(this);
    outer->addStretch(1);
    outer->addLayout(column, 3);
    outer->addStretch(1);
    refreshRecent();
}

void WelcomePage::refreshRecent() {
    recent_->clear();
    for (const QString& file : RecentFiles::list()) {
        auto* item = new QListWidgetItem(
                QStringLiteral("%1\n%2").arg(QFileInfo(file).fileName(), file), recent_);
        item->setData(Qt::UserRole, file);
        item->setToolTip(file);
    }
    if (recent_->count() == 0) {
        auto* item = new QListWidgetItem(tr("No recent workspaces yet."), recent_);
        item->setFlags(Qt::NoItemFlags);
    }
}

}  // namespace sentinela::ui
