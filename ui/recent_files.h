// The list of recently opened workspaces, most recent first, kept in the settings.
// GUI thread only.
#pragma once

#include <QStringList>

namespace sentinela::ui {

class RecentFiles {
public:
    static constexpr int kMaxEntries = 8;

    // Existing files only: a workspace deleted or moved since is silently forgotten.
    static QStringList list();
    // Moves (or inserts) the file to the top of the list.
    static void add(const QString& file);
    static void remove(const QString& file);
    static void clear();
};

}  // namespace sentinela::ui
