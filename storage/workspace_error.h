// The one exception type of the workspace: says which workspace file, what went wrong and what
// to do about it. Thread-safe as any value type.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

namespace sentinela::storage {

class WorkspaceError : public std::runtime_error {
public:
    // what() reads "<file>: <problem> <remedy>"; file may be empty for in-memory workspaces.
    WorkspaceError(const std::filesystem::path& file,
                   const std::string& problem,
                   const std::string& remedy = {});

    const std::filesystem::path& file() const { return file_; }
    const std::string& problem() const { return problem_; }
    const std::string& remedy() const { return remedy_; }

private:
    std::filesystem::path file_;
    std::string problem_;
    std::string remedy_;
};

}  // namespace sentinela::storage
