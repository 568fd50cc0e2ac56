//===- RuntimeDeclarations.h - The runtime's C ABI as func declarations ---===//
//
// Every function of runtime/RuntimeFunctions.def declared in a module, each
// with the MLIR function type derived from its C type: pointers become
// !llvm.ptr, pointers to functions the function's own type (what
// func.constant yields), int32_t i32, int64_t i64, double f64. A C type
// with no such mapping does not compile.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_BACKEND_KQTORUNTIME_RUNTIMEDECLARATIONS_H
#define KQ_BACKEND_KQTORUNTIME_RUNTIMEDECLARATIONS_H

#include "mlir/Dialect/LLVMIR/LLVMTypes.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"

#include <cstdint>
#include <type_traits>

namespace mlir::kq {

template <typename Function> struct CFunctionType;

/// The MLIR type that carries a value of C type `T` across the ABI.
template <typename T> Type cTypeToMLIR(MLIRContext *context) {
  if constexpr (std::is_same_v<T, int32_t>)
    return IntegerType::get(context, 32);
  else if constexpr (std::is_same_v<T, int64_t>)
    return IntegerType::get(context, 64);
  else if constexpr (std::is_same_v<T, double>)
    return Float64Type::get(context);
  else if constexpr (std::is_pointer_v<T> && std::is_function_v<std::remove_pointer_t<T>>)
    return CFunctionType<std::remove_pointer_t<T>>::get(context);
  else if constexpr (std::is_pointer_v<T>)
    return LLVM::LLVMPointerType::get(context);
  else
    static_assert(!sizeof(T), "a runtime function takes a C type the lowering cannot pass");
}

template <typename Result, typename... Parameters> struct CFunctionType<Result(Parameters...)> {
  static FunctionType get(MLIRContext *context) {
    SmallVector<Type> inputs{cTypeToMLIR<Parameters>(context)...};
    SmallVector<Type, 1> results;
    if constexpr (!std::is_void_v<Result>)
      results.push_back(cTypeToMLIR<Result>(context));
    return FunctionType::get(context, inputs, results);
  }
};

/// Declares (private) every runtime function the module does not declare.
void declareRuntimeFunctions(ModuleOp module);

} // namespace mlir::kq

#endif // KQ_BACKEND_KQTORUNTIME_RUNTIMEDECLARATIONS_H
