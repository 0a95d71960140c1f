// The PostReader every format builds on: owns the buffered input and the report, and turns
// "next record" into batches. A format implements readRecord(), which either yields a post or
// records a skip / rejection in the report itself. Internal to storage/.
// Thread-safety: one thread at a time.
#pragma once

#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "storage/importer.h"
#include "storage/readers/input_buffer.h"

namespace sentinela::storage::importers {

class StreamPostReader : public PostReader {
public:
    StreamPostReader(std::unique_ptr<readers::InputBuffer> input,
                     ImportFormat format,
                     ImportReport report,
                     std::int64_t totalBytes);

    std::size_t nextBatch(std::vector<PostRecord>& batch, std::size_t maxPosts) final;
    ImportReport& report() final { return report_; }
    ImportFormat format() const final { return format_; }
    std::int64_t bytesRead() const final { return input_->rawBytesRead(); }
    std::int64_t totalBytes() const final { return totalBytes_; }

protected:
    // Reads records until one is a post (returns true with `post` filled) or the input ends
    // (returns false). Non-posts go to report().addSkipped / addRejected on the way.
    virtual bool readPost(PostRecord& post) = 0;

    // A record showed the input is not this format. Before the first post this is an
    // ImportError (wrong format: nothing imported yet); later it is one rejected record.
    void notThisFormat(std::int64_t line, const std::string& reason, const std::string& remedy);

    readers::InputBuffer& input() { return *input_; }
    const std::string& name() const { return report_.file; }

private:
    std::unique_ptr<readers::InputBuffer> input_;
    ImportFormat format_;
    ImportReport report_;
    std::int64_t totalBytes_;
    // The input broke while a batch held good posts: they are returned first, this next.
    std::exception_ptr deferredFailure_;
};

// Readers of the non-JSON formats (csv.cpp, whatsapp.cpp) and of the JSON ones
// (json_post_reader.cpp). `report` arrives with file, format and compression set.
std::unique_ptr<PostReader> makeCsvReader(std::unique_ptr<readers::InputBuffer> input,
                                          const ImportOptions& options,
                                          ImportReport report,
                                          std::int64_t totalBytes);
std::unique_ptr<PostReader> makeWhatsAppReader(std::unique_ptr<readers::InputBuffer> input,
                                               const ImportOptions& options,
                                               ImportReport report,
                                               std::int64_t totalBytes);
std::unique_ptr<PostReader> makeJsonReader(std::unique_ptr<readers::InputBuffer> input,
                                           const ImportOptions& options,
                                           ImportReport report,
                                           std::int64_t totalBytes);

}  // namespace sentinela::storage::importers
