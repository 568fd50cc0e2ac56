//===- FuseProjections.cpp - kq-fuse-projections ----------------------------===//
//
// Chains of single-use projections become one kq.path (see Passes.td).
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::kq {
#define GEN_PASS_DEF_KQFUSEPROJECTIONS
#include "passes/Passes.h.inc"
} // namespace mlir::kq

using namespace mlir;
using namespace mlir::kq;

namespace {

/// The source and steps of a single-use projection or path feeding another
/// projection; false when `producer` is neither or serves other users too.
bool stepsOf(Operation *producer, Value &source, SmallVectorImpl<Attribute> &relations,
             SmallVectorImpl<bool> &inverse) {
  if (!producer || !producer->hasOneUse())
    return false;
  if (auto project = dyn_cast<ProjectOp>(producer)) {
    source = project.getInput();
    relations.push_back(project.getRelationAttr());
    inverse.push_back(project.getInverse());
    return true;
  }
  if (auto path = dyn_cast<PathOp>(producer)) {
    source = path.getInput();
    llvm::append_range(relations, path.getRelations());
    llvm::append_range(inverse, path.getInverse());
    return true;
  }
  return false;
}

///   project(project(x, r), s)   ->  path(x, [r, s])
///   project(path(x, [r, s]), t) ->  path(x, [r, s, t])
struct ExtendChain : public OpRewritePattern<ProjectOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ProjectOp op, PatternRewriter &rewriter) const override {
    Value source;
    SmallVector<Attribute> relations;
    SmallVector<bool> inverse;
    if (!stepsOf(op.getInput().getDefiningOp(), source, relations, inverse))
      return failure();
    relations.push_back(op.getRelationAttr());
    inverse.push_back(op.getInverse());
    rewriter.replaceOpWithNewOp<PathOp>(op, op.getType(), source, rewriter.getArrayAttr(relations),
                                        rewriter.getDenseBoolArrayAttr(inverse));
    return success();
  }
};

///   path(project(x, r), [s, t])   ->  path(x, [r, s, t])
///   path(path(x, [r, s]), [t, u]) ->  path(x, [r, s, t, u])
struct ExtendPathBackwards : public OpRewritePattern<PathOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(PathOp op, PatternRewriter &rewriter) const override {
    Value source;
    SmallVector<Attribute> relations;
    SmallVector<bool> inverse;
    if (!stepsOf(op.getInput().getDefiningOp(), source, relations, inverse))
      return failure();
    llvm::append_range(relations, op.getRelations());
    llvm::append_range(inverse, op.getInverse());
    rewriter.replaceOpWithNewOp<PathOp>(op, op.getType(), source, rewriter.getArrayAttr(relations),
                                        rewriter.getDenseBoolArrayAttr(inverse));
    return success();
  }
};

struct FuseProjectionsPass : public mlir::kq::impl::KQFuseProjectionsBase<FuseProjectionsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<ExtendChain, ExtendPathBackwards>(&getContext());
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
