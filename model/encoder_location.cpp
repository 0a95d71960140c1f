#include "model/encoder_location.h"

#include <cstdlib>
#include <string_view>
#include <vector>

namespace sentinela::model {

std::optional<std::filesystem::path> findDefaultEncoder() {
    std::vector<std::filesystem::path> candidates;
    if (const char* env = std::getenv("SENTINELA_ENCODER")) {
        if (std::string_view(env) == "none") {
            return std::nullopt;
        }
        candidates.emplace_back(env);
    }
    candidates.emplace_back(std::filesystem::path(SENTINELA_ENCODER_DIR) / "base.encoder");
    std::error_code error;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
    if (!error) {
        candidates.push_back(self.parent_path().parent_path() / "share" / "sentinela" / "encoders" /
                             "base.encoder");
    }
    for (const auto& file : candidates) {
        if (std::filesystem::is_regular_file(file, error)) {
            return file;
        }
    }
    return std::nullopt;
}

}  // namespace sentinela::model
