// Loads the application's translation (English source strings, Brazilian Portuguese .qm compiled
// into the resources) and Qt's own, following the language setting or the system locale.
// Call once on the GUI thread after QApplication exists and before creating widgets; a change
// of the setting takes effect on the next start.
#pragma once

#include <QLocale>
#include <QString>

class QCoreApplication;

namespace sentinela::ui {

// The language to use: the setting if it is "en" or "pt_BR", else the system locale's.
QString effectiveLanguage(const QString& setting, const QLocale& system);

// Installs the translators for `language` ("en" installs none). Returns false when the
// Portuguese catalogue could not be loaded (the UI then stays in English).
bool installTranslations(QCoreApplication& application, const QString& language);

}  // namespace sentinela::ui
