//===- FuzzyTwins.cpp - Fuzzy twins of Boolean queries --------------------===//

#include "ir/FuzzyTwins.h"
#include "ir/Logic.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"

using namespace mlir;
using namespace mlir::kq;

namespace {

/// Gives every Boolean value in `query` (results and block arguments) the
/// type `truth`.
void retype(QueryOp query, Type truth) {
  auto relax = [&](Value value) {
    if (isa<EntitySetType>(value.getType()))
      value.setType(truth);
  };
  query.walk([&](Operation *op) {
    llvm::for_each(op->getResults(), relax);
    for (Region &region : op->getRegions())
      for (Block &block : region)
        llvm::for_each(block.getArguments(), relax);
  });
}

} // namespace

std::string mlir::kq::fuzzyTwinName(StringRef query, Logic logic) {
  return (query + "." + stringifyLogic(logic)).str();
}

FailureOr<QueryOp> mlir::kq::getOrCreateFuzzyTwin(QueryOp query, Logic logic) {
  auto module = query->getParentOfType<ModuleOp>();
  Type truth = queryValueType(query.getContext(), logic);
  std::string name = fuzzyTwinName(query.getSymName(), logic);
  if (Operation *existing = SymbolTable::lookupSymbolIn(module, name)) {
    auto twin = dyn_cast<QueryOp>(existing);
    if (twin && twin.getValueType() == truth)
      return twin; // relaxed before
    existing->emitError("kq-relax: '")
        << name << "' is taken, so the twin of '" << query.getSymName() << "' under "
        << stringifyLogic(logic) << " cannot have that name";
    return failure();
  }
  OpBuilder builder(query);
  builder.setInsertionPointAfter(query);
  auto twin = cast<QueryOp>(builder.clone(*query));
  twin.setSymName(name);
  retype(twin, truth);
  return twin;
}

LogicalResult mlir::kq::relaxForEvals(ModuleOp module) {
  for (EvalOp eval : llvm::to_vector(module.getOps<EvalOp>())) {
    if (eval.getScores())
      continue; // external scores: nothing is computed
    auto bench = SymbolTable::lookupNearestSymbolFrom<SampleOp>(eval, eval.getBenchAttr());
    if (!bench)
      return eval.emitOpError("'") << eval.getBench() << "' does not name a kq.sample";
    SmallVector<Attribute> twins;
    for (Attribute symbol : bench.getTemplates()) {
      auto query =
          SymbolTable::lookupNearestSymbolFrom<QueryOp>(bench, cast<SymbolRefAttr>(symbol));
      if (!query)
        return bench.emitOpError() << symbol << " does not name a kq.query";
      FailureOr<QueryOp> twin = getOrCreateFuzzyTwin(query, eval.getLogic());
      if (failed(twin))
        return failure();
      twins.push_back(FlatSymbolRefAttr::get(twin->getSymNameAttr()));
    }
    eval.setTwinsAttr(ArrayAttr::get(module.getContext(), twins));
  }
  return success();
}
