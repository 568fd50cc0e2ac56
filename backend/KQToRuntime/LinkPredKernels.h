//===- LinkPredKernels.h - Generated scoring and ranking kernels ----------===//
//
// `kq.linkpred` is lowered to a runtime driver plus kernels generated here,
// one set per model family and element type, in the ABI of runtime/Runtime.h
// (kq_query_kernel, kq_score_kernel, kq_rank_kernel, kq_rows_kernel). The rank kernel is the
// fused one: it scores a batch of queries against panels of entities with a
// register-tiled, vectorised loop and, as the epilogue of each tile, compares
// with the true entity's score under the filter and counts, so no score
// matrix is ever stored. The rows kernel runs the same tiles and stores the
// scores: the rows that fuzzy projections calibrate, a block at a time.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_BACKEND_KQTORUNTIME_LINKPREDKERNELS_H
#define KQ_BACKEND_KQTORUNTIME_LINKPREDKERNELS_H

#include "ir/KQDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

#include <array>

namespace mlir::kq {

/// The kernels of one element type and their tiling.
struct LinkPredKernelSet {
  int64_t panelWidth = 0; // entities a panel holds side by side
  int64_t queryBlock = 0; // queries a register tile holds
  func::FuncOp query, score, rank, rows, softmax;
};

/// The kernels of `family` for float32 ([0]) and float64 ([1]) models,
/// created in `module` on first use, with vectors of `vectorBits` bits.
std::array<LinkPredKernelSet, 2> getOrCreateLinkPredKernels(ModuleOp module, ModelFamily family,
                                                            unsigned vectorBits);

} // namespace mlir::kq

#endif // KQ_BACKEND_KQTORUNTIME_LINKPREDKERNELS_H
