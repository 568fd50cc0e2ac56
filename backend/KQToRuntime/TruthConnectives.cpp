//===- TruthConnectives.cpp - The connectives as generated loops ----------===//

#include "backend/KQToRuntime/TruthConnectives.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;
using namespace mlir::kq;

namespace {
/// `cond ? yes : no`, where `cond` compares `lhs` and `rhs`.
Value pick(OpBuilder &builder, Location loc, arith::CmpFPredicate predicate, Value lhs, Value rhs,
           Value yes, Value no) {
  Value holds = builder.create<arith::CmpFOp>(loc, predicate, lhs, rhs);
  return builder.create<arith::SelectOp>(loc, holds, yes, no);
}
} // namespace

Value mlir::kq::emitConnective(OpBuilder &builder, Location loc, Logic logic, Connective connective,
                               Value a, Value b) {
  auto constant = [&](double value) {
    return builder.create<arith::ConstantOp>(loc, builder.getF64FloatAttr(value)).getResult();
  };
  auto add = [&](Value x, Value y) { return builder.create<arith::AddFOp>(loc, x, y).getResult(); };
  auto sub = [&](Value x, Value y) { return builder.create<arith::SubFOp>(loc, x, y).getResult(); };
  auto mul = [&](Value x, Value y) { return builder.create<arith::MulFOp>(loc, x, y).getResult(); };
  switch (connective) {
  case Connective::Not:
    return sub(constant(1.0), a);
  case Connective::AndNot: {
    Value notB = sub(constant(1.0), b);
    return emitConnective(builder, loc, logic, Connective::And, a, notB);
  }
  case Connective::And:
    switch (logic) {
    case Logic::product:
      return mul(a, b);
    case Logic::lukasiewicz: {
      Value sum = add(a, b);
      Value excess = sub(sum, constant(1.0));
      return pick(builder, loc, arith::CmpFPredicate::OGT, excess, constant(0.0), excess,
                  constant(0.0));
    }
    default: // boolean, godel: a < b ? a : b
      return pick(builder, loc, arith::CmpFPredicate::OLT, a, b, a, b);
    }
  case Connective::Or:
    switch (logic) {
    case Logic::product: {
      Value sum = add(a, b);
      Value product = mul(a, b);
      return sub(sum, product);
    }
    case Logic::lukasiewicz: {
      Value sum = add(a, b);
      return pick(builder, loc, arith::CmpFPredicate::OLT, sum, constant(1.0), sum, constant(1.0));
    }
    default: // a > b ? a : b
      return pick(builder, loc, arith::CmpFPredicate::OGT, a, b, a, b);
    }
  }
  return a;
}

void mlir::kq::emitConnectiveLoop(OpBuilder &builder, Location loc, Logic logic,
                                  Connective connective, Value a, Value b, Value out, Value size) {
  Type f64 = builder.getF64Type(), i64 = builder.getI64Type();
  Type ptr = LLVM::LLVMPointerType::get(builder.getContext());
  Value zero = builder.create<arith::ConstantIndexOp>(loc, 0);
  Value one = builder.create<arith::ConstantIndexOp>(loc, 1);
  Value upper = builder.create<arith::IndexCastOp>(loc, builder.getIndexType(), size);
  builder.create<scf::ForOp>(
      loc, zero, upper, one, ValueRange{},
      [&](OpBuilder &body, Location loc, Value index, ValueRange) {
        Value y = body.create<arith::IndexCastOp>(loc, i64, index);
        auto at = [&](Value base) {
          return body.create<LLVM::GEPOp>(loc, ptr, f64, base, ValueRange{y}).getResult();
        };
        Value left = body.create<LLVM::LoadOp>(loc, f64, at(a));
        Value right = b ? body.create<LLVM::LoadOp>(loc, f64, at(b)).getResult() : Value();
        Value result = emitConnective(body, loc, logic, connective, left, right);
        body.create<LLVM::StoreOp>(loc, result, at(out));
        body.create<scf::YieldOp>(loc);
      });
}
