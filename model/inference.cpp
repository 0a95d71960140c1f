// Batched, multi-threaded scoring of encoded posts. Workspaces come from a pool that outlives the
// calls, so steady-state scoring allocates nothing inside the network.
#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <numeric>
#include <thread>

#include "model/classifier_impl.h"
#include "model/loss.h"

namespace sentinela::model {

std::string_view readablePrefix(std::string_view text, int maxTokens, int wideBytes) {
    // The wide branch reads maxBytes of NORMALISED text; allow 4x for what normalising removes.
    const std::size_t budget = std::max(kInputBytesPerToken * static_cast<std::size_t>(maxTokens),
                                        4 * static_cast<std::size_t>(std::max(wideBytes, 0)));
    if (text.size() <= budget) {
        return text;
    }
    std::size_t cut = budget;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
        --cut;  // never inside a character
    }
    // At a space near the end, so the last word read is not split into other pieces.
    const std::size_t space = text.substr(0, cut).find_last_of(" \t\n\r");
    if (space != std::string_view::npos && cut - space < 256) {
        cut = space;
    }
    return text.substr(0, cut);
}

void encodeForNetwork(const nlp::Tokenizer& tokenizer,
                      std::string_view text,
                      int maxTokens,
                      std::vector<std::int32_t>& ids) {
    tokenizer.encodeIds(readablePrefix(text, maxTokens), ids);
    if (static_cast<int>(ids.size()) > maxTokens) {
        ids.resize(static_cast<std::size_t>(maxTokens));
    }
    if (ids.empty()) {
        ids.push_back(nlp::Tokenizer::kPadId);
    }
}

void encodeWithNgrams(const nlp::Tokenizer& tokenizer,
                      std::string_view text,
                      int maxTokens,
                      const nlp::NgramOptions& ngrams,
                      std::vector<std::int32_t>& ids,
                      SparseFeatures& counts) {
    thread_local std::string normalized;
    tokenizer.normalizeInto(readablePrefix(text, maxTokens, ngrams.maxBytes), normalized);
    tokenizer.encodeNormalized(normalized, ids);
    if (static_cast<int>(ids.size()) > maxTokens) {
        ids.resize(static_cast<std::size_t>(maxTokens));
    }
    if (ids.empty()) {
        ids.push_back(nlp::Tokenizer::kPadId);
    }
    countNgrams(normalized, ngrams, counts);
}

namespace {

struct InferenceScratch {
    NetworkWorkspace<float> workspace;
    PackedBatch batch;
    std::vector<std::span<const std::int32_t>> spans;
};

// Workspaces outlive the threads of one scoreEncoded call: every call starts new threads, and a
// fresh workspace would grow again (allocate and zero-fill megabytes, page faults that serialise
// the threads on the address-space lock). Keeps at most one per hardware thread.
class ScratchPool {
public:
    std::unique_ptr<InferenceScratch> take() {
        std::lock_guard lock(mutex_);
        if (free_.empty()) {
            return std::make_unique<InferenceScratch>();
        }
        auto scratch = std::move(free_.back());
        free_.pop_back();
        return scratch;
    }
    void give(std::unique_ptr<InferenceScratch> scratch) {
        std::lock_guard lock(mutex_);
        if (free_.size() < std::max(1u, std::thread::hardware_concurrency())) {
            free_.push_back(std::move(scratch));
        }
    }

private:
    std::mutex mutex_;
    std::vector<std::unique_ptr<InferenceScratch>> free_;
};

ScratchPool& scratchPool() {
    static ScratchPool pool;
    return pool;
}

void scoreChunk(const Network<float>& network,
                const WideLayer<float>* wide,
                std::span<const std::vector<std::int32_t>> posts,
                std::span<const SparseFeatures> features,
                std::span<const int> chunk,
                std::span<float> scores,
                const ScoreOutput& output,
                InferenceScratch& scratch) {
    scratch.spans.clear();
    for (const int post : chunk) {
        scratch.spans.emplace_back(posts[post]);
    }
    scratch.batch.pack(scratch.spans);
    network.forward(scratch.batch, scratch.workspace, nullptr);
    const int labels = network.shape().labels;
    auto logits = scratch.workspace.logits.existing(labels, scratch.batch.posts());
    for (int k = 0; k < scratch.batch.posts(); ++k) {
        auto column = logits.col(k);
        const int post = chunk[scratch.batch.inputIndex(k)];
        if (wide != nullptr) {
            wide->addLogits(features[static_cast<std::size_t>(post)], column);
        }
        if (!output.logits) {
            toCalibratedProbabilities<float>(column, network.shape().multiLabel,
                                             output.calibration.temperature);
        }
        std::copy(column.data(), column.data() + labels,
                  scores.begin() + static_cast<std::ptrdiff_t>(post) * labels);
    }
}

}  // namespace

void scoreEncoded(const Network<float>& network,
                  std::span<const std::vector<std::int32_t>> posts,
                  int threads,
                  std::span<float> scores,
                  const ScoreOutput& output,
                  int chunk) {
    scoreEncoded(network, nullptr, posts, {}, threads, scores, output, chunk);
}

void scoreEncoded(const Network<float>& network,
                  const WideLayer<float>* wide,
                  std::span<const std::vector<std::int32_t>> posts,
                  std::span<const SparseFeatures> features,
                  int threads,
                  std::span<float> scores,
                  const ScoreOutput& output,
                  int chunk) {
    const int count = static_cast<int>(posts.size());
    std::vector<int> order(posts.size());
    std::iota(order.begin(), order.end(), 0);
    // Similar lengths in one chunk keep the recurrence GEMMs wide at every step.
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return posts[a].size() > posts[b].size(); });
    const int chunks = (count + chunk - 1) / chunk;
    std::atomic<int> next{0};
    auto work = [&] {
        auto scratch = scratchPool().take();
        for (int c = next++; c < chunks; c = next++) {
            const int begin = c * chunk;
            const int size = std::min(chunk, count - begin);
            scoreChunk(network, wide, posts, features,
                       std::span<const int>(order).subspan(begin, size), scores, output, *scratch);
        }
        scratchPool().give(std::move(scratch));
    };
    threads = std::max(1, std::min(threads, chunks));
    std::vector<std::jthread> helpers;
    for (int t = 1; t < threads; ++t) {
        helpers.emplace_back(work);
    }
    work();
}

}  // namespace sentinela::model
