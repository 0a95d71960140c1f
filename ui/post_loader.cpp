#include "ui/post_loader.h"

#include <QMetaObject>
#include <exception>

#include "storage/workspace.h"

namespace sentinela::ui {

struct PostLoader::Connection {
    std::unique_ptr<storage::Workspace> workspace;
};

PostLoader::PostLoader(std::filesystem::path workspace,
                       QObject* receiver,
                       PageReply onPage,
                       CountReply onCount,
                       ErrorReply onError)
    : path_(std::move(workspace)),
      receiver_(receiver),
      onPage_(std::move(onPage)),
      onCount_(std::move(onCount)),
      onError_(std::move(onError)),
      worker_(new QObject),
      connection_(std::make_unique<Connection>()) {
    thread_.setObjectName("PostLoader");
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    thread_.start();
}

PostLoader::~PostLoader() {
    generation_.store(~quint64{0});  // every queued query is now stale and skipped
    // The connection is closed on its own thread, then the thread's loop ends.
    QMetaObject::invokeMethod(
            worker_, [this] { connection_->workspace.reset(); }, Qt::QueuedConnection);
    thread_.quit();
    thread_.wait();
}

template <typename Query>
void PostLoader::post(quint64 generation, Query query) {
    QMetaObject::invokeMethod(
            worker_,
            [this, generation, query = std::move(query)] {
                if (generation != generation_.load()) {
                    return;  // the view asked for something newer meanwhile
                }
                try {
                    if (!connection_->workspace) {
                        storage::WorkspaceOptions options;
                        options.installPresets = false;
                        connection_->workspace =
                                std::make_unique<storage::Workspace>(path_, options);
                    }
                    query(*connection_->workspace);
                } catch (const std::exception& e) {
                    QMetaObject::invokeMethod(
                            receiver_,
                            [onError = onError_, generation,
                             message = QString::fromStdString(e.what())] {
                                onError(generation, message);
                            },
                            Qt::QueuedConnection);
                }
            },
            Qt::QueuedConnection);
}

void PostLoader::requestCount(quint64 generation, const storage::PostFilter& filter) {
    post(generation, [this, generation, filter](storage::Workspace& workspace) {
        storage::CountResult count = workspace.countPosts(filter);
        QMetaObject::invokeMethod(
                receiver_, [onCount = onCount_, generation, count] { onCount(generation, count); },
                Qt::QueuedConnection);
    });
}

void PostLoader::requestPage(quint64 generation,
                             const storage::PostFilter& filter,
                             const storage::PageRequest& page) {
    post(generation, [this, generation, filter, page](storage::Workspace& workspace) {
        std::vector<storage::PostRow> rows = workspace.findPosts(filter, page);
        QMetaObject::invokeMethod(
                receiver_,
                [onPage = onPage_, generation, offset = page.offset, rows = std::move(rows)] {
                    onPage(generation, offset, rows);
                },
                Qt::QueuedConnection);
    });
}

}  // namespace sentinela::ui
