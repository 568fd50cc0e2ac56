//===- Simplify.cpp - kq-simplify: algebraic simplification ---------------===//
//
// Runs the kq ops' folders and canonicalisation patterns (the DRR rules of
// ir/KQPatterns.td and the C++ ones in ir/KQOps.cpp) greedily to a fixed
// point. Only kq patterns are applied, so the pass is cheap and predictable.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::kq {
#define GEN_PASS_DEF_KQSIMPLIFY
#include "passes/Passes.h.inc"
} // namespace mlir::kq

using namespace mlir;
using namespace mlir::kq;

namespace {

struct SimplifyPass : public mlir::kq::impl::KQSimplifyBase<SimplifyPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    IntersectOp::getCanonicalizationPatterns(patterns, &getContext());
    UnionOp::getCanonicalizationPatterns(patterns, &getContext());
    DifferenceOp::getCanonicalizationPatterns(patterns, &getContext());
    ComplementOp::getCanonicalizationPatterns(patterns, &getContext());
    ForEachOp::getCanonicalizationPatterns(patterns, &getContext());
    // Folders (project and foreach of nothing) run as part of the driver.
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
