//===- JIT.h - Running compiled programs in-process -----------------------===//
#ifndef KQ_BACKEND_JIT_H
#define KQ_BACKEND_JIT_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

#include "runtime/Runtime.h"

#include <memory>

namespace mlir {
class ExecutionEngine;
} // namespace mlir

namespace mlir::kq {

/// A module in the LLVM dialect compiled in-process by mlir::ExecutionEngine
/// for the host CPU, its runtime calls bound to the runtime linked into this
/// process.
class JITProgram {
public:
  static llvm::Expected<JITProgram> compile(ModuleOp module);
  JITProgram(JITProgram &&) noexcept;
  ~JITProgram();

  /// The program's `kq_main`.
  kq_program_main entryPoint() const { return entry; }

private:
  JITProgram(std::unique_ptr<ExecutionEngine> engine, kq_program_main entry);
  std::unique_ptr<ExecutionEngine> engine;
  kq_program_main entry;
};

} // namespace mlir::kq

#endif // KQ_BACKEND_JIT_H
