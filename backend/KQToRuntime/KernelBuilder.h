//===- KernelBuilder.h - What every generated kernel is built from --------===//
//
// The pieces the set kernels (SetKernels.cpp) and the link-prediction
// kernels (LinkPredKernels.cpp) share: private functions of a module,
// integer constants and arithmetic, addresses of array elements and struct
// fields, loads, stores and calls, all at one location. Emitters derive
// from it and add what their kernels alone need.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_BACKEND_KQTORUNTIME_KERNELBUILDER_H
#define KQ_BACKEND_KQTORUNTIME_KERNELBUILDER_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

namespace mlir::kq {

class KernelBuilder {
protected:
  explicit KernelBuilder(ModuleOp module)
      : module(module), builder(module.getContext()), loc(module.getLoc()),
        ptr(LLVM::LLVMPointerType::get(module.getContext())), i64(builder.getI64Type()) {}

  /// Starts a private function at the end of the module; the builder is
  /// left in its entry block.
  func::FuncOp startFunction(StringRef name, TypeRange inputs, TypeRange results = {}) {
    builder.setInsertionPointToEnd(module.getBody());
    auto function =
        builder.create<func::FuncOp>(loc, name, builder.getFunctionType(inputs, results));
    function.setPrivate();
    builder.setInsertionPointToStart(function.addEntryBlock());
    return function;
  }

  Value constant(int64_t value, Type type) {
    return builder.create<arith::ConstantIntOp>(loc, value, type);
  }
  /// An i64 constant: sizes, counts and offsets.
  Value index(int64_t value) { return constant(value, i64); }
  Value add(Value x, Value y) { return builder.create<arith::AddIOp>(loc, x, y); }
  Value sub(Value x, Value y) { return builder.create<arith::SubIOp>(loc, x, y); }
  Value mul(Value x, Value y) { return builder.create<arith::MulIOp>(loc, x, y); }

  /// The address of element `offset` of an array of `type` at `base`.
  Value elementAddress(Value base, Value offset, Type type) {
    return builder.create<LLVM::GEPOp>(loc, ptr, type, base, ValueRange{offset});
  }
  /// Loads a `type` from element `offset` of an array of `elementType` (a
  /// vector from an array of its elements), aligned as an element.
  Value load(Type type, Value base, Value offset, Type elementType) {
    unsigned alignment = elementType.isIntOrFloat() ? elementType.getIntOrFloatBitWidth() / 8 : 0;
    return builder.create<LLVM::LoadOp>(loc, type, elementAddress(base, offset, elementType),
                                        alignment);
  }
  void store(Value value, Value base, Value offset) {
    builder.create<LLVM::StoreOp>(loc, value, elementAddress(base, offset, value.getType()));
  }
  /// Field `index` of the struct of `structType` at `base`.
  Value fieldAddress(Value base, Type structType, int32_t index) {
    return builder.create<LLVM::GEPOp>(loc, ptr, structType, base,
                                       ArrayRef<LLVM::GEPArg>{0, index});
  }
  Value loadField(Value base, Type structType, int32_t index, Type type) {
    return builder.create<LLVM::LoadOp>(loc, type, fieldAddress(base, structType, index));
  }
  /// Calls `function`; its one result, or none.
  Value call(StringRef function, TypeRange results, ValueRange operands) {
    auto op = builder.create<func::CallOp>(loc, function, results, operands);
    return op.getNumResults() ? op.getResult(0) : Value();
  }

  ModuleOp module;
  OpBuilder builder;
  Location loc;
  Type ptr, i64;
};

} // namespace mlir::kq

#endif // KQ_BACKEND_KQTORUNTIME_KERNELBUILDER_H
