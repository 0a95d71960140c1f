#include "ui/main_window.h"

#include <QIcon>
#include <QLabel>

namespace sentinela::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setObjectName("mainWindow");
    setWindowTitle(tr("Sentinela"));
    setWindowIcon(QIcon(":/icons/sentinela.svg"));
    auto* welcome = new QLabel(tr("Open or create a workspace to begin."), this);
    welcome->setAlignment(Qt::AlignCenter);
    setCentralWidget(welcome);
    resize(1200, 800);
}

}  // namespace sentinela::ui
