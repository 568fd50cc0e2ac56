//===- TraceTemplates.cpp - Traced copies of the templates prompts solve --===//

#include "backend/KQToRuntime/TraceTemplates.h"

#include "runtime/bench/TemplateFields.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseMap.h"

using namespace mlir;
using namespace mlir::kq;

namespace {

constexpr StringLiteral kTracePrefix = "trace.";

/// Splits each kq.path into its projections and makes each complement a
/// difference from every entity, so that every step is one skill's.
void expandToSkillSteps(QueryOp query) {
  SmallVector<Operation *> ops;
  query.walk([&](Operation *op) {
    if (isa<PathOp, ComplementOp>(op))
      ops.push_back(op);
  });
  for (Operation *op : ops) {
    OpBuilder builder(op);
    Location loc = op->getLoc();
    Value result;
    if (auto path = dyn_cast<PathOp>(op)) {
      result = path.getInput();
      for (auto [relation, inverse] : llvm::zip(path.getRelations(), path.getInverse()))
        result = builder.create<ProjectOp>(loc, result.getType(), result,
                                           cast<StringAttr>(relation), inverse);
    } else {
      auto complement = cast<ComplementOp>(op);
      Value all = builder.create<UniverseOp>(loc, complement.getType());
      result = builder.create<DifferenceOp>(loc, complement.getType(), all, complement.getInput());
    }
    op->getResult(0).replaceAllUsesWith(result);
    op->erase();
  }
}

} // namespace

bool mlir::kq::isTracedTemplate(QueryOp query) {
  return query.getSymName().starts_with(kTracePrefix);
}

FailureOr<TracedTemplate> mlir::kq::traceTemplate(QueryOp query) {
  OpBuilder builder(query);
  auto traced = cast<QueryOp>(builder.clone(*query));
  TracedTemplate result;
  result.symbol = (kTracePrefix + query.getSymName()).str();
  traced.setSymName(result.symbol);
  expandToSkillSteps(traced);

  llvm::DenseMap<Value, int32_t> stepOf;
  auto field = [](std::string &step, const Twine &text) {
    step += ::kq::runtime::kFieldSeparator + text.str();
  };
  for (Operation &op : llvm::make_early_inc_range(traced.getBody().front())) {
    if (isa<YieldOp>(op))
      continue;
    std::string step;
    if (auto entity = dyn_cast<EntityOp>(op)) {
      step = "e";
      field(step, ::kq::runtime::encodeConstant(entity.getName()));
    } else if (auto param = dyn_cast<ParamOp>(op)) {
      step = "p";
      field(step, "p" + Twine(param.getIndex()));
    } else if (isa<UniverseOp>(op)) {
      step = "a";
    } else if (isa<EmptyOp>(op)) {
      step = "n";
    } else if (auto project = dyn_cast<ProjectOp>(op)) {
      step = project.getInverse() ? "b" : "f";
      field(step, ::kq::runtime::encodeConstant(project.getRelation()));
    } else if (auto project = dyn_cast<ProjectParamOp>(op)) {
      step = project.getInverse() ? "b" : "f";
      field(step, "p" + Twine(project.getIndex()));
    } else if (isa<IntersectOp>(op)) {
      step = "i";
    } else if (isa<UnionOp>(op)) {
      step = "u";
    } else if (isa<DifferenceOp>(op)) {
      step = "x";
    } else {
      InFlightDiagnostic diagnostic =
          op.emitOpError("is not a step of a skill, so the template cannot be traced for a prompt");
      traced.erase();
      return diagnostic;
    }
    for (Value input : op.getOperands())
      field(step, Twine(stepOf.lookup(input)));
    Value set = op.getResult(0);
    stepOf[set] = result.numSteps;
    OpBuilder after(&op);
    after.setInsertionPointAfter(&op);
    after.create<TraceOp>(op.getLoc(), set, result.numSteps);
    result.steps += step + '\0';
    ++result.numSteps;
  }
  return result;
}
