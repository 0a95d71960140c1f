#include "model/data_location.h"

namespace sentinela::model {

std::filesystem::path currentExecutable() {
    std::error_code error;
    auto self = std::filesystem::read_symlink("/proc/self/exe", error);
    return error ? std::filesystem::path() : self;
}

std::vector<std::filesystem::path> shippedDataDirs(std::string_view name,
                                                   const std::filesystem::path& executable) {
    std::vector<std::filesystem::path> dirs;
    // Installed first: an installed binary must read the data installed with it, even while the
    // source tree it was built from still exists (that tree may hold newer, incompatible files).
    // A binary in a build folder has no ../share/sentinela, so it falls through to the tree.
    if (!executable.empty()) {
        dirs.push_back((executable.parent_path() / SENTINELA_DATA_DIR_FROM_BINDIR / name)
                               .lexically_normal());
    }
#ifdef SENTINELA_SOURCE_RESOURCES_DIR
    dirs.push_back(std::filesystem::path(SENTINELA_SOURCE_RESOURCES_DIR) / name);
#endif
    return dirs;
}

}  // namespace sentinela::model
