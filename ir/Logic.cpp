//===- Logic.cpp - The logics kq values compute under ---------------------===//

#include "ir/Logic.h"
#include "ir/Connectives.h"

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
  return ::kq::connectives::conjoin(static_cast<::kq::options::Logic>(logic), a, b);
}

double mlir::kq::disjoin(Logic logic, double a, double b) {
  return ::kq::connectives::disjoin(static_cast<::kq::options::Logic>(logic), a, b);
}

LogicalResult TruthVectorType::verify(function_ref<InFlightDiagnostic()> emitError, Logic logic) {
  if (logic == Logic::boolean)
    return emitError() << "Boolean values are !kq.set, not !kq.truth<boolean>";
  return success();
}
