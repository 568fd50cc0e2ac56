//===- Lowering.cpp - From optimised kq IR to LLVM ------------------------===//

#include "backend/Lowering.h"
#include "backend/Passes.h"

#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVMPass.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"

using namespace mlir;

void mlir::kq::registerBackendDialects(DialectRegistry &registry) {
  registry.insert<func::FuncDialect, LLVM::LLVMDialect>();
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
}

void mlir::kq::buildLowerToLLVMPipeline(OpPassManager &pm) {
  pm.addPass(createConvertKQToRuntime());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
}

std::unique_ptr<llvm::Module> mlir::kq::translateToLLVMIR(ModuleOp module,
                                                          llvm::LLVMContext &context) {
  return translateModuleToLLVMIR(module, context, "kq");
}
