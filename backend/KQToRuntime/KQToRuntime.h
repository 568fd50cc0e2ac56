//===- KQToRuntime.h - kq dialect to calls into the runtime ---------------===//
#ifndef KQ_BACKEND_KQTORUNTIME_KQTORUNTIME_H
#define KQ_BACKEND_KQTORUNTIME_KQTORUNTIME_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/DialectConversion.h"
#include "llvm/ADT/StringMap.h"

namespace mlir::kq {

/// The name of the entry point of every compiled program.
inline constexpr llvm::StringLiteral kMainFunctionName = "kq_main";

/// Converts `!kq.set` to the runtime's opaque handle type.
class RuntimeTypeConverter : public TypeConverter {
public:
  explicit RuntimeTypeConverter(MLIRContext *context);
};

/// Names as private constant `llvm.mlir.global`s, one per distinct text.
/// Strings are interned before conversion so patterns only take addresses.
class RuntimeStrings {
public:
  explicit RuntimeStrings(ModuleOp module) : module(module) {}
  /// The address of `text` as a NUL-terminated constant, interned in the
  /// module on first use (the global is made with `builder`).
  Value address(OpBuilder &builder, Location loc, StringRef text);

private:
  ModuleOp module;
  llvm::StringMap<std::string> symbols;
  Operation *lastGlobal = nullptr; // keeps the globals in creation order
};

/// Patterns that rewrite the set operations inside a function converted
/// from a `kq.query` (whose first argument is the graph view) into runtime
/// calls; the names they use are interned in `strings` as they go.
void populateKQSetOpsToRuntimePatterns(RuntimeTypeConverter &converter, RuntimeStrings &strings,
                                       RewritePatternSet &patterns);

} // namespace mlir::kq

#endif // KQ_BACKEND_KQTORUNTIME_KQTORUNTIME_H
