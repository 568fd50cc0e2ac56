//===- Lowering.h - From optimised kq IR to LLVM --------------------------===//
//
// The CPU pipeline: kq to runtime calls (convert-kq-to-runtime), then the
// upstream conversions to the LLVM dialect, then translation to LLVM IR.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_BACKEND_LOWERING_H
#define KQ_BACKEND_LOWERING_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CodeGen.h"

#include <memory>

namespace mlir::kq {

/// Registers the dialects and translations the backend produces.
void registerBackendDialects(DialectRegistry &registry);

/// Adds the passes that take a kq module down to the LLVM dialect.
void buildLowerToLLVMPipeline(OpPassManager &pm);

/// Whether the module holds generated compute kernels (set operations,
/// link prediction), which the LLVM optimiser must see.
bool hasGeneratedKernels(ModuleOp module);

/// The code generator's level for a module in the LLVM dialect: aggressive
/// for its kernels, unless the rest of the program (statements, queries:
/// calls) is so large that the code generator's time on it would outweigh
/// what the kernels gain (thousands of queries not batched into templates).
llvm::CodeGenOptLevel codeGenLevelOf(ModuleOp module);

/// Marks every function of `module` but the kernels `optnone noinline`:
/// statements and queries are sequences of calls, which gain nothing from
/// the optimiser and would cost it minutes in a program of thousands of
/// queries. The kernels alone are optimised.
void optimizeKernelsOnly(llvm::Module &module);

/// Translates a module in the LLVM dialect to LLVM IR.
std::unique_ptr<llvm::Module> translateToLLVMIR(ModuleOp module, llvm::LLVMContext &context);

} // namespace mlir::kq

#endif // KQ_BACKEND_LOWERING_H
