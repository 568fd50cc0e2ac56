//===- LayOutSkills.cpp - kq-lay-out-skills -------------------------------===//
//
// The skills of each template's final plan go into its prompts (see
// Passes.td and ir/Skills.h).
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "ir/Skills.h"

namespace mlir::kq {
#define GEN_PASS_DEF_KQLAYOUTSKILLS
#include "passes/Passes.h.inc"
} // namespace mlir::kq

using namespace mlir;
using namespace mlir::kq;

namespace {

struct LayOutSkillsPass : public mlir::kq::impl::KQLayOutSkillsBase<LayOutSkillsPass> {
  void runOnOperation() override {
    if (failed(layOutSkills(getOperation())))
      signalPassFailure();
  }
};

} // namespace
