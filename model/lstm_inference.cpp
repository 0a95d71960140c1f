#include "model/lstm_inference.h"

#include <stdexcept>

namespace sentinela::model {

bool lstmKernelSupports(int hiddenSize) {
    return lstmKernelFor(hiddenSize) != nullptr;
}

void lstmInferenceLayer(std::span<const LstmWeights<float>> directions,
                        const PackedBatch& batch,
                        const Eigen::Ref<const Matrix<float>>& input,
                        LstmInferenceScratch& scratch,
                        MatrixMap<float>& output) {
    const LstmKernel* kernel = lstmKernelFor(static_cast<int>(directions[0].wh.cols()));
    if (kernel == nullptr) {
        throw std::logic_error("lstmInferenceLayer: no kernel for this hidden size on this CPU");
    }
    lstmInferenceLayer(*kernel, directions, batch, input, scratch, output);
}

void lstmInferenceLayer(const LstmKernel& kernel,
                        std::span<const LstmWeights<float>> directions,
                        const PackedBatch& batch,
                        const Eigen::Ref<const Matrix<float>>& input,
                        LstmInferenceScratch& scratch,
                        MatrixMap<float>& output) {
    const int hidden = static_cast<int>(directions[0].wh.cols());
    const int inputDim = static_cast<int>(directions[0].wx.cols());
    const int posts = batch.posts();
    LstmDirectionCall call;
    call.hidden = hidden;
    call.inputDim = inputDim;
    call.batch = {batch.steps(), batch.stepOffsets().data(), batch.stepCounts().data(),
                  batch.mirrors().data()};
    call.input = input.data();
    call.inputStride = input.outerStride();
    call.output = output.data();
    call.outputStride = output.rows();
    call.cell = scratch.cell.view(hidden, posts).data();
    call.previous = scratch.hidden[0].view(hidden, posts).data();
    call.next = scratch.hidden[1].view(hidden, posts).data();
    float* inputPanels = scratch.inputPanels.view(4 * hidden, inputDim).data();
    float* recurrentPanels = scratch.recurrentPanels.view(4 * hidden, hidden).data();
    call.inputPanels = inputPanels;
    call.recurrentPanels = recurrentPanels;
    for (std::size_t d = 0; d < directions.size(); ++d) {
        const LstmWeights<float>& weights = directions[d];
        kernel.packPanels(weights.wx.data(), hidden, inputDim, inputPanels);
        kernel.packPanels(weights.wh.data(), hidden, hidden, recurrentPanels);
        call.bias = weights.bias.data();
        call.reversed = d == 1;
        call.outputRow = static_cast<int>(d) * hidden;
        kernel.runDirection(call);
    }
}

}  // namespace sentinela::model
