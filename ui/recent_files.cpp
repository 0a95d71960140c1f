#include "ui/recent_files.h"

#include <QFileInfo>

#include "ui/app_settings.h"

namespace sentinela::ui {

namespace {
constexpr auto kKey = "recentWorkspaces";

QStringList stored() {
    return openSettings()->value(kKey).toStringList();
}
void store(const QStringList& files) {
    openSettings()->setValue(kKey, files);
}
}  // namespace

QStringList RecentFiles::list() {
    QStringList existing;
    for (const QString& file : stored()) {
        if (QFileInfo::exists(file)) {
            existing << file;
        }
    }
    return existing;
}

void RecentFiles::add(const QString& file) {
    const QString absolute = QFileInfo(file).absoluteFilePath();
    QStringList files = stored();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > kMaxEntries) {
        files.removeLast();
    }
    store(files);
}

void RecentFiles::remove(const QString& file) {
    QStringList files = stored();
    files.removeAll(QFileInfo(file).absoluteFilePath());
    store(files);
}

void RecentFiles::clear() {
    store({});
}

}  // namespace sentinela::ui
