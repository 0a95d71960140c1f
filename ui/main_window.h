// The desktop application's main window. GUI thread only.
#pragma once

#include <QMainWindow>

namespace sentinela::ui {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
};

}  // namespace sentinela::ui
