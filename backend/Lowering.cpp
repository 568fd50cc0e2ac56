//===- Lowering.cpp - From optimised kq IR to LLVM ------------------------===//

#include "backend/Lowering.h"
#include "backend/Passes.h"

#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVMPass.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Conversion/VectorToLLVM/ConvertVectorToLLVMPass.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"

using namespace mlir;

void mlir::kq::registerBackendDialects(DialectRegistry &registry) {
  registry.insert<func::FuncDialect, LLVM::LLVMDialect, arith::ArithDialect, scf::SCFDialect,
                  cf::ControlFlowDialect, math::MathDialect, vector::VectorDialect>();
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
}

void mlir::kq::buildLowerToLLVMPipeline(OpPassManager &pm) {
  pm.addPass(createConvertKQToRuntime());
  pm.addPass(createConvertSCFToCFPass());
  // The generated kernels' vector and math ops.
  pm.addPass(createConvertVectorToLLVMPass());
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
}

/// Whether a function is a generated kernel: convert-kq-to-runtime names
/// them `kq.kernel.*` (SetKernels.h, LinkPredKernels.cpp).
static bool isKernel(llvm::StringRef name) { return name.starts_with("kq.kernel."); }

bool mlir::kq::hasGeneratedKernels(ModuleOp module) {
  bool found = false;
  module.walk([&](Operation *op) {
    if (auto symbol = dyn_cast<SymbolOpInterface>(op))
      if (isKernel(symbol.getName()))
        found = true;
    return found ? WalkResult::interrupt() : WalkResult::skip();
  });
  return found;
}

llvm::CodeGenOptLevel mlir::kq::codeGenLevelOf(ModuleOp module) {
  if (!hasGeneratedKernels(module))
    return llvm::CodeGenOptLevel::None;
  // About 500 instances of BetaE's types answered one by one.
  constexpr size_t kLargeProgramOps = 20000;
  size_t callOps = 0;
  for (auto function : module.getOps<LLVM::LLVMFuncOp>())
    if (!isKernel(function.getName()))
      function.walk([&](Operation *) { ++callOps; });
  return callOps > kLargeProgramOps ? llvm::CodeGenOptLevel::None
                                    : llvm::CodeGenOptLevel::Aggressive;
}

void mlir::kq::optimizeKernelsOnly(llvm::Module &module) {
  for (llvm::Function &function : module) {
    if (function.isDeclaration() || isKernel(function.getName()))
      continue;
    function.addFnAttr(llvm::Attribute::OptimizeNone);
    function.addFnAttr(llvm::Attribute::NoInline);
  }
}

std::unique_ptr<llvm::Module> mlir::kq::translateToLLVMIR(ModuleOp module,
                                                          llvm::LLVMContext &context) {
  return translateModuleToLLVMIR(module, context, "kq");
}
