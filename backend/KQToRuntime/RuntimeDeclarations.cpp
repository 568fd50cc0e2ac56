//===- RuntimeDeclarations.cpp - The runtime's C ABI as func declarations -===//

#include "backend/KQToRuntime/RuntimeDeclarations.h"
#include "runtime/Runtime.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

using namespace mlir;

void mlir::kq::declareRuntimeFunctions(ModuleOp module) {
  MLIRContext *context = module.getContext();
  OpBuilder builder(module.getBodyRegion());
  auto declare = [&](StringRef name, FunctionType type) {
    if (module.lookupSymbol(name))
      return;
    builder.create<func::FuncOp>(module.getLoc(), name, type).setPrivate();
  };
#define KQ_RUNTIME_FUNCTION(RESULT, NAME, PARAMETERS)                                              \
  declare(#NAME, CFunctionType<std::remove_pointer_t<decltype(&::NAME)>>::get(context));
#include "runtime/RuntimeFunctions.def"
}
