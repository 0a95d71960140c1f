#include "ui/post_loader.h"

#include <QMetaObject>
#include <exception>
#include <memory>

#include "storage/workspace.h"

namespace sentinela::ui {

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
      thread_([this](std::stop_token stop) { run(stop); }) {}

PostLoader::~PostLoader() {
    generation_.store(~quint64{0});  // every queued query is now stale and skipped
    thread_.request_stop();
    thread_.join();  // the connection is closed on its own thread, as the loop ends
}

void PostLoader::run(std::stop_token stop) {
    std::unique_ptr<storage::Workspace> workspace;
    for (;;) {
        std::pair<quint64, Query> next;
        {
            std::unique_lock lock(mutex_);
            if (!wake_.wait(lock, stop, [this] { return !queries_.empty(); })) {
                return;  // stop requested
            }
            next = std::move(queries_.front());
            queries_.pop_front();
        }
        const quint64 generation = next.first;
        if (generation != generation_.load()) {
            continue;  // the view asked for something newer meanwhile
        }
        try {
            if (!workspace) {
                storage::WorkspaceOptions options;
                options.installPresets = false;
                workspace = std::make_unique<storage::Workspace>(path_, options);
            }
            next.second(*workspace);
        } catch (const std::exception& e) {
            reply([this, generation, message = QString::fromStdString(e.what())] {
                onError_(generation, message);
            });
        }
    }
}

void PostLoader::post(quint64 generation, Query query) {
    {
        std::lock_guard lock(mutex_);
        queries_.emplace_back(generation, std::move(query));
    }
    wake_.notify_one();
}

void PostLoader::reply(Reply deliver) {
    bool notify = false;
    {
        std::lock_guard lock(mutex_);
        notify = replies_.empty();
        replies_.push_back(std::move(deliver));
    }
    if (notify) {
        QMetaObject::invokeMethod(this, "deliverReplies", Qt::QueuedConnection);
    }
}

void PostLoader::deliverReplies() {
    std::vector<Reply> replies;
    {
        std::lock_guard lock(mutex_);
        replies.swap(replies_);
    }
    for (const Reply& deliver : replies) {
        if (!receiver_) {
            return;
        }
        deliver();
    }
}

void PostLoader::requestCount(quint64 generation, const storage::PostFilter& filter) {
    post(generation, [this, generation, filter](storage::Workspace& workspace) {
        storage::CountResult count = workspace.countPosts(filter);
        reply([this, generation, count] { onCount_(generation, count); });
    });
}

void PostLoader::requestPage(quint64 generation,
                             const storage::PostFilter& filter,
                             const storage::PageRequest& page) {
    post(generation, [this, generation, filter, page](storage::Workspace& workspace) {
        auto rows =
                std::make_shared<std::vector<storage::PostRow>>(workspace.findPosts(filter, page));
        reply([this, generation, offset = page.offset, rows] {
            onPage_(generation, offset, std::move(*rows));
        });
    });
}

}  // namespace sentinela::ui
