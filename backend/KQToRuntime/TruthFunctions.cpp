//===- TruthFunctions.cpp - Fuzzy twins as functions on truth vectors -----===//

#include "backend/KQToRuntime/TruthFunctions.h"
#include "backend/KQToRuntime/TruthConnectives.h"
#include "ir/KQOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/TypeSwitch.h"

#include <optional>

using namespace mlir;
using namespace mlir::kq;

namespace {

/// Emits the body of one twin's function, op by op, into calls.
class TruthFunctionEmitter {
public:
  TruthFunctionEmitter(func::FuncOp function, RuntimeStrings &strings)
      : builder(function.getBody()), strings(strings),
        ptr(LLVM::LLVMPointerType::get(function.getContext())), eval(function.getArgument(0)),
        arguments(function.getArgument(1)) {
    numEntities = builder
                      .create<func::CallOp>(function.getLoc(), "kq_rt_truth_size",
                                            TypeRange{builder.getI64Type()}, ValueRange{eval})
                      .getResult(0);
  }

  /// The value `block` yields, its ops emitted with `mapping` (only those
  /// in `only`, when given: the others are emitted already).
  FailureOr<Value> emitBlock(Block &block, IRMapping &mapping,
                             const llvm::SmallPtrSetImpl<Operation *> *only = nullptr) {
    for (Operation &op : block) {
      if (auto yield = dyn_cast<YieldOp>(op))
        return mapping.lookup(yield.getResult());
      if (only && !only->count(&op))
        continue;
      FailureOr<Value> result = emit(op, mapping);
      if (failed(result))
        return failure();
      mapping.map(op.getResult(0), *result);
    }
    return failure();
  }

private:
  Value call(Location loc, StringRef function, ValueRange operands) {
    return builder.create<func::CallOp>(loc, function, TypeRange{ptr}, operands).getResult(0);
  }
  Value i32(Location loc, int32_t value) {
    return builder.create<LLVM::ConstantOp>(loc, builder.getI32Type(),
                                            builder.getI32IntegerAttr(value));
  }
  /// Argument `index` of the instance (an entity's or a relation's id).
  Value argument(Location loc, int32_t index) {
    Type i32Type = builder.getI32Type();
    Value address =
        builder.create<LLVM::GEPOp>(loc, ptr, i32Type, arguments, ValueRange{i32(loc, index)});
    return builder.create<LLVM::LoadOp>(loc, i32Type, address);
  }
  /// An existential leaf (`exists ?x . r(?x, ?y)`): the runtime defers
  /// it, and a conjunction with a sparse vector asks it only where that
  /// vector is above 0, so conjunctions with one stay runtime calls.
  static bool isLeaf(Value value) {
    auto fromUniverse = [](Value input) { return bool(input.getDefiningOp<UniverseOp>()); };
    if (auto project = value.getDefiningOp<ProjectOp>())
      return !project.getInverse() && fromUniverse(project.getInput());
    if (auto project = value.getDefiningOp<ProjectParamOp>())
      return !project.getInverse() && fromUniverse(project.getInput());
    return false;
  }
  /// The degrees of a vector (an existential leaf's filled in), to loop on.
  Value degrees(Location loc, Value vector) {
    return call(loc, "kq_rt_truth_degrees", {eval, vector});
  }
  /// A new vector of connective(a, b) over every entity, by a generated loop.
  Value pointwise(Location loc, Type type, Connective connective, Value a, Value b = {}) {
    Value result = call(loc, "kq_rt_truth_empty", {eval});
    Value left = degrees(loc, a), right = b ? degrees(loc, b) : Value();
    emitConnectiveLoop(builder, loc, logicOf(type), connective, left, right, degrees(loc, result),
                       numEntities);
    return result;
  }
  /// The conjunction of `inputs`: generated loops, with the leaves last,
  /// each conjoined by the runtime with what comes before it.
  Value conjunction(Location loc, Type type, ValueRange inputs, IRMapping &mapping) {
    SmallVector<Value> ordered;
    for (bool leaves : {false, true})
      for (Value input : inputs)
        if (isLeaf(input) == leaves)
          ordered.push_back(input);
    Value result = mapping.lookup(ordered.front());
    bool resultIsLeaf = isLeaf(ordered.front());
    for (Value input : ArrayRef<Value>(ordered).drop_front()) {
      if (resultIsLeaf || isLeaf(input))
        result = call(loc, "kq_rt_truth_and", {eval, result, mapping.lookup(input)});
      else
        result = pointwise(loc, type, Connective::And, result, mapping.lookup(input));
      resultIsLeaf = false;
    }
    return result;
  }

  FailureOr<Value> emit(Operation &op, IRMapping &mapping) {
    Location loc = op.getLoc();
    auto in = [&](Value value) { return mapping.lookup(value); };
    return TypeSwitch<Operation *, FailureOr<Value>>(&op)
        .Case([&](EntityOp entity) {
          return call(loc, "kq_rt_truth_entity",
                      {eval, strings.address(builder, loc, entity.getName())});
        })
        .Case([&](ParamOp param) {
          return call(loc, "kq_rt_truth_entity_id", {eval, argument(loc, param.getIndex())});
        })
        .Case([&](ProjectOp project) {
          return call(loc, "kq_rt_truth_project",
                      {eval, in(project.getInput()),
                       strings.address(builder, loc, project.getRelation()),
                       i32(loc, project.getInverse())});
        })
        .Case([&](ProjectParamOp project) {
          return call(loc, "kq_rt_truth_project_id",
                      {eval, in(project.getInput()), argument(loc, project.getIndex()),
                       i32(loc, project.getInverse())});
        })
        .Case([&](PathOp path) {
          Value frontier = in(path.getInput());
          for (auto [relation, inverse] : llvm::zip(path.getRelations(), path.getInverse()))
            frontier = call(loc, "kq_rt_truth_project",
                            {eval, frontier,
                             strings.address(builder, loc, cast<StringAttr>(relation).getValue()),
                             i32(loc, inverse)});
          return frontier;
        })
        .Case([&](SelfLoopsOp loops) {
          return call(loc, "kq_rt_truth_self_loops",
                      {eval, strings.address(builder, loc, loops.getRelation())});
        })
        .Case([&](IntersectOp intersect) {
          return conjunction(loc, intersect.getType(), intersect.getInputs(), mapping);
        })
        .Case([&](UnionOp unite) {
          Value result = in(unite.getInputs().front());
          for (Value input : unite.getInputs().drop_front())
            result = pointwise(loc, unite.getType(), Connective::Or, result, in(input));
          return result;
        })
        .Case([&](DifferenceOp difference) {
          Value lhs = in(difference.getLhs()), rhs = in(difference.getRhs());
          if (isLeaf(difference.getRhs()) && !isLeaf(difference.getLhs()))
            return call(loc, "kq_rt_truth_and_not", {eval, lhs, rhs});
          return pointwise(loc, difference.getType(), Connective::AndNot, lhs, rhs);
        })
        .Case([&](ComplementOp complement) {
          return pointwise(loc, complement.getType(), Connective::Not, in(complement.getInput()));
        })
        .Case([&](GuardOp guard) {
          // T(value(y), max condition), by generated loops.
          Value holds =
              emitMaximum(builder, loc, degrees(loc, in(guard.getCondition())), numEntities);
          Value result = call(loc, "kq_rt_truth_empty", {eval});
          Value valueDegrees = degrees(loc, in(guard.getValue()));
          Value resultDegrees = degrees(loc, result);
          emitConnectiveLoop(builder, loc, logicOf(guard.getType()), Connective::And, valueDegrees,
                             holds, resultDegrees, numEntities);
          return result;
        })
        .Case([&](UniverseOp) { return call(loc, "kq_rt_truth_universe", {eval}); })
        .Case([&](EmptyOp) { return call(loc, "kq_rt_truth_empty", {eval}); })
        .Case([&](ForEachOp forEach) { return emitForEach(forEach, mapping); })
        .Default([&](Operation *other) -> FailureOr<Value> {
          return other->emitOpError("has no reading on truth vectors, so the fuzzy twin of its "
                                    "query cannot be computed");
        });
  }

  /// A foreach whose body yields `not project(c, r)`, or `B and not
  /// project(c, r)` with B free of c (computed before): since a t-norm is
  /// associative and monotone, it is T(B, max_c T(set(c), 1 - r(c, y))),
  /// which the runtime computes from the rows of the best candidates alone
  /// (off its row a candidate gives its own degree).
  std::optional<Value> emitNegatedForEach(ForEachOp forEach, Value set,
                                          const llvm::SmallPtrSetImpl<Operation *> &bound,
                                          IRMapping &mapping) {
    Block &body = forEach.getBody().front();
    Value yielded = cast<YieldOp>(body.getTerminator()).getResult();
    Value negated, kept;
    if (auto complement = yielded.getDefiningOp<ComplementOp>()) {
      negated = complement.getInput();
    } else if (auto difference = yielded.getDefiningOp<DifferenceOp>()) {
      negated = difference.getRhs();
      kept = difference.getLhs();
      Operation *keptOp = kept.getDefiningOp();
      if (!keptOp || bound.count(keptOp))
        return std::nullopt;
    } else {
      return std::nullopt;
    }
    // The candidate's own projection, forwards.
    auto fromCandidate = [&](auto project) {
      return project && !project.getInverse() && project.getInput() == body.getArgument(0);
    };
    Location loc = forEach.getLoc();
    Value maxima;
    if (auto project = negated.getDefiningOp<ProjectOp>(); fromCandidate(project))
      maxima = call(loc, "kq_rt_truth_project_negated",
                    {eval, set, strings.address(builder, loc, project.getRelation())});
    else if (auto project = negated.getDefiningOp<ProjectParamOp>(); fromCandidate(project))
      maxima = call(loc, "kq_rt_truth_project_negated_id",
                    {eval, set, argument(loc, project.getIndex())});
    else
      return std::nullopt;
    if (!kept)
      return maxima;
    if (isLeaf(kept))
      return call(loc, "kq_rt_truth_and", {eval, maxima, mapping.lookup(kept)});
    return pointwise(loc, forEach.getType(), Connective::And, mapping.lookup(kept), maxima);
  }

  /// max over the candidates c of the input of T(input(c), body(c)) (of
  /// body(c) for a domain):
  ///   %n = kq_rt_truth_candidates(%set)   %acc = kq_rt_truth_empty()
  ///   (the body's ops that do not depend on %c, hoisted here)
  ///   scf.for %i = 0 to %n iter_args(%a = %acc) {
  ///     %mark = checkpoint  %c = candidate(%set, %i)  ...body...
  ///     %w = candidate_degree(%set, %i)
  ///     %a[y] = max(%a[y], T(%w, %y[y])) for every y (a generated loop)
  ///     release(%mark)  scf.yield %a }
  FailureOr<Value> emitForEach(ForEachOp forEach, IRMapping &mapping) {
    Location loc = forEach.getLoc();
    Type i64 = builder.getI64Type();
    Value set = mapping.lookup(forEach.getCandidates());
    // What the body computes without the bound variable (another anchor's
    // projection) is computed once, before the loop.
    Block &body = forEach.getBody().front();
    llvm::SmallPtrSet<Operation *, 16> bound;
    for (Operation &op : body) {
      bool uses = llvm::any_of(op.getOperands(), [&](Value operand) {
        return operand == body.getArgument(0) ||
               (operand.getDefiningOp() && bound.count(operand.getDefiningOp()));
      });
      if (uses || isa<YieldOp>(op) || op.getNumRegions() != 0)
        bound.insert(&op);
    }
    for (Operation &op : body) {
      if (bound.count(&op))
        continue;
      FailureOr<Value> hoisted = emit(op, mapping);
      if (failed(hoisted))
        return failure();
      mapping.map(op.getResult(0), *hoisted);
    }
    if (!forEach.getDomain())
      if (std::optional<Value> negated = emitNegatedForEach(forEach, set, bound, mapping))
        return *negated;
    Value count = builder
                      .create<func::CallOp>(loc, "kq_rt_truth_candidates", TypeRange{i64},
                                            ValueRange{eval, set})
                      .getResult(0);
    Value upper = builder.create<arith::IndexCastOp>(loc, builder.getIndexType(), count);
    Value zero = builder.create<arith::ConstantIndexOp>(loc, 0);
    Value one = builder.create<arith::ConstantIndexOp>(loc, 1);
    Value empty = call(loc, "kq_rt_truth_empty", {eval});
    auto loop = builder.create<scf::ForOp>(loc, zero, upper, one, ValueRange{empty});
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToStart(loop.getBody());
    Value index = builder.create<arith::IndexCastOp>(loc, i64, loop.getInductionVar());
    Value mark =
        builder
            .create<func::CallOp>(loc, "kq_rt_truth_checkpoint", TypeRange{i64}, ValueRange{eval})
            .getResult(0);
    Value candidate = call(loc, "kq_rt_truth_candidate", {eval, set, index});
    mapping.map(body.getArgument(0), candidate);
    FailureOr<Value> value = emitBlock(body, mapping, &bound);
    if (failed(value))
      return failure();
    Value accumulator = loop.getRegionIterArgs().front();
    // A domain's degrees do not weigh in (its atoms are in the body).
    Value weight =
        forEach.getDomain()
            ? builder.create<arith::ConstantOp>(loc, builder.getF64FloatAttr(1.0)).getResult()
            : builder
                  .create<func::CallOp>(loc, "kq_rt_truth_candidate_degree",
                                        TypeRange{builder.getF64Type()},
                                        ValueRange{eval, set, index})
                  .getResult(0);
    Value valueDegrees = degrees(loc, *value);
    Value accumulatorDegrees = degrees(loc, accumulator);
    emitExistentialMaxLoop(builder, loc, logicOf(forEach.getType()), weight, valueDegrees,
                           accumulatorDegrees, numEntities);
    builder.create<func::CallOp>(loc, "kq_rt_truth_release", TypeRange{}, ValueRange{eval, mark});
    builder.create<scf::YieldOp>(loc, accumulator);
    return loop.getResult(0);
  }

  OpBuilder builder;
  RuntimeStrings &strings;
  Type ptr;
  Value eval, arguments;
  Value numEntities; // i64, from kq_rt_truth_size at the function's start
};

} // namespace

std::string mlir::kq::truthFunctionName(StringRef query) { return ("kq.truth." + query).str(); }

LogicalResult mlir::kq::lowerFuzzyQueries(ModuleOp module, RuntimeStrings &strings) {
  for (QueryOp query : llvm::make_early_inc_range(module.getOps<QueryOp>())) {
    if (!isa<TruthVectorType>(query.getValueType()))
      continue;
    OpBuilder builder(query);
    Type ptr = LLVM::LLVMPointerType::get(query.getContext());
    auto function =
        builder.create<func::FuncOp>(query.getLoc(), truthFunctionName(query.getSymName()),
                                     builder.getFunctionType({ptr, ptr}, {ptr}));
    function.setPrivate();
    Block *entry = function.addEntryBlock();
    TruthFunctionEmitter emitter(function, strings);
    IRMapping mapping;
    FailureOr<Value> result = emitter.emitBlock(query.getBody().front(), mapping);
    if (failed(result))
      return failure();
    OpBuilder::atBlockEnd(entry).create<func::ReturnOp>(query.getLoc(), *result);
    query.erase();
  }
  return success();
}
