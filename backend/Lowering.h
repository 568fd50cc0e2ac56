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

#include <memory>

namespace mlir::kq {

/// Registers the dialects and translations the backend produces.
void registerBackendDialects(DialectRegistry &registry);

/// Adds the passes that take a kq module down to the LLVM dialect.
void buildLowerToLLVMPipeline(OpPassManager &pm);

/// Whether the module holds generated compute kernels (link prediction),
/// which the LLVM optimiser must see; the rest of a program is calls into
/// the runtime and compiles best without optimisation.
bool hasGeneratedKernels(ModuleOp module);

/// Translates a module in the LLVM dialect to LLVM IR.
std::unique_ptr<llvm::Module> translateToLLVMIR(ModuleOp module,
                                                llvm::LLVMContext &context);

} // namespace mlir::kq

#endif // KQ_BACKEND_LOWERING_H
