// `sentinela scan` end to end: stdin to stdout filtering, --shard covering every post exactly
// once, bad inputs with their exit codes and messages, and Ctrl-C leaving a consistent output.
#include <chrono>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <set>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <zstd.h>

#include "tests/app/cli_fixture.h"

using namespace sentinela::testing;
using nlohmann::json;
using ::testing::HasSubstr;

namespace {

class CliScan : public TinyModelSuite {
protected:
    static void SetUpTestSuite() {
        TinyModelSuite::SetUpTestSuite();
        exportFile_ = (demoData() / "x_export.jsonl").string();
    }
    static inline std::string exportFile_;
};

TEST_F(CliScan, FiltersStdinToStdoutWithTheSummaryOnStderr) {
    const auto input = readText(exportFile_);
    const auto r = runCli(
            {"scan", model_, "-", "--format", "x-api", "--out", "-", "--all", "--json"}, input);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto rows = lines(r.out);
    ASSERT_EQ(rows.size(), 184u);
    const auto first = json::parse(rows.front());
    EXPECT_EQ(first["id"], json::parse(lines(input).front())["id"]);  // input order kept
    EXPECT_TRUE(first["scores"].contains("offensive"));
    const auto summary = json::parse(r.err.substr(r.err.find('{')));
    EXPECT_EQ(summary["posts_scanned"], 184);
}

TEST_F(CliScan, ShardsCoverEveryPostExactlyOnce) {
    std::set<std::string> seen;
    std::size_t total = 0;
    for (int shard = 0; shard < 3; ++shard) {
        const auto r = runCli({"scan", model_, exportFile_, "--all", "--out", "-", "--shard",
                               std::to_string(shard) + "/3"});
        ASSERT_EQ(r.exitCode, 0) << r.err;
        for (const auto& row : lines(r.out)) {
            seen.insert(json::parse(row)["id"].get<std::string>());
            ++total;
        }
    }
    EXPECT_EQ(total, 184u);
    EXPECT_EQ(seen.size(), 184u);
}

TEST_F(CliScan, ThresholdZeroFlagsEverythingAndOneAlmostNothing) {
    const auto all = runCli({"scan", model_, exportFile_, "--threshold", "0", "--json"});
    ASSERT_EQ(all.exitCode, 0) << all.err;
    EXPECT_EQ(json::parse(all.out)["flagged_posts"], 184);
    const auto target = runCli({"scan", model_, exportFile_, "--target-precision", "0.8",
                                "--calibration", (dir_->string() + "/val.jsonl"), "--json"});
    ASSERT_EQ(target.exitCode, 0) << target.err;
    EXPECT_THAT(target.err, HasSubstr("offensive: threshold"));
    EXPECT_TRUE(json::parse(target.out).contains("thresholds"));
}

TEST_F(CliScan, BadInputsGetTheirExitCodes) {
    const auto missing = runCli({"scan", model_, (*dir_ / "nope.jsonl").string()});
    EXPECT_EQ(missing.exitCode, 3);
    EXPECT_THAT(missing.err, HasSubstr("does not exist"));

    const auto noModel = runCli({"scan", (*dir_ / "nope.model").string(), exportFile_});
    EXPECT_EQ(noModel.exitCode, 3);

    const auto corrupted = *dir_ / "corrupted.model";
    auto bytes = readText(model_);
    bytes[bytes.size() / 2] ^= 0x5A;
    writeText(corrupted, bytes);
    const auto bad = runCli({"scan", corrupted.string(), exportFile_});
    EXPECT_EQ(bad.exitCode, 4) << bad.err;
    const auto truncated = *dir_ / "truncated.model";
    writeText(truncated, readText(model_).substr(0, 100));
    EXPECT_EQ(runCli({"predict", truncated.string(), "oi"}).exitCode, 4);

    const auto png = *dir_ / "image.jsonl";
    writeText(png, std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    const auto wrong = runCli({"scan", model_, png.string()});
    EXPECT_EQ(wrong.exitCode, 3) << wrong.err;
    EXPECT_THAT(wrong.err, HasSubstr("sentinela: error:"));

    const auto unknownFormat = runCli({"scan", model_, exportFile_, "--format", "myspace"});
    EXPECT_EQ(unknownFormat.exitCode, 2);
    EXPECT_THAT(unknownFormat.err, HasSubstr("reddit"));  // lists the known formats

    const auto unwritable = runCli({"scan", model_, exportFile_, "--out",
                                    (*dir_ / "no" / "such" / "dir" / "out.csv").string()});
    EXPECT_EQ(unwritable.exitCode, 5);
    EXPECT_THAT(unwritable.err, HasSubstr("cannot write"));

    EXPECT_EQ(runCli({"scan", model_, exportFile_, "--shard", "3/3"}).exitCode, 2);
    EXPECT_EQ(runCli({"scan", model_}).exitCode, 2);
}

// Regressions from a hostile test (issue #15). A first JSON line longer than the 256 KiB the
// format detection looked at made scan say "scanned 0 posts of 0 records", exit 0.
TEST_F(CliScan, AFirstLineLongerThanTheDetectionWindowIsScanned) {
    const auto file = *dir_ / "long-first-line.jsonl";
    writeText(file, json{{"text", std::string(262'256, 'a')}}.dump() + "\n" +
                            json{{"text", "second post"}}.dump() + "\n" +
                            json{{"text", "third post"}}.dump() + "\n");
    for (const std::string format : {"jsonl", "auto"}) {
        const auto r = runCli({"scan", model_, file.string(), "--format", format, "--json"});
        ASSERT_EQ(r.exitCode, 0) << r.err;
        EXPECT_EQ(json::parse(r.out)["posts_scanned"], 3) << format;
    }
}

// A cut zstd export: the message promised "posts before the damage were kept", and kept none.
// Every post the decoder recovers before the cut is scored and written, then exit code 3.
TEST_F(CliScan, ADamagedZstdExportScansEveryPostBeforeTheDamage) {
    const auto rows = lines(readText(exportFile_));
    std::string compressed;  // one zstd frame per 20 posts, as pzstd and zstd -T write them
    std::size_t completeAt = 0;
    for (std::size_t first = 0; first < rows.size(); first += 20) {
        std::string chunk;
        for (std::size_t i = first; i < std::min(rows.size(), first + 20); ++i) {
            chunk += rows[i] + "\n";
        }
        std::string frame(ZSTD_compressBound(chunk.size()), '\0');
        frame.resize(ZSTD_compress(frame.data(), frame.size(), chunk.data(), chunk.size(), 3));
        if (first == 80) {
            completeAt = compressed.size() + frame.size() / 2;  // cut inside the 5th frame
        }
        compressed += frame;
    }
    const auto cut = *dir_ / "cut.jsonl.zst";
    writeText(cut, compressed.substr(0, completeAt));
    const auto r = runCli({"scan", model_, cut.string(), "--all", "--out", "-"});
    EXPECT_EQ(r.exitCode, 3) << r.err;
    EXPECT_THAT(r.err, HasSubstr("truncated"));
    EXPECT_EQ(lines(r.out).size(), 80u);
    const auto workspace = (*dir_ / "cut.sentinela").string();
    ASSERT_EQ(runCli({"init", workspace}).exitCode, 0);
    const auto imported = runCli({"import", workspace, cut.string()});
    EXPECT_EQ(imported.exitCode, 3) << imported.err;
    const auto stats = runCli({"stats", workspace, "--json"});
    EXPECT_EQ(json::parse(stats.out)["posts"], 80) << stats.out;
}

TEST_F(CliScan, EmptyExportScansNothingAndSaysSo) {
    const auto empty = *dir_ / "empty.jsonl";
    writeText(empty, "");
    const auto r = runCli({"scan", model_, empty.string(), "--format", "x-api", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(json::parse(r.out)["posts_scanned"], 0);
    // An empty partition under a distributed engine is normal: no posts, success.
    const auto piped = runCli({"scan", model_, "-", "--out", "-"}, "");
    EXPECT_EQ(piped.exitCode, 0) << piped.err;
    EXPECT_TRUE(piped.out.empty());
    EXPECT_THAT(piped.err, HasSubstr("is empty"));
}

TEST_F(CliScan, FailedScanLeavesAnEarlierOutputUntouched) {
    const auto out = *dir_ / "keep.csv";
    writeText(out, "earlier results\n");
    const auto png = *dir_ / "image2.jsonl";
    writeText(png, std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    EXPECT_NE(runCli({"scan", model_, png.string(), "--out", out.string()}).exitCode, 0);
    EXPECT_EQ(readText(out), "earlier results\n");
    for (const auto& entry : std::filesystem::directory_iterator(*dir_)) {
        EXPECT_THAT(entry.path().filename().string(), ::testing::Not(HasSubstr(".tmp-")));
    }
}

// Ctrl-C: a scan reading an endless stdin stops on SIGINT with exit code 130, and its output
// file holds whole JSON lines only.
TEST_F(CliScan, InterruptStopsCleanlyWithCode130) {
    const auto out = *dir_ / "interrupted.jsonl";
    int input[2];
    ASSERT_EQ(pipe(input), 0);
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        dup2(input[0], 0);
        close(input[1]);
        const auto cli = cliPath().string();
        execl(cli.c_str(), cli.c_str(), "scan", model_.c_str(), "-", "--format", "x-api", "--all",
              "--batch", "16", "--out", out.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    close(input[0]);
    const auto posts = readText(exportFile_);
    for (int i = 0; i < 5; ++i) {
        ASSERT_EQ(write(input[1], posts.data(), posts.size()), static_cast<ssize_t>(posts.size()));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    kill(pid, SIGINT);
    // The reader may be blocked on the pipe: closing our end lets it see the end of input too.
    close(input[1]);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 130);
    ASSERT_TRUE(std::filesystem::exists(out));
    for (const auto& row : lines(readText(out))) {
        EXPECT_TRUE(json::accept(row)) << row;
    }
}

}  // namespace

// An output that is a FIFO (or /dev/null) is written in place: renaming a temporary file over it
// would replace the pipe or device node with a regular file.
TEST_F(CliScan, WritesIntoAFifoInPlace) {
    const auto fifo = *dir_ / "out.fifo";
    ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
    std::string received;
    std::thread reader([&] { received = readText(fifo); });
    const auto r = runCli({"scan", model_, exportFile_, "--all", "--out", fifo.string()});
    reader.join();
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(lines(received).size(), 184u);
    EXPECT_TRUE(std::filesystem::is_fifo(fifo));
}
