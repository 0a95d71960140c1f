// `sentinela-gui`: the desktop application.
#include <QApplication>

#include "ui/main_window.h"

int main(int argc, char** argv) {
    QApplication application(argc, argv);
    QApplication::setApplicationName("Sentinela");
    QApplication::setOrganizationName("Sentinela");
    sentinela::ui::MainWindow window;
    window.show();
    return QApplication::exec();
}
