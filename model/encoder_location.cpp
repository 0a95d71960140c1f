#include "model/encoder_location.h"

#include <cstdlib>
#include <string_view>
#include <vector>

#include "model/data_location.h"

namespace sentinela::model {

std::optional<std::filesystem::path> findDefaultEncoder() {
    std::vector<std::filesystem::path> candidates;
    if (const char* env = std::getenv("SENTINELA_ENCODER")) {
        if (std::string_view(env) == "none") {
            return std::nullopt;
        }
        candidates.emplace_back(env);
    }
    for (const auto& dir : shippedDataDirs("encoders")) {
        candidates.push_back(dir / "base.encoder");
    }
    std::error_code error;
    for (const auto& file : candidates) {
        if (std::filesystem::is_regular_file(file, error)) {
            return file;
        }
    }
    return std::nullopt;
}

}  // namespace sentinela::model
