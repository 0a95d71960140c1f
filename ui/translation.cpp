#include "ui/translation.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace sentinela::ui {

QString effectiveLanguage(const QString& setting, const QLocale& system) {
    if (setting == QLatin1String("en") || setting == QLatin1String("pt_BR")) {
        return setting;
    }
    // Any Portuguese locale (pt_BR, pt_PT) reads Brazilian Portuguese better than English.
    return system.language() == QLocale::Portuguese ? QStringLiteral("pt_BR")
                                                    : QStringLiteral("en");
}

bool installTranslations(QCoreApplication& application, const QString& language) {
    if (language != QLatin1String("pt_BR")) {
        return true;
    }
    // Parented to the application: they live as long as it does.
    auto* ours = new QTranslator(&application);
    if (!ours->load(QStringLiteral(":/i18n/sentinela_pt_BR.qm"))) {
        delete ours;
        return false;
    }
    QCoreApplication::installTranslator(ours);
    // Qt's own strings (standard buttons, file dialogs); optional, so a missing file is fine.
    auto* qt = new QTranslator(&application);
    if (qt->load(QStringLiteral("qtbase_pt_BR"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
    } else {
        delete qt;
    }
    QLocale::setDefault(QLocale(QLocale::Portuguese, QLocale::Brazil));
    return true;
}

}  // namespace sentinela::ui
