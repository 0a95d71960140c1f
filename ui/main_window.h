// The desktop application's main window: a side bar of pages (dashboard, posts, review, train,
// scan) over the open workspace, the welcome page when none is open, and the menus.
// GUI thread only.
#pragma once

#include <QMainWindow>
#include <QVector>
#include <memory>

class QListWidget;
class QStackedWidget;
class QMenu;
class QLabel;

namespace sentinela::ui {

class Page;
class WelcomePage;
class WorkspaceSession;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum PageIndex { kDashboard, kPosts, kReview, kTrain, kScan, kPageCount };

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens (or creates) the workspace file; on failure shows a dialog and returns false.
    bool openWorkspace(const QString& file);
    void closeWorkspace();
    WorkspaceSession* session() const { return session_.get(); }

    void showPage(int index);
    Page* page(int index) const { return pages_.value(index); }
    int currentPage() const;
    static QString pageKey(int index);  // "dashboard", "posts"... (screenshot file names)

public slots:
    void newWorkspace();
    void chooseWorkspace();
    void importPosts();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void rebuildRecentMenu();
    void setLanguage(const QString& language);
    void showShortcuts();
    void showAbout();

    std::unique_ptr<WorkspaceSession> session_;
    QListWidget* sideBar_ = nullptr;
    QStackedWidget* stack_ = nullptr;
    WelcomePage* welcome_ = nullptr;
    QVector<Page*> pages_;
    QMenu* recentMenu_ = nullptr;
    QLabel* workspaceLabel_ = nullptr;
    QList<QAction*> workspaceActions_;
};

}  // namespace sentinela::ui
