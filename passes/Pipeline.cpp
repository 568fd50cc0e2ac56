//===- Pipeline.cpp - The kq optimisation pipeline ------------------------===//

#include "passes/Passes.h"

#include "mlir/Transforms/Passes.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;

bool mlir::kq::buildOptimizationPipeline(OpPassManager &pm,
                                         const std::vector<std::string> &disabled,
                                         std::string &unknown) {
  // The kq passes in the order they run, with their factories.
  struct Stage {
    llvm::StringRef name;
    std::function<std::unique_ptr<Pass>()> create;
  };
  const Stage stages[] = {
      // Fuzzy twins first: they copy the templates before any Boolean law
      // is applied to them.
      {"kq-relax",
       [] {
         KQRelaxOptions options;
         options.forEvals = true;
         return createKQRelax(options);
       }},
      {"kq-batch-templates", [] { return createKQBatchTemplates(); }},
      {"kq-normalize", [] { return createKQNormalize(); }},
      {"kq-share", [] { return createKQShare(); }},
      // Upstream CSE computes equal sub-queries once (across the queries
      // kq-share put together); simplification then folds what sharing made
      // identical (`a & a`).
      {"cse", [] { return createCSEPass(); }},
      {"kq-simplify", [] { return createKQSimplify(); }},
      {"kq-fuse-projections", [] { return createKQFuseProjections(); }},
      {"kq-order-intersections", [] { return createKQOrderIntersections(); }},
      // Prompts: the skills of the plans as they now are, then their text.
      {"kq-lay-out-skills", [] { return createKQLayOutSkills(); }},
      {"kq-fold-text", [] { return createKQFoldText(); }},
      {"kq-share-skill-blocks", [] { return createKQShareSkillBlocks(); }},
  };
  for (const std::string &name : disabled) {
    if (llvm::none_of(stages, [&](const Stage &stage) { return stage.name == name; })) {
      unknown = name;
      return false;
    }
  }
  for (const Stage &stage : stages)
    if (!llvm::is_contained(disabled, stage.name))
      pm.addPass(stage.create());
  return true;
}
