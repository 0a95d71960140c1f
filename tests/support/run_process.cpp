#include "tests/support/run_process.h"

#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/support/test_paths.h"

namespace sentinela::testing {
namespace {

std::string readFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

// Output goes through files, not pipes, so a chatty child can never deadlock against us.
ProcessResult runProcess(const std::string& program,
                         const std::vector<std::string>& args,
                         const std::string& stdinText) {
    const auto dir = makeTempDir();
    const auto inPath = dir / "stdin", outPath = dir / "stdout", errPath = dir / "stderr";
    std::ofstream(inPath, std::ios::binary) << stdinText;

    const pid_t pid = fork();
    if (pid < 0) {
        throw std::runtime_error("fork failed");
    }
    if (pid == 0) {
        const int in = open(inPath.c_str(), O_RDONLY);
        const int out = open(outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int err = open(errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(in, 0);
        dup2(out, 1);
        dup2(err, 2);
        std::vector<char*> argv;
        argv.push_back(const_cast<char*>(program.c_str()));
        for (const auto& a : args) {
            argv.push_back(const_cast<char*>(a.c_str()));
        }
        argv.push_back(nullptr);
        execv(program.c_str(), argv.data());
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    ProcessResult result;
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = readFile(outPath);
    result.err = readFile(errPath);
    std::filesystem::remove_all(dir);
    return result;
}

ProcessResult runCli(const std::vector<std::string>& args, const std::string& stdinText) {
    return runProcess(cliPath().string(), args, stdinText);
}

}  // namespace sentinela::testing
