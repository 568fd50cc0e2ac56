//===- Passes.h - Conversions out of the kq dialect -----------------------===//
#ifndef KQ_BACKEND_PASSES_H
#define KQ_BACKEND_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::kq {

#define GEN_PASS_DECL
#include "backend/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "backend/Passes.h.inc"

} // namespace mlir::kq

#endif // KQ_BACKEND_PASSES_H
