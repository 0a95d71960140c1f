// Reads pages of posts and their count for PostTableModel on a dedicated thread, like DB4S's
// RowLoader: every request carries the generation of the query it belongs to, requests of an
// older generation are skipped before they touch SQLite, and the model drops replies of an older
// generation. The thread owns its own storage::Workspace connection.
//
// Requests and replies pass through a mutex, and Qt only carries a notification without data to
// the GUI thread (a queued call of a method by name), so ThreadSanitizer sees every hand-off
// (Debian's Qt is not built with it; ui/job.h says more).
//
// Thread-safety: construct, request*() and destroy on the GUI thread; replies arrive there,
// through the callbacks.
#pragma once

#include <QObject>
#include <QPointer>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <stop_token>
#include <thread>
#include <utility>
#include <vector>

#include "storage/post_query.h"

namespace sentinela::storage {
class Workspace;
}

namespace sentinela::ui {

class PostLoader : public QObject {
    Q_OBJECT
public:
    using PageReply = std::function<void(
            quint64 generation, std::int64_t offset, std::vector<storage::PostRow> rows)>;
    using CountReply = std::function<void(quint64 generation, storage::CountResult count)>;
    using ErrorReply = std::function<void(quint64 generation, QString message)>;

    // Replies are delivered on the GUI thread while `receiver` exists (dropped once it is gone).
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
    using Query = std::function<void(storage::Workspace&)>;  // runs on the loader's thread
    using Reply = std::function<void()>;                     // runs on the GUI thread

    void post(quint64 generation, Query query);
    void run(std::stop_token stop);  // the thread: queries in order, one connection
    void reply(Reply deliver);       // from the thread
    Q_INVOKABLE void deliverReplies();

    std::filesystem::path path_;
    QPointer<QObject> receiver_;
    PageReply onPage_;
    CountReply onCount_;
    ErrorReply onError_;
    std::atomic<quint64> generation_{0};
    std::mutex mutex_;  // guards queries_ and replies_
    std::condition_variable_any wake_;
    std::deque<std::pair<quint64, Query>> queries_;
    std::vector<Reply> replies_;
    std::jthread thread_;  // last: starts once everything above exists, stops first
};

}  // namespace sentinela::ui
