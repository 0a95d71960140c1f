// Shows a failure to the analyst as a dialog that says what happened and what to do; never
// throws. GUI thread only.
#pragma once

#include <QString>

class QWidget;

namespace sentinela::ui {

// `message` should already contain the remedy (library errors carry one).
void showError(QWidget* parent, const QString& title, const QString& message);

}  // namespace sentinela::ui
