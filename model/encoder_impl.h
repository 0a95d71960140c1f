// Internal: what an Encoder holds (model/encoder.h), shared by encoder.cpp, the pretrainer and
// the trainer (which copies the embedding and LSTM weights into a classifier's network).
#pragma once

#include <functional>
#include <string>

#include "model/encoder.h"
#include "model/lm_head.h"
#include "model/model_file.h"
#include "model/network.h"
#include "nlp/tokenizer.h"

namespace sentinela::model {

struct Encoder::Impl {
    Impl(nlp::Tokenizer tokenizerIn, NetworkShape shape)
        : tokenizer(std::move(tokenizerIn)), network(std::move(shape)) {}

    nlp::Tokenizer tokenizer;
    Network<float> network;  // labels = 1: embedding and lstm.* are the encoder, dense unused
    SoftmaxWeights<float> softmax;  // H x V, V x 1
    EncoderMetadata metadata;
    int maxTokens = 128;
    std::string name;
};

// The shape an encoder's network has for a given configuration and vocabulary.
NetworkShape encoderShape(const NetworkConfig& config, int vocabularySize);

// The encoder as a model-file container, and back; a checkpoint adds its optimiser state to it.
ModelFile toModelFile(Encoder::Impl& impl);
Encoder fromModelFile(const ModelFile& in, const std::filesystem::path& file);
// Visits the encoder's tensors (not the classifier's dense layer) with their file names.
void forEachEncoderTensor(Encoder::Impl& impl,
                          const std::function<void(const std::string&, Matrix<float>&)>& f);

}  // namespace sentinela::model
