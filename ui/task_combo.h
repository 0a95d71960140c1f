// Fills a combo box with the workspace's tasks, selecting the session's current task. The item
// data is the task name. GUI thread only.
#pragma once

class QComboBox;

namespace sentinela::ui {

class WorkspaceSession;

void fillTaskCombo(QComboBox& combo, WorkspaceSession& session);

}  // namespace sentinela::ui
