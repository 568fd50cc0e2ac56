//===- Normalize.cpp - kq-normalize: differences instead of complements ---===//
//
// Negation normal form for set expressions: a complement is a pass over
// every entity, a difference only over its inputs, so negations are moved
// next to a positive part wherever one exists (see Passes.td for the rules).
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "ir/Logic.h"

#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::kq {
#define GEN_PASS_DEF_KQNORMALIZE
#include "passes/Passes.h.inc"
} // namespace mlir::kq

using namespace mlir;
using namespace mlir::kq;

namespace {

/// The complemented input of a complement, or null.
Value complemented(Value value) {
  auto complement = value.getDefiningOp<ComplementOp>();
  return complement ? complement.getInput() : Value();
}

Value combine(PatternRewriter &rewriter, Location loc, Type type, bool intersect,
              ArrayRef<Value> inputs) {
  if (inputs.size() == 1)
    return inputs.front();
  if (intersect)
    return rewriter.create<IntersectOp>(loc, type, inputs);
  return rewriter.create<UnionOp>(loc, type, inputs);
}

///   a & !b & !c  ->  a \ (b | c)        !a & !b  ->  !(a | b)
struct IntersectionOfComplements : public OpRewritePattern<IntersectOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(IntersectOp op, PatternRewriter &rewriter) const override {
    SmallVector<Value> positives, negated;
    for (Value input : op.getInputs()) {
      if (Value inner = complemented(input))
        negated.push_back(inner);
      else
        positives.push_back(input);
    }
    if (negated.empty() || (positives.empty() && negated.size() < 2))
      return failure();
    Location loc = op.getLoc();
    Type type = op.getType();
    Value excluded = combine(rewriter, loc, type, /*intersect=*/false, negated);
    if (positives.empty()) {
      rewriter.replaceOpWithNewOp<ComplementOp>(op, type, excluded);
      return success();
    }
    Value kept = combine(rewriter, loc, type, /*intersect=*/true, positives);
    rewriter.replaceOpWithNewOp<DifferenceOp>(op, type, kept, excluded);
    return success();
  }
};

///   !a | !b  ->  !(a & b)
struct UnionOfComplements : public OpRewritePattern<UnionOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(UnionOp op, PatternRewriter &rewriter) const override {
    SmallVector<Value> others, negated;
    for (Value input : op.getInputs()) {
      if (Value inner = complemented(input))
        negated.push_back(inner);
      else
        others.push_back(input);
    }
    if (negated.size() < 2)
      return failure();
    Location loc = op.getLoc();
    Type type = op.getType();
    Value common = rewriter.create<ComplementOp>(
        loc, type, combine(rewriter, loc, type, /*intersect=*/true, negated));
    others.push_back(common);
    rewriter.replaceOp(op, combine(rewriter, loc, type, /*intersect=*/false, others));
    return success();
  }
};

///   a \ !b  ->  a & b
struct DifferenceOfComplement : public OpRewritePattern<DifferenceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(DifferenceOp op, PatternRewriter &rewriter) const override {
    Value inner = complemented(op.getRhs());
    if (!inner)
      return failure();
    rewriter.replaceOpWithNewOp<IntersectOp>(op, op.getType(), ValueRange{op.getLhs(), inner});
    return success();
  }
};

///   project(a, r) | project(b, r)  ->  project(a | b, r)
/// when both projections serve only this union. Projection is a max over
/// sources, so this holds where the union is a max too: in the idempotent
/// logics (Boolean, Goedel), not with product's or Lukasiewicz's sums.
struct FactorProjections : public OpRewritePattern<UnionOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(UnionOp op, PatternRewriter &rewriter) const override {
    if (!lawsOf(op.getType()).idempotent)
      return failure();
    SmallVector<Value> inputs(op.getInputs());
    for (size_t i = 0; i < inputs.size(); ++i) {
      auto first = inputs[i].getDefiningOp<ProjectOp>();
      if (!first || !first->hasOneUse())
        continue;
      SmallVector<size_t> same{i};
      for (size_t j = i + 1; j < inputs.size(); ++j) {
        auto other = inputs[j].getDefiningOp<ProjectOp>();
        if (other && other->hasOneUse() && other.getRelation() == first.getRelation() &&
            other.getInverse() == first.getInverse())
          same.push_back(j);
      }
      if (same.size() < 2)
        continue;
      SmallVector<Value> sources;
      for (size_t index : same)
        sources.push_back(inputs[index].getDefiningOp<ProjectOp>().getInput());
      Location loc = op.getLoc();
      Value united = rewriter.create<UnionOp>(loc, op.getType(), sources);
      Value projected = rewriter.create<ProjectOp>(loc, op.getType(), united, first.getRelation(),
                                                   first.getInverse());
      SmallVector<Value> rest{projected};
      for (size_t j = 0; j < inputs.size(); ++j)
        if (!llvm::is_contained(same, j))
          rest.push_back(inputs[j]);
      rewriter.replaceOp(op, combine(rewriter, loc, op.getType(), /*intersect=*/false, rest));
      return success();
    }
    return failure();
  }
};

struct NormalizePass : public mlir::kq::impl::KQNormalizeBase<NormalizePass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<IntersectionOfComplements, UnionOfComplements, DifferenceOfComplement,
                 FactorProjections>(&getContext());
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
