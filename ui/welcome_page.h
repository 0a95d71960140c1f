// Shown when no workspace is open: create, open, or pick a recent workspace. GUI thread only.
#pragma once

#include <QWidget>

class QListWidget;

namespace sentinela::ui {

class WelcomePage : public QWidget {
    Q_OBJECT
public:
    explicit WelcomePage(QWidget* parent = nullptr);
    void refreshRecent();

signals:
    void newRequested();
    void openRequested();
    void recentChosen(const QString& file);

private:
    QListWidget* recent_;
};

}  // namespace sentinela::ui
