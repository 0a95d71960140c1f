// The main window's menus: file (workspaces, recent files, import), view (pages), settings
// (language) and help (shortcuts, about).
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QFileInfo>
#include <QKeySequence>
#include <QMenuBar>
#include <QMessageBox>

#include "model/versions.h"
#include "ui/app_settings.h"
#include "ui/main_window.h"
#include "ui/recent_files.h"
#include "ui/welcome_page.h"

namespace sentinela::ui {

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New workspace…"), QKeySequence::New, this, &MainWindow::newWorkspace);
    file->addAction(tr("&Open workspace…"), QKeySequence::Open, this, &MainWindow::chooseWorkspace);
    recentMenu_ = file->addMenu(tr("Open &recent"));
    file->addSeparator();
    QAction* import = file->addAction(tr("&Import posts…"), QKeySequence(tr("Ctrl+I")), this,
                                      &MainWindow::importPosts);
    QAction* close = file->addAction(tr("&Close workspace"), QKeySequence::Close, this,
                                     &MainWindow::closeWorkspace);
    workspaceActions_ << import << close;
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    const QStringList names = {tr("&Dashboard"), tr("&Posts"), tr("&Review"), tr("&Train"),
                               tr("&Scan")};
    for (int i = 0; i < kPageCount; ++i) {
        QAction* action = view->addAction(names[i], QKeySequence(Qt::CTRL | (Qt::Key_1 + i)), this,
                                          [this, i] { showPage(i); });
        workspaceActions_ << action;
    }

    QMenu* settings = menuBar()->addMenu(tr("&Settings"));
    QMenu* language = settings->addMenu(tr("&Language"));
    auto* group = new QActionGroup(this);
    const QList<QPair<QString, QString>> languages = {
            {"auto", tr("System language")},
            {"en", QStringLiteral("English")},
            {"pt_BR", QStringLiteral("Português (Brasil)")},
    };
    const QString current = languageSetting();
    for (const auto& [code, name] : languages) {
        QAction* action = language->addAction(name);
        action->setCheckable(true);
        action->setChecked(code == current);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, code = code] { setLanguage(code); });
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard shortcuts"), QKeySequence::HelpContents, this,
                    &MainWindow::showShortcuts);
    help->addAction(tr("&About Sentinela"), this, &MainWindow::showAbout);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
    recentMenu_->clear();
    const QStringList files = RecentFiles::list();
    for (const QString& file : files) {
        QAction* action = recentMenu_->addAction(QFileInfo(file).fileName(), this,
                                                 [this, file] { openWorkspace(file); });
        action->setToolTip(file);
        action->setStatusTip(file);
    }
    if (files.isEmpty()) {
        recentMenu_->addAction(tr("No recent workspaces"))->setEnabled(false);
    } else {
        recentMenu_->addSeparator();
        recentMenu_->addAction(tr("Clear list"), this, [this] {
            RecentFiles::clear();
            rebuildRecentMenu();
        });
    }
    welcome_->refreshRecent();
}

void MainWindow::setLanguage(const QString& language) {
    setLanguageSetting(language);
    QMessageBox::information(this, tr("Language"),
                             tr("The new language takes effect the next time you start "
                                "Sentinela."));
}

void MainWindow::showShortcuts() {
    QMessageBox::information(
            this, tr("Keyboard shortcuts"),
            tr("<b>Review</b><br>"
               "1–9: label the post with the task's label of that number, then move on<br>"
               "A or Enter: accept the model's suggestion<br>"
               "J / ↓ : next post &nbsp; K / ↑ : previous post<br>"
               "Ctrl+Z: undo the last decision &nbsp; N: add a note<br>"
               "S: skip the post<br><br>"
               "<b>Everywhere</b><br>"
               "Ctrl+1…5: dashboard, posts, review, train, scan<br>"
               "Ctrl+F: search posts &nbsp; Ctrl+I: import posts"));
}

void MainWindow::showAbout() {
    QMessageBox::about(this, tr("About Sentinela"),
                       tr("<h3>Sentinela %1</h3>"
                          "<p>Finds what matters in social media posts: import exports, label "
                          "them, train a classifier, scan large exports and review what it "
                          "flags. Works fully offline.</p>"
                          "<p>LSTM kernel for this CPU: %2</p>")
                               .arg(QStringLiteral(SENTINELA_VERSION),
                                    QString::fromStdString(model::inferenceKernel())));
}

}  // namespace sentinela::ui
