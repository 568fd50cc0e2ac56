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

namespace {
/// for y in [0, size): body(builder, y, at) with at(base) the address of
/// the f64 at y of an array.
void emitEntityLoop(
    OpBuilder &builder, Location loc, Value size,
    llvm::function_ref<void(OpBuilder &, Location, llvm::function_ref<Value(Value)>)> body) {
  Type f64 = builder.getF64Type(), i64 = builder.getI64Type();
  Type ptr = LLVM::LLVMPointerType::get(builder.getContext());
  Value zero = builder.create<arith::ConstantIndexOp>(loc, 0);
  Value one = builder.create<arith::ConstantIndexOp>(loc, 1);
  Value upper = builder.create<arith::IndexCastOp>(loc, builder.getIndexType(), size);
  builder.create<scf::ForOp>(
      loc, zero, upper, one, ValueRange{},
      [&](OpBuilder &loop, Location loc, Value index, ValueRange) {
        Value y = loop.create<arith::IndexCastOp>(loc, i64, index);
        auto at = [&](Value base) {
          return loop.create<LLVM::GEPOp>(loc, ptr, f64, base, ValueRange{y}).getResult();
        };
        body(loop, loc, at);
        loop.create<scf::YieldOp>(loc);
      });
}
/// The larger of a and b, as std::max: a unless a < b.
Value larger(OpBuilder &builder, Location loc, Value a, Value b) {
  return pick(builder, loc, arith::CmpFPredicate::OLT, a, b, b, a);
}
} // namespace

void mlir::kq::emitConnectiveLoop(OpBuilder &builder, Location loc, Logic logic,
                                  Connective connective, Value a, Value b, Value out, Value size) {
  Type f64 = builder.getF64Type();
  emitEntityLoop(builder, loc, size, [&](OpBuilder &body, Location loc, auto at) {
    Value left = body.create<LLVM::LoadOp>(loc, f64, at(a));
    Value right = b;
    if (b && isa<LLVM::LLVMPointerType>(b.getType()))
      right = body.create<LLVM::LoadOp>(loc, f64, at(b));
    Value result = emitConnective(body, loc, logic, connective, left, right);
    body.create<LLVM::StoreOp>(loc, result, at(out));
  });
}

void mlir::kq::emitExistentialMaxLoop(OpBuilder &builder, Location loc, Logic logic, Value weight,
                                      Value value, Value accumulator, Value size) {
  Type f64 = builder.getF64Type();
  emitEntityLoop(builder, loc, size, [&](OpBuilder &body, Location loc, auto at) {
    Value degree = body.create<LLVM::LoadOp>(loc, f64, at(value));
    Value weighted = emitConnective(body, loc, logic, Connective::And, weight, degree);
    Value slot = at(accumulator);
    Value old = body.create<LLVM::LoadOp>(loc, f64, slot);
    body.create<LLVM::StoreOp>(loc, larger(body, loc, old, weighted), slot);
  });
}

Value mlir::kq::emitMaximum(OpBuilder &builder, Location loc, Value degrees, Value size) {
  Type f64 = builder.getF64Type(), i64 = builder.getI64Type();
  Type ptr = LLVM::LLVMPointerType::get(builder.getContext());
  Value zero = builder.create<arith::ConstantIndexOp>(loc, 0);
  Value one = builder.create<arith::ConstantIndexOp>(loc, 1);
  Value upper = builder.create<arith::IndexCastOp>(loc, builder.getIndexType(), size);
  Value none = builder.create<arith::ConstantOp>(loc, builder.getF64FloatAttr(0.0));
  auto loop = builder.create<scf::ForOp>(
      loc, zero, upper, one, ValueRange{none},
      [&](OpBuilder &body, Location loc, Value index, ValueRange best) {
        Value y = body.create<arith::IndexCastOp>(loc, i64, index);
        Value address = body.create<LLVM::GEPOp>(loc, ptr, f64, degrees, ValueRange{y});
        Value degree = body.create<LLVM::LoadOp>(loc, f64, address);
        body.create<scf::YieldOp>(loc, larger(body, loc, best.front(), degree));
      });
  return loop.getResult(0);
}
