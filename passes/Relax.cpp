//===- Relax.cpp - kq-relax: fuzzy twins of Boolean queries ---------------===//
//
// Copies each Boolean query into a twin whose values are truth vectors of
// one fuzzy logic. The ops are the same; only their type, and so their
// reading, changes (see Passes.td).
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "ir/Logic.h"

#include "mlir/IR/SymbolTable.h"

namespace mlir::kq {
#define GEN_PASS_DEF_KQRELAX
#include "passes/Passes.h.inc"
} // namespace mlir::kq

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

struct RelaxPass : public mlir::kq::impl::KQRelaxBase<RelaxPass> {
  using KQRelaxBase::KQRelaxBase;
  void runOnOperation() override {
    ModuleOp module = getOperation();
    std::optional<Logic> logic = symbolizeLogic(logicName);
    if (!logic || *logic == Logic::boolean) {
      module.emitError("kq-relax: unknown fuzzy logic '")
          << logicName << "'; expected godel, product or lukasiewicz";
      return signalPassFailure();
    }
    Type truth = queryValueType(&getContext(), *logic);
    SymbolTable symbols(module);
    for (QueryOp query : llvm::to_vector(module.getOps<QueryOp>())) {
      if (!isa<EntitySetType>(query.getValueType()))
        continue;
      std::string name = (query.getSymName() + "." + stringifyLogic(*logic)).str();
      if (Operation *existing = symbols.lookup(name)) {
        auto twin = dyn_cast<QueryOp>(existing);
        if (twin && twin.getValueType() == truth)
          continue; // relaxed before
        existing->emitError("kq-relax: '")
            << name << "' is taken, so the twin of '" << query.getSymName() << "' under "
            << stringifyLogic(*logic) << " cannot have that name";
        return signalPassFailure();
      }
      OpBuilder builder(query);
      builder.setInsertionPointAfter(query);
      auto twin = cast<QueryOp>(builder.clone(*query));
      twin.setSymName(name);
      retype(twin, truth);
    }
  }
};

} // namespace
