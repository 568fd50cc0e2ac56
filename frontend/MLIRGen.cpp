//===- MLIRGen.cpp - From the checked AST to the kq dialect ---------------===//

#include "frontend/MLIRGen.h"

#include "frontend/TemplatePattern.h"
#include "ir/KQOps.h"
#include "ir/Skills.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/STLExtras.h"

#include <map>
#include <set>

using namespace kq;
using namespace kq::ast;

namespace {

/// The value of option `Enum` a checked program spells (Sema has reported
/// any other spelling, so this one is known).
template <typename Enum> Enum option(llvm::StringRef spelling) {
  return *mlir::kq::symbolizeEnum<Enum>(spelling);
}

/// A variable is identified by where it is declared.
using VariableKey = const char *;

VariableKey keyOf(const Term &term) { return term.binderRange.Start.getPointer(); }
VariableKey keyOf(const Variable &var) { return var.range.Start.getPointer(); }

/// The variables that occur in `formula` and are declared outside it.
void collectFreeVariables(const Formula &formula, std::set<VariableKey> &declaredInside,
                          std::set<VariableKey> &free) {
  if (auto *atom = llvm::dyn_cast<AtomFormula>(&formula)) {
    for (const Term *term : {&atom->subject, &atom->object})
      if (term->isVariable && !declaredInside.count(keyOf(*term)))
        free.insert(keyOf(*term));
  } else if (auto *nary = llvm::dyn_cast<NaryFormula>(&formula)) {
    for (auto &operand : nary->operands)
      collectFreeVariables(*operand, declaredInside, free);
  } else if (auto *negation = llvm::dyn_cast<NotFormula>(&formula)) {
    collectFreeVariables(*negation->operand, declaredInside, free);
  } else {
    auto &exists = llvm::cast<ExistsFormula>(formula);
    for (const Variable &var : exists.variables)
      declaredInside.insert(keyOf(var));
    collectFreeVariables(*exists.body, declaredInside, free);
  }
}

std::set<VariableKey> freeVariables(const Formula &formula) {
  std::set<VariableKey> declaredInside, free;
  collectFreeVariables(formula, declaredInside, free);
  return free;
}

/// Plans one query instance into kq set operations.
///
/// A tree-shaped query is solved from its answer variable: every atom leads
/// toward it as a projection, conjunctions intersect, negations subtract.
/// What is not a tree (a cycle, a multi-edge, a negation or disjunction that
/// relates two variables) is made one by enumerating a variable on it
/// (`kq.foreach`): that variable becomes an anchor bound to each of its
/// candidates in turn, and the candidates are what the part of the query
/// hanging off it allows.
class QueryPlanner {
public:
  /// `arguments` binds each parameter to a name; for a template computed
  /// for any arguments, `parameterIndex` numbers the parameters instead.
  QueryPlanner(mlir::OpBuilder &builder, DiagnosticEngine &diags,
               std::function<mlir::Location(llvm::SMRange)> loc,
               const std::map<std::string, std::string> &arguments,
               const std::map<std::string, int32_t> *parameterIndex = nullptr)
      : builder(builder), diags(diags), loc(std::move(loc)), arguments(arguments),
        parameterIndex(parameterIndex) {}

  /// The set of values of `root` that satisfy `formula`, whose only free
  /// variable (besides enumerated ones) is `root`. Returns null after
  /// reporting an error.
  mlir::Value solveFormula(const Formula &formula, VariableKey root);

private:
  struct Conjunct {
    const Formula *formula;
    bool used = false;
  };
  using Conjuncts = std::vector<Conjunct>;

  void flatten(const Formula &formula, Conjuncts &conjuncts);
  mlir::Value solveConjuncts(VariableKey root, llvm::SMRange range, Conjuncts conjuncts);
  mlir::Value solveVariable(VariableKey var, llvm::SMRange varRange, Conjuncts &conjuncts,
                            std::set<VariableKey> &visited);
  /// The variables of a conjunct that are not enumerated already.
  std::set<VariableKey> openVariables(const Formula &formula) const;
  /// Whether an atom links `var` to a constant or an enumerated variable.
  bool isAnchored(VariableKey var, const Conjuncts &conjuncts) const {
    return llvm::any_of(conjuncts, [&](const Conjunct &conjunct) {
      auto *atom = llvm::dyn_cast<AtomFormula>(conjunct.formula);
      if (!atom)
        return false;
      auto fixed = [&](const Term &term) { return !term.isVariable || bound.count(keyOf(term)); };
      auto is = [&](const Term &term) { return term.isVariable && keyOf(term) == var; };
      return (is(atom->subject) && fixed(atom->object)) ||
             (is(atom->object) && fixed(atom->subject));
    });
  }
  /// A variable whose enumeration makes the conjunction a tree, if needed.
  std::optional<VariableKey> findVariableToEnumerate(VariableKey root,
                                                     const Conjuncts &conjuncts) const;
  mlir::Value enumerate(VariableKey root, llvm::SMRange range, VariableKey variable,
                        const Conjuncts &conjuncts);
  /// The entities at `variable`'s end of some edge of every atom among
  /// `conjuncts` that links it to something else: the candidates of an
  /// enumerated variable nothing else decides (every entity if no atom does).
  mlir::Value endsOfAtomsOn(VariableKey variable, llvm::SMRange range, const Conjuncts &conjuncts);

  std::string substitute(const Name &name, NameRole role) const {
    if (role == NameRole::Parameter)
      return arguments.at(name.text);
    return name.text;
  }
  /// The parameter a name stands for in a template computed for any
  /// arguments.
  std::optional<int32_t> openParameter(const Name &name, NameRole role) const {
    if (!parameterIndex || role != NameRole::Parameter)
      return std::nullopt;
    return parameterIndex->at(name.text);
  }
  mlir::Type setType() { return builder.getType<mlir::kq::EntitySetType>(); }
  void unsupported(llvm::SMRange range, const llvm::Twine &what) {
    diags.error(range, what + " is not supported by this version of kqc yet");
  }

  mlir::OpBuilder &builder;
  DiagnosticEngine &diags;
  std::function<mlir::Location(llvm::SMRange)> loc;
  const std::map<std::string, std::string> &arguments;
  const std::map<std::string, int32_t> *parameterIndex;
  /// Enumerated variables and the singleton sets they are bound to.
  std::map<VariableKey, mlir::Value> bound;
};

} // namespace

void QueryPlanner::flatten(const Formula &formula, Conjuncts &conjuncts) {
  if (formula.getKind() == Formula::Kind::And) {
    for (auto &operand : llvm::cast<NaryFormula>(formula).operands)
      flatten(*operand, conjuncts);
    return;
  }
  // The quantified variables are told apart by their declarations, so a
  // quantifier can be dropped once its body joins the conjunction.
  if (auto *exists = llvm::dyn_cast<ExistsFormula>(&formula)) {
    flatten(*exists->body, conjuncts);
    return;
  }
  // !!F is F.
  if (auto *negation = llvm::dyn_cast<NotFormula>(&formula))
    if (auto *inner = llvm::dyn_cast<NotFormula>(negation->operand.get())) {
      flatten(*inner->operand, conjuncts);
      return;
    }
  conjuncts.push_back({&formula});
}

std::set<VariableKey> QueryPlanner::openVariables(const Formula &formula) const {
  std::set<VariableKey> open;
  for (VariableKey var : freeVariables(formula))
    if (!bound.count(var))
      open.insert(var);
  return open;
}

mlir::Value QueryPlanner::solveFormula(const Formula &formula, VariableKey root) {
  if (formula.getKind() == Formula::Kind::Or) {
    llvm::SmallVector<mlir::Value> alternatives;
    for (auto &operand : llvm::cast<NaryFormula>(formula).operands) {
      mlir::Value alternative = solveFormula(*operand, root);
      if (!alternative)
        return nullptr;
      alternatives.push_back(alternative);
    }
    return builder.create<mlir::kq::UnionOp>(loc(formula.getRange()), setType(), alternatives);
  }
  Conjuncts conjuncts;
  flatten(formula, conjuncts);
  return solveConjuncts(root, formula.getRange(), std::move(conjuncts));
}

std::optional<VariableKey> QueryPlanner::findVariableToEnumerate(VariableKey root,
                                                                 const Conjuncts &conjuncts) const {
  // Grow a spanning tree from the root; the first conjunct that closes a
  // cycle, or that relates two open variables without being an atom, names
  // the variable to enumerate (never the root).
  std::set<VariableKey> reached{root};
  std::vector<VariableKey> frontier{root};
  std::vector<bool> done(conjuncts.size());
  while (!frontier.empty()) {
    VariableKey var = frontier.back();
    frontier.pop_back();
    for (size_t i = 0; i < conjuncts.size(); ++i) {
      if (done[i])
        continue;
      std::set<VariableKey> open = openVariables(*conjuncts[i].formula);
      if (!open.count(var))
        continue;
      done[i] = true;
      auto other = llvm::find_if(open, [&](VariableKey v) { return v != root; });
      if (!llvm::isa<AtomFormula>(conjuncts[i].formula)) {
        if (open.size() >= 2)
          return *other;
      } else if (open.size() == 2) {
        VariableKey next = *open.begin() == var ? *open.rbegin() : *open.begin();
        if (reached.count(next)) {
          // Either end breaks the cycle; an anchored one has candidates
          // narrower than every entity.
          if (next == root ||
              (var != root && isAnchored(var, conjuncts) && !isAnchored(next, conjuncts)))
            return var;
          return next;
        }
        reached.insert(next);
        frontier.push_back(next);
      }
    }
  }
  return std::nullopt;
}

mlir::Value QueryPlanner::enumerate(VariableKey root, llvm::SMRange range, VariableKey variable,
                                    const Conjuncts &conjuncts) {
  // The root's side: what is reachable from the root without passing
  // through the enumerated variable. The rest hangs off that variable and
  // decides its candidates.
  std::set<VariableKey> reached{root};
  std::vector<VariableKey> frontier{root};
  std::vector<bool> rootSide(conjuncts.size());
  while (!frontier.empty()) {
    VariableKey var = frontier.back();
    frontier.pop_back();
    for (size_t i = 0; i < conjuncts.size(); ++i) {
      std::set<VariableKey> open = openVariables(*conjuncts[i].formula);
      if (rootSide[i] || !open.count(var))
        continue;
      rootSide[i] = true;
      for (VariableKey next : open)
        if (next != variable && reached.insert(next).second)
          frontier.push_back(next);
    }
  }
  Conjuncts rootConjuncts, variableConjuncts;
  for (size_t i = 0; i < conjuncts.size(); ++i)
    (rootSide[i] ? rootConjuncts : variableConjuncts).push_back(conjuncts[i]);

  llvm::SMRange variableRange(llvm::SMLoc::getFromPointer(variable),
                              llvm::SMLoc::getFromPointer(variable));
  // Candidates from the ends of the root side's atoms only bound the
  // enumeration: those atoms are solved again in the body.
  const bool domain = variableConjuncts.empty();
  mlir::Value candidates =
      domain ? endsOfAtomsOn(variable, variableRange, rootConjuncts)
             : solveConjuncts(variable, variableRange, std::move(variableConjuncts));
  if (!candidates)
    return nullptr;

  auto forEach =
      builder.create<mlir::kq::ForEachOp>(loc(variableRange), setType(), candidates, domain);
  mlir::Block &body = forEach.getBody().emplaceBlock();
  mlir::Value binding = body.addArgument(setType(), loc(variableRange));
  mlir::OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToStart(&body);
  bound[variable] = binding;
  mlir::Value answers = solveConjuncts(root, range, std::move(rootConjuncts));
  bound.erase(variable);
  if (!answers)
    return nullptr;
  builder.create<mlir::kq::YieldOp>(loc(range), answers);
  return forEach.getResult();
}

mlir::Value QueryPlanner::endsOfAtomsOn(VariableKey variable, llvm::SMRange range,
                                        const Conjuncts &conjuncts) {
  mlir::Value universe = builder.create<mlir::kq::UniverseOp>(loc(range), setType());
  llvm::SmallVector<mlir::Value> ends;
  for (const Conjunct &conjunct : conjuncts) {
    auto *atom = llvm::dyn_cast<AtomFormula>(conjunct.formula);
    if (!atom)
      continue;
    auto is = [&](const Term &term) { return term.isVariable && keyOf(term) == variable; };
    bool atSubject = is(atom->subject), atObject = is(atom->object);
    if (atSubject == atObject)
      continue;
    mlir::Location here = loc(atom->getRange());
    if (auto relation = openParameter(atom->predicate, atom->predicateRole))
      ends.push_back(builder.create<mlir::kq::ProjectParamOp>(here, setType(), universe, *relation,
                                                              /*inverse=*/atSubject));
    else
      ends.push_back(builder.create<mlir::kq::ProjectOp>(
          here, setType(), universe, substitute(atom->predicate, atom->predicateRole),
          /*inverse=*/atSubject));
  }
  if (ends.empty())
    return universe;
  if (ends.size() == 1)
    return ends.front();
  return builder.create<mlir::kq::IntersectOp>(loc(range), setType(), ends);
}

mlir::Value QueryPlanner::solveConjuncts(VariableKey root, llvm::SMRange range,
                                         Conjuncts conjuncts) {
  if (std::optional<VariableKey> variable = findVariableToEnumerate(root, conjuncts))
    return enumerate(root, range, *variable, conjuncts);
  std::set<VariableKey> visited;
  mlir::Value result = solveVariable(root, range, conjuncts, visited);
  if (!result)
    return nullptr;
  // What is left mentions only enumerated variables and constants: a
  // condition that holds or fails for the whole iteration. It holds when
  // the binding of one of its variables is among that variable's answers.
  for (const Conjunct &conjunct : conjuncts) {
    if (conjunct.used)
      continue;
    std::set<VariableKey> mentioned = freeVariables(*conjunct.formula);
    auto enumerated = llvm::find_if(mentioned, [&](VariableKey v) { return bound.count(v); });
    if (!openVariables(*conjunct.formula).empty() || enumerated == mentioned.end()) {
      unsupported(conjunct.formula->getRange(), "this part of the query");
      return nullptr;
    }
    VariableKey var = *enumerated;
    mlir::Value binding = bound[var];
    bound.erase(var);
    mlir::Value holds = solveFormula(*conjunct.formula, var);
    bound[var] = binding;
    if (!holds)
      return nullptr;
    mlir::Location here = loc(conjunct.formula->getRange());
    mlir::Value witness =
        builder.create<mlir::kq::IntersectOp>(here, setType(), mlir::ValueRange{holds, binding});
    result = builder.create<mlir::kq::GuardOp>(here, setType(), result, witness);
  }
  return result;
}

mlir::Value QueryPlanner::solveVariable(VariableKey var, llvm::SMRange varRange,
                                        Conjuncts &conjuncts, std::set<VariableKey> &visited) {
  visited.insert(var);
  llvm::SmallVector<mlir::Value> positives, negatives;
  bool failed = false;
  for (size_t i = 0; i < conjuncts.size(); ++i) {
    if (conjuncts[i].used)
      continue;
    const Formula &formula = *conjuncts[i].formula;
    if (auto *atom = llvm::dyn_cast<AtomFormula>(&formula)) {
      bool atSubject = atom->subject.isVariable && keyOf(atom->subject) == var;
      bool atObject = atom->object.isVariable && keyOf(atom->object) == var;
      if (!atSubject && !atObject)
        continue;
      conjuncts[i].used = true;
      if (atSubject && atObject) {
        if (openParameter(atom->predicate, atom->predicateRole)) {
          unsupported(atom->getRange(), "sampling a template whose relation parameter links a "
                                        "variable to itself");
          failed = true;
          continue;
        }
        positives.push_back(builder.create<mlir::kq::SelfLoopsOp>(
            loc(atom->getRange()), setType(), substitute(atom->predicate, atom->predicateRole)));
        continue;
      }
      // The answer set of `var` is the projection of the other end's set.
      const Term &other = atSubject ? atom->object : atom->subject;
      mlir::Value source;
      if (auto parameter =
              other.isVariable ? std::nullopt : openParameter(other.name, other.role)) {
        source = builder.create<mlir::kq::ParamOp>(loc(other.name.range), setType(), *parameter);
      } else if (!other.isVariable) {
        source = builder.create<mlir::kq::EntityOp>(loc(other.name.range), setType(),
                                                    substitute(other.name, other.role));
      } else if (auto enumerated = bound.find(keyOf(other)); enumerated != bound.end()) {
        source = enumerated->second;
      } else if (visited.count(keyOf(other))) {
        // findVariableToEnumerate breaks every cycle before we get here.
        unsupported(atom->getRange(), "a query whose graph has a cycle here");
        failed = true;
        continue;
      } else {
        source = solveVariable(keyOf(other), other.name.range, conjuncts, visited);
      }
      if (!source) {
        failed = true;
        continue;
      }
      if (auto relation = openParameter(atom->predicate, atom->predicateRole)) {
        positives.push_back(builder.create<mlir::kq::ProjectParamOp>(
            loc(atom->getRange()), setType(), source, *relation, /*inverse=*/atSubject));
        continue;
      }
      positives.push_back(builder.create<mlir::kq::ProjectOp>(
          loc(atom->getRange()), setType(), source,
          substitute(atom->predicate, atom->predicateRole), /*inverse=*/atSubject));
      continue;
    }
    std::set<VariableKey> open = openVariables(formula);
    if (open.size() != 1 || *open.begin() != var)
      continue;
    conjuncts[i].used = true;
    if (auto *negation = llvm::dyn_cast<NotFormula>(&formula)) {
      if (mlir::Value excluded = solveFormula(*negation->operand, var))
        negatives.push_back(excluded);
      else
        failed = true;
    } else if (mlir::Value alternatives = solveFormula(formula, var)) {
      positives.push_back(alternatives);
    } else {
      failed = true;
    }
  }
  if (failed)
    return nullptr;
  mlir::Location here = loc(varRange);
  mlir::Value result;
  if (!positives.empty()) {
    result = positives.front();
    if (positives.size() > 1)
      result = builder.create<mlir::kq::IntersectOp>(here, setType(), positives);
  } else if (negatives.empty()) {
    // An existential leaf that nothing else constrains: any entity.
    return builder.create<mlir::kq::UniverseOp>(here, setType());
  } else {
    // Only inside a negation (Sema enforces range restriction at the top):
    // the complement of what is excluded, as negation means over the graph.
    mlir::Value excluded = negatives.front();
    if (negatives.size() > 1)
      excluded = builder.create<mlir::kq::UnionOp>(here, setType(), negatives);
    return builder.create<mlir::kq::ComplementOp>(here, setType(), excluded);
  }
  for (mlir::Value excluded : negatives)
    result = builder.create<mlir::kq::DifferenceOp>(here, setType(), result, excluded);
  return result;
}

namespace {

class ModuleGenerator {
public:
  ModuleGenerator(mlir::MLIRContext &context, DiagnosticEngine &diags)
      : builder(&context), diags(diags) {}

  mlir::OwningOpRef<mlir::ModuleOp> generate(const Module &module);

private:
  /// Pieces of a template's text or question as an attribute: words as
  /// strings, a parameter's place as its index, an atom as its fields.
  mlir::ArrayAttr piecesAttr(const std::vector<TemplatePiece> &pieces) {
    llvm::SmallVector<mlir::Attribute> attributes;
    for (const TemplatePiece &piece : pieces) {
      if (piece.parameter)
        attributes.push_back(builder.getI64IntegerAttr(int64_t(*piece.parameter)));
      else if (piece.atom)
        attributes.push_back(builder.getStrArrayAttr(
            llvm::SmallVector<llvm::StringRef>(piece.atom->begin(), piece.atom->end())));
      else
        attributes.push_back(builder.getStringAttr(piece.words));
    }
    return builder.getArrayAttr(attributes);
  }
  mlir::Location loc(llvm::SMRange range) {
    const llvm::SourceMgr &sourceMgr = diags.getSourceMgr();
    unsigned bufferId = sourceMgr.FindBufferContainingLoc(range.Start);
    if (!bufferId)
      return builder.getUnknownLoc();
    auto [line, column] = sourceMgr.getLineAndColumn(range.Start, bufferId);
    return mlir::FileLineColLoc::get(
        builder.getStringAttr(sourceMgr.getMemoryBuffer(bufferId)->getBufferIdentifier()), line,
        column);
  }

  /// The symbol of the query instance an answer statement needs, emitting
  /// it the first time.
  std::optional<std::string> queryInstance(const AnswerStmt &answer);
  /// A kq.query computing `query` with its parameters bound to `arguments`,
  /// or, given `parameterIndex`, for any arguments. Null after an error.
  mlir::kq::QueryOp emitQuery(const QueryDecl &query, llvm::StringRef symbol,
                              const std::map<std::string, std::string> &arguments,
                              const std::map<std::string, int32_t> *parameterIndex = nullptr);
  /// The symbol of the template computed for any arguments, which `kq.sample`
  /// grounds, emitting it the first time.
  std::optional<std::string> openTemplate(const QueryDecl &query);
  static bool canCompileOpen(const QueryDecl &query);
  mlir::StringAttr betaeStructure(const QueryDecl &query);
  mlir::StringAttr fitFormulaOf(const QueryDecl &query);
  bool emitBench(const BenchDecl &bench);
  bool emitPrompt(const PromptDecl &prompt);
  /// The kq.skill of `skill`, emitted the first time a prompt needs it.
  mlir::FlatSymbolRefAttr skillSymbol(const SkillDecl &skill);

  mlir::OpBuilder builder;
  mlir::ModuleOp module;
  std::set<const SkillDecl *> emittedSkills;
  DiagnosticEngine &diags;
  std::map<std::vector<std::string>, std::string> instances; // query + arguments -> symbol
  std::set<std::string> usedSymbols;
  std::map<std::string, std::string> openTemplates; // template name -> symbol
  std::map<std::string, const QueryDecl *> queries;
};

} // namespace

mlir::kq::QueryOp ModuleGenerator::emitQuery(const QueryDecl &query, llvm::StringRef symbol,
                                             const std::map<std::string, std::string> &arguments,
                                             const std::map<std::string, int32_t> *parameterIndex) {
  if (query.answerVariables.size() != 1) {
    diags.error(
        query.answerVariables[1].range,
        "queries with more than one answer variable are not supported by this version of kqc yet");
    return nullptr;
  }
  auto queryOp = builder.create<mlir::kq::QueryOp>(loc(query.name.range), symbol);
  mlir::OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToStart(&queryOp.getBody().emplaceBlock());
  QueryPlanner planner(
      builder, diags, [this](llvm::SMRange range) { return loc(range); }, arguments,
      parameterIndex);
  mlir::Value answers = planner.solveFormula(*query.formula, keyOf(query.answerVariables[0]));
  if (!answers)
    return nullptr;
  builder.create<mlir::kq::YieldOp>(loc(query.formula->getRange()), answers);
  return queryOp;
}

/// The template as FIT writes formulas, for `emit … format fit`, if it can.
mlir::StringAttr ModuleGenerator::fitFormulaOf(const QueryDecl &query) {
  std::string reason;
  std::optional<std::string> formula = kq::fitFormula(query, reason);
  return formula ? builder.getStringAttr(*formula) : nullptr;
}

/// The BetaE structure of a template of std/betae.kq, for `emit … format betae`.
mlir::StringAttr ModuleGenerator::betaeStructure(const QueryDecl &query) {
  const llvm::SourceMgr &sourceMgr = diags.getSourceMgr();
  unsigned buffer = sourceMgr.FindBufferContainingLoc(query.name.range.Start);
  if (!buffer)
    return nullptr;
  const char *structure =
      kq::betaeStructure(query, sourceMgr.getMemoryBuffer(buffer)->getBufferIdentifier());
  return structure ? builder.getStringAttr(structure) : nullptr;
}

/// Whether the template can be computed for any arguments: one answer
/// variable, and no relation parameter between a variable and itself.
static bool hasOpenSelfLoop(const Formula &formula) {
  if (auto *atom = llvm::dyn_cast<AtomFormula>(&formula))
    return atom->predicateRole == NameRole::Parameter && atom->subject.isVariable &&
           atom->object.isVariable && keyOf(atom->subject) == keyOf(atom->object);
  if (auto *nary = llvm::dyn_cast<NaryFormula>(&formula))
    return llvm::any_of(nary->operands, [](auto &operand) { return hasOpenSelfLoop(*operand); });
  if (auto *negation = llvm::dyn_cast<NotFormula>(&formula))
    return hasOpenSelfLoop(*negation->operand);
  return hasOpenSelfLoop(*llvm::cast<ExistsFormula>(formula).body);
}

bool ModuleGenerator::canCompileOpen(const QueryDecl &query) {
  return query.answerVariables.size() == 1 && !hasOpenSelfLoop(*query.formula);
}

std::optional<std::string> ModuleGenerator::openTemplate(const QueryDecl &query) {
  if (auto found = openTemplates.find(query.name.text); found != openTemplates.end())
    return found->second;
  std::string symbol = "template." + query.name.text;
  openTemplates[query.name.text] = symbol;
  usedSymbols.insert(symbol);
  std::map<std::string, int32_t> parameterIndex;
  llvm::SmallVector<llvm::StringRef> kinds;
  for (size_t i = 0; i < query.params.size(); ++i) {
    parameterIndex[query.params[i].name.text] = int32_t(i);
    kinds.push_back(query.params[i].kind == Parameter::Kind::Relation ? "relation" : "entity");
  }
  mlir::kq::QueryOp queryOp = emitQuery(query, symbol, {}, &parameterIndex);
  if (!queryOp)
    return std::nullopt;
  llvm::SmallVector<mlir::Attribute> pattern;
  for (const PatternAtom &atom : templatePattern(query))
    pattern.push_back(
        builder.getStrArrayAttr(llvm::SmallVector<llvm::StringRef>(atom.begin(), atom.end())));
  queryOp.setParametersAttr(builder.getStrArrayAttr(kinds));
  queryOp.setPatternAttr(builder.getArrayAttr(pattern));
  queryOp.setTextAttr(piecesAttr(templateText(query)));
  queryOp.setStructureAttr(betaeStructure(query));
  queryOp.setFitFormulaAttr(fitFormulaOf(query));
  return symbol;
}

bool ModuleGenerator::emitBench(const BenchDecl &bench) {
  llvm::SmallVector<mlir::Attribute> templates;
  bool ok = true;
  for (const Name &name : bench.templates) {
    std::optional<std::string> symbol = openTemplate(*queries.at(name.text));
    if (!symbol) {
      ok = false;
      continue;
    }
    templates.push_back(mlir::FlatSymbolRefAttr::get(builder.getContext(), *symbol));
  }
  if (!ok)
    return false;
  auto splitsOf = [&](const std::vector<Name> &splits) {
    llvm::SmallVector<llvm::StringRef> names;
    for (const Name &split : splits)
      names.push_back(split.text);
    return builder.getStrArrayAttr(names);
  };
  llvm::SmallVector<mlir::Attribute> exclude;
  for (const Name &other : bench.exclude)
    exclude.push_back(mlir::FlatSymbolRefAttr::get(builder.getContext(), other.text));
  builder.create<mlir::kq::SampleOp>(
      loc(bench.getRange()), bench.name.text, builder.getArrayAttr(templates), bench.graph.text,
      splitsOf(bench.observed), splitsOf(bench.full), int64_t(bench.countValue),
      int64_t(bench.seedValue), int64_t(bench.maxAnswers),
      exclude.empty() ? nullptr : builder.getArrayAttr(exclude));
  return true;
}

mlir::FlatSymbolRefAttr ModuleGenerator::skillSymbol(const SkillDecl &skill) {
  // Prefixed, as templates are, so no graph, query or statement of the
  // program can have the same symbol ('.' is not in identifiers).
  std::string symbol = "skill." + skill.name.text;
  if (emittedSkills.insert(&skill).second) {
    mlir::OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToEnd(module.getBody());
    builder.create<mlir::kq::SkillOp>(
        loc(skill.getRange()), symbol, option<mlir::kq::SkillOperation>(skill.operation.text),
        skill.step, skill.description.text, option<mlir::kq::SkillExample>(skill.example));
  }
  return mlir::FlatSymbolRefAttr::get(builder.getContext(), symbol);
}

bool ModuleGenerator::emitPrompt(const PromptDecl &prompt) {
  llvm::SmallVector<mlir::Attribute> skills;
  for (const SkillDecl *skill : prompt.skills)
    skills.push_back(skillSymbol(*skill));
  const BenchDecl &bench = *prompt.resolvedBench;
  mlir::Location where = loc(prompt.getRange());
  auto promptOp = builder.create<mlir::kq::PromptOp>(
      where, prompt.name.text, bench.name.text, int64_t(prompt.examplesValue),
      int64_t(prompt.seedValue), int64_t(prompt.maxShown));
  mlir::Block &cases = promptOp.getBody().emplaceBlock();
  mlir::OpBuilder::InsertionGuard guard(builder);
  bool ok = true;
  for (const Name &name : bench.templates) {
    const QueryDecl &query = *queries.at(name.text);
    std::string symbol = openTemplates.at(name.text);
    auto templateOp = module.lookupSymbol<mlir::kq::QueryOp>(symbol);
    if (!templateOp || templateOp.getBody().empty()) {
      ok = false; // the template's own error is reported already
      continue;
    }
    if (!mlir::kq::skillOperationsOf(templateOp)) {
      diags.error(prompt.bench.range,
                  "template '" + name.text + "' of benchmark '" + bench.name.text +
                      "' is not a tree of skill steps (it enumerates a variable in a cycle or "
                      "between two negations, or tests a self-loop), so a skic prompt cannot "
                      "solve it step by step");
      ok = false;
      continue;
    }
    builder.setInsertionPointToEnd(&cases);
    auto promptCase = builder.create<mlir::kq::PromptCaseOp>(
        where, symbol, piecesAttr(templateQuestion(query)), builder.getArrayAttr(skills));
    builder.setInsertionPointToEnd(&promptCase.getBody().emplaceBlock());
    auto text = [&](llvm::StringRef text) { builder.create<mlir::kq::TextOp>(where, text); };
    text("Answer the question using these skills.\n\n");
    // The skills of the plan as the kq passes leave it (kq-lay-out-skills).
    builder.create<mlir::kq::ShowSkillsOp>(where);
    builder.create<mlir::kq::WorkedExamplesOp>(where);
    text("Question: ");
    builder.create<mlir::kq::QuestionOp>(where);
    text("\nSolve it step by step, naming the skill of each step, and end with a line "
         "\"Answer: \" followed by every answer, separated by semicolons.\n");
  }
  return ok;
}

std::optional<std::string> ModuleGenerator::queryInstance(const AnswerStmt &answer) {
  const QueryDecl &query = *answer.resolvedQuery;
  if (!query.isTemplate)
    return query.name.text;
  // Instances are told apart by their argument lists themselves: names may
  // hold any character, so no spelling of the list is unambiguous.
  std::vector<std::string> key{query.name.text};
  std::map<std::string, std::string> arguments;
  std::string symbol = query.name.text + "(";
  for (size_t i = 0; i < query.params.size(); ++i) {
    arguments[query.params[i].name.text] = answer.arguments[i].text;
    key.push_back(answer.arguments[i].text);
    symbol += (i ? "," : "") + answer.arguments[i].text;
  }
  symbol += ")";
  auto found = instances.find(key);
  if (found != instances.end())
    return found->second;
  // The readable symbol, made unique if another argument list spells the same.
  std::string unique = symbol;
  for (unsigned n = 1; usedSymbols.count(unique); ++n)
    unique = symbol + "#" + std::to_string(n);
  usedSymbols.insert(unique);
  instances.emplace(key, unique);
  if (!emitQuery(query, unique, arguments))
    return std::nullopt;
  return unique;
}

mlir::OwningOpRef<mlir::ModuleOp> ModuleGenerator::generate(const Module &module) {
  mlir::OwningOpRef<mlir::ModuleOp> result = mlir::ModuleOp::create(
      loc(module.decls.empty() ? llvm::SMRange() : module.decls.front()->getRange()));
  builder.setInsertionPointToEnd(result->getBody());
  this->module = *result;
  // Templates may be declared after the statements that use them.
  for (auto &decl : module.decls)
    if (auto *query = llvm::dyn_cast<QueryDecl>(decl.get()))
      queries[query->name.text] = query;
  bool ok = true;
  for (auto &decl : module.decls) {
    if (auto *graph = llvm::dyn_cast<GraphDecl>(decl.get())) {
      builder.create<mlir::kq::GraphOp>(
          loc(graph->getRange()), graph->name.text, graph->resolvedPath,
          graph->resolvedLabels.empty() ? nullptr : builder.getStringAttr(graph->resolvedLabels),
          /*statistics=*/nullptr);
    } else if (auto *query = llvm::dyn_cast<QueryDecl>(decl.get())) {
      if (!query->isTemplate) {
        usedSymbols.insert(query->name.text);
        ok &= static_cast<bool>(emitQuery(*query, query->name.text, {}));
      }
    } else if (auto *answer = llvm::dyn_cast<AnswerStmt>(decl.get())) {
      std::optional<std::string> symbol = queryInstance(*answer);
      if (!symbol) {
        ok = false;
        continue;
      }
      llvm::SmallVector<llvm::StringRef> splits;
      for (const Name &split : answer->splits)
        splits.push_back(split.text);
      // An instance also names its template computed for any arguments,
      // so kq-batch-templates may answer many instances with one function.
      std::optional<std::string> open;
      if (answer->hasArguments && canCompileOpen(*answer->resolvedQuery))
        open = openTemplate(*answer->resolvedQuery);
      auto answerOp = builder.create<mlir::kq::AnswerOp>(
          loc(answer->getRange()), *symbol, answer->graph.text, builder.getStrArrayAttr(splits),
          nullptr, nullptr, nullptr);
      if (answer->hasArguments) {
        llvm::SmallVector<llvm::StringRef> arguments;
        for (const Name &argument : answer->arguments)
          arguments.push_back(argument.text);
        answerOp.setLabel(answer->query.text);
        answerOp.setArgumentsAttr(builder.getStrArrayAttr(arguments));
        if (open)
          answerOp.setOpenTemplateAttr(mlir::FlatSymbolRefAttr::get(builder.getContext(), *open));
      }
    } else if (auto *model = llvm::dyn_cast<ModelDecl>(decl.get())) {
      builder.create<mlir::kq::ModelOp>(loc(model->getRange()), model->name.text,
                                        option<mlir::kq::ModelFamily>(model->family.text),
                                        model->resolvedPath, model->graph.text);
    } else if (auto *linkpred = llvm::dyn_cast<LinkpredStmt>(decl.get())) {
      llvm::SmallVector<mlir::Attribute> per;
      if (linkpred->perRelation)
        per.push_back(
            mlir::kq::BreakdownAttr::get(builder.getContext(), mlir::kq::Breakdown::Relation));
      if (linkpred->perDirection)
        per.push_back(
            mlir::kq::BreakdownAttr::get(builder.getContext(), mlir::kq::Breakdown::Direction));
      builder.create<mlir::kq::LinkPredOp>(loc(linkpred->getRange()), linkpred->model.text,
                                           linkpred->graph.text, linkpred->splits.front().text,
                                           option<mlir::kq::TiePolicy>(linkpred->ties),
                                           builder.getArrayAttr(per));
    } else if (auto *eval = llvm::dyn_cast<EvalStmt>(decl.get())) {
      mlir::MLIRContext *context = builder.getContext();
      auto symbol = [&](const std::string &name) {
        return mlir::FlatSymbolRefAttr::get(context, name);
      };
      builder.create<mlir::kq::EvalOp>(
          loc(eval->getRange()), eval->isScores ? nullptr : symbol(eval->source.text),
          eval->isScores ? builder.getStringAttr(eval->source.text) : nullptr,
          eval->isScores ? builder.getStringAttr(eval->resolvedScores) : nullptr,
          symbol(eval->bench.text),
          mlir::kq::LogicAttr::get(context, *mlir::kq::symbolizeLogic(eval->logic)),
          builder.getF64FloatAttr(eval->threshold), builder.getI64IntegerAttr(int64_t(eval->beam)),
          mlir::kq::TiePolicyAttr::get(context, option<mlir::kq::TiePolicy>(eval->ties)),
          eval->seen ? symbol(eval->seen->text) : nullptr,
          eval->resolvedRanks.empty() ? nullptr : builder.getStringAttr(eval->resolvedRanks),
          /*twins=*/nullptr);
    } else if (auto *bench = llvm::dyn_cast<BenchDecl>(decl.get())) {
      ok &= emitBench(*bench);
    } else if (auto *quiz = llvm::dyn_cast<QuizDecl>(decl.get())) {
      llvm::SmallVector<llvm::StringRef> splits;
      llvm::SmallVector<mlir::Attribute> formats;
      for (const Name &split : quiz->splits)
        splits.push_back(split.text);
      for (const Name &format : quiz->formats)
        formats.push_back(mlir::kq::QuizFormatAttr::get(builder.getContext(),
                                                        option<mlir::kq::QuizFormat>(format.text)));
      builder.create<mlir::kq::QuizOp>(
          loc(quiz->getRange()), quiz->name.text, quiz->graph.text, builder.getStrArrayAttr(splits),
          builder.getArrayAttr(formats), int64_t(quiz->countValue), int64_t(quiz->seedValue),
          option<mlir::kq::Distractors>(quiz->distractors), option<mlir::kq::QuizKeys>(quiz->keys));
    } else if (auto *prompt = llvm::dyn_cast<PromptDecl>(decl.get())) {
      ok &= emitPrompt(*prompt);
    } else if (auto *llm = llvm::dyn_cast<LlmDecl>(decl.get())) {
      builder.create<mlir::kq::LlmOp>(
          loc(llm->getRange()), "llm." + llm->name.text, llm->endpoint.text, llm->model.text,
          llvm::APFloat(llm->temperature), int64_t(llm->maxTokens), int64_t(llm->concurrency),
          llvm::APFloat(llm->timeoutSeconds), int64_t(llm->retries), llm->apiKeyVariable);
    } else if (auto *ask = llvm::dyn_cast<AskStmt>(decl.get())) {
      builder.create<mlir::kq::AskOp>(loc(ask->getRange()), "llm." + ask->llm.text,
                                      ask->source.text, ask->resolvedReplies);
    } else if (llvm::isa<SkillDecl>(decl.get())) {
      continue; // emitted where a prompt needs it
    } else if (auto *emit = llvm::dyn_cast<EmitStmt>(decl.get());
               emit && llvm::isa<BenchDecl, QuizDecl, PromptDecl>(emit->resolvedSource)) {
      builder.create<mlir::kq::EmitOp>(loc(emit->getRange()), emit->source.text, emit->resolvedPath,
                                       option<mlir::kq::EmitFormat>(emit->format));
    } else if (!llvm::isa<ImportDecl>(decl.get())) {
      diags.error(decl->getRange(),
                  "'" + keywordOf(*decl) +
                      "' statements are not supported by this version of kqc yet");
      ok = false;
    }
  }
  if (!ok)
    return nullptr;
  if (mlir::failed(mlir::verify(*result))) {
    diags.error("internal error: the generated kq module does not verify");
    return nullptr;
  }
  return result;
}

void kq::attachGraphStatistics(mlir::ModuleOp module, const GraphCatalog &catalog) {
  mlir::Builder builder(module.getContext());
  for (auto graphOp : module.getOps<mlir::kq::GraphOp>()) {
    runtime::Graph *graph = catalog.find(graphOp.getSymName().str());
    if (!graph)
      continue;
    const runtime::GraphIndex &all = graph->index(0b111);
    llvm::SmallVector<mlir::NamedAttribute> relations;
    for (uint32_t r = 0; r < graph->relations().size(); ++r) {
      int64_t counts[] = {int64_t(all.forward[r].numEdges()),
                          int64_t(all.forward[r].sources.size()),
                          int64_t(all.backward[r].sources.size())};
      relations.push_back(
          builder.getNamedAttr(graph->relations().name(r), builder.getDenseI64ArrayAttr(counts)));
    }
    graphOp.setStatisticsAttr(builder.getDictionaryAttr({
        builder.getNamedAttr("entities", builder.getI64IntegerAttr(graph->entities().size())),
        builder.getNamedAttr("relations", builder.getDictionaryAttr(relations)),
    }));
  }
}

mlir::OwningOpRef<mlir::ModuleOp> kq::mlirGen(mlir::MLIRContext &context, const Module &module,
                                              DiagnosticEngine &diags) {
  context.getOrLoadDialect<mlir::kq::KQDialect>();
  return ModuleGenerator(context, diags).generate(module);
}
