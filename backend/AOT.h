//===- AOT.h - Ahead-of-time compilation to objects and executables -------===//
//
// `kqc --emit=obj` writes a compiled program as a relocatable object for the
// host (through an LLVM TargetMachine); `kqc build` links that object with
// the runtime and its main() (runtime/core/ExecutableMain.cpp) into an executable
// that prints what `kqc run` prints.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_BACKEND_AOT_H
#define KQ_BACKEND_AOT_H

#include "llvm/ADT/StringRef.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CodeGen.h"
#include "llvm/Support/Error.h"

namespace mlir::kq {

/// Writes `module` as an object file for the host CPU at `path`, through the
/// LLVM optimiser when `optimize` (a module with generated kernels), with
/// code generated at `codeGenLevel`.
llvm::Error emitObjectFile(llvm::Module &module, llvm::StringRef path, bool optimize,
                           llvm::CodeGenOptLevel codeGenLevel);

/// Links the program object at `objectPath` with the runtime into the
/// executable `outputPath` (kqc gives an AtomicFile's temporary, renamed
/// into place only when linking succeeded).
llvm::Error linkExecutable(llvm::StringRef objectPath, llvm::StringRef outputPath);

} // namespace mlir::kq

#endif // KQ_BACKEND_AOT_H
