//===- Logic.cpp - The logics kq values compute under ---------------------===//

#include "ir/Logic.h"

#include "llvm/Support/ErrorHandling.h"

#include <algorithm>

using namespace mlir;
using namespace mlir::kq;

LogicLaws mlir::kq::lawsOf(Logic logic) {
  switch (logic) {
  case Logic::boolean:
    return {/*idempotent=*/true, /*nonContradiction=*/true, /*excludedMiddle=*/true};
  case Logic::godel:
    return {/*idempotent=*/true, /*nonContradiction=*/false, /*excludedMiddle=*/false};
  case Logic::product:
    return {/*idempotent=*/false, /*nonContradiction=*/false, /*excludedMiddle=*/false};
  case Logic::lukasiewicz:
    return {/*idempotent=*/false, /*nonContradiction=*/true, /*excludedMiddle=*/true};
  }
  llvm_unreachable("unknown logic");
}

Logic mlir::kq::logicOf(Type type) {
  if (auto truth = dyn_cast<TruthVectorType>(type))
    return truth.getLogic();
  return Logic::boolean;
}

Type mlir::kq::queryValueType(MLIRContext *context, Logic logic) {
  if (logic == Logic::boolean)
    return EntitySetType::get(context);
  return TruthVectorType::get(context, logic);
}

double mlir::kq::conjoin(Logic logic, double a, double b) {
  switch (logic) {
  case Logic::boolean:
  case Logic::godel:
    return std::min(a, b);
  case Logic::product:
    return a * b;
  case Logic::lukasiewicz:
    return std::max(0.0, a + b - 1.0);
  }
  llvm_unreachable("unknown logic");
}

double mlir::kq::disjoin(Logic logic, double a, double b) {
  switch (logic) {
  case Logic::boolean:
  case Logic::godel:
    return std::max(a, b);
  case Logic::product:
    return a + b - a * b;
  case Logic::lukasiewicz:
    return std::min(1.0, a + b);
  }
  llvm_unreachable("unknown logic");
}

LogicalResult TruthVectorType::verify(function_ref<InFlightDiagnostic()> emitError, Logic logic) {
  if (logic == Logic::boolean)
    return emitError() << "Boolean values are !kq.set, not !kq.truth<boolean>";
  return success();
}
