//===- Share.cpp - kq-share: sub-queries shared across queries ------------===//
//
// Consecutive answers on one graph view become one kq.evaluate holding all
// their queries, so that CSE computes equal sub-queries once (see
// Passes.td). Statements keep their order: only adjacent answers are
// grouped, and a statement of another kind ends a group.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/DenseSet.h"

namespace mlir::kq {
#define GEN_PASS_DEF_KQSHARE
#include "passes/Passes.h.inc"
} // namespace mlir::kq

using namespace mlir;
using namespace mlir::kq;

namespace {

bool sameView(AnswerOp a, AnswerOp b) {
  return a.getGraph() == b.getGraph() && a.getSplits() == b.getSplits();
}

/// Replaces a group of answers by one kq.evaluate with their queries inlined.
void evaluateTogether(ArrayRef<AnswerOp> group, SymbolTable &symbols) {
  AnswerOp first = group.front();
  OpBuilder builder(first);
  auto evaluate =
      builder.create<EvaluateOp>(first.getLoc(), first.getGraphAttr(), first.getSplits());
  builder.setInsertionPointToStart(&evaluate.getBody().emplaceBlock());
  for (AnswerOp answer : group) {
    auto query = symbols.lookup<QueryOp>(answer.getQuery());
    IRMapping mapping;
    for (Operation &op : query.getBody().front().without_terminator())
      builder.clone(op, mapping);
    auto yield = cast<YieldOp>(query.getBody().front().getTerminator());
    builder.create<ReportOp>(answer.getLoc(), mapping.lookup(yield.getResult()),
                             answer.getReportedName(), answer.getArgumentsAttr());
    answer.erase();
  }
}

struct SharePass : public mlir::kq::impl::KQShareBase<SharePass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    SmallVector<SmallVector<AnswerOp>> groups;
    for (Operation &op : module.getBody()->getOperations()) {
      if (isa<QueryOp>(op))
        continue; // declarations do not separate statements
      auto answer = dyn_cast<AnswerOp>(op);
      if (!answer) {
        groups.emplace_back();
        continue;
      }
      if (groups.empty() || groups.back().empty() || !sameView(groups.back().front(), answer))
        groups.emplace_back();
      groups.back().push_back(answer);
    }
    for (auto &group : groups)
      if (!group.empty())
        evaluateTogether(group, symbols);
    // Queries no statement uses any more are dead.
    eraseUnusedQueries(module, [](QueryOp) { return true; });
  }
};

} // namespace
