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

/// Whether computing `value` passes over every entity of the graph: a
/// complement, or what projects, unites or keeps one.
bool passesOverEveryEntity(Value value) {
  Operation *op = value.getDefiningOp();
  if (!op)
    return false;
  if (isa<ComplementOp>(op))
    return true;
  if (auto project = dyn_cast<ProjectOp>(op))
    return passesOverEveryEntity(project.getInput());
  if (auto project = dyn_cast<ProjectParamOp>(op))
    return passesOverEveryEntity(project.getInput());
  if (auto unite = dyn_cast<UnionOp>(op))
    return llvm::any_of(unite.getInputs(), passesOverEveryEntity);
  if (auto intersect = dyn_cast<IntersectOp>(op))
    return llvm::all_of(intersect.getInputs(), passesOverEveryEntity);
  if (auto difference = dyn_cast<DifferenceOp>(op))
    return passesOverEveryEntity(difference.getLhs());
  return false;
}

/// The input of a projection (by a named or a parameter relation), or null.
Value projectedInput(Value value) {
  if (auto project = value.getDefiningOp<ProjectOp>())
    return project.getInput();
  if (auto project = value.getDefiningOp<ProjectParamOp>())
    return project.getInput();
  return Value();
}

/// The same projection as `projection`'s, of `input`, forwards or reversed.
Value projectLike(PatternRewriter &rewriter, Operation *projection, Value input, bool reversed) {
  Location loc = projection->getLoc();
  Type type = input.getType();
  if (auto project = dyn_cast<ProjectOp>(projection))
    return rewriter.create<ProjectOp>(loc, type, input, project.getRelation(),
                                      project.getInverse() != reversed);
  auto project = cast<ProjectParamOp>(projection);
  return rewriter.create<ProjectParamOp>(loc, type, input, project.getIndex(),
                                         project.getInverse() != reversed);
}

///   a & project(x, r)  ->  a & project(x & project(a, r^-1), r)
/// when x passes over every entity (a negated leaf: `!r2(?z, ?x)` whose
/// ?z only the negation and r constrain makes x a complement) and a does
/// not. Only the x one edge from a can give an answer in a, so x is
/// restricted to those first: the complement becomes a difference against
/// a's neighbours (IntersectionOfComplements), and the cost is a's
/// neighbourhood rather than every entity once per binding. Exact for sets
/// (y in a with an r-edge from x in X iff the x is also an r-neighbour of
/// a); under a fuzzy logic the restriction would weigh x by a's truth
/// twice, so Boolean values only.
struct RestrictToNeighbours : public OpRewritePattern<IntersectOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(IntersectOp op, PatternRewriter &rewriter) const override {
    if (!isa<EntitySetType>(op.getType()))
      return failure();
    SmallVector<Value> bounded, inputs(op.getInputs());
    for (Value input : inputs)
      if (!passesOverEveryEntity(input))
        bounded.push_back(input);
    auto unbounded = llvm::find_if(inputs, [](Value input) {
      Value projected = projectedInput(input);
      return projected && passesOverEveryEntity(projected);
    });
    if (bounded.empty() || unbounded == inputs.end())
      return failure();
    Location loc = op.getLoc();
    Type type = op.getType();
    Operation *projection = unbounded->getDefiningOp();
    Value neighbours =
        projectLike(rewriter, projection, combine(rewriter, loc, type, /*intersect=*/true, bounded),
                    /*reversed=*/true);
    Value restricted =
        rewriter.create<IntersectOp>(loc, type, ValueRange{projectedInput(*unbounded), neighbours});
    *unbounded = projectLike(rewriter, projection, restricted, /*reversed=*/false);
    rewriter.replaceOpWithNewOp<IntersectOp>(op, type, inputs);
    return success();
  }
};

struct NormalizePass : public mlir::kq::impl::KQNormalizeBase<NormalizePass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<IntersectionOfComplements, UnionOfComplements, DifferenceOfComplement,
                 FactorProjections, RestrictToNeighbours>(&getContext());
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
