// Fuzzes the workspace opener with damaged SQLite files: open read-only, then what every command
// does first (stats, the task list, a page of posts, the quick integrity check). A damaged file
// must give WorkspaceError, never a crash.
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "storage/workspace.h"
#include "storage/workspace_error.h"
#include "tests/fuzz/fuzz_target.h"

using namespace sentinela;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // SQLite opens files, not memory: one scratch file per process, in RAM where possible.
    static const std::filesystem::path file =
            (std::filesystem::exists("/dev/shm") ? std::filesystem::path("/dev/shm")
                                                 : std::filesystem::temp_directory_path()) /
            ("sentinela-fuzz-" + std::to_string(::getpid()) + ".sentinela");
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    try {
        storage::WorkspaceOptions options;
        options.readOnly = true;
        options.busyTimeoutMs = 0;
        storage::Workspace workspace(file, options);
        workspace.stats();
        for (const auto& task : workspace.tasks()) {
            workspace.labelCounts(task.name);
        }
        workspace.findPosts({}, {});
        workspace.checkIntegrity(false);
    } catch (const storage::WorkspaceError&) {
    }
    std::filesystem::remove(file.string() + "-journal");
    std::filesystem::remove(file.string() + "-wal");
    return 0;
}
