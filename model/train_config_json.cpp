// TrainConfig <-> JSON, for `sentinela train --config FILE` and for the model file's metadata.
// Reading is strict: unknown keys and out-of-range values throw TrainConfigError naming the field,
// because a typo in a config file silently training with a default would waste an hour.
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "model/pretrainer.h"
#include "model/trainer.h"

namespace sentinela::model {

namespace {

using nlohmann::json;

template <typename Enum>
struct EnumName {
    Enum value;
    const char* name;
};

constexpr EnumName<Pooling> kPoolings[] = {{Pooling::kLast, "last"},
                                           {Pooling::kMean, "mean"},
                                           {Pooling::kMax, "max"},
                                           {Pooling::kAttention, "attention"}};
constexpr EnumName<SelectionMetric> kMetrics[] = {{SelectionMetric::kAuto, "auto"},
                                                  {SelectionMetric::kMacroF1, "macro_f1"},
                                                  {SelectionMetric::kMacroRecall, "macro_recall"},
                                                  {SelectionMetric::kAccuracy, "accuracy"}};
constexpr EnumName<ClassWeighting> kWeightings[] = {{ClassWeighting::kAuto, "auto"},
                                                    {ClassWeighting::kNone, "none"},
                                                    {ClassWeighting::kBalanced, "balanced"}};
constexpr EnumName<LearningRateSchedule> kSchedules[] = {
        {LearningRateSchedule::kConstant, "constant"},
        {LearningRateSchedule::kLinear, "linear"},
        {LearningRateSchedule::kCosine, "cosine"}};
constexpr EnumName<WideOptimizerKind> kWideOptimizers[] = {{WideOptimizerKind::kAdamW, "adamw"},
                                                           {WideOptimizerKind::kSgd, "sgd"}};
constexpr EnumName<nlp::VocabularyKind> kVocabularies[] = {
        {nlp::VocabularyKind::kUnigram, "unigram"},
        {nlp::VocabularyKind::kBpe, "bpe"},
        {nlp::VocabularyKind::kWord, "word"}};

template <typename Enum, std::size_t N>
const char* nameOf(const EnumName<Enum> (&table)[N], Enum value) {
    for (const auto& e : table) {
        if (e.value == value) {
            return e.name;
        }
    }
    return "?";
}

template <typename Enum, std::size_t N>
Enum valueOf(const EnumName<Enum> (&table)[N], const json& j, const std::string& field) {
    if (!j.is_string()) {
        throw TrainConfigError(field + ": expected a string");
    }
    const auto text = j.get<std::string>();
    std::string accepted;
    for (const auto& e : table) {
        if (text == e.name) {
            return e.value;
        }
        accepted += accepted.empty() ? "" : ", ";
        accepted += e.name;
    }
    throw TrainConfigError(field + ": \"" + text + "\" is not one of " + accepted);
}

// Reads the keys of one JSON object, each at most once, and rejects the keys nobody read.
class ObjectReader {
public:
    ObjectReader(const json& object, std::string path) : object_(object), path_(std::move(path)) {
        if (!object_.is_object()) {
            throw TrainConfigError((path_.empty() ? "config" : path_) + ": expected an object");
        }
    }
    std::string field(const std::string& key) const {
        return path_.empty() ? key : path_ + "." + key;
    }
    const json* find(const std::string& key) {
        known_.insert(key);
        auto it = object_.find(key);
        return it == object_.end() ? nullptr : &*it;
    }
    template <typename T>
    void read(const std::string& key, T& out) {
        if (const json* j = find(key)) {
            try {
                out = j->get<T>();
            } catch (const json::exception&) {
                throw TrainConfigError(field(key) + ": wrong type");
            }
        }
    }
    template <typename Enum, std::size_t N>
    void readEnum(const std::string& key, const EnumName<Enum> (&table)[N], Enum& out) {
        if (const json* j = find(key)) {
            out = valueOf(table, *j, field(key));
        }
    }
    void finish() const {
        for (auto it = object_.begin(); it != object_.end(); ++it) {
            if (!known_.count(it.key())) {
                throw TrainConfigError(field(it.key()) + ": unknown setting (check the spelling)");
            }
        }
    }

private:
    const json& object_;
    std::string path_;
    std::set<std::string> known_;
};

void check(bool ok, const std::string& field, const std::string& rule) {
    if (!ok) {
        throw TrainConfigError(field + ": " + rule);
    }
}

json tokenizerJson(const nlp::TokenizerOptions& t) {
    const auto& z = t.normalizer;
    return json{{"kind", nameOf(kVocabularies, t.kind)},
                {"vocabularySize", t.vocabularySize},
                {"characterCoverage", t.characterCoverage},
                {"wordMinCount", t.wordMinCount},
                {"normalizer",
                 {{"caseFold", z.caseFold},
                  {"maxCharRepeat", z.maxCharRepeat},
                  {"replaceUrls", z.replaceUrls},
                  {"replaceMentions", z.replaceMentions},
                  {"replaceEmails", z.replaceEmails},
                  {"replaceNumbers", z.replaceNumbers},
                  {"splitHashtags", z.splitHashtags},
                  {"stripAccents", z.stripAccents}}}};
}

json networkJson(const NetworkConfig& n) {
    return json{{"embeddingDim", n.embeddingDim},
                {"hiddenSize", n.hiddenSize},
                {"layers", n.layers},
                {"bidirectional", n.bidirectional},
                {"pooling", nameOf(kPoolings, n.pooling)},
                {"attentionDim", n.attentionDim},
                {"embeddingDropout", n.embeddingDropout},
                {"layerDropout", n.layerDropout},
                {"outputDropout", n.outputDropout}};
}

// The network's shape and the vocabulary size, as both a classifier's and an encoder's
// configuration check them.
void validateShape(const NetworkConfig& n, const nlp::TokenizerOptions& tokenizer) {
    check(n.embeddingDim >= 1 && n.embeddingDim <= 4096, "network.embeddingDim", "must be 1..4096");
    check(n.hiddenSize >= 1 && n.hiddenSize <= 4096, "network.hiddenSize", "must be 1..4096");
    check(n.layers >= 1 && n.layers <= 3, "network.layers", "must be 1, 2 or 3");
    check(tokenizer.vocabularySize >= 16 && tokenizer.vocabularySize <= 1000000,
          "tokenizer.vocabularySize", "must be 16..1000000");
}

void readTokenizer(const json& tj, nlp::TokenizerOptions& options) {
    ObjectReader t(tj, "tokenizer");
    t.readEnum("kind", kVocabularies, options.kind);
    t.read("vocabularySize", options.vocabularySize);
    t.read("characterCoverage", options.characterCoverage);
    t.read("wordMinCount", options.wordMinCount);
    if (const json* zj = t.find("normalizer")) {
        ObjectReader z(*zj, "tokenizer.normalizer");
        auto& o = options.normalizer;
        z.read("caseFold", o.caseFold);
        z.read("maxCharRepeat", o.maxCharRepeat);
        z.read("replaceUrls", o.replaceUrls);
        z.read("replaceMentions", o.replaceMentions);
        z.read("replaceEmails", o.replaceEmails);
        z.read("replaceNumbers", o.replaceNumbers);
        z.read("splitHashtags", o.splitHashtags);
        z.read("stripAccents", o.stripAccents);
        z.finish();
    }
    t.finish();
}

void readNetwork(const json& nj, NetworkConfig& o) {
    ObjectReader n(nj, "network");
    n.read("embeddingDim", o.embeddingDim);
    n.read("hiddenSize", o.hiddenSize);
    n.read("layers", o.layers);
    n.read("bidirectional", o.bidirectional);
    n.readEnum("pooling", kPoolings, o.pooling);
    n.read("attentionDim", o.attentionDim);
    n.read("embeddingDropout", o.embeddingDropout);
    n.read("layerDropout", o.layerDropout);
    n.read("outputDropout", o.outputDropout);
    n.finish();
}

}  // namespace

std::string_view toString(Pooling pooling) {
    return nameOf(kPoolings, pooling);
}

Pooling poolingFromString(std::string_view name) {
    return valueOf(kPoolings, json(std::string(name)), "pooling");
}

nlohmann::json toJson(const TrainConfig& c) {
    return json{
            {"task", c.task},
            {"multiLabel", c.multiLabel},
            {"labels", c.labels},
            {"tokenizer", tokenizerJson(c.tokenizer)},
            {"network", networkJson(c.network)},
            {"wide",
             {{"enabled", c.wide.enabled},
              {"optimizer", nameOf(kWideOptimizers, c.wide.optimizer)},
              {"buckets", c.wide.ngrams.buckets},
              {"maxBytes", c.wide.ngrams.maxBytes},
              {"words", c.wide.ngrams.words},
              {"characters", c.wide.ngrams.characters},
              {"learningRate", c.wide.learningRate},
              {"weightDecay", c.wide.weightDecay}}},
            {"maxTokens", c.maxTokens},
            {"epochs", c.epochs},
            {"batchSize", c.batchSize},
            {"learningRate", c.learningRate},
            {"weightDecay", c.weightDecay},
            {"beta1", c.beta1},
            {"beta2", c.beta2},
            {"gradientClipNorm", c.gradientClipNorm},
            {"labelSmoothing", c.labelSmoothing},
            {"schedule", nameOf(kSchedules, c.schedule)},
            {"warmupFraction", c.warmupFraction},
            {"patience", c.patience},
            {"selectionMetric", nameOf(kMetrics, c.selectionMetric)},
            {"classWeighting", nameOf(kWeightings, c.classWeighting)},
            {"encoderLearningRateScale", c.encoderLearningRateScale},
            {"encoderFrozenEpochs", c.encoderFrozenEpochs},
            {"weightAverageEpochs", c.weightAverageEpochs},
            {"seed", c.seed},
            {"threads", c.threads},
    };
}

TrainConfig trainConfigFromJson(const nlohmann::json& j) {
    TrainConfig c;
    ObjectReader top(j, "");
    top.read("task", c.task);
    top.read("multiLabel", c.multiLabel);
    top.read("labels", c.labels);
    if (const json* tj = top.find("tokenizer")) {
        readTokenizer(*tj, c.tokenizer);
    }
    if (const json* nj = top.find("network")) {
        readNetwork(*nj, c.network);
    }
    if (const json* wj = top.find("wide")) {
        ObjectReader w(*wj, "wide");
        w.read("enabled", c.wide.enabled);
        w.readEnum("optimizer", kWideOptimizers, c.wide.optimizer);
        w.read("buckets", c.wide.ngrams.buckets);
        w.read("maxBytes", c.wide.ngrams.maxBytes);
        w.read("words", c.wide.ngrams.words);
        w.read("characters", c.wide.ngrams.characters);
        w.read("learningRate", c.wide.learningRate);
        w.read("weightDecay", c.wide.weightDecay);
        w.finish();
    }
    top.read("maxTokens", c.maxTokens);
    top.read("epochs", c.epochs);
    top.read("batchSize", c.batchSize);
    top.read("learningRate", c.learningRate);
    top.read("weightDecay", c.weightDecay);
    top.read("beta1", c.beta1);
    top.read("beta2", c.beta2);
    top.read("gradientClipNorm", c.gradientClipNorm);
    top.read("labelSmoothing", c.labelSmoothing);
    top.readEnum("schedule", kSchedules, c.schedule);
    top.read("warmupFraction", c.warmupFraction);
    top.read("patience", c.patience);
    top.readEnum("selectionMetric", kMetrics, c.selectionMetric);
    top.readEnum("classWeighting", kWeightings, c.classWeighting);
    top.read("encoderLearningRateScale", c.encoderLearningRateScale);
    top.read("encoderFrozenEpochs", c.encoderFrozenEpochs);
    top.read("weightAverageEpochs", c.weightAverageEpochs);
    top.read("seed", c.seed);
    top.read("threads", c.threads);
    top.finish();
    validate(c);
    return c;
}

void validate(const TrainConfig& c) {
    const auto& n = c.network;
    validateShape(n, c.tokenizer);
    check(n.attentionDim >= 1 && n.attentionDim <= 4096, "network.attentionDim", "must be 1..4096");
    for (const auto& [value, name] : {std::pair{n.embeddingDropout, "network.embeddingDropout"},
                                      std::pair{n.layerDropout, "network.layerDropout"},
                                      std::pair{n.outputDropout, "network.outputDropout"}}) {
        check(value >= 0.0f && value < 0.95f, name, "must be in [0, 0.95)");
    }
    if (c.wide.enabled) {
        try {
            nlp::validate(c.wide.ngrams);
        } catch (const std::invalid_argument& e) {
            throw TrainConfigError("wide." + std::string(e.what()));
        }
    }
    check(c.wide.learningRate > 0.0f && c.wide.learningRate <= 100.0f, "wide.learningRate",
          "must be in (0, 100] (AdamW: about 0.01-0.1; SGD: about 1-10)");
    check(c.wide.weightDecay >= 0.0f && c.wide.weightDecay * c.wide.learningRate < 1.0f,
          "wide.weightDecay", "must be >= 0 and below 1 / wide.learningRate");
    check(c.maxTokens >= 1 && c.maxTokens <= 4096, "maxTokens", "must be 1..4096");
    check(c.epochs >= 1 && c.epochs <= 1000, "epochs", "must be 1..1000");
    check(c.batchSize >= 1 && c.batchSize <= 4096, "batchSize", "must be 1..4096");
    check(c.learningRate > 0.0f && c.learningRate < 1.0f, "learningRate", "must be in (0, 1)");
    check(c.weightDecay >= 0.0f && c.weightDecay < 1.0f, "weightDecay", "must be in [0, 1)");
    check(c.beta1 >= 0.0f && c.beta1 < 1.0f, "beta1", "must be in [0, 1)");
    check(c.beta2 >= 0.0f && c.beta2 < 1.0f, "beta2", "must be in [0, 1)");
    check(c.gradientClipNorm >= 0.0f, "gradientClipNorm", "must be >= 0 (0 = off)");
    check(c.labelSmoothing >= 0.0f && c.labelSmoothing < 0.5f, "labelSmoothing",
          "must be in [0, 0.5)");
    check(c.warmupFraction >= 0.0f && c.warmupFraction < 1.0f, "warmupFraction",
          "must be in [0, 1)");
    check(c.patience >= 0, "patience", "must be >= 0 (0 = never stop early)");
    check(c.threads >= 0 && c.threads <= 256, "threads", "must be 0..256 (0 = all cores)");
    check(c.encoderLearningRateScale >= 0.0f && c.encoderLearningRateScale <= 10.0f,
          "encoderLearningRateScale", "must be in [0, 10]");
    check(c.encoderFrozenEpochs >= 0 && c.encoderFrozenEpochs <= 1000, "encoderFrozenEpochs",
          "must be 0..1000");
    check(c.weightAverageEpochs >= 0.0f && c.weightAverageEpochs <= 100.0f, "weightAverageEpochs",
          "must be in [0, 100] (0 = off)");
    std::set<std::string> unique(c.labels.begin(), c.labels.end());
    check(unique.size() == c.labels.size(), "labels", "must not repeat a label");
    check(c.labels.size() <= kMaxLabels, "labels",
          "must list at most " + std::to_string(kMaxLabels) + " labels");
    for (const auto& label : c.labels) {
        check(!label.empty(), "labels", "must not contain an empty label");
    }
}

nlp::TokenizerOptions PretrainConfig::defaultTokenizer() {
    nlp::TokenizerOptions options;
    options.vocabularySize = 16000;  // two languages' posts; 8,000 for one task's labels
    return options;
}

NetworkConfig PretrainConfig::defaultNetwork() {
    NetworkConfig network;  // the classifier's default shape, so train --encoder fits as is
    network.embeddingDropout = 0.1f;
    network.layerDropout = 0.1f;
    return network;
}

nlohmann::json toJson(const PretrainConfig& c) {
    return json{{"tokenizer", tokenizerJson(c.tokenizer)},
                {"network", networkJson(c.network)},
                {"maxTokens", c.maxTokens},
                {"tokenizerPosts", c.tokenizerPosts},
                {"batchSize", c.batchSize},
                {"learningRate", c.learningRate},
                {"warmupFraction", c.warmupFraction},
                {"weightDecay", c.weightDecay},
                {"gradientClipNorm", c.gradientClipNorm},
                {"hiddenDropout", c.hiddenDropout},
                {"sampledDraws", c.sampledDraws},
                {"epochs", c.epochs},
                {"heldOutPosts", c.heldOutPosts},
                {"seed", c.seed}};
}

PretrainConfig pretrainConfigFromJson(const nlohmann::json& j) {
    PretrainConfig c;
    ObjectReader top(j, "");
    if (const json* tj = top.find("tokenizer")) {
        readTokenizer(*tj, c.tokenizer);
    }
    if (const json* nj = top.find("network")) {
        readNetwork(*nj, c.network);
    }
    top.read("maxTokens", c.maxTokens);
    top.read("tokenizerPosts", c.tokenizerPosts);
    top.read("batchSize", c.batchSize);
    top.read("learningRate", c.learningRate);
    top.read("warmupFraction", c.warmupFraction);
    top.read("weightDecay", c.weightDecay);
    top.read("gradientClipNorm", c.gradientClipNorm);
    top.read("hiddenDropout", c.hiddenDropout);
    top.read("sampledDraws", c.sampledDraws);
    top.read("epochs", c.epochs);
    top.read("maxMinutes", c.maxMinutes);
    top.read("heldOutPosts", c.heldOutPosts);
    top.read("checkpointMinutes", c.checkpointMinutes);
    top.read("seed", c.seed);
    top.read("threads", c.threads);
    top.finish();
    validateShape(c.network, c.tokenizer);
    check(c.maxTokens >= 2 && c.maxTokens <= 4096, "maxTokens", "must be 2..4096");
    check(c.tokenizerPosts >= 100, "tokenizerPosts", "must be >= 100");
    check(c.batchSize >= 1 && c.batchSize <= 4096, "batchSize", "must be 1..4096");
    check(c.learningRate > 0.0f && c.learningRate < 1.0f, "learningRate", "must be in (0, 1)");
    check(c.hiddenDropout >= 0.0f && c.hiddenDropout < 0.95f, "hiddenDropout",
          "must be in [0, 0.95)");
    check(c.sampledDraws >= 1 && c.sampledDraws <= 1'000'000, "sampledDraws", "must be 1..1000000");
    check(c.epochs > 0.0 && c.epochs <= 1000.0, "epochs", "must be in (0, 1000]");
    check(c.heldOutPosts >= 0, "heldOutPosts", "must be >= 0");
    check(c.threads >= 0 && c.threads <= 256, "threads", "must be 0..256 (0 = all cores)");
    return c;
}

}  // namespace sentinela::model
