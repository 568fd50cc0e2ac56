//===- Passes.h - The kq optimisation passes ------------------------------===//
//
// Declares the passes of Passes.td, their registration, and the pipeline
// that `kqc` runs between `--emit=mlir` and `--emit=mlir-opt`.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_PASSES_PASSES_H
#define KQ_PASSES_PASSES_H

#include "ir/KQOps.h"

#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"

#include <memory>
#include <string>
#include <vector>

namespace mlir::kq {

#define GEN_PASS_DECL
#include "passes/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "passes/Passes.h.inc"

/// Erases the queries for which `candidate` holds that no op of `module`
/// refers to (in any attribute, nested ones included).
void eraseUnusedQueries(ModuleOp module, llvm::function_ref<bool(QueryOp)> candidate);

/// Adds the kq optimisation pipeline to `pm`, leaving out the passes named
/// in `disabled` (by their command-line names, e.g. "kq-simplify").
/// Returns false and leaves `unknown` set when a name is not a kq pass.
bool buildOptimizationPipeline(OpPassManager &pm, const std::vector<std::string> &disabled,
                               std::string &unknown);

} // namespace mlir::kq

#endif // KQ_PASSES_PASSES_H
