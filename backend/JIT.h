//===- JIT.h - Running compiled programs in-process -----------------------===//
#ifndef KQ_BACKEND_JIT_H
#define KQ_BACKEND_JIT_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

#include "runtime/Runtime.h"

namespace mlir::kq {

/// Compiles a module in the LLVM dialect with mlir::ExecutionEngine (at -O2
/// for the host CPU) and calls its `kq_main` with `context`. Run-time
/// failures are left in the context; the Error is for failures to compile.
llvm::Error runWithJIT(ModuleOp module, kq_context *context);

} // namespace mlir::kq

#endif // KQ_BACKEND_JIT_H
