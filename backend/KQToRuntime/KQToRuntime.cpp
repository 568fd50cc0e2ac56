//===- KQToRuntime.cpp - kq dialect to calls into the runtime -------------===//
//
// The pass works in three steps:
//  1. every `kq.query` becomes `func.func private @kq.query.NAME(%view)`;
//  2. the statements (`kq.graph`, `kq.answer`, ...) become the body of
//     `@kq_main(%ctx)`, in program order: StatementLowering has one small
//     lower() a statement, chosen by the op's type;
//  3. conversion patterns turn the set operations left in the query
//     functions into calls of the set kernels generated for the module
//     (SetKernels.h) and, for anchors and adjacencies, of the runtime.
// The runtime's functions are declared from runtime/RuntimeFunctions.def
// (RuntimeDeclarations.h); names become `llvm.mlir.global` constants the
// first time a lowering asks for their address (RuntimeStrings).
//
//===----------------------------------------------------------------------===//

#include "backend/KQToRuntime/KQToRuntime.h"
#include "backend/KQToRuntime/LinkPredKernels.h"
#include "backend/KQToRuntime/RuntimeDeclarations.h"
#include "backend/KQToRuntime/SetKernels.h"
#include "backend/KQToRuntime/TraceTemplates.h"
#include "backend/KQToRuntime/TruthFunctions.h"
#include "backend/Passes.h"
#include "ir/FuzzyTwins.h"
#include "ir/KQOps.h"
#include "ir/Options.h"
#include "ir/Skills.h"
#include "runtime/Runtime.h"
#include "runtime/bench/TemplateFields.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/Patterns.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/TypeSwitch.h"

namespace mlir::kq {
#define GEN_PASS_DEF_CONVERTKQTORUNTIME
#include "backend/Passes.h.inc"
} // namespace mlir::kq

using namespace mlir;
using namespace mlir::kq;

namespace {

Type handleType(MLIRContext *context) { return LLVM::LLVMPointerType::get(context); }

/// The function type of a template with parameters: (view, arguments) -> set.
FunctionType templateFunctionType(MLIRContext *context) {
  Type ptr = handleType(context);
  return FunctionType::get(context, {ptr, ptr}, {ptr});
}

/// The function type of a traced template: (view, arguments, trace) -> set.
FunctionType tracedFunctionType(MLIRContext *context) {
  Type ptr = handleType(context);
  return FunctionType::get(context, {ptr, ptr, ptr}, {ptr});
}

std::string queryFunctionName(StringRef querySymbol) { return ("kq.query." + querySymbol).str(); }

Value i32Constant(OpBuilder &builder, Location loc, int32_t value) {
  return builder.create<LLVM::ConstantOp>(loc, builder.getI32Type(),
                                          builder.getI32IntegerAttr(value));
}

Value i64Constant(OpBuilder &builder, Location loc, int64_t value) {
  return builder.create<arith::ConstantIntOp>(loc, value, 64);
}

/// The graph view a query function receives.
Value viewOf(Operation *op) { return op->getParentOfType<func::FuncOp>().getArgument(0); }

/// Base of the patterns: a call to one runtime function with the view first.
template <typename SourceOp> struct RuntimeCallPattern : public OpConversionPattern<SourceOp> {
  RuntimeCallPattern(RuntimeTypeConverter &converter, MLIRContext *context, RuntimeStrings &strings)
      : OpConversionPattern<SourceOp>(converter, context), strings(strings) {}

  Value call(ConversionPatternRewriter &rewriter, Location loc, StringRef function,
             ValueRange operands) const {
    Type ptr = handleType(rewriter.getContext());
    return rewriter.create<func::CallOp>(loc, function, TypeRange{ptr}, operands).getResult(0);
  }

  RuntimeStrings &strings;
};

struct EntityLowering : public RuntimeCallPattern<EntityOp> {
  using RuntimeCallPattern::RuntimeCallPattern;
  LogicalResult matchAndRewrite(EntityOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Value name = strings.address(rewriter, op.getLoc(), op.getName());
    rewriter.replaceOp(op, call(rewriter, op.getLoc(), "kq_rt_entity", {viewOf(op), name}));
    return success();
  }
};

/// The projection kernel on the adjacency of a named relation.
Value projectByName(ConversionPatternRewriter &rewriter, RuntimeStrings &strings, Location loc,
                    Value view, Value input, StringRef relation, bool inverse) {
  Type ptr = handleType(rewriter.getContext());
  Value adjacency =
      rewriter
          .create<func::CallOp>(loc, "kq_rt_adjacency", TypeRange{ptr},
                                ValueRange{view, strings.address(rewriter, loc, relation),
                                           i32Constant(rewriter, loc, inverse ? 1 : 0)})
          .getResult(0);
  return rewriter
      .create<func::CallOp>(loc, set_kernels::kProject, TypeRange{ptr},
                            ValueRange{view, input, adjacency})
      .getResult(0);
}

struct ProjectLowering : public RuntimeCallPattern<ProjectOp> {
  using RuntimeCallPattern::RuntimeCallPattern;
  LogicalResult matchAndRewrite(ProjectOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, projectByName(rewriter, strings, op.getLoc(), viewOf(op),
                                         adaptor.getInput(), op.getRelation(), op.getInverse()));
    return success();
  }
};

/// Variadic combinations become a left fold of binary runtime calls.
template <typename CombineOp> struct CombineLowering : public RuntimeCallPattern<CombineOp> {
  CombineLowering(RuntimeTypeConverter &converter, MLIRContext *context, RuntimeStrings &strings,
                  StringRef function)
      : RuntimeCallPattern<CombineOp>(converter, context, strings), function(function) {}
  LogicalResult matchAndRewrite(CombineOp op, typename CombineOp::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    ValueRange inputs = adaptor.getInputs();
    Value result = inputs.front();
    for (Value input : inputs.drop_front())
      result = this->call(rewriter, op.getLoc(), function, {viewOf(op), result, input});
    rewriter.replaceOp(op, result);
    return success();
  }
  StringRef function;
};

/// A kq.path: the projection kernel once a step. Each intermediate
/// frontier comes out of the kernel sorted and without duplicates, which is
/// what the next step's row search needs.
struct PathLowering : public RuntimeCallPattern<PathOp> {
  using RuntimeCallPattern::RuntimeCallPattern;
  LogicalResult matchAndRewrite(PathOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Value frontier = adaptor.getInput();
    for (auto [relation, inverse] : llvm::zip(op.getRelations(), op.getInverse()))
      frontier = projectByName(rewriter, strings, op.getLoc(), viewOf(op), frontier,
                               cast<StringAttr>(relation).getValue(), inverse);
    rewriter.replaceOp(op, frontier);
    return success();
  }
};

/// The argument `index` of the template function around `op`, whose
/// arguments are (view, arguments): an i32 id.
Value templateArgument(ConversionPatternRewriter &rewriter, Operation *op, int32_t index) {
  Location loc = op->getLoc();
  Value arguments = op->getParentOfType<func::FuncOp>().getArgument(1);
  Type i32 = rewriter.getI32Type();
  Value offset = i32Constant(rewriter, loc, index);
  Value address = rewriter.create<LLVM::GEPOp>(loc, handleType(rewriter.getContext()), i32,
                                               arguments, ValueRange{offset});
  return rewriter.create<LLVM::LoadOp>(loc, i32, address);
}

struct ParamLowering : public RuntimeCallPattern<ParamOp> {
  using RuntimeCallPattern::RuntimeCallPattern;
  LogicalResult matchAndRewrite(ParamOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Value id = templateArgument(rewriter, op, op.getIndex());
    rewriter.replaceOp(op, call(rewriter, op.getLoc(), "kq_rt_entity_id", {viewOf(op), id}));
    return success();
  }
};

struct ProjectParamLowering : public RuntimeCallPattern<ProjectParamOp> {
  using RuntimeCallPattern::RuntimeCallPattern;
  LogicalResult matchAndRewrite(ProjectParamOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Value relation = templateArgument(rewriter, op, op.getIndex());
    Value inverse = i32Constant(rewriter, op.getLoc(), op.getInverse() ? 1 : 0);
    Value adjacency =
        call(rewriter, op.getLoc(), "kq_rt_adjacency_id", {viewOf(op), relation, inverse});
    rewriter.replaceOp(op, call(rewriter, op.getLoc(), set_kernels::kProject,
                                {viewOf(op), adaptor.getInput(), adjacency}));
    return success();
  }
};

/// kq.trace: the step's set handed to the trace, the traced function's
/// third argument.
struct TraceLowering : public RuntimeCallPattern<TraceOp> {
  using RuntimeCallPattern::RuntimeCallPattern;
  LogicalResult matchAndRewrite(TraceOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Value trace = op->getParentOfType<func::FuncOp>().getArgument(2);
    rewriter.create<func::CallOp>(
        op.getLoc(), "kq_rt_trace", TypeRange{},
        ValueRange{trace, i32Constant(rewriter, op.getLoc(), op.getStep()), adaptor.getSet()});
    rewriter.eraseOp(op);
    return success();
  }
};

struct SelfLoopsLowering : public RuntimeCallPattern<SelfLoopsOp> {
  using RuntimeCallPattern::RuntimeCallPattern;
  LogicalResult matchAndRewrite(SelfLoopsOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value adjacency = call(rewriter, loc, "kq_rt_adjacency",
                           {viewOf(op), strings.address(rewriter, loc, op.getRelation()),
                            i32Constant(rewriter, loc, 0)});
    rewriter.replaceOp(op, call(rewriter, loc, set_kernels::kSelfLoops, {viewOf(op), adjacency}));
    return success();
  }
};

/// An op that is one call on the view and its operands, in order, of a
/// kernel (kq.difference, kq.guard) or of the runtime (kq.universe,
/// kq.empty).
template <typename SourceOp> struct DirectCallLowering : public RuntimeCallPattern<SourceOp> {
  DirectCallLowering(RuntimeTypeConverter &converter, MLIRContext *context, RuntimeStrings &strings,
                     StringRef function)
      : RuntimeCallPattern<SourceOp>(converter, context, strings), function(function) {}
  LogicalResult matchAndRewrite(SourceOp op, typename SourceOp::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    SmallVector<Value> operands{viewOf(op)};
    llvm::append_range(operands, adaptor.getOperands());
    rewriter.replaceOp(op, this->call(rewriter, op.getLoc(), function, operands));
    return success();
  }
  StringRef function;
};

/// A runtime call returning an i64 count, as an index.
Value callForIndex(ConversionPatternRewriter &rewriter, Location loc, StringRef function,
                   ValueRange operands) {
  Value count =
      rewriter.create<func::CallOp>(loc, function, TypeRange{rewriter.getI64Type()}, operands)
          .getResult(0);
  return rewriter.create<arith::IndexCastOp>(loc, rewriter.getIndexType(), count);
}

/// kq.accumulate and kq.accumulated: the runtime appends each iteration's
/// answers to the accumulator's own storage (which kq.release keeps) and
/// makes a set of them once.
struct AccumulateLowering : public RuntimeCallPattern<AccumulateOp> {
  using RuntimeCallPattern::RuntimeCallPattern;
  LogicalResult matchAndRewrite(AccumulateOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, call(rewriter, op.getLoc(), "kq_rt_accumulate",
                                {viewOf(op), adaptor.getAccumulator(), adaptor.getInput()}));
    return success();
  }
};
struct AccumulatedLowering : public RuntimeCallPattern<AccumulatedOp> {
  using RuntimeCallPattern::RuntimeCallPattern;
  LogicalResult matchAndRewrite(AccumulatedOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, call(rewriter, op.getLoc(), "kq_rt_accumulated",
                                {viewOf(op), adaptor.getAccumulator()}));
    return success();
  }
};

/// kq.complement: the difference kernel on the universe.
struct ComplementLowering : public RuntimeCallPattern<ComplementOp> {
  using RuntimeCallPattern::RuntimeCallPattern;
  LogicalResult matchAndRewrite(ComplementOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value universe = call(rewriter, loc, "kq_rt_universe", {viewOf(op)});
    rewriter.replaceOp(op, call(rewriter, loc, set_kernels::kDifference,
                                {viewOf(op), universe, adaptor.getInput()}));
    return success();
  }
};

struct SizeLowering : public OpConversionPattern<SizeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(SizeOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op,
                       callForIndex(rewriter, op.getLoc(), "kq_rt_set_size", {adaptor.getInput()}));
    return success();
  }
};
struct CheckpointLowering : public OpConversionPattern<CheckpointOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(CheckpointOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, callForIndex(rewriter, op.getLoc(), "kq_rt_checkpoint", {viewOf(op)}));
    return success();
  }
};
struct ReleaseLowering : public OpConversionPattern<ReleaseOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(ReleaseOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Value mark =
        rewriter.create<arith::IndexCastOp>(op.getLoc(), rewriter.getI64Type(), adaptor.getMark());
    rewriter.replaceOpWithNewOp<func::CallOp>(op, "kq_rt_release", TypeRange{},
                                              ValueRange{viewOf(op), mark});
    return success();
  }
};

struct ElementLowering : public RuntimeCallPattern<ElementOp> {
  using RuntimeCallPattern::RuntimeCallPattern;
  LogicalResult matchAndRewrite(ElementOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Value index =
        rewriter.create<arith::IndexCastOp>(op.getLoc(), rewriter.getI64Type(), adaptor.getIndex());
    rewriter.replaceOp(op, call(rewriter, op.getLoc(), "kq_rt_set_element",
                                {viewOf(op), adaptor.getInput(), index}));
    return success();
  }
};

/// Step 0: a kq.foreach becomes a loop over its candidates that accumulates
/// the union of the bodies, still on kq values:
///   %n = kq.size %c
///   scf.for %i = 0 to %n step 1 iter_args(%acc = kq.empty) {
///     %m = kq.checkpoint   %x = kq.element %c[%i]   ...body...
///     %acc2 = kq.accumulate %acc, %y   kq.release %m   scf.yield %acc2
///   }
///   %all = kq.accumulated %acc
void lowerForEachToLoop(ForEachOp forEach) {
  OpBuilder builder(forEach);
  Location loc = forEach.getLoc();
  Type setType = forEach.getType();
  Value zero = builder.create<arith::ConstantIndexOp>(loc, 0);
  Value one = builder.create<arith::ConstantIndexOp>(loc, 1);
  Value count = builder.create<SizeOp>(loc, builder.getIndexType(), forEach.getCandidates());
  Value empty = builder.create<EmptyOp>(loc, setType);
  Block &body = forEach.getBody().front();
  auto loop = builder.create<scf::ForOp>(
      loc, zero, count, one, ValueRange{empty},
      [&](OpBuilder &loopBuilder, Location bodyLoc, Value index, ValueRange accumulated) {
        Value mark = loopBuilder.create<CheckpointOp>(bodyLoc, loopBuilder.getIndexType());
        Value element =
            loopBuilder.create<ElementOp>(bodyLoc, setType, forEach.getCandidates(), index);
        body.getArgument(0).replaceAllUsesWith(element);
        Block *loopBody = loopBuilder.getInsertionBlock();
        loopBody->getOperations().splice(loopBody->end(), body.getOperations());
        auto yield = cast<YieldOp>(loopBody->back());
        loopBuilder.setInsertionPointToEnd(loopBody);
        // The answers go into the accumulator in place; then everything the
        // iteration allocated is freed.
        Value united = loopBuilder.create<AccumulateOp>(bodyLoc, setType, accumulated.front(),
                                                        yield.getResult());
        yield.erase();
        loopBuilder.create<ReleaseOp>(bodyLoc, mark);
        loopBuilder.create<scf::YieldOp>(bodyLoc, united);
      });
  Value all = builder.create<AccumulatedOp>(loc, setType, loop.getResult(0));
  forEach.replaceAllUsesWith(all);
  forEach.erase();
}

struct YieldLowering : public OpConversionPattern<YieldOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(YieldOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<func::ReturnOp>(op, adaptor.getResult());
    return success();
  }
};

/// The runtime's split bits for a statement's splits.
int32_t splitMask(ArrayAttr splits) {
  int32_t mask = 0;
  for (Attribute split : splits) {
    StringRef name = cast<StringAttr>(split).getValue();
    mask |= 1 << (llvm::find(graphSplitNames(), name) - graphSplitNames().begin());
  }
  return mask;
}

/// Option codes as the runtime takes a list of them: one byte each (every
/// option has fewer than 256 values), in order.
template <typename Attr> std::string packCodes(ArrayAttr options) {
  std::string packed;
  for (Attribute option : options)
    packed.push_back(char(optionCode(cast<Attr>(option).getValue())));
  return packed;
}

/// Template arguments as the runtime takes them: each ended by a NUL byte.
std::string packArguments(std::optional<ArrayAttr> arguments) {
  std::string packed;
  if (arguments)
    for (Attribute argument : *arguments)
      packed += cast<StringAttr>(argument).getValue().str() + '\0';
  return packed;
}

/// kq.report writes an answer record from inside a kq.evaluate function,
/// whose arguments are (view, ctx).
struct ReportLowering : public RuntimeCallPattern<ReportOp> {
  using RuntimeCallPattern::RuntimeCallPattern;
  LogicalResult matchAndRewrite(ReportOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    auto function = op->getParentOfType<func::FuncOp>();
    Location loc = op.getLoc();
    auto arguments = op.getArguments();
    rewriter.create<func::CallOp>(
        loc, "kq_rt_emit_answer", TypeRange{},
        ValueRange{function.getArgument(1), function.getArgument(0),
                   strings.address(rewriter, loc, op.getLabel()),
                   i32Constant(rewriter, loc, arguments ? arguments->size() : 0),
                   strings.address(rewriter, loc, packArguments(arguments)), adaptor.getAnswers()});
    rewriter.eraseOp(op);
    return success();
  }
};

/// Step 1: a query becomes a function of the graph view; a template
/// computed for any arguments, of the view and its arguments (i32 ids).
void convertQueryToFunction(QueryOp query) {
  OpBuilder builder(query);
  Type ptr = handleType(query.getContext());
  SmallVector<Type, 3> inputs{ptr};
  if (query.getParameters())
    inputs.push_back(ptr);
  if (isTracedTemplate(query))
    inputs.push_back(ptr);
  auto function =
      builder.create<func::FuncOp>(query.getLoc(), queryFunctionName(query.getSymName()),
                                   builder.getFunctionType(inputs, {ptr}));
  function.setPrivate();
  function.getBody().takeBody(query.getBody());
  for (Type input : inputs)
    function.getBody().front().addArgument(input, query.getLoc());
  query.erase();
}

/// The names of the skills of a prompt case, each ended by a NUL byte.
std::string packSkillNames(ArrayAttr skills) {
  std::string packed;
  for (Attribute symbol : skills)
    packed += programName(cast<FlatSymbolRefAttr>(symbol).getValue()).str() + '\0';
  return packed;
}

/// Fields joined by the runtime's separator (runtime/bench/TemplateFields.h).
std::string joinFields(ArrayAttr fields) {
  std::string joined;
  for (auto [i, field] : llvm::enumerate(fields)) {
    if (i)
      joined += ::kq::runtime::kFieldSeparator;
    joined += cast<StringAttr>(field).getValue().str();
  }
  return joined;
}

/// A template's text or question as the runtime reads it: a parameter's
/// place as its index between two separators, an atom's fields between two
/// atom marks.
std::string joinPieces(ArrayAttr pieces) {
  using ::kq::runtime::kAtomMark, ::kq::runtime::kFieldSeparator;
  std::string joined;
  for (Attribute piece : pieces) {
    if (auto words = dyn_cast<StringAttr>(piece))
      joined += words.getValue().str();
    else if (auto parameter = dyn_cast<IntegerAttr>(piece))
      joined += kFieldSeparator + std::to_string(parameter.getInt()) + kFieldSeparator;
    else
      joined += kAtomMark + joinFields(cast<ArrayAttr>(piece)) + kAtomMark;
  }
  return joined;
}

/// A template as kq_rt_sample_template takes it: kinds one letter a
/// parameter, the pattern's atoms each ended by a NUL byte.
struct TemplateInfo {
  std::string label, kinds, pattern, text, structure, fitFormula;
  int32_t numAtoms = 0;
};
TemplateInfo packTemplate(QueryOp query) {
  TemplateInfo info;
  info.label = programName(query.getSymName()).str();
  // The accessors return std::optional temporaries: keep the arrays.
  ArrayAttr parameters = *query.getParameters();
  for (Attribute kind : parameters)
    info.kinds += cast<StringAttr>(kind).getValue() == "relation" ? 'r' : 'e';
  if (ArrayAttr pattern = query.getPattern().value_or(nullptr))
    for (Attribute atom : pattern) {
      info.pattern += joinFields(cast<ArrayAttr>(atom)) + '\0';
      ++info.numAtoms;
    }
  info.text = query.getText() ? joinPieces(*query.getText()) : "";
  info.structure = query.getStructure() ? query.getStructure()->str() : "";
  info.fitFormula = query.getFitFormula() ? query.getFitFormula()->str() : "";
  return info;
}

std::string packSymbols(std::optional<ArrayAttr> symbols) {
  std::string packed;
  if (symbols)
    for (Attribute symbol : *symbols)
      packed += cast<FlatSymbolRefAttr>(symbol).getValue().str() + '\0';
  return packed;
}

/// The pieces of a prompt case as kq_rt_prompt_case takes them: a kind
/// letter and its text, each ended by a NUL byte. Descriptions kq-fold-text
/// has not folded are looked up here.
struct PromptPieces {
  std::string packed;
  int32_t count = 0;
};
PromptPieces packPieces(ModuleOp module, PromptCaseOp promptCase) {
  PromptPieces pieces;
  auto add = [&](char kind, StringRef text) {
    pieces.packed += kind + text.str() + '\0';
    ++pieces.count;
  };
  for (Operation &piece : promptCase.getBody().front()) {
    if (auto text = dyn_cast<TextOp>(piece))
      add('T', text.getText());
    else if (auto describe = dyn_cast<SkillTextOp>(piece))
      add('T', module.lookupSymbol<SkillOp>(describe.getSkillAttr()).getDescription());
    else if (auto show = dyn_cast<ShowOp>(piece))
      add('B', show.getBlock());
    else if (isa<WorkedExamplesOp>(piece))
      add('W', "");
    else if (isa<QuestionOp>(piece))
      add('Q', "");
  }
  return pieces;
}

/// The rows of a kq.answer_batch as the runtime takes them: for each, its
/// template's index in decimal, then its arguments, each ended by a NUL byte.
std::string packRows(AnswerBatchOp batch) {
  std::string packed;
  for (auto [index, row] : llvm::zip(batch.getInstanceOf(), batch.getArguments()))
    packed += std::to_string(index) + '\0' + packArguments(cast<ArrayAttr>(row));
  return packed;
}

/// The runtime's encoding of a kq.linkpred's options: the tie policy's
/// code, and the breakdowns' codes as bits of a mask.
std::pair<int32_t, int32_t> linkPredOptions(LinkPredOp linkpred) {
  int32_t per = 0;
  for (Attribute breakdown : linkpred.getPer())
    per |= optionCode(cast<BreakdownAttr>(breakdown).getValue());
  return {optionCode(linkpred.getTies()), per};
}

/// The calls of kq.prompt statements: the skills and skill blocks a prompt
/// needs, each declared once a program wherever it stands in the module (a
/// block is drawn before it shows), its cases with their traced templates,
/// then the rendering.
class PromptLowering {
public:
  PromptLowering(ModuleOp module, RuntimeStrings &strings,
                 const llvm::StringMap<TracedTemplate> &traces)
      : module(module), strings(strings), traces(traces) {}

  void lower(OpBuilder &builder, Value ctx, PromptOp prompt) {
    Location loc = prompt.getLoc();
    auto cases = prompt.getBody().front().getOps<PromptCaseOp>();
    for (PromptCaseOp promptCase : cases) {
      for (Attribute skill : promptCase.getSkills())
        declareSkill(builder, loc, ctx, cast<FlatSymbolRefAttr>(skill).getValue());
      for (ShowOp show : promptCase.getBody().front().getOps<ShowOp>())
        drawBlock(builder, loc, ctx, show.getBlock());
    }
    MLIRContext *context = module.getContext();
    Value name = strings.address(builder, loc, prompt.getSymName());
    for (PromptCaseOp promptCase : cases) {
      const TracedTemplate &traced = traces.find(promptCase.getOf())->second;
      Value function = builder.create<func::ConstantOp>(
          loc, tracedFunctionType(context),
          SymbolRefAttr::get(context, queryFunctionName(traced.symbol)));
      PromptPieces pieces = packPieces(module, promptCase);
      builder.create<func::CallOp>(
          loc, "kq_rt_prompt_case", TypeRange{},
          ValueRange{ctx, name, strings.address(builder, loc, programName(promptCase.getOf())),
                     function, i32Constant(builder, loc, traced.numSteps),
                     strings.address(builder, loc, traced.steps),
                     strings.address(builder, loc, joinPieces(promptCase.getQuestion())),
                     i32Constant(builder, loc, pieces.count),
                     strings.address(builder, loc, pieces.packed),
                     strings.address(builder, loc, packSkillNames(promptCase.getSkills()))});
    }
    builder.create<func::CallOp>(loc, "kq_rt_prompt", TypeRange{},
                                 ValueRange{ctx, name,
                                            strings.address(builder, loc, prompt.getBench()),
                                            i64Constant(builder, loc, prompt.getExamples()),
                                            i64Constant(builder, loc, prompt.getSeed()),
                                            i64Constant(builder, loc, prompt.getMaxShown())});
    builder.create<func::CallOp>(loc, "kq_rt_end_statement", TypeRange{}, ValueRange{ctx});
  }

private:
  void declareSkill(OpBuilder &builder, Location loc, Value ctx, StringRef symbol) {
    if (!declaredSkills.insert(symbol).second)
      return;
    auto skill = module.lookupSymbol<SkillOp>(symbol);
    builder.create<func::CallOp>(
        loc, "kq_rt_skill", TypeRange{},
        ValueRange{ctx, strings.address(builder, loc, programName(skill.getSymName())),
                   i32Constant(builder, loc, optionCode(skill.getTeaches())),
                   strings.address(builder, loc, skill.getStep()),
                   i32Constant(builder, loc, optionCode(skill.getExample()))});
  }

  void drawBlock(OpBuilder &builder, Location loc, Value ctx, StringRef symbol) {
    if (!drawnBlocks.insert(symbol).second)
      return;
    auto block = module.lookupSymbol<SkillBlockOp>(symbol);
    declareSkill(builder, loc, ctx, block.getSkill());
    builder.create<func::CallOp>(
        loc, "kq_rt_skill_block", TypeRange{},
        ValueRange{ctx, strings.address(builder, loc, block.getSymName()),
                   strings.address(builder, loc, programName(block.getSkill())),
                   strings.address(builder, loc, block.getGraph()),
                   i32Constant(builder, loc, splitMask(block.getSplits())),
                   i64Constant(builder, loc, block.getSeed()),
                   i64Constant(builder, loc, block.getMaxShown())});
  }

  ModuleOp module;
  RuntimeStrings &strings;
  const llvm::StringMap<TracedTemplate> &traces;
  llvm::StringSet<> declaredSkills, drawnBlocks;
};

/// Step 2: the statements, in order, become the body of the entry point:
/// one small lowering a statement, chosen by the op's type.
class StatementLowering {
public:
  StatementLowering(ModuleOp module, RuntimeStrings &strings, unsigned vectorBits,
                    const llvm::StringMap<TemplateInfo> &templates,
                    const llvm::StringMap<TracedTemplate> &traces)
      : module(module), context(module.getContext()), strings(strings), vectorBits(vectorBits),
        templates(templates), ptr(handleType(context)), builder(context), loc(module.getLoc()),
        prompts(module, strings, traces) {
    for (auto model : module.getOps<ModelOp>())
      modelFamilies[model.getSymName()] = model.getFamily();
  }

  void run() {
    builder.setInsertionPointToEnd(module.getBody());
    main = builder.create<func::FuncOp>(module.getLoc(), kMainFunctionName,
                                        builder.getFunctionType({ptr}, {}));
    ctx = main.addEntryBlock()->getArgument(0);
    builder.setInsertionPointToEnd(&main.getBody().front());
    declareInputs();
    for (Operation &op : llvm::make_early_inc_range(*module.getBody())) {
      loc = op.getLoc();
      llvm::TypeSwitch<Operation *>(&op)
          .Case<GraphOp, AnswerOp, AnswerBatchOp, SampleOp, QuizOp, PromptOp, LlmOp, AskOp, EmitOp,
                ModelOp, LinkPredOp, EvalOp, EvaluateOp>([&](auto statement) {
            lower(statement);
            statement.erase();
          });
    }
    builder.create<func::ReturnOp>(module.getLoc());
    // Skills and their blocks were declared where prompts needed them.
    for (Operation &op : llvm::make_early_inc_range(*module.getBody()))
      if (isa<SkillOp, SkillBlockOp>(op))
        op.erase();
  }

private:
  Value viewOn(StringRef graph, ArrayAttr splits) {
    return builder
        .create<func::CallOp>(loc, "kq_rt_graph_view", TypeRange{ptr},
                              ValueRange{ctx, strings.address(builder, loc, graph),
                                         i32Constant(builder, loc, splitMask(splits))})
        .getResult(0);
  }
  /// Every data file of the program, before the first statement, so that
  /// no output can replace one that a later statement reads.
  void declareInputs() {
    struct Paths {
      int32_t count = 0;
      std::string packed;
      void add(StringRef path) {
        packed += path.str() + '\0';
        ++count;
      }
    } graphFolders, files, modelFolders;
    for (auto graph : module.getOps<GraphOp>()) {
      graphFolders.add(graph.getPath());
      if (auto labels = graph.getLabels())
        files.add(*labels);
    }
    for (auto model : module.getOps<ModelOp>())
      modelFolders.add(model.getPath());
    for (auto eval : module.getOps<EvalOp>())
      if (auto scores = eval.getScoresPath())
        files.add(*scores);
    SmallVector<Value> operands{ctx};
    for (const Paths *paths : {&graphFolders, &files, &modelFolders}) {
      operands.push_back(i32Constant(builder, loc, paths->count));
      operands.push_back(strings.address(builder, loc, paths->packed));
    }
    builder.create<func::CallOp>(loc, "kq_rt_declare_inputs", TypeRange{}, operands);
  }
  void endStatement() {
    builder.create<func::CallOp>(loc, "kq_rt_end_statement", TypeRange{}, ValueRange{ctx});
  }

  void lower(GraphOp graph) {
    builder.create<func::CallOp>(loc, "kq_rt_load_graph", TypeRange{},
                                 ValueRange{ctx, strings.address(builder, loc, graph.getSymName()),
                                            strings.address(builder, loc, graph.getPath())});
    if (auto labels = graph.getLabels())
      builder.create<func::CallOp>(loc, "kq_rt_load_labels", TypeRange{},
                                   ValueRange{ctx,
                                              strings.address(builder, loc, graph.getSymName()),
                                              strings.address(builder, loc, *labels)});
  }

  void lower(AnswerOp answer) {
    Value view = viewOn(answer.getGraph(), answer.getSplits());
    Value answers = builder
                        .create<func::CallOp>(loc, queryFunctionName(answer.getQuery()),
                                              TypeRange{ptr}, ValueRange{view})
                        .getResult(0);
    auto arguments = answer.getArguments();
    builder.create<func::CallOp>(
        loc, "kq_rt_emit_answer", TypeRange{},
        ValueRange{ctx, view, strings.address(builder, loc, answer.getReportedName()),
                   i32Constant(builder, loc, arguments ? arguments->size() : 0),
                   strings.address(builder, loc, packArguments(arguments)), answers});
    endStatement();
  }

  void lower(AnswerBatchOp batch) {
    // Each template is registered with its function, then the rows run.
    for (auto [index, symbol] : llvm::enumerate(batch.getTemplates())) {
      StringRef name = cast<FlatSymbolRefAttr>(symbol).getValue();
      Value function = builder.create<func::ConstantOp>(
          loc, templateFunctionType(context), SymbolRefAttr::get(context, queryFunctionName(name)));
      builder.create<func::CallOp>(
          loc, "kq_rt_batch_template", TypeRange{},
          ValueRange{
              ctx, i32Constant(builder, loc, index),
              strings.address(builder, loc, cast<StringAttr>(batch.getLabels()[index]).getValue()),
              function, strings.address(builder, loc, templates.find(name)->second.kinds)});
    }
    Value view = viewOn(batch.getGraph(), batch.getSplits());
    builder.create<func::CallOp>(loc, "kq_rt_answer_batch", TypeRange{},
                                 ValueRange{ctx, view,
                                            i32Constant(builder, loc, batch.getArguments().size()),
                                            strings.address(builder, loc, packRows(batch))});
    endStatement();
  }

  void lower(SampleOp sample) {
    // Each template is registered with its function, then the benchmark
    // is drawn.
    Value bench = strings.address(builder, loc, sample.getSymName());
    for (Attribute symbol : sample.getTemplates()) {
      StringRef name = cast<FlatSymbolRefAttr>(symbol).getValue();
      const TemplateInfo &info = templates.find(name)->second;
      Value function = builder.create<func::ConstantOp>(
          loc, templateFunctionType(context), SymbolRefAttr::get(context, queryFunctionName(name)));
      builder.create<func::CallOp>(loc, "kq_rt_sample_template", TypeRange{},
                                   ValueRange{ctx, bench, strings.address(builder, loc, info.label),
                                              function, strings.address(builder, loc, info.kinds),
                                              i32Constant(builder, loc, info.numAtoms),
                                              strings.address(builder, loc, info.pattern),
                                              strings.address(builder, loc, info.text),
                                              strings.address(builder, loc, info.structure),
                                              strings.address(builder, loc, info.fitFormula)});
    }
    auto i64 = [&](int64_t value) {
      return builder.create<arith::ConstantIntOp>(loc, value, 64).getResult();
    };
    builder.create<func::CallOp>(
        loc, "kq_rt_sample", TypeRange{},
        ValueRange{ctx, bench, strings.address(builder, loc, sample.getGraph()),
                   i32Constant(builder, loc, splitMask(sample.getObserved())),
                   i32Constant(builder, loc, splitMask(sample.getFull())), i64(sample.getCount()),
                   i64(sample.getSeed()), i64(sample.getMaxAnswers()),
                   i32Constant(builder, loc, sample.getExclude() ? sample.getExclude()->size() : 0),
                   strings.address(builder, loc, packSymbols(sample.getExclude()))});
    endStatement();
  }

  void lower(QuizOp quiz) {
    auto i64 = [&](int64_t value) {
      return builder.create<arith::ConstantIntOp>(loc, value, 64).getResult();
    };
    builder.create<func::CallOp>(
        loc, "kq_rt_quiz", TypeRange{},
        ValueRange{ctx, strings.address(builder, loc, quiz.getSymName()),
                   strings.address(builder, loc, quiz.getGraph()),
                   i32Constant(builder, loc, splitMask(quiz.getSplits())),
                   i32Constant(builder, loc, quiz.getFormats().size()),
                   strings.address(builder, loc, packCodes<QuizFormatAttr>(quiz.getFormats())),
                   i64(quiz.getCount()), i64(quiz.getSeed()),
                   i32Constant(builder, loc, optionCode(quiz.getDistractors())),
                   i32Constant(builder, loc, optionCode(quiz.getKeys()))});
  }

  void lower(PromptOp prompt) { prompts.lower(builder, ctx, prompt); }

  void lower(LlmOp llm) {
    auto f64 = [&](llvm::APFloat value) {
      return builder
          .create<arith::ConstantOp>(loc, builder.getF64FloatAttr(value.convertToDouble()))
          .getResult();
    };
    builder.create<func::CallOp>(
        loc, "kq_rt_llm", TypeRange{},
        ValueRange{ctx, strings.address(builder, loc, programName(llm.getSymName())),
                   strings.address(builder, loc, llm.getEndpoint()),
                   strings.address(builder, loc, llm.getModel()), f64(llm.getTemperature()),
                   i64Constant(builder, loc, llm.getMaxTokens()),
                   i64Constant(builder, loc, llm.getConcurrency()), f64(llm.getTimeout()),
                   i64Constant(builder, loc, llm.getRetries()),
                   strings.address(builder, loc, llm.getApiKeyEnv())});
  }

  void lower(AskOp ask) {
    builder.create<func::CallOp>(
        loc, "kq_rt_ask", TypeRange{},
        ValueRange{ctx, strings.address(builder, loc, programName(ask.getLlm())),
                   strings.address(builder, loc, ask.getSource()),
                   strings.address(builder, loc, ask.getReplies())});
    endStatement();
  }

  void lower(EmitOp emit) {
    builder.create<func::CallOp>(
        loc, "kq_rt_emit", TypeRange{},
        ValueRange{ctx, strings.address(builder, loc, emit.getSource()),
                   strings.address(builder, loc, emit.getPath()),
                   i32Constant(builder, loc, optionCode(emit.getFormat()))});
  }

  void lower(ModelOp model) {
    builder.create<func::CallOp>(
        loc, "kq_rt_load_model", TypeRange{},
        ValueRange{ctx, strings.address(builder, loc, model.getSymName()),
                   i32Constant(builder, loc, optionCode(model.getFamily())),
                   strings.address(builder, loc, model.getPath()),
                   strings.address(builder, loc, model.getGraph())});
  }

  void lower(LinkPredOp linkpred) {
    auto kernels =
        getOrCreateLinkPredKernels(module, modelFamilies[linkpred.getModel()], vectorBits);
    auto [ties, per] = linkPredOptions(linkpred);
    SmallVector<Value> operands{
        ctx,
        strings.address(builder, loc, linkpred.getModel()),
        strings.address(builder, loc, linkpred.getGraph()),
        i32Constant(builder, loc, splitMask(builder.getStrArrayAttr({linkpred.getSplit()}))),
        i32Constant(builder, loc, ties),
        i32Constant(builder, loc, per)};
    for (LinkPredKernelSet &set : kernels) {
      operands.push_back(builder.create<arith::ConstantIntOp>(loc, set.panelWidth, 64));
      operands.push_back(builder.create<arith::ConstantIntOp>(loc, set.queryBlock, 64));
      for (func::FuncOp kernel : {set.query, set.score, set.rank})
        operands.push_back(builder.create<func::ConstantOp>(
            loc, kernel.getFunctionType(), SymbolRefAttr::get(kernel.getSymNameAttr())));
    }
    builder.create<func::CallOp>(loc, module.lookupSymbol<func::FuncOp>("kq_rt_linkpred"),
                                 operands);
    endStatement();
  }

  void lower(EvalOp eval) {
    auto string = [&](std::optional<StringRef> text) {
      return strings.address(builder, loc, text ? *text : StringRef());
    };
    Value bench = strings.address(builder, loc, eval.getBench());
    Value ties = i32Constant(builder, loc, optionCode(eval.getTies()));
    Value seen = string(eval.getSeen()), ranks = string(eval.getRanks());
    if (eval.getScores()) {
      builder.create<func::CallOp>(loc, "kq_rt_eval_scores", TypeRange{},
                                   ValueRange{ctx, string(eval.getScoresPath()),
                                              string(eval.getScores()), bench, ties, seen, ranks});
      endStatement();
      return;
    }
    // The twins, one a template of the bench in its order, then the run.
    for (auto [index, twin] : llvm::enumerate(*eval.getTwins())) {
      StringRef name = cast<FlatSymbolRefAttr>(twin).getValue();
      Value function = builder.create<func::ConstantOp>(
          loc, templateFunctionType(context), SymbolRefAttr::get(context, truthFunctionName(name)));
      builder.create<func::CallOp>(loc, "kq_rt_eval_template", TypeRange{},
                                   ValueRange{ctx, i32Constant(builder, loc, index), function});
    }
    auto kernels = getOrCreateLinkPredKernels(module, modelFamilies[*eval.getModel()], vectorBits);
    SmallVector<Value> operands{
        ctx,
        strings.address(builder, loc, *eval.getModel()),
        bench,
        i32Constant(builder, loc, optionCode(eval.getLogic())),
        builder.create<arith::ConstantFloatOp>(loc, eval.getThreshold(), builder.getF64Type()),
        i64Constant(builder, loc, eval.getBeam()),
        ties,
        seen,
        ranks};
    for (LinkPredKernelSet &set : kernels) {
      operands.push_back(i64Constant(builder, loc, set.panelWidth));
      operands.push_back(i64Constant(builder, loc, set.queryBlock));
      for (func::FuncOp kernel : {set.query, set.rows, set.softmax})
        operands.push_back(builder.create<func::ConstantOp>(
            loc, kernel.getFunctionType(), SymbolRefAttr::get(kernel.getSymNameAttr())));
    }
    builder.create<func::CallOp>(loc, module.lookupSymbol<func::FuncOp>("kq_rt_eval"), operands);
    endStatement();
  }

  void lower(EvaluateOp evaluate) {
    // The shared body becomes a function of (view, ctx), called once.
    OpBuilder outside(main);
    auto function =
        outside.create<func::FuncOp>(loc, "kq.evaluate." + std::to_string(numEvaluations++),
                                     outside.getFunctionType({ptr, ptr}, {}));
    function.setPrivate();
    function.getBody().takeBody(evaluate.getBody());
    Block &block = function.getBody().front();
    block.addArgument(ptr, loc);
    block.addArgument(ptr, loc);
    OpBuilder::atBlockEnd(&block).create<func::ReturnOp>(loc);
    Value view = viewOn(evaluate.getGraph(), evaluate.getSplits());
    builder.create<func::CallOp>(loc, function, ValueRange{view, ctx});
    endStatement();
  }

  ModuleOp module;
  MLIRContext *context;
  RuntimeStrings &strings;
  unsigned vectorBits;
  const llvm::StringMap<TemplateInfo> &templates;
  Type ptr;
  OpBuilder builder;
  Location loc;
  PromptLowering prompts;
  llvm::StringMap<ModelFamily> modelFamilies;
  func::FuncOp main;
  Value ctx;
  unsigned numEvaluations = 0;
};

struct ConvertKQToRuntimePass
    : public mlir::kq::impl::ConvertKQToRuntimeBase<ConvertKQToRuntimePass> {
  using ConvertKQToRuntimeBase::ConvertKQToRuntimeBase;
  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (vectorBits < 64 || vectorBits % 64 != 0) {
      module.emitError("vector-bits must be a positive multiple of 64, not ")
          << unsigned(vectorBits);
      return signalPassFailure();
    }
    // The eval statements' fuzzy twins, made here when kq-relax did not run;
    // every query of truth vectors becomes a function of its own.
    if (llvm::any_of(module.getOps<EvalOp>(),
                     [](EvalOp eval) { return !eval.getScores() && !eval.getTwins(); }) &&
        failed(relaxForEvals(module)))
      return signalPassFailure();
    RuntimeStrings strings(module);
    if (failed(lowerFuzzyQueries(module, strings)))
      return signalPassFailure();
    // Prompts whose skills kq-lay-out-skills has not laid out get them now.
    if (failed(layOutSkills(module)))
      return signalPassFailure();
    // What the sampler needs of each template, read before the templates
    // become functions.
    llvm::StringMap<TemplateInfo> templates;
    for (auto query : module.getOps<QueryOp>())
      if (query.getParameters())
        templates[query.getSymName()] = packTemplate(query);
    // The templates prompts solve step by step get traced copies.
    llvm::StringMap<TracedTemplate> traces;
    for (auto promptCase : llvm::to_vector(module.getOps<PromptOp>()))
      for (auto each : promptCase.getBody().front().getOps<PromptCaseOp>()) {
        if (traces.count(each.getOf()))
          continue;
        FailureOr<TracedTemplate> traced =
            traceTemplate(module.lookupSymbol<QueryOp>(each.getOfAttr()));
        if (failed(traced))
          return signalPassFailure();
        traces[each.getOf()] = std::move(*traced);
      }
    declareRuntimeFunctions(module);
    bool computesSets =
        module
            .walk([](Operation *op) {
              return llvm::any_of(op->getResultTypes(), llvm::IsaPred<EntitySetType>)
                         ? WalkResult::interrupt()
                         : WalkResult::advance();
            })
            .wasInterrupted();
    if (computesSets)
      createSetKernels(module);
    SmallVector<ForEachOp> loops;
    module.walk([&](ForEachOp forEach) { loops.push_back(forEach); });
    for (ForEachOp forEach : loops) // innermost first: walk is post-order
      lowerForEachToLoop(forEach);
    for (QueryOp query : llvm::make_early_inc_range(module.getOps<QueryOp>()))
      convertQueryToFunction(query);
    StatementLowering(module, strings, vectorBits, templates, traces).run();

    RuntimeTypeConverter converter(&getContext());
    RewritePatternSet patterns(&getContext());
    populateKQSetOpsToRuntimePatterns(converter, strings, patterns);
    ConversionTarget target(getContext());
    target.addLegalDialect<func::FuncDialect, LLVM::LLVMDialect, arith::ArithDialect>();
    target.addIllegalDialect<KQDialect>();
    // Loops carry entity sets: their types change with the conversion.
    scf::populateSCFStructuralTypeConversionsAndLegality(converter, patterns, target);
    if (failed(applyPartialConversion(module, target, std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

RuntimeTypeConverter::RuntimeTypeConverter(MLIRContext *context) {
  addConversion([](Type type) { return type; });
  addConversion([context](EntitySetType) { return handleType(context); });
  auto cast = [](OpBuilder &builder, Type type, ValueRange inputs, Location loc) -> Value {
    return builder.create<UnrealizedConversionCastOp>(loc, type, inputs).getResult(0);
  };
  addSourceMaterialization(cast);
  addTargetMaterialization(cast);
}

Value RuntimeStrings::address(OpBuilder &builder, Location loc, StringRef text) {
  auto [it, inserted] = symbols.try_emplace(text, "");
  if (inserted) {
    // Interned on first use: a private constant beside the others, made by
    // the caller's builder (a pattern's rewriter tracks it).
    it->second = "kq.str." + std::to_string(symbols.size() - 1);
    OpBuilder::InsertionGuard guard(builder);
    if (lastGlobal)
      builder.setInsertionPointAfter(lastGlobal);
    else
      builder.setInsertionPointToStart(module.getBody());
    auto type = LLVM::LLVMArrayType::get(builder.getI8Type(), text.size() + 1);
    lastGlobal = builder.create<LLVM::GlobalOp>(module.getLoc(), type, /*isConstant=*/true,
                                                LLVM::Linkage::Private, it->second,
                                                builder.getStringAttr(text.str() + '\0'),
                                                /*alignment=*/1);
  }
  return builder.create<LLVM::AddressOfOp>(loc, handleType(builder.getContext()), it->second);
}

void mlir::kq::populateKQSetOpsToRuntimePatterns(RuntimeTypeConverter &converter,
                                                 RuntimeStrings &strings,
                                                 RewritePatternSet &patterns) {
  MLIRContext *context = patterns.getContext();
  patterns.add<EntityLowering, ProjectLowering, PathLowering, SelfLoopsLowering>(converter, context,
                                                                                 strings);
  patterns.add<CombineLowering<IntersectOp>>(converter, context, strings, set_kernels::kIntersect);
  patterns.add<CombineLowering<UnionOp>>(converter, context, strings, set_kernels::kUnion);
  patterns.add<DirectCallLowering<DifferenceOp>>(converter, context, strings,
                                                 set_kernels::kDifference);
  patterns.add<ComplementLowering, AccumulateLowering, AccumulatedLowering>(converter, context,
                                                                            strings);
  patterns.add<DirectCallLowering<GuardOp>>(converter, context, strings, set_kernels::kGuard);

  patterns.add<DirectCallLowering<UniverseOp>>(converter, context, strings, "kq_rt_universe");
  patterns.add<DirectCallLowering<EmptyOp>>(converter, context, strings, "kq_rt_empty");
  patterns.add<ElementLowering, ReportLowering, ParamLowering, ProjectParamLowering, TraceLowering>(
      converter, context, strings);
  patterns.add<SizeLowering, YieldLowering, CheckpointLowering, ReleaseLowering>(converter,
                                                                                 context);
}
