#include "app/cli/output_file.h"

#include <cerrno>
#include <cstring>
#include <iostream>
#include <random>
#include <system_error>
#include <unistd.h>

#include "app/cli/command.h"

namespace sentinela::cli {
namespace {

constexpr std::size_t kBufferBytes = 1 << 20;

std::filesystem::path temporaryBeside(const std::filesystem::path& target) {
    std::random_device random;
    auto name = target.filename().string();
    name = "." + name + ".tmp-" + std::to_string(getpid()) + "-" +
           std::to_string(random() % 100000);
    return target.parent_path() / name;
}

std::string directoryOf(const std::filesystem::path& target) {
    return target.parent_path().empty() ? std::string(".") : target.parent_path().string();
}

}  // namespace

AtomicOutputFile::AtomicOutputFile(std::filesystem::path target) : target_(std::move(target)) {
    if (isStdout()) {
        return;
    }
    if (std::filesystem::is_directory(target_)) {
        throw CommandError(
                ExitCode::kOutputError,
                "cannot write '" + target_.string() + "': it is a directory. Give a file name.");
    }
    std::error_code error;
    const auto status = std::filesystem::status(target_, error);
    if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
        // /dev/null, a FIFO, /dev/stdout: write in place. Renaming over them would replace the
        // device node or pipe with a regular file.
        direct_ = true;
        file_.open(target_, std::ios::binary);
        if (!file_) {
            throw CommandError(ExitCode::kOutputError,
                               "cannot write '" + target_.string() + "': " + std::strerror(errno));
        }
        return;
    }
    temporary_ = temporaryBeside(target_);
    buffer_ = std::make_unique<char[]>(kBufferBytes);
    file_.rdbuf()->pubsetbuf(buffer_.get(), kBufferBytes);
    file_.open(temporary_, std::ios::binary | std::ios::trunc);
    if (!file_) {
        throw CommandError(ExitCode::kOutputError,
                           "cannot write '" + target_.string() + "': " + std::strerror(errno) +
                                   ". Check that the folder '" + directoryOf(target_) +
                                   "' exists and is writable, or choose another path.");
    }
}

AtomicOutputFile::~AtomicOutputFile() {
    if (!isStdout() && !direct_ && !committed_) {
        file_.close();
        std::error_code ignored;
        std::filesystem::remove(temporary_, ignored);
    }
}

std::ostream& AtomicOutputFile::stream() {
    return isStdout() ? std::cout : static_cast<std::ostream&>(file_);
}

void AtomicOutputFile::commit() {
    if (committed_) {
        return;
    }
    if (isStdout()) {
        std::cout.flush();
        committed_ = true;
        return;
    }
    file_.flush();
    const bool written = static_cast<bool>(file_);
    file_.close();
    if (!written || file_.fail()) {
        throw CommandError(ExitCode::kOutputError,
                           "writing '" + target_.string() +
                                   "' failed (disk full or I/O error); nothing was replaced.");
    }
    if (direct_) {
        committed_ = true;
        return;
    }
    std::error_code error;
    std::filesystem::rename(temporary_, target_, error);
    if (error) {
        throw CommandError(ExitCode::kOutputError, "cannot move the finished output to '" +
                                                           target_.string() +
                                                           "': " + error.message());
    }
    committed_ = true;
}

void checkWritable(const std::filesystem::path& file) {
    if (file == "-") {
        return;
    }
    AtomicOutputFile probe(file);  // creates and removes a temporary file beside it
}

}  // namespace sentinela::cli
