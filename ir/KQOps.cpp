//===- KQOps.cpp - Verifiers, folders and canonicalisations of kq ops -----===//

#include "ir/KQOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace mlir;
using namespace mlir::kq;

static constexpr llvm::StringLiteral kSplitNames[] = {"train", "valid", "test"};

llvm::ArrayRef<llvm::StringLiteral> mlir::kq::graphSplitNames() { return kSplitNames; }

#define GET_OP_CLASSES
#include "ir/KQOps.cpp.inc"

namespace {
#include "ir/KQPatterns.inc"
} // namespace

//===----------------------------------------------------------------------===//
// Declarations and statements
//===----------------------------------------------------------------------===//

LogicalResult GraphOp::verify() {
  if (getPath().empty())
    return emitOpError("needs a non-empty path");
  return success();
}

LogicalResult QueryOp::verifyRegions() {
  Block &body = getBody().front();
  if (body.getNumArguments() != 0)
    return emitOpError("body takes no arguments");
  if (!isa<YieldOp>(body.getTerminator()))
    return emitOpError("body must end in 'kq.yield'");
  return success();
}

LogicalResult ForEachOp::verifyRegions() {
  Block &body = getBody().front();
  if (body.getNumArguments() != 1 || !isa<EntitySetType>(body.getArgument(0).getType()))
    return emitOpError("body takes one !kq.set argument, the enumerated entity");
  if (!isa<YieldOp>(body.getTerminator()))
    return emitOpError("body must end in 'kq.yield'");
  return success();
}

LogicalResult AnswerOp::verify() {
  if (getSplits().empty())
    return emitOpError("needs at least one split");
  llvm::SmallPtrSet<Attribute, 3> seen;
  for (Attribute split : getSplits()) {
    StringRef name = cast<StringAttr>(split).getValue();
    if (!llvm::is_contained(graphSplitNames(), name))
      return emitOpError("unknown split '") << name << "'; expected train, valid or test";
    if (!seen.insert(split).second)
      return emitOpError("split '") << name << "' is named twice";
  }
  return success();
}

LogicalResult AnswerOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  if (!symbolTable.lookupNearestSymbolFrom<QueryOp>(*this, getQueryAttr()))
    return emitOpError("'") << getQuery() << "' does not name a kq.query";
  if (!symbolTable.lookupNearestSymbolFrom<GraphOp>(*this, getGraphAttr()))
    return emitOpError("'") << getGraph() << "' does not name a kq.graph";
  return success();
}

//===----------------------------------------------------------------------===//
// Set operations
//===----------------------------------------------------------------------===//

namespace {

/// Verifies, folds and canonicalises the variadic set combinations
/// (intersection, union), which share their algebra: both are associative,
/// commutative and idempotent.
template <typename CombineOp>
struct SetCombineAlgebra {
  static LogicalResult verify(CombineOp op) {
    if (op.getInputs().size() < 2)
      return op.emitOpError("needs at least two inputs");
    return success();
  }

  /// x op x op ... op x == x
  static OpFoldResult fold(CombineOp op) {
    Value first = op.getInputs().front();
    if (llvm::all_of(op.getInputs(), [&](Value input) { return input == first; }))
      return first;
    return {};
  }

  /// Flattens nested combinations of the same kind whose only user is this
  /// one and removes repeated inputs:
  ///   combine(combine(a, b), b, c)  ->  combine(a, b, c)
  struct Flatten : public OpRewritePattern<CombineOp> {
    using OpRewritePattern<CombineOp>::OpRewritePattern;
    LogicalResult matchAndRewrite(CombineOp op, PatternRewriter &rewriter) const override {
      llvm::SmallVector<Value> inputs;
      llvm::SmallPtrSet<Value, 8> seen;
      bool changed = false;
      for (Value input : op.getInputs()) {
        auto nested = input.getDefiningOp<CombineOp>();
        if (nested && nested->hasOneUse()) {
          changed = true;
          for (Value inner : nested.getInputs())
            if (seen.insert(inner).second)
              inputs.push_back(inner);
          continue;
        }
        if (seen.insert(input).second)
          inputs.push_back(input);
        else
          changed = true;
      }
      if (!changed)
        return failure();
      if (inputs.size() == 1)
        rewriter.replaceOp(op, inputs.front());
      else
        rewriter.replaceOpWithNewOp<CombineOp>(op, op.getType(), inputs);
      return success();
    }
  };
};

} // namespace

LogicalResult IntersectOp::verify() { return SetCombineAlgebra<IntersectOp>::verify(*this); }
OpFoldResult IntersectOp::fold(FoldAdaptor) { return SetCombineAlgebra<IntersectOp>::fold(*this); }
void IntersectOp::getCanonicalizationPatterns(RewritePatternSet &patterns, MLIRContext *context) {
  patterns.add<SetCombineAlgebra<IntersectOp>::Flatten>(context);
}

LogicalResult UnionOp::verify() { return SetCombineAlgebra<UnionOp>::verify(*this); }
OpFoldResult UnionOp::fold(FoldAdaptor) { return SetCombineAlgebra<UnionOp>::fold(*this); }
void UnionOp::getCanonicalizationPatterns(RewritePatternSet &patterns, MLIRContext *context) {
  patterns.add<SetCombineAlgebra<UnionOp>::Flatten>(context);
}

void DifferenceOp::getCanonicalizationPatterns(RewritePatternSet &patterns, MLIRContext *context) {
  patterns.add<RepeatedDifference>(context);
}

void ComplementOp::getCanonicalizationPatterns(RewritePatternSet &patterns, MLIRContext *context) {
  patterns.add<DoubleComplement>(context);
}
