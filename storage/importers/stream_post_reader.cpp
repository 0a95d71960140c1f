#include "storage/importers/stream_post_reader.h"

#include <utility>

namespace sentinela::storage::importers {

StreamPostReader::StreamPostReader(std::unique_ptr<readers::InputBuffer> input,
                                   ImportFormat format,
                                   ImportReport report,
                                   std::int64_t totalBytes)
    : input_(std::move(input)),
      format_(format),
      report_(std::move(report)),
      totalBytes_(totalBytes) {
    report_.totalBytes = totalBytes_;
}

std::size_t StreamPostReader::nextBatch(std::vector<PostRecord>& batch, std::size_t maxPosts) {
    batch.clear();
    if (deferredFailure_) {
        std::rethrow_exception(std::exchange(deferredFailure_, nullptr));
    }
    while (batch.size() < maxPosts) {
        batch.emplace_back();
        bool isPost = false;
        try {
            isPost = readPost(batch.back());
        } catch (const ImportError&) {
            batch.pop_back();
            if (batch.empty()) {
                throw;
            }
            deferredFailure_ = std::current_exception();  // hand over the good posts first
            break;
        }
        if (!isPost) {
            batch.pop_back();
            break;
        }
        ++report_.read;
        ++report_.posts;
    }
    report_.bytesRead = input_->rawBytesRead();
    return batch.size();
}

void StreamPostReader::notThisFormat(std::int64_t line,
                                     const std::string& reason,
                                     const std::string& remedy) {
    if (report_.posts == 0) {
        throw ImportError({report_.file, line, ""},
                          "not a " + report_.format + " export: " + reason, remedy);
    }
    report_.addRejected(line, reason);
}

}  // namespace sentinela::storage::importers
