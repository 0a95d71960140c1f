// `sentinela-gui [WORKSPACE] [--screenshot-dir DIR]`: the desktop application.
#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include "ui/app_settings.h"
#include "ui/main_window.h"
#include "ui/screenshot_runner.h"
#include "ui/style.h"
#include "ui/translation.h"

int main(int argc, char** argv) {
    using namespace sentinela::ui;
    QApplication application(argc, argv);
    QApplication::setApplicationName("Sentinela");
    QApplication::setOrganizationName("Sentinela");
    QApplication::setApplicationVersion(applicationVersion());
    // packaging/sentinela.desktop: lets Wayland shells match windows to its name and icon.
    QGuiApplication::setDesktopFileName("sentinela");

    QCommandLineParser parser;
    parser.setApplicationDescription("Sentinela: find what matters in social media posts.");
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument("workspace", "Workspace file to open (created if missing).",
                                 "[WORKSPACE]");
    const QCommandLineOption language(
            "language", "Interface language for this run: en or pt_BR (default: the setting).",
            "code");
    const QCommandLineOption screenshots(
            "screenshot-dir",
            "Save a screenshot of each main page into DIR, then quit (needs WORKSPACE).", "DIR");
    parser.addOption(language);
    parser.addOption(screenshots);
    parser.process(application);

    const QString chosen = parser.isSet(language) ? parser.value(language) : languageSetting();
    installTranslations(application, effectiveLanguage(chosen, QLocale::system()));
    applyStyle(application);

    MainWindow window;
    window.show();
    const QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty()) {
        window.openWorkspace(positional.first());
    }
    if (parser.isSet(screenshots)) {
        if (window.session() == nullptr) {
            qCritical("--screenshot-dir needs a workspace that opens.");
            return 2;
        }
        auto* runner = new ScreenshotRunner(window, parser.value(screenshots), &window);
        QObject::connect(runner, &ScreenshotRunner::done, &application,
                         [](int failures) { QCoreApplication::exit(failures == 0 ? 0 : 1); });
        QTimer::singleShot(0, runner, &ScreenshotRunner::start);
    }
    return QApplication::exec();
}
