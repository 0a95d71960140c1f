// Runs a program to completion and captures its output, for end-to-end tests.
#pragma once

#include <string>
#include <vector>

namespace sentinela::testing {

struct ProcessResult {
    int exitCode = -1;  // the program's exit status; 128+N when killed by signal N
    std::string out;
    std::string err;
};

// Runs `program args...` (no shell), with `stdinText` on its standard input.
ProcessResult runProcess(const std::string& program,
                         const std::vector<std::string>& args,
                         const std::string& stdinText = "");
// Runs the built `sentinela` CLI.
ProcessResult runCli(const std::vector<std::string>& args, const std::string& stdinText = "");

}  // namespace sentinela::testing
