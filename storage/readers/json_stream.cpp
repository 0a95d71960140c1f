#include "storage/readers/json_stream.h"

#include <algorithm>

namespace sentinela::storage::readers {
namespace {

bool isBlank(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

std::size_t depthOf(const std::string& path) {
    return static_cast<std::size_t>(std::count(path.begin(), path.end(), '.')) + 1;
}

std::string describeByte(char c) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7f) {
        return std::string("'") + c + "'";
    }
    static const char* kHex = "0123456789abcdef";
    return std::string("byte 0x") + kHex[u >> 4] + kHex[u & 15];
}

}  // namespace

JsonValueStreamer::JsonValueStreamer(InputBuffer& input, JsonStreamOptions options)
    : in_(input), options_(std::move(options)) {
    elementPaths_.insert(options_.elementPaths.begin(), options_.elementPaths.end());
    contextPaths_.insert(options_.contextPaths.begin(), options_.contextPaths.end());
    for (const auto& p : elementPaths_) {
        maxPatternDepth_ = std::max(maxPatternDepth_, depthOf(p));
    }
    for (const auto& p : contextPaths_) {
        maxPatternDepth_ = std::max(maxPatternDepth_, depthOf(p));
    }
    if (options_.recordPaths) {
        maxPatternDepth_ = std::max<std::size_t>(maxPatternDepth_, 4);
    }
}

std::string JsonValueStreamer::currentPath() const {
    std::string path;
    for (const Frame& f : stack_) {
        if (!path.empty()) {
            path += '.';
        }
        path += f.array ? std::string("[]") : f.key;
    }
    return path;
}

std::string JsonValueStreamer::context(const std::string& path) const {
    auto it = context_.find(path);
    return it == context_.end() ? std::string() : it->second;
}

void JsonValueStreamer::valueDone() {
    expectValue_ = false;
    if (stack_.empty()) {
        finished_ = true;  // one root value; anything after it (tweets.js's ";") is ignored
    }
}

void JsonValueStreamer::captureValue(std::string& out, std::string& problem, std::size_t maxBytes) {
    std::string_view w = in_.window();
    const char first = w.front();
    const bool container = first == '{' || first == '[';
    const bool string = first == '"';
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    std::size_t total = 0;
    bool started = false;
    while (!w.empty()) {
        std::size_t i = 0;
        bool done = false;
        for (; i < w.size(); ++i) {
            char c = w[i];
            if (!started) {
                started = true;
                if (container) {
                    depth = 1;
                } else if (string) {
                    inString = true;
                }
                continue;
            }
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                    if (!container) {
                        ++i;
                        done = true;
                        break;
                    }
                }
                continue;
            }
            if (!container) {  // number, true, false, null
                if (c == ',' || c == ']' || c == '}' || isBlank(c)) {
                    done = true;
                    break;
                }
                continue;
            }
            if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (--depth == 0) {
                    ++i;
                    done = true;
                    break;
                }
            }
        }
        if (total + i <= maxBytes) {
            out.append(w.data(), i);
        }
        total += i;
        in_.advance(i);
        if (done) {
            break;
        }
        w = in_.window();
        if (w.empty() && (container || string)) {
            problem = "the file ends inside this record (cut short?)";
            cutShort_ = true;  // said once here, not again for the enclosing document
        }
    }
    if (total > maxBytes) {
        problem = "the record is larger than " + std::to_string(maxBytes >> 20) + " MiB";
        out.clear();
    }
}

bool JsonValueStreamer::next(std::string& value, std::int64_t& startLine, std::string& problem) {
    value.clear();
    problem.clear();
    while (!finished_) {
        std::string_view w = in_.window();
        if (w.empty()) {
            finished_ = true;
            startLine = in_.line();
            if (!rootSeen_) {
                problem = "no JSON value in the input";
            } else if (!stack_.empty() && !cutShort_) {
                problem = "the file ends before the JSON document is closed (cut short?)";
            }
            return false;
        }
        std::size_t i = 0;
        bool refetch = false;
        for (; i < w.size() && !refetch; ++i) {
            char c = w[i];
            if (isBlank(c)) {
                continue;
            }
            if (!rootSeen_ && options_.skipScriptPrefix && c != '[' && c != '{') {
                continue;  // "window.YTD.tweets.part0 = " before the array
            }
            Frame* top = stack_.empty() ? nullptr : &stack_.back();
            if (expectValue_ && !(top != nullptr && top->array && c == ']')) {
                const bool valueStart = c == '{' || c == '[' || c == '"' || c == '-' ||
                                        (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n';
                if (!valueStart || (!rootSeen_ && c != '{' && c != '[')) {
                    in_.advance(i);
                    startLine = in_.line();
                    problem = "not valid JSON here: unexpected " + describeByte(c);
                    finished_ = true;
                    return false;
                }
                if (!rootSeen_) {
                    rootSeen_ = true;
                    rootIsArray_ = c == '[';
                }
                std::string path;
                if (stack_.size() <= maxPatternDepth_) {
                    path = currentPath();
                    if (options_.recordPaths && stack_.size() <= 4 && seenPaths_.size() < 500) {
                        seenPaths_.insert(path);
                    }
                }
                const bool isElement = !path.empty() && elementPaths_.count(path) > 0;
                if (isElement || (c != '{' && c != '[')) {
                    in_.advance(i);
                    startLine = in_.line();
                    std::string scalar;
                    std::string& target = isElement ? value : scalar;
                    captureValue(target, problem, options_.maxRecordBytes);
                    valueDone();
                    if (isElement) {
                        return true;
                    }
                    if (!path.empty() && contextPaths_.count(path) > 0) {
                        if (scalar.size() >= 2 && scalar.front() == '"') {
                            scalar = scalar.substr(1, scalar.size() - 2);
                        }
                        context_[path] = std::move(scalar);
                    }
                    i = 0;
                    refetch = true;
                    break;
                }
                stack_.push_back({c == '[', true, {}});
                expectValue_ = c == '[';
                continue;
            }
            if (top == nullptr) {
                finished_ = true;
                return false;
            }
            if (c == (top->array ? ']' : '}')) {
                stack_.pop_back();
                valueDone();
                if (finished_) {
                    in_.advance(i + 1);
                    return false;
                }
            } else if (c == ',') {
                if (top->array) {
                    expectValue_ = true;
                } else {
                    top->expectKey = true;
                }
            } else if (!top->array && top->expectKey && c == '"') {
                in_.advance(i);
                std::string key;
                captureValue(key, problem, 1 << 20);
                top->key = key.size() >= 2 ? key.substr(1, key.size() - 2) : key;
                top->expectKey = false;
                i = 0;
                refetch = true;
                break;
            } else if (!top->array && !top->expectKey && c == ':') {
                expectValue_ = true;
            } else {
                in_.advance(i);
                startLine = in_.line();
                problem = "not valid JSON here: unexpected " + describeByte(c);
                finished_ = true;
                return false;
            }
        }
        if (!refetch) {
            in_.advance(i);
        }
    }
    return false;
}

}  // namespace sentinela::storage::readers
