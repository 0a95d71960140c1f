// An output file that appears complete or not at all. It is written to a temporary file beside the
// target and renamed over it by commit(); if the command fails or is interrupted first, the
// temporary file is removed and any earlier file at the target is left untouched. The path "-"
// means standard output (flushed by commit(), never renamed); an existing target that is not a
// regular file (/dev/null, a FIFO) is written in place. Not thread-safe.
#pragma once

#include <filesystem>
#include <fstream>
#include <memory>
#include <ostream>

namespace sentinela::cli {

class AtomicOutputFile {
public:
    // Throws CommandError(kOutputError) naming the path and the reason when it cannot be created.
    explicit AtomicOutputFile(std::filesystem::path target);
    ~AtomicOutputFile();  // removes the temporary file unless committed
    AtomicOutputFile(const AtomicOutputFile&) = delete;
    AtomicOutputFile& operator=(const AtomicOutputFile&) = delete;

    std::ostream& stream();
    bool isStdout() const { return target_ == "-"; }
    const std::filesystem::path& target() const { return target_; }
    // Flushes and renames into place; throws CommandError(kOutputError) on a write error
    // (disk full, I/O error).
    void commit();

private:
    std::filesystem::path target_, temporary_;
    std::unique_ptr<char[]> buffer_;
    std::ofstream file_;
    bool committed_ = false;
    bool direct_ = false;  // target is a device or FIFO: no temporary file
};

// Throws CommandError(kOutputError) unless `file` could be created or replaced: for checking an
// output path before hours of work rather than after.
void checkWritable(const std::filesystem::path& file);

}  // namespace sentinela::cli
