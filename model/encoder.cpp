// Encoder <-> encoder file. The configuration (CONF) says "sentinela-lstm-encoder" and the shape;
// tensors are named as in a classifier ("embedding", "lstm.0.forward.wx", ...) plus the language
// model's "lm.softmax.w" and "lm.softmax.bias"; META holds EncoderMetadata.
#include "model/encoder.h"

#include <nlohmann/json.hpp>

#include "model/classifier.h"
#include "model/encoder_impl.h"
#include "model/model_file.h"
#include "model/model_file_checks.h"

namespace sentinela::model {

namespace {

using nlohmann::json;

constexpr const char* kKind = "sentinela-lstm-encoder";
constexpr const char* kClassifierKind = "sentinela-lstm-classifier";

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& problem) {
    throw ClassifierError(file.string() + ": " + problem);
}

json metadataJson(const EncoderMetadata& m) {
    json inputs = json::array();
    for (const auto& i : m.inputs) {
        inputs.push_back(
                {{"name", i.name}, {"bytes", i.bytes}, {"sha256", i.sha256}, {"posts", i.posts}});
    }
    return json{{"createdAt", m.createdAt},
                {"inputs", inputs},
                {"corpusPosts", m.corpusPosts},
                {"corpusTokens", m.corpusTokens},
                {"tokensSeen", m.tokensSeen},
                {"epochs", m.epochs},
                {"heldOutPosts", m.heldOutPosts},
                {"forwardPerplexity", m.forwardPerplexity},
                {"backwardPerplexity", m.backwardPerplexity},
                {"trainSeconds", m.trainSeconds},
                {"tokensPerSecond", m.tokensPerSecond},
                {"continuedFrom", m.continuedFrom},
                {"config", m.configJson.empty() ? json::object() : json::parse(m.configJson)}};
}

EncoderMetadata metadataFrom(const json& j) {
    EncoderMetadata m;
    m.createdAt = j.value("createdAt", "");
    for (const auto& i : j.value("inputs", json::array())) {
        m.inputs.push_back({i.value("name", ""), i.value("bytes", std::int64_t{0}),
                            i.value("sha256", ""), i.value("posts", std::int64_t{0})});
    }
    m.corpusPosts = j.value("corpusPosts", std::int64_t{0});
    m.corpusTokens = j.value("corpusTokens", std::int64_t{0});
    m.tokensSeen = j.value("tokensSeen", std::int64_t{0});
    m.epochs = j.value("epochs", 0.0);
    m.heldOutPosts = j.value("heldOutPosts", std::int64_t{0});
    m.forwardPerplexity = j.value("forwardPerplexity", 0.0);
    m.backwardPerplexity = j.value("backwardPerplexity", 0.0);
    m.trainSeconds = j.value("trainSeconds", 0.0);
    m.tokensPerSecond = j.value("tokensPerSecond", 0.0);
    m.continuedFrom = j.value("continuedFrom", "");
    if (j.contains("config")) {
        m.configJson = j["config"].dump();
    }
    return m;
}

std::string fingerprint(Encoder::Impl& impl) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    forEachEncoderTensor(impl, [&](const std::string&, Matrix<float>& m) {
        const auto* bytes = reinterpret_cast<const unsigned char*>(m.data());
        for (std::size_t i = 0; i < std::size_t(m.size()) * sizeof(float); ++i) {
            hash = (hash ^ bytes[i]) * 0x100000001b3ULL;
        }
    });
    char text[9];
    std::snprintf(text, sizeof text, "%08x", unsigned(hash ^ (hash >> 32)));
    return text;
}

void requireTensors(const std::filesystem::path& file,
                    const ModelFile& in,
                    const NetworkConfig& n,
                    int vocabulary) {
    requireEncoderTensors(file, in, n, vocabulary);
    requireTensor(file, in, "lm.softmax.w", n.hiddenSize, vocabulary);
    requireTensor(file, in, "lm.softmax.bias", vocabulary, 1);
}

}  // namespace

void forEachEncoderTensor(Encoder::Impl& impl,
                          const std::function<void(const std::string&, Matrix<float>&)>& f) {
    auto& network = impl.network;
    network.params().forEach(network.shape(), [&](const std::string& name, Matrix<float>& m, bool) {
        if (name.rfind("dense.", 0) != 0) {
            f(name, m);
        }
    });
    f("lm.softmax.w", impl.softmax.weight);
    f("lm.softmax.bias", impl.softmax.bias);
}

NetworkShape encoderShape(const NetworkConfig& config, int vocabularySize) {
    NetworkShape shape;
    shape.config = config;
    shape.config.pooling = Pooling::kMax;  // unused by the language model
    shape.vocabularySize = vocabularySize;
    shape.labels = 1;
    return shape;
}

Encoder::Encoder(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Encoder::Encoder(Encoder&&) noexcept = default;
Encoder& Encoder::operator=(Encoder&&) noexcept = default;
Encoder::~Encoder() = default;

const nlp::Tokenizer& Encoder::tokenizer() const {
    return impl_->tokenizer;
}
const NetworkConfig& Encoder::network() const {
    return impl_->network.shape().config;
}
int Encoder::maxTokens() const {
    return impl_->maxTokens;
}
const EncoderMetadata& Encoder::metadata() const {
    return impl_->metadata;
}
const std::string& Encoder::name() const {
    return impl_->name;
}

ModelFile toModelFile(Encoder::Impl& impl) {
    const auto& n = impl.network.shape().config;
    ModelFile out;
    out.configJson = json{{"kind", kKind},
                          {"vocabularySize", impl.network.shape().vocabularySize},
                          {"maxTokens", impl.maxTokens},
                          {"network",
                           {{"embeddingDim", n.embeddingDim},
                            {"hiddenSize", n.hiddenSize},
                            {"layers", n.layers},
                            {"bidirectional", n.bidirectional}}}}
                             .dump();
    out.labels = {"next-token"};
    out.tokenizerBytes = impl.tokenizer.toBytes();
    forEachEncoderTensor(impl, [&](const std::string& name, Matrix<float>& m) {
        out.tensors.push_back({name, m.rows(), m.cols(), {m.data(), m.data() + m.size()}});
    });
    out.metadataJson = metadataJson(impl.metadata).dump();
    return out;
}

void Encoder::save(const std::filesystem::path& file) const {
    saveModelFile(file, toModelFile(*impl_));
    impl_->name = file.stem().string() + "@" + fingerprint(*impl_);
}

bool isEncoderFile(const std::filesystem::path& file) {
    try {
        const ModelFile in = loadModelFile(file);
        return json::parse(in.configJson).value("kind", "") == kKind;
    } catch (const std::exception&) {
        return false;
    }
}

Encoder Encoder::load(const std::filesystem::path& file) {
    return fromModelFile(loadModelFile(file), file);
}

Encoder fromModelFile(const ModelFile& in, const std::filesystem::path& file) {
    try {
        const json config = json::parse(in.configJson);
        const std::string kind = config.value("kind", "");
        if (kind == kClassifierKind) {
            fail(file,
                 "this is a trained classifier, not a pretrained encoder. Give an encoder "
                 "written by `sentinela pretrain` (or leave --encoder out)");
        }
        if (kind != kKind) {
            fail(file, "configuration kind is \"" + kind + "\", expected \"" + kKind +
                               "\"; the file is not a Sentinela encoder");
        }
        const auto& n = config.at("network");
        NetworkConfig network;
        network.embeddingDim = n.at("embeddingDim").get<int>();
        network.hiddenSize = n.at("hiddenSize").get<int>();
        network.layers = n.at("layers").get<int>();
        network.bidirectional = n.at("bidirectional").get<bool>();
        const int vocabulary = config.at("vocabularySize").get<int>();
        const int maxTokens = config.at("maxTokens").get<int>();
        requireSaneShape(file, network, vocabulary);
        requireInRange(file, "maxTokens", maxTokens, 1, 1'000'000);
        auto tokenizer = nlp::Tokenizer::fromBytes(in.tokenizerBytes);
        if (tokenizer.vocabularySize() != vocabulary) {
            fail(file, "tokenizer has " + std::to_string(tokenizer.vocabularySize()) +
                               " tokens but the configuration says " + std::to_string(vocabulary));
        }
        // Every tensor the configuration implies must be in the file with its shape BEFORE
        // anything is allocated: a small hostile file cannot ask for gigabytes.
        requireTensors(file, in, network, vocabulary);
        auto impl = std::make_unique<Encoder::Impl>(std::move(tokenizer),
                                                    encoderShape(network, vocabulary));
        impl->softmax.weight = Matrix<float>::Zero(network.hiddenSize, vocabulary);
        impl->softmax.bias = Matrix<float>::Zero(vocabulary, 1);
        impl->maxTokens = maxTokens;
        forEachEncoderTensor(*impl, [&](const std::string& name, Matrix<float>& m) {
            const Tensor* t = in.findTensor(name);
            if (t == nullptr) {
                fail(file, "tensor \"" + name + "\" is missing");
            }
            if (t->rows != m.rows() || t->cols != m.cols()) {
                fail(file, "tensor \"" + name + "\" is " + std::to_string(t->rows) + "x" +
                                   std::to_string(t->cols) + ", expected " +
                                   std::to_string(m.rows()) + "x" + std::to_string(m.cols()));
            }
            std::copy(t->data.begin(), t->data.end(), m.data());
        });
        impl->metadata = metadataFrom(json::parse(in.metadataJson));
        impl->name = file.stem().string() + "@" + fingerprint(*impl);
        return Encoder(std::move(impl));
    } catch (const json::exception& e) {
        fail(file, std::string("encoder configuration or metadata: ") + e.what());
    } catch (const nlp::TokenizerError& e) {
        fail(file, std::string("tokenizer: ") + e.what());
    }
}

}  // namespace sentinela::model
