// The exit codes of `sentinela`, which scripts may rely on (documented in README.md).
#pragma once

namespace sentinela::cli {

enum class ExitCode : int {
    kOk = 0,
    kFailure = 1,        // the work failed: see the message on stderr
    kUsage = 2,          // wrong flags or arguments (CLI11 also uses 2 here)
    kBadInput = 3,       // an input file is missing, unreadable or not in the expected format
    kBadModel = 4,       // a model file is corrupted, truncated, foreign or too new
    kOutputError = 5,    // an output file or workspace could not be written
    kInterrupted = 130,  // Ctrl-C: the work stopped cleanly, outputs are consistent
};

inline int toInt(ExitCode code) {
    return static_cast<int>(code);
}

}  // namespace sentinela::cli
