//===- KQOps.h - Operations of the kq dialect -----------------------------===//
#ifndef KQ_IR_KQOPS_H
#define KQ_IR_KQOPS_H

#include "ir/KQDialect.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#define GET_OP_CLASSES
#include "ir/KQOps.h.inc"

namespace mlir::kq {
/// The split names a graph has, in their canonical order.
llvm::ArrayRef<llvm::StringLiteral> graphSplitNames();
} // namespace mlir::kq

#endif // KQ_IR_KQOPS_H
