// Reads pages of posts and their count for PostTableModel on a dedicated thread, like DB4S's
// RowLoader: every request carries the generation of the query it belongs to, requests of an
// older generation are skipped before they touch SQLite, and the model drops replies of an older
// generation. The thread owns its own storage::Workspace connection.
//
// Thread-safety: construct, request*() and destroy on the GUI thread; replies arrive there as
// queued calls into the callbacks.
#pragma once

#include <QObject>
#include <QThread>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

#include "storage/post_query.h"

namespace sentinela::ui {

class PostLoader : public QObject {
    Q_OBJECT
public:
    using PageReply = std::function<void(
            quint64 generation, std::int64_t offset, std::vector<storage::PostRow> rows)>;
    using CountReply = std::function<void(quint64 generation, storage::CountResult count)>;
    using ErrorReply = std::function<void(quint64 generation, QString message)>;

    // Replies are delivered on the GUI thread through `receiver` (dropped if it is gone).
    PostLoader(std::filesystem::path workspace,
               QObject* receiver,
               PageReply onPage,
               CountReply onCount,
               ErrorReply onError);
    ~PostLoader() override;  // stops the thread and waits for the current query

    // Queries of an older generation than `generation` that are still queued are skipped.
    void setGeneration(quint64 generation) { generation_.store(generation); }
    void requestCount(quint64 generation, const storage::PostFilter& filter);
    void requestPage(quint64 generation,
                     const storage::PostFilter& filter,
                     const storage::PageRequest& page);

private:
    template <typename Query>
    void post(quint64 generation, Query query);

    std::filesystem::path path_;
    QObject* receiver_;
    PageReply onPage_;
    CountReply onCount_;
    ErrorReply onError_;
    std::atomic<quint64> generation_{0};
    QThread thread_;
    QObject* worker_;  // lives in thread_; runs the queued queries
    struct Connection;
    std::unique_ptr<Connection> connection_;  // used only on thread_
};

}  // namespace sentinela::ui
