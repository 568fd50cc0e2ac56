//===- BatchTemplates.cpp - Many template instances, one computation ------===//

#include "passes/Passes.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

namespace mlir::kq {
#define GEN_PASS_DEF_KQBATCHTEMPLATES
#include "passes/Passes.h.inc"
} // namespace mlir::kq

using namespace mlir;
using namespace mlir::kq;

namespace {

/// Whether `next` can join the batch `first` starts: an instance of some
/// template answered on the same view.
bool sameBatch(AnswerOp first, AnswerOp next) {
  return next.getGraphAttr() == first.getGraphAttr() && next.getSplits() == first.getSplits();
}

struct BatchTemplatesPass : public mlir::kq::impl::KQBatchTemplatesBase<BatchTemplatesPass> {
  using KQBatchTemplatesBase::KQBatchTemplatesBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    // Runs of consecutive instances; queries between statements are
    // declarations and do not break a run.
    SmallVector<SmallVector<AnswerOp>> runs;
    for (Operation &op : module.getBody()->getOperations()) {
      if (isa<QueryOp>(op))
        continue;
      auto answer = dyn_cast<AnswerOp>(op);
      if (!answer || !answer.getOpenTemplateAttr() || !answer.getArguments()) {
        runs.emplace_back();
        continue;
      }
      if (runs.empty() || runs.back().empty() || !sameBatch(runs.back().front(), answer))
        runs.emplace_back();
      runs.back().push_back(answer);
    }
    llvm::DenseSet<StringAttr> instances;
    for (auto &run : runs) {
      if (run.empty() || run.size() < minInstances)
        continue;
      AnswerOp first = run.front();
      OpBuilder builder(first);
      SmallVector<Attribute> templates, labels, rows;
      SmallVector<int32_t> instanceOf;
      llvm::DenseMap<Attribute, int32_t> indexOf;
      for (AnswerOp answer : run) {
        auto [it, inserted] = indexOf.try_emplace(answer.getOpenTemplateAttr(), templates.size());
        if (inserted) {
          templates.push_back(answer.getOpenTemplateAttr());
          labels.push_back(builder.getStringAttr(answer.getReportedName()));
        }
        instanceOf.push_back(it->second);
        rows.push_back(answer.getArgumentsAttr());
        instances.insert(answer.getQueryAttr().getAttr());
      }
      builder.create<AnswerBatchOp>(first.getLoc(), first.getGraphAttr(), first.getSplits(),
                                    builder.getArrayAttr(templates), builder.getArrayAttr(labels),
                                    builder.getDenseI32ArrayAttr(instanceOf),
                                    builder.getArrayAttr(rows));
      for (AnswerOp answer : run)
        answer.erase();
    }
    if (instances.empty())
      return;
    // The instances' own queries that nothing uses any more.
    eraseUnusedQueries(module,
                       [&](QueryOp query) { return instances.contains(query.getSymNameAttr()); });
  }
};

} // namespace
