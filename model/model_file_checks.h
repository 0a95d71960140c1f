// Checks a loader runs on a model or encoder file's configuration and tensors BEFORE it
// allocates anything: every field within sane bounds, every tensor the shape implies present
// with that shape. A small hostile file then cannot ask for gigabytes, and each refusal names
// the field or tensor. Throw ClassifierError ("FILE: configuration field X is V, expected L..H").
// Thread-safe (pure functions).
#pragma once

#include <filesystem>
#include <string>

#include "model/model_file.h"
#include "model/network_config.h"

namespace sentinela::model {

void requireInRange(const std::filesystem::path& file,
                    const std::string& field,
                    long long value,
                    long long low,
                    long long high);

// The tensor `name`, which must exist with rows x cols.
const Tensor& requireTensor(const std::filesystem::path& file,
                            const ModelFile& in,
                            const std::string& name,
                            long long rows,
                            long long cols);

// The shape fields a classifier and an encoder share, each within bounds.
void requireSaneShape(const std::filesystem::path& file, const NetworkConfig& n, int vocabulary);

// "embedding" and every "lstm.L.D.{wx,wh,bias}" tensor of `n` (what a classifier and an encoder
// share), present with their shapes.
void requireEncoderTensors(const std::filesystem::path& file,
                           const ModelFile& in,
                           const NetworkConfig& n,
                           int vocabulary);

}  // namespace sentinela::model
