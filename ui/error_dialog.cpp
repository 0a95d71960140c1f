#include "ui/error_dialog.h"

#include <QMessageBox>

namespace sentinela::ui {

void showError(QWidget* parent, const QString& title, const QString& message) {
    // Window-modal and non-blocking (open(), not exec()): no nested event loop, and offscreen
    // tests can find the dialog by its object name and read its text.
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, parent);
    box->setObjectName("errorDialog");
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

}  // namespace sentinela::ui
