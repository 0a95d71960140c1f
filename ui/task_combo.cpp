#include "ui/task_combo.h"

#include <QComboBox>
#include <QSignalBlocker>

#include "ui/workspace_session.h"

namespace sentinela::ui {

void fillTaskCombo(QComboBox& combo, WorkspaceSession& session) {
    const QSignalBlocker blocker(combo);
    combo.clear();
    for (const auto& task : session.workspace().tasks()) {
        const QString name = QString::fromStdString(task.name);
        combo.addItem(name, name);
    }
    combo.setCurrentIndex(combo.findData(QString::fromStdString(session.task())));
}

}  // namespace sentinela::ui
