#include "model/lstm_direction.h"

#include <type_traits>

#include "model/lstm_kernel.h"

namespace sentinela::model {

namespace {

// A matrix (or its transpose) as the left operand of float products on this CPU's kernel
// (model/lstm_kernel.h), packed once per call; doubles, rows the kernel cannot tile, and caches
// with allowKernel off use Eigen's GEMM. Why: the recurrence multiplies wh by only n_t <= batch
// columns at every step, and Eigen's GEMM packs all of wh again each time; in packages, whose
// Eigen is compiled for AVX2, the kernel also brings AVX-512 to the large products.
template <typename Scalar, typename A = Matrix<Scalar>>
class PackedProduct {
public:
    PackedProduct(const A& a, bool transposed, Scratch<Scalar>& storage, bool allowKernel)
        : a_(a), transposed_(transposed) {
        if constexpr (std::is_same_v<Scalar, float>) {
            kernel_ = allowKernel ? lstmKernelForRows(static_cast<int>(rows())) : nullptr;
            if (kernel_ != nullptr) {
                panels_ = storage.view(rows(), depth()).data();
                kernel_->packRowPanels(a.data(), a.outerStride(), transposed, int(rows()),
                                       int(depth()), panels_);
            }
        }
    }

    bool onKernel() const { return kernel_ != nullptr; }

    // out (=, or += when accumulate) this matrix times `in` (depth x count, columns
    // contiguous).
    template <typename In, typename Out>
    void apply(const In& in, Out&& out, bool accumulate) const {
        if constexpr (std::is_same_v<Scalar, float>) {
            if (kernel_ != nullptr) {
                kernel_->multiplyPacked(panels_, int(rows()), int(depth()), in.data(),
                                        in.outerStride(), int(in.cols()), out.data(),
                                        out.outerStride(), accumulate);
                return;
            }
        }
        if (transposed_ && accumulate) {
            out.noalias() += a_.transpose() * in;
        } else if (transposed_) {
            out.noalias() = a_.transpose() * in;
        } else if (accumulate) {
            out.noalias() += a_ * in;
        } else {
            out.noalias() = a_ * in;
        }
    }

private:
    Eigen::Index rows() const { return transposed_ ? a_.cols() : a_.rows(); }
    Eigen::Index depth() const { return transposed_ ? a_.rows() : a_.cols(); }

    const A& a_;
    bool transposed_;
    const LstmKernel* kernel_ = nullptr;
    float* panels_ = nullptr;
};

// gradient += dG x^T (4H x depth times depth x cols): the weight gradients' products. On the
// kernel where it tiles dG's rows, with dG packed as the left operand and x transposed so that
// its columns are contiguous.
template <typename Scalar, typename Gates, typename X>
void addOuterProducts(const Gates& dG,
                      const X& x,
                      Matrix<Scalar>& gradient,
                      LstmCache<Scalar>& cache) {
    const PackedProduct<Scalar, Gates> product(dG, false, cache.packedGates, cache.allowKernel);
    if (product.onKernel()) {
        auto transposed = cache.transposedInput.view(x.cols(), x.rows());
        transposed = x.transpose();
        product.apply(transposed, gradient, true);
    } else {
        gradient.noalias() += dG * x.transpose();
    }
}

// Fused gate nonlinearities and state update of one step, on the n_t columns of the step.
template <typename Scalar, typename GatesBlock, typename StateBlock, typename PrevBlock>
void activateStep(GatesBlock gates,
                  const PrevBlock& previousCell,
                  bool first,
                  StateBlock cell,
                  StateBlock cellTanh,
                  StateBlock hidden) {
    const Eigen::Index h = cell.rows();
    auto i = gates.topRows(h).array();
    auto f = gates.middleRows(h, h).array();
    auto g = gates.middleRows(2 * h, h).array();
    auto o = gates.bottomRows(h).array();
    i = i.logistic();
    f = f.logistic();
    g = g.tanh();
    o = o.logistic();
    if (first) {
        cell.array() = i * g;
    } else {
        cell.array() = f * previousCell.array() + i * g;
    }
    cellTanh.array() = cell.array().tanh();
    hidden.array() = o * cellTanh.array();
}

}  // namespace

template <typename Scalar>
void lstmForward(const LstmWeights<Scalar>& weights,
                 const PackedBatch& batch,
                 const Eigen::Ref<const Matrix<Scalar>>& input,
                 LstmCache<Scalar>& cache) {
    const Eigen::Index h = weights.wh.cols();
    const Eigen::Index n = batch.tokens();
    auto gates = cache.gates.view(4 * h, n);
    auto cell = cache.cell.view(h, n);
    auto cellTanh = cache.cellTanh.view(h, n);
    auto hidden = cache.hidden.view(h, n);
    const PackedProduct<Scalar> inputProduct(weights.wx, false, cache.packedWx, cache.allowKernel);
    inputProduct.apply(input, gates, false);
    gates.colwise() += weights.bias.col(0);
    const PackedProduct<Scalar> recurrent(weights.wh, false, cache.packedWh, cache.allowKernel);
    for (int t = 0; t < batch.steps(); ++t) {
        const int begin = batch.stepOffset(t);
        const int count = batch.stepCount(t);
        auto stepGates = gates.middleCols(begin, count);
        const int previous = t > 0 ? batch.stepOffset(t - 1) : 0;
        if (t > 0) {
            recurrent.apply(hidden.middleCols(previous, count), stepGates, true);
        }
        activateStep<Scalar>(stepGates, cell.middleCols(previous, count), t == 0,
                             cell.middleCols(begin, count), cellTanh.middleCols(begin, count),
                             hidden.middleCols(begin, count));
    }
}

template <typename Scalar>
void lstmBackward(const LstmWeights<Scalar>& weights,
                  const PackedBatch& batch,
                  const Eigen::Ref<const Matrix<Scalar>>& input,
                  const Eigen::Ref<const Matrix<Scalar>>& hiddenGradient,
                  LstmCache<Scalar>& cache,
                  LstmWeights<Scalar>& gradients,
                  Eigen::Ref<Matrix<Scalar>> inputGradient) {
    const Eigen::Index h = weights.wh.cols();
    const Eigen::Index n = batch.tokens();
    const Eigen::Index posts = batch.posts();
    auto gates = cache.gates.existing(4 * h, n);
    auto cell = cache.cell.existing(h, n);
    auto cellTanh = cache.cellTanh.existing(h, n);
    auto hidden = cache.hidden.existing(h, n);
    // Columns beyond n_t are never written while t descends (n_t only grows), so they stay 0.
    auto dhNext = cache.recurrentH.view(h, posts);
    auto dcNext = cache.recurrentC.view(h, posts);
    dhNext.setZero();
    dcNext.setZero();
    auto dhAll = cache.stepH.view(h, posts);
    auto dcAll = cache.stepC.view(h, posts);
    const PackedProduct<Scalar> recurrentTransposed(weights.wh, true, cache.packedWh,
                                                    cache.allowKernel);
    for (int t = batch.steps() - 1; t >= 0; --t) {
        const int begin = batch.stepOffset(t);
        const int count = batch.stepCount(t);
        auto g = gates.middleCols(begin, count);
        auto i = g.topRows(h).array();
        auto f = g.middleRows(h, h).array();
        auto c = g.middleRows(2 * h, h).array();  // candidate
        auto o = g.bottomRows(h).array();
        auto tanhC = cellTanh.middleCols(begin, count).array();
        auto dh = dhAll.leftCols(count).array();
        auto dc = dcAll.leftCols(count).array();
        dh = hiddenGradient.middleCols(begin, count).array() + dhNext.leftCols(count).array();
        dc = dcNext.leftCols(count).array() + dh * o * (Scalar(1) - tanhC.square());
        // Output gate first: it only needs dh and tanh(c).
        o = dh * tanhC * o * (Scalar(1) - o);
        if (t > 0) {
            const int previous = batch.stepOffset(t - 1);
            auto previousCell = cell.middleCols(previous, count).array();
            dcNext.leftCols(count).array() = dc * f;
            f = dc * previousCell * f * (Scalar(1) - f);
        } else {
            f.setZero();
        }
        // dh is free now: keep i (needed by the candidate's gradient) in it.
        dh = i;
        i = dc * c * i * (Scalar(1) - i);
        c = dc * dh * (Scalar(1) - c.square());
        if (t > 0) {
            recurrentTransposed.apply(g, dhNext.leftCols(count), false);
        }
    }
    // Now gates holds dL/dG for every column.
    addOuterProducts(gates, input, gradients.wx, cache);
    gradients.bias.col(0) += gates.rowwise().sum();
    const int first = batch.steps() > 0 ? batch.stepCount(0) : 0;
    if (n > first) {
        auto previousH = cache.previousH.view(h, n - first);
        for (int t = 1; t < batch.steps(); ++t) {
            previousH.middleCols(batch.stepOffset(t) - first, batch.stepCount(t)) =
                    hidden.middleCols(batch.stepOffset(t - 1), batch.stepCount(t));
        }
        addOuterProducts(gates.rightCols(n - first), previousH, gradients.wh, cache);
    }
    const PackedProduct<Scalar> inputTransposed(weights.wx, true, cache.packedWx,
                                                cache.allowKernel);
    inputTransposed.apply(gates, inputGradient, false);
}

template void lstmForward<float>(const LstmWeights<float>&,
                                 const PackedBatch&,
                                 const Eigen::Ref<const Matrix<float>>&,
                                 LstmCache<float>&);
template void lstmForward<double>(const LstmWeights<double>&,
                                  const PackedBatch&,
                                  const Eigen::Ref<const Matrix<double>>&,
                                  LstmCache<double>&);
template void lstmBackward<float>(const LstmWeights<float>&,
                                  const PackedBatch&,
                                  const Eigen::Ref<const Matrix<float>>&,
                                  const Eigen::Ref<const Matrix<float>>&,
                                  LstmCache<float>&,
                                  LstmWeights<float>&,
                                  Eigen::Ref<Matrix<float>>);
template void lstmBackward<double>(const LstmWeights<double>&,
                                   const PackedBatch&,
                                   const Eigen::Ref<const Matrix<double>>&,
                                   const Eigen::Ref<const Matrix<double>>&,
                                   LstmCache<double>&,
                                   LstmWeights<double>&,
                                   Eigen::Ref<Matrix<double>>);

}  // namespace sentinela::model
