//===- JIT.cpp - Running compiled programs in-process ---------------------===//

#include "backend/JIT.h"
#include "backend/KQToRuntime/KQToRuntime.h"

#include "runtime/Context.h"

#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "llvm/ExecutionEngine/Orc/Mangling.h"
#include "llvm/Support/TargetSelect.h"

using namespace mlir;

llvm::Error mlir::kq::runWithJIT(ModuleOp module, kq_context *context) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();

  ExecutionEngineOptions options;
  options.transformer = makeOptimizingTransformer(/*optLevel=*/2, /*sizeLevel=*/0,
                                                  /*targetMachine=*/nullptr);
  auto engine = ExecutionEngine::create(module, options);
  if (!engine)
    return engine.takeError();

  // The runtime is linked into this process; bind its entry points by name
  // rather than relying on the executable exporting them.
  (*engine)->registerSymbols([](llvm::orc::MangleAndInterner interner) {
    llvm::orc::SymbolMap symbols;
    for (auto [name, address] : ::kq::runtime::runtimeSymbols())
      symbols[interner(name)] = {llvm::orc::ExecutorAddr::fromPtr(address),
                                 llvm::JITSymbolFlags::Exported};
    return symbols;
  });

  auto entry = (*engine)->lookup(kMainFunctionName);
  if (!entry)
    return entry.takeError();
  reinterpret_cast<kq_program_main>(*entry)(context);
  return llvm::Error::success();
}
