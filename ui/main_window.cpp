#include "ui/main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>

#include "ui/app_settings.h"
#include "ui/dashboard_page.h"
#include "ui/error_dialog.h"
#include "ui/import_wizard.h"
#include "ui/posts_page.h"
#include "ui/recent_files.h"
#include "ui/review_page.h"
#include "ui/scan_page.h"
#include "ui/train_page.h"
#include "ui/welcome_page.h"
#include "ui/workspace_session.h"

namespace sentinela::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setObjectName("mainWindow");
    setWindowTitle(tr("Sentinela"));
    setWindowIcon(QIcon(":/icons/sentinela.svg"));

    sideBar_ = new QListWidget(this);
    sideBar_->setObjectName("sideBar");
    sideBar_->setFixedWidth(170);
    sideBar_->setFocusPolicy(Qt::NoFocus);
    stack_ = new QStackedWidget(this);
    welcome_ = new WelcomePage(this);

    pages_ = {new DashboardPage(this), new PostsPage(this), new ReviewPage(this),
              new TrainPage(this), new ScanPage(this)};
    const QStringList names = {tr("Dashboard"), tr("Posts"), tr("Review"), tr("Train"), tr("Scan")};
    for (int i = 0; i < kPageCount; ++i) {
        pages_[i]->setObjectName(pageKey(i) + "Page");
        stack_->addWidget(pages_[i]);
        sideBar_->addItem(names[i]);
    }
    stack_->addWidget(welcome_);
    connect(sideBar_, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && session_) {
            showPage(row);
        }
    });
    connect(welcome_, &WelcomePage::newRequested, this, &MainWindow::newWorkspace);
    connect(welcome_, &WelcomePage::openRequested, this, &MainWindow::chooseWorkspace);
    connect(welcome_, &WelcomePage::recentChosen, this, &MainWindow::openWorkspace);
    auto* dashboard = static_cast<DashboardPage*>(pages_[kDashboard]);
    connect(dashboard, &DashboardPage::importRequested, this, &MainWindow::importPosts);
    connect(dashboard, &DashboardPage::pageRequested, this, &MainWindow::showPage);
    connect(static_cast<ScanPage*>(pages_[kScan]), &ScanPage::reviewRequested, this, [this] {
        static_cast<ReviewPage*>(pages_[kReview])->setQueue(storage::Queue::kFlagged);
        showPage(kReview);
    });

    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(sideBar_);
    layout->addWidget(stack_, 1);
    setCentralWidget(central);

    workspaceLabel_ = new QLabel(this);
    statusBar()->addPermanentWidget(workspaceLabel_);
    buildMenus();
    closeWorkspace();
    resize(1280, 820);
}

MainWindow::~MainWindow() {
    // Pages own jobs that may still read the session: stop them before the session goes.
    for (Page* page : pages_) {
        page->setSession(nullptr);
    }
}

QString MainWindow::pageKey(int index) {
    static const char* keys[] = {"dashboard", "posts", "review", "train", "scan"};
    return index >= 0 && index < kPageCount ? QString::fromLatin1(keys[index]) : QString();
}

int MainWindow::currentPage() const {
    return pages_.indexOf(qobject_cast<Page*>(stack_->currentWidget()));
}

void MainWindow::showPage(int index) {
    if (!session_ || index < 0 || index >= kPageCount) {
        return;
    }
    if (sideBar_->currentRow() != index) {
        sideBar_->setCurrentRow(index);  // re-enters through currentRowChanged
        return;
    }
    stack_->setCurrentWidget(pages_[index]);
    pages_[index]->activate();
}

bool MainWindow::openWorkspace(const QString& file) {
    std::unique_ptr<WorkspaceSession> opened;
    try {
        opened = std::make_unique<WorkspaceSession>(file);
    } catch (const std::exception& e) {
        showError(this, tr("Could not open the workspace"),
                  tr("%1\n\nCheck that the file is a Sentinela workspace and that you may write "
                     "to its folder.")
                          .arg(QString::fromStdString(e.what())));
        RecentFiles::remove(file);
        rebuildRecentMenu();
        return false;
    }
    for (Page* page : pages_) {
        page->setSession(nullptr);
    }
    session_ = std::move(opened);
    for (Page* page : pages_) {
        page->setSession(session_.get());
    }
    RecentFiles::add(file);
    rebuildRecentMenu();
    setWindowTitle(tr("%1 — Sentinela").arg(QFileInfo(file).fileName()));
    workspaceLabel_->setText(QFileInfo(file).absoluteFilePath());
    sideBar_->setEnabled(true);
    for (QAction* action : workspaceActions_) {
        action->setEnabled(true);
    }
    sideBar_->setCurrentRow(-1);
    showPage(kDashboard);
    return true;
}

void MainWindow::closeWorkspace() {
    for (Page* page : pages_) {
        page->setSession(nullptr);
    }
    session_.reset();
    setWindowTitle(tr("Sentinela"));
    workspaceLabel_->clear();
    sideBar_->setEnabled(false);
    sideBar_->clearSelection();
    for (QAction* action : workspaceActions_) {
        action->setEnabled(false);
    }
    welcome_->refreshRecent();
    stack_->setCurrentWidget(welcome_);
}

void MainWindow::newWorkspace() {
    const QString file = QFileDialog::getSaveFileName(this, tr("New workspace"), QString(),
                                                      tr("Sentinela workspaces (*.sentinela)"));
    if (file.isEmpty()) {
        return;
    }
    QString path = file;
    if (QFileInfo(path).suffix().isEmpty()) {
        path += QStringLiteral(".sentinela");
    }
    openWorkspace(path);
}

void MainWindow::chooseWorkspace() {
    const QString file = QFileDialog::getOpenFileName(
            this, tr("Open workspace"), QString(),
            tr("Sentinela workspaces (*.sentinela *.db *.sqlite);;All files (*)"));
    if (!file.isEmpty()) {
        openWorkspace(file);
    }
}

void MainWindow::importPosts() {
    if (!session_) {
        return;
    }
    auto* wizard = new ImportWizard(session_.get(), this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &ImportWizard::imported, session_.get(), &WorkspaceSession::notifyPostsChanged);
    wizard->open();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    for (Page* page : pages_) {
        page->setSession(nullptr);  // requests stop of running jobs and waits for them
    }
    event->accept();
}

}  // namespace sentinela::ui
