#include "ui/app_settings.h"

#include <QCoreApplication>
#include <QDir>

namespace sentinela::ui {

namespace {
constexpr auto kLanguageKey = "ui/language";
}

std::unique_ptr<QSettings> openSettings() {
    if (qEnvironmentVariable("SENTINELA_SETTINGS_SCOPE") == QLatin1String("test")) {
        // One file per test process, so parallel test programs do not share recent files.
        const QString file =
                QDir::temp().filePath(QStringLiteral("sentinela-test-settings-%1.ini")
                                              .arg(QCoreApplication::applicationPid()));
        return std::make_unique<QSettings>(file, QSettings::IniFormat);
    }
    return std::make_unique<QSettings>(QStringLiteral("Sentinela"), QStringLiteral("Sentinela"));
}

QString applicationVersion() {
    return QStringLiteral(SENTINELA_VERSION);
}

QString languageSetting() {
    return openSettings()->value(kLanguageKey, QStringLiteral("auto")).toString();
}

void setLanguageSetting(const QString& language) {
    openSettings()->setValue(kLanguageKey, language);
}

}  // namespace sentinela::ui
