//===- JIT.cpp - Running compiled programs in-process ---------------------===//

#include "backend/JIT.h"
#include "backend/KQToRuntime/KQToRuntime.h"
#include "backend/Lowering.h"

#include "runtime/core/Context.h"

#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/ExecutionEngine/Orc/Mangling.h"
#include "llvm/Support/TargetSelect.h"

using namespace mlir;
using namespace mlir::kq;

JITProgram::JITProgram(std::unique_ptr<ExecutionEngine> engine, kq_program_main entry)
    : engine(std::move(engine)), entry(entry) {}
JITProgram::JITProgram(JITProgram &&) noexcept = default;
JITProgram::~JITProgram() = default;

llvm::Expected<JITProgram> JITProgram::compile(ModuleOp module) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();

  // Statements and queries compile to sequences of calls, which the
  // optimiser leaves alone (optimizeKernelsOnly); the generated kernels are
  // the work and get it in full, and the code generator's level suits the
  // program's size (codeGenLevelOf). The engine
  // compiles with the target machine it is given, so the code generation
  // level is set on that machine (jitCodeGenOptLevel alone is not applied).
  bool optimize = hasGeneratedKernels(module);
  llvm::CodeGenOptLevel codeGenLevel = codeGenLevelOf(module);
  auto machineBuilder = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!machineBuilder)
    return machineBuilder.takeError();
  machineBuilder->setCodeGenOptLevel(codeGenLevel);
  auto machine = machineBuilder->createTargetMachine();
  if (!machine)
    return machine.takeError();
  ExecutionEngineOptions options;
  auto optimizer = makeOptimizingTransformer(/*optLevel=*/optimize ? 3 : 0, /*sizeLevel=*/0,
                                             /*targetMachine=*/machine->get());
  options.transformer = [optimizer](llvm::Module *llvmModule) {
    optimizeKernelsOnly(*llvmModule);
    return optimizer(llvmModule);
  };
  options.jitCodeGenOptLevel = codeGenLevel;
  // The perf listener writes jit-PID.dump files under /tmp/.debug/jit on
  // every run (and fails for other users once one has made that folder);
  // kq writes nothing it was not asked to.
  options.enablePerfNotificationListener = false;
  auto engine = ExecutionEngine::create(module, options, std::move(*machine));
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
  return JITProgram(std::move(*engine), reinterpret_cast<kq_program_main>(*entry));
}
