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

/// The name the program wrote of a template (`template.NAME`), a skill
/// (`skill.NAME`) or a language model (`llm.NAME`): the front end's prefixes
/// keep their symbols apart from the program's others ('.' is in no
/// identifier). Any other symbol is returned as it is.
llvm::StringRef programName(llvm::StringRef symbol);
} // namespace mlir::kq

#endif // KQ_IR_KQOPS_H
