// The search box and filters over the post table: full-text search, task, label (or unlabeled),
// flagged only, score range, source and date range. Emits the complete storage::PostFilter
// whenever something changes (text search after a short pause while typing). GUI thread only.
#pragma once

#include <QTimer>
#include <QWidget>

#include "storage/post_query.h"

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDoubleSpinBox;
class QLineEdit;

namespace sentinela::ui {

class WorkspaceSession;

class PostFilterBar : public QWidget {
    Q_OBJECT
public:
    explicit PostFilterBar(QWidget* parent = nullptr);
    void setSession(WorkspaceSession* session);
    storage::PostFilter filter() const;
    QLineEdit* searchBox() const { return search_; }
    void reset();
    // Sources to offer (from the workspace statistics, read off the GUI thread by the page).
    void setSources(const QStringList& sources);

signals:
    void filterChanged(const storage::PostFilter& filter);

private:
    void refillChoices();
    void changed();

    WorkspaceSession* session_ = nullptr;
    QLineEdit* search_;
    QComboBox* task_;
    QComboBox* label_;
    QCheckBox* flagged_;
    QCheckBox* scoreEnabled_;
    QDoubleSpinBox* minScore_;
    QDoubleSpinBox* maxScore_;
    QComboBox* source_;
    QCheckBox* dateEnabled_;
    QDateEdit* from_;
    QDateEdit* to_;
    QTimer typing_;
};

}  // namespace sentinela::ui
