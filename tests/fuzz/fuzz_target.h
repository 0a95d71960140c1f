// The one entry point every fuzz target defines (libFuzzer's). Built with -DSENTINELA_FUZZ=ON and
// clang, a target links libFuzzer; otherwise it links replay_main.cpp, which feeds it every file
// of its saved corpus, so CI re-checks each input a fuzzer ever kept (tests/fuzz/README.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace sentinela::fuzz {

inline std::string_view bytesOf(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// A broken invariant: abort, so libFuzzer saves the input and the replay test fails.
[[noreturn]] void fail(const char* what);

}  // namespace sentinela::fuzz
