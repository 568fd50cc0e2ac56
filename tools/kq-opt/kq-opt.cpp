//===- kq-opt.cpp - The kq optimiser driver -------------------------------===//
//
// Parses kq (and func / llvm) IR, runs the passes named on the command line,
// prints the result: the tool the lit tests of ir/, passes/ and backend/ use.
//
//===----------------------------------------------------------------------===//

#include "backend/Passes.h"
#include "ir/KQDialect.h"
#include "passes/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

int main(int argc, char **argv) {
  mlir::registerTransformsPasses();
  mlir::registerConvertFuncToLLVMPass();
  mlir::registerSCFToControlFlowPass();
  mlir::registerArithToLLVMConversionPass();
  mlir::registerConvertControlFlowToLLVMPass();
  mlir::registerReconcileUnrealizedCastsPass();
  mlir::registerConvertVectorToLLVMPass();
  mlir::registerConvertMathToLLVMPass();
  mlir::kq::registerKQPasses();
  mlir::kq::registerKQConversionPasses();

  mlir::DialectRegistry registry;
  registry.insert<mlir::kq::KQDialect, mlir::func::FuncDialect, mlir::LLVM::LLVMDialect,
                  mlir::arith::ArithDialect, mlir::scf::SCFDialect, mlir::cf::ControlFlowDialect,
                  mlir::math::MathDialect, mlir::vector::VectorDialect>();
  return mlir::asMainReturnCode(mlir::MlirOptMain(argc, argv, "kq optimiser driver\n", registry));
}
