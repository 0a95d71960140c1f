#include "model/model_file_checks.h"

#include "model/classifier.h"

namespace sentinela::model {

void requireInRange(const std::filesystem::path& file,
                    const std::string& field,
                    long long value,
                    long long low,
                    long long high) {
    if (value < low || value > high) {
        throw ClassifierError(file.string() + ": configuration field " + field + " is " +
                              std::to_string(value) + ", expected " + std::to_string(low) + ".." +
                              std::to_string(high) +
                              ". The file is damaged or was not written by Sentinela");
    }
}

const Tensor& requireTensor(const std::filesystem::path& file,
                            const ModelFile& in,
                            const std::string& name,
                            long long rows,
                            long long cols) {
    const Tensor* t = in.findTensor(name);
    if (t == nullptr) {
        throw ClassifierError(file.string() + ": tensor \"" + name + "\" is missing");
    }
    if (t->rows != rows || t->cols != cols) {
        throw ClassifierError(file.string() + ": tensor \"" + name + "\" is " +
                              std::to_string(t->rows) + "x" + std::to_string(t->cols) +
                              ", expected " + std::to_string(rows) + "x" + std::to_string(cols));
    }
    return *t;
}

void requireSaneShape(const std::filesystem::path& file, const NetworkConfig& n, int vocabulary) {
    requireInRange(file, "network.embeddingDim", n.embeddingDim, 1, 4096);
    requireInRange(file, "network.hiddenSize", n.hiddenSize, 1, 4096);
    requireInRange(file, "network.layers", n.layers, 1, 3);
    requireInRange(file, "vocabularySize", vocabulary, 2, 4'000'000);
}

void requireEncoderTensors(const std::filesystem::path& file,
                           const ModelFile& in,
                           const NetworkConfig& n,
                           int vocabulary) {
    const long long h = n.hiddenSize, directions = n.bidirectional ? 2 : 1;
    requireTensor(file, in, "embedding", n.embeddingDim, vocabulary);
    const char* names[2] = {"forward", "backward"};
    for (int layer = 0; layer < n.layers; ++layer) {
        const long long input = layer == 0 ? n.embeddingDim : h * directions;
        for (int d = 0; d < directions; ++d) {
            const std::string prefix = "lstm." + std::to_string(layer) + "." + names[d] + ".";
            requireTensor(file, in, prefix + "wx", 4 * h, input);
            requireTensor(file, in, prefix + "wh", 4 * h, h);
            requireTensor(file, in, prefix + "bias", 4 * h, 1);
        }
    }
}

}  // namespace sentinela::model
