// The data-parallel update's arithmetic in slices (model/gradient_sum.h): the parts of any
// count cover every parameter exactly once, and working part by part gives what working on the
// whole gives.
#include "model/gradient_sum.h"

#include <algorithm>
#include <cstdlib>
#include <gtest/gtest.h>
#include <vector>

#include "model/adamw.h"

namespace sentinela::model {
namespace {

NetworkShape smallShape() {
    NetworkShape shape;
    shape.config.embeddingDim = 6;
    shape.config.hiddenSize = 5;
    shape.config.layers = 2;
    shape.vocabularySize = 11;
    shape.labels = 3;
    return shape;
}

NetworkParams<float> randomParams(const NetworkShape& shape, unsigned seed) {
    auto params = NetworkParams<float>::zeros(shape);
    std::srand(seed);
    params.forEach(shape, [](const std::string&, Matrix<float>& m, bool) { m.setRandom(); });
    return params;
}

TEST(GradientSum, SlicesCoverEveryParameterOnce) {
    const auto shape = smallShape();
    auto params = NetworkParams<float>::zeros(shape);
    const auto tensors = tensorsOf(shape, params);
    const std::vector<std::int32_t> touched = {1, 4, 5, 9};
    for (const int parts : {1, 2, 3, 7, 64}) {
        std::vector<std::vector<int>> hits;
        for (std::size_t i = 0; i < tensors.size(); ++i) {
            hits.emplace_back(std::size_t(tensors[i]->size()), 0);
        }
        std::vector<int> touchedHits(touched.size(), 0);
        for (int part = 0; part < parts; ++part) {
            const auto slice = sliceOfParameters(tensors, touched, part, parts);
            for (const auto& range : slice.dense) {
                ASSERT_GE(range.tensor, 1) << "the embedding is sliced by touched columns only";
                for (auto e = range.begin; e < range.end; ++e) {
                    ++hits[std::size_t(range.tensor)][std::size_t(e)];
                }
            }
            for (const auto id : slice.touched) {
                ++touchedHits[std::size_t(std::find(touched.begin(), touched.end(), id) -
                                          touched.begin())];
            }
        }
        for (std::size_t i = 1; i < hits.size(); ++i) {
            for (const int hit : hits[i]) {
                EXPECT_EQ(hit, 1) << parts << " parts, tensor " << i;
            }
        }
        for (const int hit : touchedHits) {
            EXPECT_EQ(hit, 1) << parts << " parts";
        }
    }
}

TEST(GradientSum, WorkingInPartsEqualsWorkingOnTheWhole) {
    const auto shape = smallShape();
    const std::vector<std::int32_t> touched = {0, 3, 7, 10};
    auto a0 = randomParams(shape, 1), a1 = randomParams(shape, 2), a2 = randomParams(shape, 3);
    auto b0 = a0, b1 = a1, b2 = a2;
    auto paramsA = randomParams(shape, 4);
    auto paramsB = paramsA;
    AdamW optimizerA(shape), optimizerB(shape);
    AdamWSettings settings;
    settings.weightDecay = 0.01f;
    {
        std::vector<NetworkParams<float>*> gradients = {&a0, &a1, &a2};
        const auto tensors = tensorsOf(shape, a0);
        const auto whole = sliceOfParameters(tensors, touched, 0, 1);
        sumIntoFirst(shape, gradients, whole);
        const double squared = squaredNorm(shape, a0, whole);
        scaleBy(shape, a0, whole, clipFactor(std::vector<double>{squared}, 1.0));
        optimizerA.step(shape, paramsA, a0, touched, settings);
    }
    {
        std::vector<NetworkParams<float>*> gradients = {&b0, &b1, &b2};
        const auto tensors = tensorsOf(shape, b0);
        const int parts = 3;
        std::vector<double> squaredParts;
        for (int part = 0; part < parts; ++part) {
            const auto slice = sliceOfParameters(tensors, touched, part, parts);
            sumIntoFirst(shape, gradients, slice);
            squaredParts.push_back(squaredNorm(shape, b0, slice));
        }
        const float factor = clipFactor(squaredParts, 1.0);
        EXPECT_LT(factor, 1.0f) << "random gradients of this size are clipped";
        optimizerB.beginStep();
        for (int part = 0; part < parts; ++part) {
            const auto slice = sliceOfParameters(tensors, touched, part, parts);
            scaleBy(shape, b0, slice, factor);
            optimizerB.update(shape, paramsB, b0, slice, settings);
        }
    }
    const auto expected = tensorsOf(shape, paramsA);
    const auto actual = tensorsOf(shape, paramsB);
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_LT((*expected[i] - *actual[i]).cwiseAbs().maxCoeff(), 1e-6f) << "tensor " << i;
    }
    // The other workers' buffers are left at zero on the touched columns and dense tensors.
    const auto rest = tensorsOf(shape, b1);
    for (const auto id : touched) {
        EXPECT_EQ(rest[0]->col(id).cwiseAbs().maxCoeff(), 0.0f);
    }
    for (std::size_t i = 1; i < rest.size(); ++i) {
        EXPECT_EQ(rest[i]->cwiseAbs().maxCoeff(), 0.0f);
    }
}

}  // namespace
}  // namespace sentinela::model
