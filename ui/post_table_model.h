// A lazy, paged table of the workspace's posts for QTableView: the count and each page of rows
// are fetched by a PostLoader off the GUI thread; data() for a row not loaded yet shows a
// placeholder and asks for its page. Changing the filter or the sort starts a new generation, so
// replies to the old query are dropped. Keeps a bounded number of pages, so scrolling through
// a million posts stays smooth and memory stays flat. GUI thread only.
#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QSet>
#include <filesystem>
#include <memory>
#include <vector>

#include "storage/post_query.h"
#include "storage/task_schema.h"

namespace sentinela::ui {

class PostLoader;

class PostTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { kText, kAuthor, kDate, kLabel, kPredicted, kScore, kSource, kColumnCount };
    enum Role {
        kPostIdRole = Qt::UserRole + 1,
        kLabelsRole,     // QStringList: current human labels
        kPredictedRole,  // QStringList: the model's predicted labels
        kScoreRole,      // double, or invalid without a prediction
        kLoadedRole,     // bool: the row's page has arrived
    };
    static constexpr int kPageSize = 200;
    static constexpr int kMaxCachedPages = 60;

    explicit PostTableModel(QObject* parent = nullptr);
    ~PostTableModel() override;

    // Points the model at a workspace file (empty path: no workspace, no rows).
    void setWorkspace(const std::filesystem::path& workspace);
    void setFilter(const storage::PostFilter& filter);
    const storage::PostFilter& filter() const { return filter_; }
    // Re-reads everything with the same filter (after labels or predictions changed).
    void reload();
    // The row's post, if its page is loaded.
    const storage::PostRow* postAt(int row) const;
    bool isLoading() const { return countPending_ || !pending_.isEmpty(); }
    storage::CountResult total() const { return total_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section,
                        Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

signals:
    void countChanged(qint64 count);
    void loadingChanged(bool loading);
    void loadFailed(const QString& message);

private:
    void startQuery();
    void requestPage(int page) const;
    void onCount(quint64 generation, storage::CountResult count);
    void onPage(quint64 generation, std::int64_t offset, std::vector<storage::PostRow> rows);
    void onError(quint64 generation, const QString& message);

    std::unique_ptr<PostLoader> loader_;
    storage::PostFilter filter_;
    storage::PageRequest order_;
    quint64 generation_ = 0;
    storage::CountResult total_;
    bool countPending_ = false;
    QHash<int, std::vector<storage::PostRow>> pages_;
    mutable QList<int> recentPages_;  // least recently used first
    mutable QSet<int> pending_;       // pages asked for, not arrived
};

}  // namespace sentinela::ui
