//===- ShareSkillBlocks.cpp - kq-share-skill-blocks -----------------------===//
//
// One skill block of each kind: the blocks that would render the same text
// become the first of them (see Passes.td).
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseMap.h"

#include <tuple>

namespace mlir::kq {
#define GEN_PASS_DEF_KQSHARESKILLBLOCKS
#include "passes/Passes.h.inc"
} // namespace mlir::kq

using namespace mlir;
using namespace mlir::kq;

namespace {

struct ShareSkillBlocksPass : public mlir::kq::impl::KQShareSkillBlocksBase<ShareSkillBlocksPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    // What a block renders is a function of these; attributes are uniqued,
    // so their pointers tell them apart.
    using Kind = std::tuple<Attribute, Attribute, Attribute, int64_t, int64_t>;
    llvm::DenseMap<Kind, SkillBlockOp> kept;
    llvm::DenseMap<StringAttr, FlatSymbolRefAttr> replacement;
    for (auto block : llvm::make_early_inc_range(module.getOps<SkillBlockOp>())) {
      Kind kind{block.getSkillAttr(), block.getGraphAttr(), block.getSplits(),
                int64_t(block.getSeed()), int64_t(block.getMaxShown())};
      auto [first, inserted] = kept.try_emplace(kind, block);
      if (inserted)
        continue;
      replacement[block.getSymNameAttr()] = FlatSymbolRefAttr::get(first->second.getSymNameAttr());
      block.erase();
    }
    module.walk([&](ShowOp show) {
      if (FlatSymbolRefAttr shared = replacement.lookup(show.getBlockAttr().getAttr()))
        show.setBlockAttr(shared);
    });
  }
};

} // namespace
