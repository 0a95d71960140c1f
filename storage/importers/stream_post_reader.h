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
    std::int64_t bytesRead() const final;
    std::int64_t totalBytes() const final { return totalBytes_; }

    // From now on reads only the records of byte-range split `split` of the file (importer.h,
    // InputSplit). `probe` is a second buffer over the same file, used to find the boundaries.
    // Throws ImportError when the format cannot be split or the input cannot seek.
    void restrictToSplit(InputSplit split, readers::InputBuffer& probe);

protected:
    // Where the first record starting at or after byte `offset` (> the data start) begins,
    // searched with `probe`. The default refuses: the format has no boundary one can find
    // without reading from the top.
    virtual std::int64_t recordStartAtOrAfter(readers::InputBuffer& probe, std::int64_t offset);
    // Formats that learn how to read every record from the file's first one (the generic JSON
    // field guess) learn it here, from the data start, before a split seeks away from it.
    virtual void learnFromFileStart() {}
    // The input was moved to the data start or a split's start: forget the read-ahead state.
    virtual void afterSeek() {}
    // Derived constructors call this where the first record can start (after a BOM or header),
    // so that a split knows where the data begins.
    void markDataStart(std::int64_t offset, std::int64_t line);

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
    std::int64_t dataStart_ = 0, dataStartLine_ = 1;
    // The input broke while a batch held good posts: they are returned first, this next.
    std::exception_ptr deferredFailure_;
};

// Readers of the non-JSON formats (csv.cpp, whatsapp.cpp) and of the JSON ones
// (json_post_reader.cpp). `report` arrives with file, format and compression set.
std::unique_ptr<StreamPostReader> makeCsvReader(std::unique_ptr<readers::InputBuffer> input,
                                                const ImportOptions& options,
                                                ImportReport report,
                                                std::int64_t totalBytes);
std::unique_ptr<StreamPostReader> makeWhatsAppReader(std::unique_ptr<readers::InputBuffer> input,
                                                     const ImportOptions& options,
                                                     ImportReport report,
                                                     std::int64_t totalBytes);
std::unique_ptr<StreamPostReader> makeJsonReader(std::unique_ptr<readers::InputBuffer> input,
                                                 const ImportOptions& options,
                                                 ImportReport report,
                                                 std::int64_t totalBytes);

}  // namespace sentinela::storage::importers
