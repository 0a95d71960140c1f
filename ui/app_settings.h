// Where the desktop application keeps its preferences (recent workspaces, language, window
// geometry). Tests run with SENTINELA_SETTINGS_SCOPE=test so they never touch the analyst's own
// settings. GUI thread only (QSettings is reentrant; we create one per use).
#pragma once

#include <QSettings>
#include <QString>
#include <memory>

namespace sentinela::ui {

// A fresh QSettings for the current scope: the user's native settings, or an INI file in the
// temp folder when SENTINELA_SETTINGS_SCOPE=test.
std::unique_ptr<QSettings> openSettings();

// The version of this build ("0.1.0").
QString applicationVersion();

// "auto" (follow the system locale), "en" or "pt_BR".
QString languageSetting();
void setLanguageSetting(const QString& language);

}  // namespace sentinela::ui
