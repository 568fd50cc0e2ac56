//===- FoldText.cpp - kq-fold-text: constant text of prompts --------------===//
//
// Skill descriptions become text, and adjacent text pieces one piece (see
// Passes.td).
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"

namespace mlir::kq {
#define GEN_PASS_DEF_KQFOLDTEXT
#include "passes/Passes.h.inc"
} // namespace mlir::kq

using namespace mlir;
using namespace mlir::kq;

namespace {

struct FoldTextPass : public mlir::kq::impl::KQFoldTextBase<FoldTextPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    module.walk([&](PromptCaseOp promptCase) {
      Block &pieces = promptCase.getBody().front();
      for (auto describe : llvm::make_early_inc_range(pieces.getOps<SkillTextOp>())) {
        OpBuilder builder(describe);
        auto skill = symbols.lookup<SkillOp>(describe.getSkill());
        builder.create<TextOp>(describe.getLoc(), skill.getDescription());
        describe.erase();
      }
      // Each run of adjacent texts becomes its first, holding them all.
      TextOp run;
      for (Operation &piece : llvm::make_early_inc_range(pieces)) {
        auto text = dyn_cast<TextOp>(piece);
        if (!text) {
          run = nullptr;
        } else if (!run) {
          run = text;
        } else {
          run.setText((run.getText() + text.getText()).str());
          text.erase();
        }
      }
      for (auto text : llvm::make_early_inc_range(pieces.getOps<TextOp>()))
        if (text.getText().empty())
          text.erase();
    });
  }
};

} // namespace
