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
    report_.bytesRead = bytesRead();
    if (report_.split) {
        report_.split->lines = input_->line() - report_.split->firstLine;
    }
    return batch.size();
}

std::int64_t StreamPostReader::bytesRead() const {
    // A split reads an uncompressed file from its first byte: progress is the offset into it.
    return report_.split ? input_->bytesConsumed() - report_.split->firstByte
                         : input_->rawBytesRead();
}

void StreamPostReader::notThisFormat(std::int64_t line,
                                     const std::string& reason,
                                     const std::string& remedy) {
    // Only the file's first records can show it is not this format; in a split that starts past
    // them they are bad records, as a whole-file read past its first post counts them.
    const bool laterSplit = report_.split && report_.split->firstByte > dataStart_;
    if (report_.posts == 0 && !laterSplit) {
        throw ImportError({report_.file, line, ""},
                          "not a " + report_.format + " export: " + reason, remedy);
    }
    report_.addRejected(line, reason);
}

void StreamPostReader::markDataStart(std::int64_t offset, std::int64_t line) {
    dataStart_ = offset;
    dataStartLine_ = line;
}

std::int64_t StreamPostReader::recordStartAtOrAfter(readers::InputBuffer&, std::int64_t) {
    throw ImportError({report_.file, 0, ""},
                      "a " + report_.format +
                              " export cannot be split by byte ranges: a record's start cannot "
                              "be found without reading from the top (only JSON Lines and "
                              "CSV/TSV can)",
                      "Use --shard I/N instead of --split: every job reads the whole file and "
                      "keeps its share of the posts.");
}

void StreamPostReader::restrictToSplit(InputSplit split, readers::InputBuffer& probe) {
    const std::int64_t size = totalBytes_;
    // index * size / count without overflowing 64 bits for large files and many splits.
    const auto offsetOf = [&](std::uint64_t index) {
        const auto bytes = static_cast<std::uint64_t>(size);
        const std::uint64_t offset =
                bytes / split.count * index + bytes % split.count * index / split.count;
        return static_cast<std::int64_t>(offset);
    };
    // A split whose byte range begins inside the header (or BOM) begins at the data.
    const auto boundaryAt = [&](std::uint64_t index) {
        const std::int64_t offset = offsetOf(index);
        return offset <= dataStart_ ? dataStart_ : recordStartAtOrAfter(probe, offset);
    };
    SplitRange range;
    range.index = split.index;
    range.count = split.count;
    range.firstByte = boundaryAt(split.index);
    const bool last = split.index + 1 == split.count;
    range.endByte = last ? size : std::max(range.firstByte, boundaryAt(split.index + 1));
    range.firstLine = split.index == 0 ? dataStartLine_ : 1;
    learnFromFileStart();
    input_->seek(range.firstByte, range.firstLine);
    // A split that ends at the end of the file reads to its true end: a last record without a
    // final newline there is no record cut by a split boundary.
    if (range.endByte < size) {
        input_->limitTo(range.endByte);
    }
    afterSeek();
    totalBytes_ = range.endByte - range.firstByte;
    report_.totalBytes = totalBytes_;
    report_.split = range;
}

}  // namespace sentinela::storage::importers
