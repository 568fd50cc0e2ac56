//===- KQOps.cpp - Verifiers, folders and canonicalisations of kq ops -----===//

#include "ir/KQOps.h"
#include "ir/Logic.h"
#include "ir/Options.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"

#include <cmath>

using namespace mlir;
using namespace mlir::kq;

//===----------------------------------------------------------------------===//
// Lists of options: `[tf, mc]`, `per [relation, direction]`
//===----------------------------------------------------------------------===//

/// `[a, b, ...]` of option keywords into an array of `Attr`.
template <typename Attr> static ParseResult parseOptionList(OpAsmParser &parser, ArrayAttr &list) {
  using Enum = decltype(std::declval<Attr>().getValue());
  SmallVector<Attribute> values;
  auto parseOne = [&]() -> ParseResult {
    SMLoc at = parser.getCurrentLocation();
    StringRef keyword;
    if (parser.parseKeyword(&keyword))
      return failure();
    auto value = symbolizeEnum<Enum>(keyword);
    if (!value)
      return parser.emitError(at, "unknown option '")
             << keyword << "'; expected " << optionList<Enum>();
    values.push_back(Attr::get(parser.getContext(), *value));
    return success();
  };
  if (parser.parseCommaSeparatedList(OpAsmParser::Delimiter::Square, parseOne))
    return failure();
  list = parser.getBuilder().getArrayAttr(values);
  return success();
}

template <typename Attr> static void printOptionList(OpAsmPrinter &printer, ArrayAttr list) {
  printer << "[";
  llvm::interleaveComma(list, printer, [&](Attribute value) {
    printer << stringifyEnum(cast<Attr>(value).getValue());
  });
  printer << "]";
}

static ParseResult parseQuizFormats(OpAsmParser &parser, ArrayAttr &formats) {
  return parseOptionList<QuizFormatAttr>(parser, formats);
}
static void printQuizFormats(OpAsmPrinter &printer, Operation *, ArrayAttr formats) {
  printOptionList<QuizFormatAttr>(printer, formats);
}

static ParseResult parseBreakdowns(OpAsmParser &parser, ArrayAttr &per) {
  return parseOptionList<BreakdownAttr>(parser, per);
}
static void printBreakdowns(OpAsmPrinter &printer, Operation *, ArrayAttr per) {
  printOptionList<BreakdownAttr>(printer, per);
}

static constexpr llvm::StringLiteral kSplitNames[] = {"train", "valid", "test"};

llvm::ArrayRef<llvm::StringLiteral> mlir::kq::graphSplitNames() { return kSplitNames; }

/// The type of a query value, written only when it is not the Boolean
/// `!kq.set`: `kq.intersect %a, %b : !kq.truth<product>`.
static ParseResult parseSemantics(OpAsmParser &parser, Type &type) {
  if (failed(parser.parseOptionalColon())) {
    type = EntitySetType::get(parser.getContext());
    return success();
  }
  return parser.parseType(type);
}

static void printSemantics(OpAsmPrinter &printer, Operation *, Type type) {
  if (!isa<EntitySetType>(type))
    printer << " : " << type;
}

/// Whether a query's values may be of `type` under the laws `DRR` patterns
/// check (see KQPatterns.td).
static bool isIdempotent(Type type) { return lawsOf(type).idempotent; }

#define GET_OP_CLASSES
#include "ir/KQOps.cpp.inc"

namespace {
#include "ir/KQPatterns.inc"
} // namespace

//===----------------------------------------------------------------------===//
// Declarations and statements
//===----------------------------------------------------------------------===//

LogicalResult GraphOp::verify() {
  if (getPath().empty())
    return emitOpError("needs a non-empty path");
  return success();
}

Type QueryOp::getValueType() {
  return cast<YieldOp>(getBody().front().getTerminator()).getResult().getType();
}

/// Whether every piece of `pieces` is a string or, as `isPlace` says, a
/// place in it (a parameter's index, an atom's fields).
static bool arePieces(ArrayAttr pieces, llvm::function_ref<bool(Attribute)> isPlace) {
  return llvm::all_of(pieces,
                      [&](Attribute piece) { return isa<StringAttr>(piece) || isPlace(piece); });
}

/// Whether `attribute` is an array of `size` strings.
static bool isFieldArray(Attribute attribute, size_t size) {
  auto fields = dyn_cast<ArrayAttr>(attribute);
  return fields && fields.size() == size &&
         llvm::all_of(fields, [](Attribute field) { return isa<StringAttr>(field); });
}

LogicalResult QueryOp::verifyRegions() {
  if (auto pattern = getPattern())
    for (Attribute atom : *pattern)
      if (!isFieldArray(atom, 4))
        return emitOpError("pattern atom ") << atom << " is not [relation, subject, object, sign]";
  size_t numParameters = getParameters() ? getParameters()->size() : 0;
  if (auto text = getText())
    if (!arePieces(*text, [&](Attribute piece) {
          auto index = dyn_cast<IntegerAttr>(piece);
          return index && index.getInt() >= 0 && uint64_t(index.getInt()) < numParameters;
        }))
      return emitOpError("text pieces must be strings and indexes of the template's parameters");
  Block &body = getBody().front();
  if (body.getNumArguments() != 0)
    return emitOpError("body takes no arguments");
  if (!isa<YieldOp>(body.getTerminator()))
    return emitOpError("body must end in 'kq.yield'");
  // One query, one logic: the ops' own verifiers keep each op's operands and
  // result alike, this keeps the ops alike.
  Type valueType = getValueType();
  WalkResult mixed = walk([&](Operation *op) {
    for (Type type : op->getResultTypes())
      if (isa<EntitySetType, TruthVectorType>(type) && type != valueType) {
        op->emitOpError("computes ") << type << " in a query that yields " << valueType
                                     << "; a query computes under one logic";
        return WalkResult::interrupt();
      }
    return WalkResult::advance();
  });
  return failure(mixed.wasInterrupted());
}

LogicalResult ForEachOp::verifyRegions() {
  Block &body = getBody().front();
  if (body.getNumArguments() != 1 || body.getArgument(0).getType() != getType())
    return emitOpError("body takes one argument of the candidates' type, the enumerated entity");
  if (!isa<YieldOp>(body.getTerminator()))
    return emitOpError("body must end in 'kq.yield'");
  if (cast<YieldOp>(body.getTerminator()).getResult().getType() != getType())
    return emitOpError("body must yield the candidates' type");
  return success();
}

/// Statements that report exact answers need a Boolean query.
static LogicalResult verifyBooleanQuery(Operation *op, QueryOp query) {
  if (isa<EntitySetType>(query.getValueType()))
    return success();
  return op->emitOpError("needs a Boolean query, but '")
         << query.getSymName() << "' computes " << query.getValueType();
}

/// A statement's splits: at least one, each known, none twice.
static LogicalResult verifySplits(Operation *op, ArrayAttr splits) {
  if (splits.empty())
    return op->emitOpError("needs at least one split");
  llvm::SmallPtrSet<Attribute, 3> seen;
  for (Attribute split : splits) {
    StringRef name = cast<StringAttr>(split).getValue();
    if (!llvm::is_contained(graphSplitNames(), name))
      return op->emitOpError("unknown split '") << name << "'; expected train, valid or test";
    if (!seen.insert(split).second)
      return op->emitOpError("split '") << name << "' is named twice";
  }
  return success();
}

LogicalResult AnswerOp::verify() { return verifySplits(*this, getSplits()); }

LogicalResult EvaluateOp::verify() { return verifySplits(*this, getSplits()); }

LogicalResult AnswerBatchOp::verify() {
  if (failed(verifySplits(*this, getSplits())))
    return failure();
  if (getLabels().size() != getTemplates().size())
    return emitOpError("needs one label a template, got ")
           << getLabels().size() << " for " << getTemplates().size();
  if (getInstanceOf().size() != getArguments().size())
    return emitOpError("needs one template index a row of arguments, got ")
           << getInstanceOf().size() << " for " << getArguments().size();
  for (int32_t index : getInstanceOf())
    if (index < 0 || size_t(index) >= getTemplates().size())
      return emitOpError("template index ") << index << " is out of range";
  return success();
}

LogicalResult AnswerBatchOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  if (!symbolTable.lookupNearestSymbolFrom<GraphOp>(*this, getGraphAttr()))
    return emitOpError("'") << getGraph() << "' does not name a kq.graph";
  SmallVector<size_t> numParameters;
  for (Attribute symbol : getTemplates()) {
    auto query = symbolTable.lookupNearestSymbolFrom<QueryOp>(*this, cast<SymbolRefAttr>(symbol));
    if (!query || !query.getParameters())
      return emitOpError() << symbol << " does not name a template kq.query";
    if (failed(verifyBooleanQuery(*this, query)))
      return failure();
    numParameters.push_back(query.getParameters()->size());
  }
  for (auto [index, row] : llvm::zip(getInstanceOf(), getArguments()))
    if (cast<ArrayAttr>(row).size() != numParameters[index])
      return emitOpError("a row of ")
             << cast<ArrayAttr>(row).size() << " arguments for a template of "
             << numParameters[index] << " parameters";
  return success();
}

LogicalResult EvaluateOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  if (!symbolTable.lookupNearestSymbolFrom<GraphOp>(*this, getGraphAttr()))
    return emitOpError("'") << getGraph() << "' does not name a kq.graph";
  return success();
}

LogicalResult AnswerOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  auto answered = symbolTable.lookupNearestSymbolFrom<QueryOp>(*this, getQueryAttr());
  if (!answered)
    return emitOpError("'") << getQuery() << "' does not name a kq.query";
  if (failed(verifyBooleanQuery(*this, answered)))
    return failure();
  if (auto symbol = getOpenTemplateAttr()) {
    auto query = symbolTable.lookupNearestSymbolFrom<QueryOp>(*this, symbol);
    if (!query || !query.getParameters())
      return emitOpError("'") << symbol.getValue() << "' does not name a template kq.query";
  }
  if (!symbolTable.lookupNearestSymbolFrom<GraphOp>(*this, getGraphAttr()))
    return emitOpError("'") << getGraph() << "' does not name a kq.graph";
  return success();
}

LogicalResult ModelOp::verify() {
  if (getPath().empty())
    return emitOpError("needs a non-empty path");
  return success();
}

LogicalResult ModelOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  if (!symbolTable.lookupNearestSymbolFrom<GraphOp>(*this, getGraphAttr()))
    return emitOpError("'") << getGraph() << "' does not name a kq.graph";
  return success();
}

LogicalResult LinkPredOp::verify() {
  if (!llvm::is_contained(graphSplitNames(), getSplit()))
    return emitOpError("unknown split '") << getSplit() << "'; expected train, valid or test";
  llvm::SmallPtrSet<Attribute, 2> seen;
  for (Attribute breakdown : getPer()) {
    StringRef name = stringifyEnum(cast<BreakdownAttr>(breakdown).getValue());
    if (!seen.insert(breakdown).second)
      return emitOpError("'") << name << "' is named twice in 'per'";
  }
  return success();
}

/// That `model` names a kq.model of graph `graph` (`whose` says where the
/// graph comes from in the error).
static LogicalResult verifyModelOfGraph(Operation *op, SymbolTableCollection &symbolTable,
                                        FlatSymbolRefAttr model, StringRef graph, StringRef whose) {
  auto declared = symbolTable.lookupNearestSymbolFrom<ModelOp>(op, model);
  if (!declared)
    return op->emitOpError("'") << model.getValue() << "' does not name a kq.model";
  if (declared.getGraph() != graph)
    return op->emitOpError("model '")
           << model.getValue() << "' belongs to graph '" << declared.getGraph() << "', not to "
           << whose << "'" << graph << "'";
  return success();
}

LogicalResult LinkPredOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  return verifyModelOfGraph(*this, symbolTable, getModelAttr(), getGraph(), "");
}

LogicalResult EvalOp::verify() {
  if (bool(getModel()) == bool(getScores()))
    return emitOpError("needs a model or a scores file, not both");
  if (bool(getScores()) != bool(getScoresPath()))
    return emitOpError("needs the path of its scores file");
  if (getLogic() == Logic::boolean)
    return emitOpError("needs a fuzzy logic: godel, product or lukasiewicz");
  double threshold = getThreshold().convertToDouble();
  if (!(threshold >= 0 && threshold < 1))
    return emitOpError("threshold ") << threshold << " is not in [0, 1)";
  return success();
}

LogicalResult EvalOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  auto bench = symbolTable.lookupNearestSymbolFrom<SampleOp>(*this, getBenchAttr());
  if (!bench)
    return emitOpError("'") << getBench() << "' does not name a kq.sample";
  if (auto seen = getSeenAttr();
      seen && !symbolTable.lookupNearestSymbolFrom<SampleOp>(*this, seen))
    return emitOpError("seen '") << *getSeen() << "' does not name a kq.sample";
  if (auto twins = getTwinsAttr()) {
    if (twins.size() != bench.getTemplates().size())
      return emitOpError("has ") << twins.size() << " twins for the " << bench.getTemplates().size()
                                 << " templates of the bench";
    Type truth = queryValueType(getContext(), getLogic());
    for (Attribute symbol : twins) {
      auto twin = symbolTable.lookupNearestSymbolFrom<QueryOp>(*this, cast<SymbolRefAttr>(symbol));
      if (!twin || twin.getValueType() != truth)
        return emitOpError() << symbol << " does not name a kq.query of " << truth;
    }
  }
  if (auto model = getModelAttr())
    return verifyModelOfGraph(*this, symbolTable, model, bench.getGraph(), "the benchmark's ");
  return success();
}

/// The kind (`entity`, `relation`) of parameter `index` of the template
/// around `op`, or an error.
static FailureOr<StringRef> templateParameterKind(Operation *op, int32_t index) {
  auto query = op->getParentOfType<QueryOp>();
  if (!query || !query.getParameters())
    return op->emitOpError("must be inside a template kq.query (one with 'parameters')");
  ArrayAttr parameters = *query.getParameters();
  if (index < 0 || size_t(index) >= parameters.size())
    return op->emitOpError("parameter ")
           << index << " is out of range: the template has " << parameters.size();
  return cast<StringAttr>(parameters[index]).getValue();
}

LogicalResult ParamOp::verify() {
  FailureOr<StringRef> kind = templateParameterKind(*this, getIndex());
  if (failed(kind))
    return failure();
  if (*kind != "entity")
    return emitOpError("parameter ") << getIndex() << " is a relation, not an entity";
  return success();
}

LogicalResult ProjectParamOp::verify() {
  FailureOr<StringRef> kind = templateParameterKind(*this, getIndex());
  if (failed(kind))
    return failure();
  if (*kind != "relation")
    return emitOpError("parameter ") << getIndex() << " is an entity, not a relation";
  return success();
}

LogicalResult SampleOp::verify() {
  if (failed(verifySplits(*this, getObserved())) || failed(verifySplits(*this, getFull())))
    return failure();
  for (Attribute split : getObserved())
    if (!llvm::is_contained(getFull(), split))
      return emitOpError("observed split ") << split << " is not part of the full graph";
  if (getCount() < 1)
    return emitOpError("count must be at least 1");
  if (getTemplates().empty())
    return emitOpError("needs at least one template");
  return success();
}

LogicalResult SampleOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  if (!symbolTable.lookupNearestSymbolFrom<GraphOp>(*this, getGraphAttr()))
    return emitOpError("'") << getGraph() << "' does not name a kq.graph";
  for (Attribute symbol : getTemplates()) {
    auto query = symbolTable.lookupNearestSymbolFrom<QueryOp>(*this, cast<SymbolRefAttr>(symbol));
    if (!query)
      return emitOpError() << symbol << " does not name a kq.query";
    if (!query.getParameters() || !query.getPattern() || !query.getText())
      return emitOpError() << symbol << " is not a template with a pattern and a text";
    if (failed(verifyBooleanQuery(*this, query)))
      return failure();
  }
  if (auto exclude = getExclude())
    for (Attribute symbol : *exclude)
      if (!symbolTable.lookupNearestSymbolFrom<SampleOp>(*this, cast<SymbolRefAttr>(symbol)))
        return emitOpError("excluded ") << symbol << " does not name a kq.sample";
  return success();
}

LogicalResult EmitOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  if (symbolTable.lookupNearestSymbolFrom<QuizOp>(*this, getSourceAttr()) ||
      symbolTable.lookupNearestSymbolFrom<PromptOp>(*this, getSourceAttr())) {
    if (getFormat() != EmitFormat::JSONL)
      return emitOpError("a quiz or prompt set is written as JSON lines, not in format '")
             << stringifyEnum(getFormat()) << "'";
    return success();
  }
  if (!symbolTable.lookupNearestSymbolFrom<SampleOp>(*this, getSourceAttr()))
    return emitOpError("'") << getSource()
                            << "' does not name a kq.sample, a kq.quiz or a kq.prompt";
  return success();
}

LogicalResult QuizOp::verify() {
  if (failed(verifySplits(*this, getSplits())))
    return failure();
  if (getFormats().empty())
    return emitOpError("needs at least one format");
  llvm::SmallPtrSet<Attribute, 5> seen;
  for (Attribute format : getFormats()) {
    StringRef name = stringifyEnum(cast<QuizFormatAttr>(format).getValue());
    if (!seen.insert(format).second)
      return emitOpError("format '") << name << "' is named twice";
  }
  if (getCount() < 1)
    return emitOpError("count must be at least 1");
  return success();
}

LogicalResult QuizOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  if (!symbolTable.lookupNearestSymbolFrom<GraphOp>(*this, getGraphAttr()))
    return emitOpError("'") << getGraph() << "' does not name a kq.graph";
  return success();
}

//===----------------------------------------------------------------------===//
// Set operations
//===----------------------------------------------------------------------===//

namespace {

/// The algebra intersection and union share: both are associative and
/// commutative, each has an identity and an absorbing set (universe and
/// empty, swapped). Where the logic is idempotent (Boolean, Goedel), each
/// also absorbs its dual: a & (a | b) == a, a | (a & b) == a.
template <typename CombineOp, typename DualOp, typename IdentityOp, typename AbsorbingOp>
struct SetCombineAlgebra {
  static LogicalResult verify(CombineOp op) {
    if (op.getInputs().size() < 2)
      return op.emitOpError("needs at least two inputs");
    return success();
  }

  /// x op x op ... op x == x
  static OpFoldResult fold(CombineOp op) {
    if (!lawsOf(op.getType()).idempotent)
      return {};
    Value first = op.getInputs().front();
    if (llvm::all_of(op.getInputs(), [&](Value input) { return input == first; }))
      return first;
    return {};
  }

  ///   combine(combine(a, b), c)     ->  combine(a, b, c)   (inner used once)
  ///   combine(a, identity)          ->  a
  ///   combine(a, absorbing)         ->  absorbing
  /// and where the logic is idempotent
  ///   combine(a, b, b)              ->  combine(a, b)
  ///   combine(a, dual(a, b))        ->  a
  struct Simplify : public OpRewritePattern<CombineOp> {
    using OpRewritePattern<CombineOp>::OpRewritePattern;
    LogicalResult matchAndRewrite(CombineOp op, PatternRewriter &rewriter) const override {
      const bool idempotent = lawsOf(op.getType()).idempotent;
      llvm::SmallVector<Value> inputs;
      llvm::SmallPtrSet<Value, 8> seen;
      bool changed = false;
      auto add = [&](Value input) {
        if (seen.insert(input).second || !idempotent)
          inputs.push_back(input);
        else
          changed = true;
      };
      for (Value input : op.getInputs()) {
        auto nested = input.getDefiningOp<CombineOp>();
        if (nested && nested->hasOneUse()) {
          changed = true;
          llvm::for_each(nested.getInputs(), add);
        } else {
          add(input);
        }
      }
      for (Value input : inputs)
        if (input.getDefiningOp<AbsorbingOp>()) {
          rewriter.replaceOp(op, input);
          return success();
        }
      auto isRedundant = [&](Value input) {
        if (input.getDefiningOp<IdentityOp>())
          return true;
        auto dual = input.getDefiningOp<DualOp>();
        return idempotent && dual && llvm::any_of(dual.getInputs(), [&](Value inner) {
                 return inner != input && seen.count(inner);
               });
      };
      size_t before = inputs.size();
      llvm::erase_if(inputs, isRedundant);
      changed |= inputs.size() != before;
      if (!changed)
        return failure();
      if (inputs.empty())
        rewriter.replaceOpWithNewOp<IdentityOp>(op, op.getType());
      else if (inputs.size() == 1)
        rewriter.replaceOp(op, inputs.front());
      else
        rewriter.replaceOpWithNewOp<CombineOp>(op, op.getType(), inputs);
      return success();
    }
  };
};

using IntersectAlgebra = SetCombineAlgebra<IntersectOp, UnionOp, UniverseOp, EmptyOp>;
using UnionAlgebra = SetCombineAlgebra<UnionOp, IntersectOp, EmptyOp, UniverseOp>;

/// x \ universe, empty \ x -> empty; x \ empty -> x; universe \ x -> !x;
/// x \ x -> empty where the logic has no contradictions (Boolean,
/// Lukasiewicz: max(0, x + (1 - x) - 1) == 0; not min(x, 1 - x)).
struct SimplifyDifference : public OpRewritePattern<DifferenceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(DifferenceOp op, PatternRewriter &rewriter) const override {
    Value lhs = op.getLhs(), rhs = op.getRhs();
    bool selfDifference = lhs == rhs && lawsOf(op.getType()).nonContradiction;
    if (selfDifference || rhs.getDefiningOp<UniverseOp>() || lhs.getDefiningOp<EmptyOp>()) {
      rewriter.replaceOpWithNewOp<EmptyOp>(op, op.getType());
      return success();
    }
    if (rhs.getDefiningOp<EmptyOp>()) {
      rewriter.replaceOp(op, lhs);
      return success();
    }
    if (lhs.getDefiningOp<UniverseOp>()) {
      rewriter.replaceOpWithNewOp<ComplementOp>(op, op.getType(), rhs);
      return success();
    }
    return failure();
  }
};

/// !empty -> universe, !universe -> empty
struct SimplifyComplement : public OpRewritePattern<ComplementOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ComplementOp op, PatternRewriter &rewriter) const override {
    if (op.getInput().getDefiningOp<EmptyOp>()) {
      rewriter.replaceOpWithNewOp<UniverseOp>(op, op.getType());
      return success();
    }
    if (op.getInput().getDefiningOp<UniverseOp>()) {
      rewriter.replaceOpWithNewOp<EmptyOp>(op, op.getType());
      return success();
    }
    return failure();
  }
};

} // namespace

LogicalResult IntersectOp::verify() { return IntersectAlgebra::verify(*this); }
OpFoldResult IntersectOp::fold(FoldAdaptor) { return IntersectAlgebra::fold(*this); }
void IntersectOp::getCanonicalizationPatterns(RewritePatternSet &patterns, MLIRContext *context) {
  patterns.add<IntersectAlgebra::Simplify>(context);
}

LogicalResult UnionOp::verify() { return UnionAlgebra::verify(*this); }
OpFoldResult UnionOp::fold(FoldAdaptor) { return UnionAlgebra::fold(*this); }
void UnionOp::getCanonicalizationPatterns(RewritePatternSet &patterns, MLIRContext *context) {
  patterns.add<UnionAlgebra::Simplify>(context);
}

LogicalResult PathOp::verify() {
  if (getRelations().size() < 2)
    return emitOpError("needs at least two relations; one is a kq.project");
  if (getInverse().size() != getRelations().size())
    return emitOpError("needs one inverse flag per relation, got ")
           << getInverse().size() << " for " << getRelations().size();
  return success();
}

/// Projecting nothing gives nothing.
OpFoldResult ProjectOp::fold(FoldAdaptor) {
  if (getInput().getDefiningOp<EmptyOp>())
    return getInput();
  return {};
}

/// A guard on the universe always passes; nothing guarded, or a guard on
/// nothing, gives nothing.
OpFoldResult GuardOp::fold(FoldAdaptor) {
  if (getCondition().getDefiningOp<UniverseOp>())
    return getValue();
  if (getValue().getDefiningOp<EmptyOp>())
    return getValue();
  if (getCondition().getDefiningOp<EmptyOp>())
    return getCondition();
  return {};
}

/// Enumerating no candidates gives nothing.
OpFoldResult ForEachOp::fold(FoldAdaptor) {
  if (getCandidates().getDefiningOp<EmptyOp>())
    return getCandidates();
  return {};
}

namespace {
/// foreach c in X { ...; yield project(Y, r) } ->
/// project(foreach c in X { ...; yield Y }, r): a projection distributes over
/// the union of sets, and over the supremum of truth vectors, since a t-norm
/// is associative and monotone (T(w, max_e T(Y(e), v)) = max_e T(T(w, Y(e)),
/// v)). The relation is then followed once for all the candidates instead
/// of once for each.
struct HoistProjectionOutOfForEach : public OpRewritePattern<ForEachOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ForEachOp forEach, PatternRewriter &rewriter) const override {
    Operation *yield = forEach.getBody().front().getTerminator();
    Operation *projection = yield->getOperand(0).getDefiningOp();
    if (!projection || !isa<ProjectOp, ProjectParamOp>(projection) || !projection->hasOneUse() ||
        projection->getParentRegion() != &forEach.getBody())
      return failure();
    Value projected = projection->getOperand(0);
    rewriter.modifyOpInPlace(yield, [&] { yield->setOperand(0, projected); });
    rewriter.setInsertionPointAfter(forEach);
    IRMapping mapping;
    mapping.map(projected, forEach.getResult());
    Operation *hoisted = rewriter.clone(*projection, mapping);
    rewriter.replaceAllUsesExcept(forEach.getResult(), hoisted->getResult(0), hoisted);
    rewriter.eraseOp(projection);
    return success();
  }
};
} // namespace

void ForEachOp::getCanonicalizationPatterns(RewritePatternSet &patterns, MLIRContext *context) {
  patterns.add<HoistProjectionOutOfForEach>(context);
}

void DifferenceOp::getCanonicalizationPatterns(RewritePatternSet &patterns, MLIRContext *context) {
  patterns.add<RepeatedDifference, SimplifyDifference>(context);
}

void ComplementOp::getCanonicalizationPatterns(RewritePatternSet &patterns, MLIRContext *context) {
  patterns.add<DoubleComplement, SimplifyComplement>(context);
}

//===----------------------------------------------------------------------===//
// Prompt programs
//===----------------------------------------------------------------------===//

StringRef mlir::kq::programName(StringRef symbol) {
  for (StringRef prefix : {"template.", "skill.", "llm."})
    if (symbol.consume_front(prefix))
      break;
  return symbol;
}

std::string SkillOp::checkStep(SkillOperation operation, StringRef step) {
  SmallVector<StringRef, 3> allowed{"output"};
  if (operation == SkillOperation::Follow || operation == SkillOperation::FollowBack)
    allowed.append({"relation", "input"});
  else if (operation == SkillOperation::Exclude)
    allowed.append({"input", "excluded"});
  else
    allowed.push_back("inputs");
  for (size_t at = step.find('{'); at != StringRef::npos; at = step.find('{', at + 1)) {
    size_t close = step.find('}', at);
    if (close == StringRef::npos)
      return "a '{' in the step is not closed by '}'";
    StringRef name = step.slice(at + 1, close);
    if (!llvm::is_contained(allowed, name))
      return ("unknown placeholder {" + name + "} in a step of '" + stringifyEnum(operation) +
              "'; it may use {" + llvm::join(allowed, "}, {") + "}")
          .str();
  }
  return "";
}

LogicalResult SkillOp::verify() {
  std::string problem = checkStep(getTeaches(), getStep());
  if (!problem.empty())
    return emitOpError(problem);
  return success();
}

LogicalResult SkillBlockOp::verify() {
  if (failed(verifySplits(*this, getSplits())))
    return failure();
  if (getMaxShown() < 1)
    return emitOpError("max_shown must be at least 1");
  return success();
}

LogicalResult SkillBlockOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  if (!symbolTable.lookupNearestSymbolFrom<SkillOp>(*this, getSkillAttr()))
    return emitOpError("'") << getSkill() << "' does not name a kq.skill";
  if (!symbolTable.lookupNearestSymbolFrom<GraphOp>(*this, getGraphAttr()))
    return emitOpError("'") << getGraph() << "' does not name a kq.graph";
  return success();
}

LogicalResult PromptOp::verify() {
  if (getMaxShown() < 1)
    return emitOpError("max_shown must be at least 1");
  for (Operation &op : getBody().front())
    if (!isa<PromptCaseOp>(op))
      return op.emitOpError("cannot stand in a kq.prompt: it holds kq.prompt_case ops");
  return success();
}

LogicalResult PromptOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  auto bench = symbolTable.lookupNearestSymbolFrom<SampleOp>(*this, getBenchAttr());
  if (!bench)
    return emitOpError("'") << getBench() << "' does not name a kq.sample";
  for (auto promptCase : getBody().front().getOps<PromptCaseOp>())
    if (!llvm::is_contained(bench.getTemplates(), promptCase.getOfAttr()))
      return promptCase.emitOpError()
             << promptCase.getOfAttr() << " is not a template of " << getBenchAttr();
  return success();
}

LogicalResult PromptCaseOp::verify() {
  size_t numOperations = optionNames<SkillOperation>().size();
  if (getSkills().size() != numOperations)
    return emitOpError("names ") << getSkills().size() << " skills, not one for each of the "
                                 << numOperations << " operations";
  if (!arePieces(getQuestion(), [](Attribute piece) { return isFieldArray(piece, 3); }))
    return emitOpError("question pieces must be strings and atoms [relation, subject, object]");
  auto questions = getBody().front().getOps<QuestionOp>();
  if (std::distance(questions.begin(), questions.end()) != 1)
    return emitOpError("needs exactly one kq.question");
  return success();
}

LogicalResult PromptCaseOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  auto query = symbolTable.lookupNearestSymbolFrom<QueryOp>(*this, getOfAttr());
  if (!query || !query.getParameters())
    return emitOpError() << getOfAttr() << " does not name a template";
  for (auto [code, symbol] : llvm::enumerate(getSkills())) {
    auto operation = static_cast<SkillOperation>(code);
    auto skill = symbolTable.lookupNearestSymbolFrom<SkillOp>(*this, cast<SymbolRefAttr>(symbol));
    if (!skill)
      return emitOpError() << symbol << " does not name a kq.skill";
    if (skill.getTeaches() != operation)
      return emitOpError() << symbol << " teaches '" << stringifyEnum(skill.getTeaches())
                           << "', not '" << stringifyEnum(operation) << "'";
  }
  return success();
}

LogicalResult SkillTextOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  if (!symbolTable.lookupNearestSymbolFrom<SkillOp>(*this, getSkillAttr()))
    return emitOpError("'") << getSkill() << "' does not name a kq.skill";
  return success();
}

LogicalResult ShowOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  if (!symbolTable.lookupNearestSymbolFrom<SkillBlockOp>(*this, getBlockAttr()))
    return emitOpError("'") << getBlock() << "' does not name a kq.skill_block";
  return success();
}

LogicalResult LlmOp::verify() {
  if (!getEndpoint().starts_with("http://") && !getEndpoint().starts_with("https://"))
    return emitOpError("the endpoint must be an http:// or https:// URL");
  if (getConcurrency() < 1 || getMaxTokens() < 1 || !(getTimeout().convertToDouble() > 0) ||
      !std::isfinite(getTimeout().convertToDouble()) ||
      !std::isfinite(getTemperature().convertToDouble()))
    return emitOpError("concurrency, max_tokens and timeout must be positive, and the "
                       "temperature a number");
  return success();
}

LogicalResult AskOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  if (!symbolTable.lookupNearestSymbolFrom<LlmOp>(*this, getLlmAttr()))
    return emitOpError("'") << getLlm() << "' does not name a kq.llm";
  if (!symbolTable.lookupNearestSymbolFrom<QuizOp>(*this, getSourceAttr()) &&
      !symbolTable.lookupNearestSymbolFrom<PromptOp>(*this, getSourceAttr()))
    return emitOpError("'") << getSource() << "' does not name a kq.quiz or a kq.prompt";
  return success();
}
