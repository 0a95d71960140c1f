// Classifier <-> model file (model/model_file.h). The CONF section holds what is needed to
// rebuild the network and its scores (shape, maxTokens, thresholds, calibration); every weight
// is a named tensor ("lstm.0.backward.wh"), so a file can be inspected and a missing or
// misshapen tensor is named. The wide branch, when the model has one, is a "wide" object in CONF
// (its n-gram options) and the tensors "wide.w" (L x B) and "wide.idf" (B x 1); files without it
// load as LSTM-only models.
#include <cmath>
#include <nlohmann/json.hpp>

#include "model/classifier_impl.h"
#include "model/labeled_texts.h"
#include "model/model_file.h"
#include "model/model_file_checks.h"
#include "model/trainer.h"

namespace sentinela::model {

namespace {

using nlohmann::json;

constexpr const char* kKind = "sentinela-lstm-classifier";

json configJson(const Classifier::Impl& impl) {
    const auto& shape = impl.network.shape();
    const auto& n = shape.config;
    json config{{"kind", kKind},
                {"vocabularySize", shape.vocabularySize},
                {"multiLabel", shape.multiLabel},
                {"maxTokens", impl.maxTokens},
                {"thresholds", impl.thresholds},
                {"calibration",
                 {{"method", "temperature"}, {"temperature", impl.calibration.temperature}}},
                {"network",
                 {{"embeddingDim", n.embeddingDim},
                  {"hiddenSize", n.hiddenSize},
                  {"layers", n.layers},
                  {"bidirectional", n.bidirectional},
                  {"pooling", std::string(toString(n.pooling))},
                  {"attentionDim", n.attentionDim}}}};
    if (impl.wide) {
        const auto& o = impl.wide->options();
        config["wide"] = {{"buckets", o.buckets},
                          {"maxBytes", o.maxBytes},
                          {"words", o.words},
                          {"characters", o.characters}};
    }
    return config;
}

Tensor tensorOf(std::string name, const Matrix<float>& m) {
    Tensor t;
    t.name = std::move(name);
    t.rows = m.rows();
    t.cols = m.cols();
    t.data.assign(m.data(), m.data() + m.size());
    return t;
}

json metadataJson(const ModelMetadata& m) {
    return json{{"task", m.task},
                {"createdAt", m.createdAt},
                {"dataHash", m.dataHash},
                {"seed", m.seed},
                {"threads", m.threads},
                {"trainExamples", m.trainExamples},
                {"valExamples", m.valExamples},
                {"epochsRun", m.epochsRun},
                {"bestEpoch", m.bestEpoch},
                {"cancelled", m.cancelled},
                {"selectedMetricName", m.selectedMetricName},
                {"selectedMetric", m.selectedMetric},
                {"selectedMetricInterval", {m.selectedMetricLow, m.selectedMetricHigh}},
                {"valMetrics",
                 m.valMetricsJson.empty() ? json::object() : json::parse(m.valMetricsJson)},
                {"trainConfig",
                 m.trainConfigJson.empty() ? json::object() : json::parse(m.trainConfigJson)},
                {"encoder", m.encoder},
                {"warnings", m.warnings},
                {"valNllBefore", m.valNllBefore},
                {"valNllAfter", m.valNllAfter}};
}

ModelMetadata metadataFrom(const json& j) {
    ModelMetadata m;
    m.task = j.value("task", "");
    m.createdAt = j.value("createdAt", "");
    m.dataHash = j.value("dataHash", "");
    m.seed = j.value("seed", std::uint64_t{0});
    m.threads = j.value("threads", 0);
    m.trainExamples = j.value("trainExamples", std::int64_t{0});
    m.valExamples = j.value("valExamples", std::int64_t{0});
    m.epochsRun = j.value("epochsRun", 0);
    m.bestEpoch = j.value("bestEpoch", 0);
    m.cancelled = j.value("cancelled", false);
    m.selectedMetricName = j.value("selectedMetricName", "");
    m.selectedMetric = j.value("selectedMetric", 0.0);
    const auto interval = j.value("selectedMetricInterval", std::vector<double>{0.0, 0.0});
    if (interval.size() == 2) {
        m.selectedMetricLow = interval[0];
        m.selectedMetricHigh = interval[1];
    }
    if (j.contains("valMetrics")) {
        m.valMetricsJson = j["valMetrics"].dump();
    }
    m.encoder = j.value("encoder", "");
    if (j.contains("trainConfig")) {
        m.trainConfigJson = j["trainConfig"].dump();
    }
    m.warnings = j.value("warnings", std::vector<std::string>{});
    m.valNllBefore = j.value("valNllBefore", 0.0);
    m.valNllAfter = j.value("valNllAfter", 0.0);
    return m;
}

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& problem) {
    throw ClassifierError(file.string() + ": " + problem +
                          ". The file is not a Sentinela classifier this version can use; "
                          "retrain the model or use the version that wrote it");
}

// Files written before calibration existed have no "calibration": their scores were raw, T = 1.
Calibration calibrationFrom(const std::filesystem::path& file, const json& config) {
    Calibration calibration;
    if (!config.contains("calibration")) {
        return calibration;
    }
    const auto& c = config.at("calibration");
    const auto method = c.value("method", "");
    if (method != "temperature") {
        fail(file, "calibration method \"" + method +
                           "\" is unknown (this version knows "
                           "\"temperature\")");
    }
    calibration.temperature = c.at("temperature").get<float>();
    if (!(calibration.temperature > 0.0f) || !std::isfinite(calibration.temperature)) {
        fail(file, "calibration temperature " + std::to_string(calibration.temperature) +
                           " is not a positive number");
    }
    return calibration;
}

std::unique_ptr<WideLayer<float>> loadWide(const std::filesystem::path& file,
                                           const ModelFile& in,
                                           const json& config,
                                           int labels) {
    nlp::NgramOptions o;
    o.buckets = config.at("buckets").get<int>();
    o.maxBytes = config.at("maxBytes").get<int>();
    o.words = config.at("words").get<bool>();
    o.characters = config.at("characters").get<bool>();
    try {
        nlp::validate(o);
    } catch (const std::invalid_argument& e) {
        fail(file, std::string("wide.") + e.what());
    }
    const Tensor& idf = requireTensor(file, in, "wide.idf", o.buckets, 1);
    const Tensor& w = requireTensor(file, in, "wide.w", labels, o.buckets);
    auto wide = std::make_unique<WideLayer<float>>(o, labels, idf.data);
    std::copy(w.data.begin(), w.data.end(), wide->weights().data());
    return wide;
}

}  // namespace

void Classifier::save(const std::filesystem::path& file) const {
    ModelFile out;
    out.configJson = configJson(*impl_).dump();
    out.labels = impl_->labels;
    out.tokenizerBytes = impl_->tokenizer.toBytes();
    auto& network = const_cast<Network<float>&>(impl_->network);  // forEach is non-const
    network.params().forEach(network.shape(),
                             [&](const std::string& name, const Matrix<float>& m, bool) {
                                 out.tensors.push_back(tensorOf(name, m));
                             });
    if (impl_->wide) {
        const auto& wide = *impl_->wide;
        out.tensors.push_back(tensorOf("wide.w", wide.weights() * wide.scale()));
        const auto& idf = wide.idf();
        out.tensors.push_back(
                tensorOf("wide.idf",
                         Eigen::Map<const Matrix<float>>(idf.data(), Eigen::Index(idf.size()), 1)));
    }
    out.metadataJson = metadataJson(impl_->metadata).dump();
    saveModelFile(file, out);
}

Classifier Classifier::load(const std::filesystem::path& file) {
    return fromModelFile(loadModelFile(file), file);
}

Classifier Classifier::fromModelFile(const ModelFile& in, const std::filesystem::path& file) {
    json config;
    try {
        config = json::parse(in.configJson);
        if (config.value("kind", "") != kKind) {
            fail(file, "configuration kind is not \"" + std::string(kKind) + "\"");
        }
        NetworkShape shape;
        const auto& n = config.at("network");
        shape.config.embeddingDim = n.at("embeddingDim").get<int>();
        shape.config.hiddenSize = n.at("hiddenSize").get<int>();
        shape.config.layers = n.at("layers").get<int>();
        shape.config.bidirectional = n.at("bidirectional").get<bool>();
        shape.config.pooling = poolingFromString(n.at("pooling").get<std::string>());
        shape.config.attentionDim = n.at("attentionDim").get<int>();
        shape.vocabularySize = config.at("vocabularySize").get<int>();
        shape.multiLabel = config.at("multiLabel").get<bool>();
        shape.labels = static_cast<int>(in.labels.size());
        requireSaneShape(file, shape.config, shape.vocabularySize);
        requireInRange(file, "network.attentionDim", shape.config.attentionDim, 1, 4096);
        requireInRange(file, "labels", shape.labels, 1, kMaxLabels);
        auto tokenizer = nlp::Tokenizer::fromBytes(in.tokenizerBytes);
        if (tokenizer.vocabularySize() != shape.vocabularySize) {
            fail(file, "tokenizer has " + std::to_string(tokenizer.vocabularySize()) +
                               " tokens but the network expects " +
                               std::to_string(shape.vocabularySize));
        }
        // The big tensors must be in the file before the network is allocated (a few bytes of
        // configuration must not ask for gigabytes).
        requireEncoderTensors(file, in, shape.config, shape.vocabularySize);
        auto impl = std::make_unique<Impl>(std::move(tokenizer), Network<float>(shape));
        impl->network.params().forEach(shape, [&](const std::string& name, Matrix<float>& m, bool) {
            const Tensor& t = requireTensor(file, in, name, m.rows(), m.cols());
            std::copy(t.data.begin(), t.data.end(), m.data());
        });
        if (config.contains("wide")) {
            impl->wide = loadWide(file, in, config.at("wide"), shape.labels);
        }
        impl->labels = in.labels;
        impl->maxTokens = config.at("maxTokens").get<int>();
        impl->thresholds = config.at("thresholds").get<std::vector<float>>();
        requireInRange(file, "maxTokens", impl->maxTokens, 1, 1'000'000);
        if (impl->thresholds.size() != in.labels.size()) {
            fail(file, "thresholds do not match the labels");
        }
        for (float threshold : impl->thresholds) {
            if (!(threshold >= 0.0f && threshold <= 1.0f)) {
                fail(file, "a threshold is " + std::to_string(threshold) + ", expected 0..1");
            }
        }
        impl->calibration = calibrationFrom(file, config);
        impl->metadata = metadataFrom(json::parse(in.metadataJson));
        return Classifier(std::move(impl));
    } catch (const json::exception& e) {
        fail(file, std::string("configuration or metadata: ") + e.what());
    } catch (const nlp::TokenizerError& e) {
        fail(file, std::string("tokenizer: ") + e.what());
    } catch (const std::invalid_argument& e) {
        fail(file, e.what());
    }
}

}  // namespace sentinela::model
