//===- AOT.cpp - Ahead-of-time compilation to objects and executables -----===//

#include "backend/AOT.h"
#include "backend/Lowering.h"

#include "mlir/ExecutionEngine/OptUtils.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"

#include <memory>

llvm::Error mlir::kq::emitObjectFile(llvm::Module &module, llvm::StringRef path, bool optimize,
                                     llvm::CodeGenOptLevel codeGenLevel) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  std::string triple = llvm::sys::getDefaultTargetTriple();
  std::string error;
  const llvm::Target *target = llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return llvm::createStringError(llvm::inconvertibleErrorCode(), error);
  // Generated kernels are compiled for the host CPU and its features, as the
  // JIT compiles them, so executables compute what `kqc run` computes with
  // the same vector instructions; programs without kernels for any CPU of
  // the architecture. Position-independent, so the default (PIE) link
  // accepts it.
  llvm::SubtargetFeatures features;
  if (optimize)
    for (const auto &feature : llvm::sys::getHostCPUFeatures())
      features.AddFeature(feature.first(), feature.second);
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      triple, optimize ? llvm::sys::getHostCPUName() : "generic", features.getString(),
      llvm::TargetOptions(), llvm::Reloc::PIC_, std::nullopt, codeGenLevel));
  module.setTargetTriple(triple);
  module.setDataLayout(machine->createDataLayout());
  if (optimize) {
    optimizeKernelsOnly(module);
    if (llvm::Error failed = makeOptimizingTransformer(3, 0, machine.get())(&module))
      return failed;
  }

  std::error_code ec;
  llvm::raw_fd_ostream out(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return llvm::createStringError(ec, "cannot write '" + path + "': " + ec.message());
  llvm::legacy::PassManager passes;
  if (machine->addPassesToEmitFile(passes, out, nullptr, llvm::CodeGenFileType::ObjectFile))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "the host target cannot emit object files");
  passes.run(module);
  out.flush();
  if (out.has_error())
    return llvm::createStringError(out.error(), "cannot write '" + path + "'");
  return llvm::Error::success();
}

llvm::Error mlir::kq::linkExecutable(llvm::StringRef objectPath, llvm::StringRef outputPath) {
  auto driver = llvm::sys::findProgramByName(KQ_LINK_DRIVER);
  if (!driver)
    return llvm::createStringError(driver.getError(),
                                   "cannot find the linker driver '" KQ_LINK_DRIVER "'");
  llvm::StringRef args[] = {*driver,
                            objectPath,
                            KQ_EXECUTABLE_MAIN_LIBRARY,
                            KQ_RUNTIME_LIBRARY,
                            "-lfmt",
                            "-lcurl",
                            "-lcrypto",
                            "-pthread",
                            "-o",
                            outputPath};
  std::string message;
  int status = llvm::sys::ExecuteAndWait(*driver, args, std::nullopt, {}, 0, 0, &message);
  if (status != 0)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "linking '" + outputPath + "' failed" +
                                       (message.empty() ? "" : ": " + message));
  return llvm::Error::success();
}
