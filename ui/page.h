// One page of the main window (dashboard, posts, review, train, scan). Pages share the open
// workspace through a WorkspaceSession and refresh themselves when it changes. GUI thread only.
#pragma once

#include <QWidget>

namespace sentinela::ui {

class WorkspaceSession;

class Page : public QWidget {
    Q_OBJECT
public:
    using QWidget::QWidget;
    // The session is owned by the main window; nullptr when no workspace is open.
    virtual void setSession(WorkspaceSession* session) = 0;
    // Called when the page becomes visible: re-read what may have changed elsewhere.
    virtual void activate() {}
    // True while the page is still loading data in the background (screenshots wait for it).
    virtual bool isBusy() const { return false; }
};

}  // namespace sentinela::ui
