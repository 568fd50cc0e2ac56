//===- Sema.cpp - Semantic analysis of .kq programs -----------------------===//

#include "frontend/Sema.h"
#include "frontend/Suggestions.h"
#include "frontend/TemplatePattern.h"
#include "ir/KQOps.h"
#include "ir/Options.h"

#include "llvm/ADT/EquivalenceClasses.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <cstdio>
#include <map>
#include <set>

using namespace kq;
using namespace kq::ast;

namespace {

/// Checks one query declaration: scopes, parameters, safety, connectivity.
class QueryChecker {
public:
  QueryChecker(QueryDecl &query, DiagnosticEngine &diags) : query(query), diags(diags) {}
  void check();

private:
  struct ScopeEntry {
    std::string name;
    Binding binding;
    llvm::SMRange declRange;
  };

  void resolve(Formula &formula);
  void resolveTerm(Term &term);
  void resolveName(Name &name, NameRole &role, Parameter::Kind kind);
  /// The variables (by declaration) that `formula` binds with a positive
  /// atom; `positive` is false under an odd number of negations.
  std::set<const char *> positivelyBound(const Formula &formula, bool positive = true);
  void checkConnected();
  /// Every variable under a negation must be bound by a positive atom
  /// outside it: negation is only against a positive part.
  void checkNegationSafety(const Formula &formula, const std::set<const char *> &boundOutside,
                           bool positive, const std::set<const char *> &quantifiedUnderNegation,
                           std::set<const char *> &reported);

  QueryDecl &query;
  DiagnosticEngine &diags;
  std::vector<ScopeEntry> scope;
  std::vector<const AtomFormula *> atoms;
};

} // namespace

void QueryChecker::resolveName(Name &name, NameRole &role, Parameter::Kind kind) {
  for (Parameter &param : query.params) {
    if (param.name.text != name.text || name.quoted)
      continue;
    role = NameRole::Parameter;
    if (param.kind != Parameter::Kind::Unused && param.kind != kind) {
      diags.error(name.range,
                  "parameter '" + name.text + "' is used both as an entity and as a relation");
      diags.note(param.name.range, "parameter declared here");
    }
    param.kind = kind;
    return;
  }
  role = NameRole::Constant;
}

void QueryChecker::resolveTerm(Term &term) {
  if (!term.isVariable) {
    resolveName(term.name, term.role, Parameter::Kind::Entity);
    return;
  }
  for (auto it = scope.rbegin(); it != scope.rend(); ++it) {
    if (it->name == term.name.text) {
      term.binding = it->binding;
      term.binderRange = it->declRange;
      return;
    }
  }
  diags.error(term.name.range, "variable '?" + term.name.text +
                                   "' is neither an answer variable nor quantified by 'exists'");
}

void QueryChecker::resolve(Formula &formula) {
  if (auto *atom = llvm::dyn_cast<AtomFormula>(&formula)) {
    resolveName(atom->predicate, atom->predicateRole, Parameter::Kind::Relation);
    resolveTerm(atom->subject);
    resolveTerm(atom->object);
    atoms.push_back(atom);
    return;
  }
  if (auto *nary = llvm::dyn_cast<NaryFormula>(&formula)) {
    for (auto &operand : nary->operands)
      resolve(*operand);
    return;
  }
  if (auto *negation = llvm::dyn_cast<NotFormula>(&formula)) {
    resolve(*negation->operand);
    return;
  }
  auto &exists = llvm::cast<ExistsFormula>(formula);
  size_t depth = scope.size();
  for (const Variable &var : exists.variables) {
    auto previous =
        llvm::find_if(scope, [&](const ScopeEntry &entry) { return entry.name == var.text; });
    if (previous != scope.end()) {
      diags.error(var.range,
                  previous->binding == Binding::Free
                      ? "'?" + var.text + "' is an answer variable and cannot be quantified"
                      : "'?" + var.text + "' is already quantified in this scope");
      diags.note(previous->declRange, "'?" + var.text + "' is declared here");
      continue;
    }
    scope.push_back({var.text, Binding::Existential, var.range});
  }
  resolve(*exists.body);
  scope.resize(depth);
}

std::set<const char *> QueryChecker::positivelyBound(const Formula &formula, bool positive) {
  std::set<const char *> bound;
  if (auto *atom = llvm::dyn_cast<AtomFormula>(&formula)) {
    if (positive)
      for (const Term *term : {&atom->subject, &atom->object})
        if (term->isVariable && term->binding != Binding::Unresolved)
          bound.insert(term->binderRange.Start.getPointer());
  } else if (auto *nary = llvm::dyn_cast<NaryFormula>(&formula)) {
    // Under a negation, De Morgan swaps the roles of & and |.
    bool conjunction = (formula.getKind() == Formula::Kind::And) == positive;
    bool first = true;
    for (auto &operand : nary->operands) {
      std::set<const char *> part = positivelyBound(*operand, positive);
      if (conjunction) {
        bound.insert(part.begin(), part.end());
      } else if (first) {
        bound = std::move(part);
      } else {
        std::set<const char *> common;
        for (const char *var : bound)
          if (part.count(var))
            common.insert(var);
        bound = std::move(common);
      }
      first = false;
    }
  } else if (auto *negation = llvm::dyn_cast<NotFormula>(&formula)) {
    bound = positivelyBound(*negation->operand, !positive);
  } else if (auto *exists = llvm::dyn_cast<ExistsFormula>(&formula)) {
    // A negated existential is universal and binds nothing.
    if (positive)
      bound = positivelyBound(*exists->body, true);
  }
  return bound;
}

void QueryChecker::checkConnected() {
  // Nodes are variable declarations; atoms join the variables they mention.
  llvm::EquivalenceClasses<const char *> components;
  for (const Variable &var : query.answerVariables)
    components.insert(var.range.Start.getPointer());
  for (const AtomFormula *atom : atoms) {
    const char *first = nullptr;
    for (const Term *term : {&atom->subject, &atom->object}) {
      if (!term->isVariable || term->binding == Binding::Unresolved)
        continue;
      const char *var = term->binderRange.Start.getPointer();
      components.insert(var);
      if (first)
        components.unionSets(first, var);
      first = var;
    }
    if (!first)
      diags.error(atom->getRange(),
                  "this atom mentions no variable, so the query graph is disconnected");
  }
  if (query.answerVariables.empty())
    return;
  const char *root = query.answerVariables.front().range.Start.getPointer();
  for (const AtomFormula *atom : atoms) {
    for (const Term *term : {&atom->subject, &atom->object}) {
      if (!term->isVariable || term->binding == Binding::Unresolved)
        continue;
      if (!components.isEquivalent(root, term->binderRange.Start.getPointer())) {
        diags.error(term->name.range,
                    "'?" + term->name.text + "' is not connected to the answer variable '?" +
                        query.answerVariables.front().text + "': the query graph is disconnected");
        return;
      }
    }
  }
  for (const Variable &var : query.answerVariables)
    if (!components.isEquivalent(root, var.range.Start.getPointer()))
      diags.error(var.range, "answer variable '?" + var.text + "' is not connected to '?" +
                                 query.answerVariables.front().text +
                                 "': the query graph is disconnected");
}

void QueryChecker::checkNegationSafety(const Formula &formula,
                                       const std::set<const char *> &boundOutside, bool positive,
                                       const std::set<const char *> &quantifiedUnderNegation,
                                       std::set<const char *> &reported) {
  if (auto *atom = llvm::dyn_cast<AtomFormula>(&formula)) {
    if (positive)
      return;
    for (const Term *term : {&atom->subject, &atom->object}) {
      if (!term->isVariable || term->binding == Binding::Unresolved)
        continue;
      const char *key = term->binderRange.Start.getPointer();
      if (boundOutside.count(key) || quantifiedUnderNegation.count(key) ||
          !reported.insert(key).second)
        continue;
      diags.error(term->name.range,
                  "'?" + term->name.text +
                      "' occurs only under a negation; negation needs a positive part "
                      "that binds its variables");
      diags.note(term->binderRange, "'?" + term->name.text + "' is declared here");
    }
  } else if (auto *nary = llvm::dyn_cast<NaryFormula>(&formula)) {
    bool conjunction = (formula.getKind() == Formula::Kind::And) == positive;
    std::set<const char *> bound = boundOutside;
    if (conjunction)
      for (auto &operand : nary->operands) {
        std::set<const char *> part = positivelyBound(*operand, positive);
        bound.insert(part.begin(), part.end());
      }
    for (auto &operand : nary->operands)
      checkNegationSafety(*operand, bound, positive, quantifiedUnderNegation, reported);
  } else if (auto *negation = llvm::dyn_cast<NotFormula>(&formula)) {
    checkNegationSafety(*negation->operand, boundOutside, !positive, quantifiedUnderNegation,
                        reported);
  } else {
    auto &exists = llvm::cast<ExistsFormula>(formula);
    std::set<const char *> quantified = quantifiedUnderNegation;
    // Variables a negated existential introduces are bound inside it (the
    // set-difference reading); positive ones must be bound positively.
    if (!positive)
      for (const Variable &var : exists.variables)
        quantified.insert(var.range.Start.getPointer());
    checkNegationSafety(*exists.body, boundOutside, positive, quantified, reported);
  }
}

void QueryChecker::check() {
  unsigned errorsBefore = diags.getNumErrors();
  llvm::StringMap<llvm::SMRange> seenParams;
  for (const Parameter &param : query.params) {
    auto [it, inserted] = seenParams.try_emplace(param.name.text, param.name.range);
    if (!inserted) {
      diags.error(param.name.range, "duplicate parameter '" + param.name.text + "'");
      diags.note(it->second, "previous declaration is here");
    }
  }
  for (const Variable &var : query.answerVariables) {
    auto previous =
        llvm::find_if(scope, [&](const ScopeEntry &entry) { return entry.name == var.text; });
    if (previous != scope.end()) {
      diags.error(var.range, "duplicate answer variable '?" + var.text + "'");
      continue;
    }
    scope.push_back({var.text, Binding::Free, var.range});
  }
  resolve(*query.formula);
  if (diags.getNumErrors() != errorsBefore)
    return;

  std::set<const char *> bound = positivelyBound(*query.formula);
  unsigned beforeRangeRestriction = diags.getNumErrors();
  for (const Variable &var : query.answerVariables)
    if (!bound.count(var.range.Start.getPointer()))
      diags.error(var.range, "answer variable '?" + var.text +
                                 "' is not bound by a positive atom (range restriction)");
  if (diags.getNumErrors() == beforeRangeRestriction) {
    std::set<const char *> reported;
    checkNegationSafety(*query.formula, {}, /*positive=*/true, {}, reported);
  }
  for (const Parameter &param : query.params)
    if (param.kind == Parameter::Kind::Unused)
      diags.error(param.name.range, "parameter '" + param.name.text + "' is not used in the query");
  checkConnected();
}

//===----------------------------------------------------------------------===//
// Module-level checks
//===----------------------------------------------------------------------===//

namespace {

class ModuleChecker {
public:
  ModuleChecker(Module &module, DiagnosticEngine &diags) : module(module), diags(diags) {}
  void check();

private:
  void checkAnswer(AnswerStmt &answer);
  void checkModel(ModelDecl &model);
  void checkLinkpred(LinkpredStmt &linkpred);
  void checkLinkpredOptions(LinkpredStmt &linkpred);
  void checkEval(EvalStmt &eval);
  void checkEvalOptions(EvalStmt &eval);
  /// The benchmark declared before `name`, or null with an error that says
  /// what `statement` needs.
  BenchDecl *benchmarkNamed(const Name &name, llvm::StringRef statement);
  /// Whether an option of a statement is one of `keys` given for the first
  /// time (in `seen`); reports it otherwise.
  /// The value of option `Enum` (ir/KQOptions.td) that `name` spells, or
  /// an error: "unknown WHAT 'x'; LEAD a, b or c; did you mean 'y'?".
  template <typename Enum>
  std::optional<Enum> optionValue(const Name &name, llvm::StringRef what,
                                  llvm::StringRef lead = "expected") {
    if (std::optional<Enum> value = mlir::kq::symbolizeEnum<Enum>(name.text))
      return value;
    llvm::SmallVector<llvm::StringRef> names = mlir::kq::optionNames<Enum>();
    diags.error(name.range, "unknown " + what.str() + " '" + name.text + "'; " + lead.str() + " " +
                                mlir::kq::optionList<Enum>() +
                                didYouMean(closestName(name.text, names)));
    return std::nullopt;
  }

  bool acceptOption(const StatementOption &option, llvm::ArrayRef<llvm::StringLiteral> keys,
                    llvm::StringRef statement, llvm::StringRef expected,
                    std::map<std::string, const Name *> &seen);
  void checkBench(BenchDecl &bench);
  void checkEmit(EmitStmt &emit);
  void checkQuiz(QuizDecl &quiz);
  void checkGraphOptions(GraphDecl &graph);
  void checkPrompt(PromptDecl &prompt);
  void checkSkill(SkillDecl &skill);
  void checkLlm(LlmDecl &llm);
  void checkAsk(AskStmt &ask);
  /// Graphs, models, queries without parameters, benchmarks, quizzes and
  /// prompt sets share one namespace (their kq symbols); reports clashes
  /// between kinds (each kind reports its own redefinitions).
  void checkSharedNames();
  /// "; did you mean 'x'?" for an unknown query: the closest name, else one
  /// of a module imported with a prefix (`fit.pni` for `pni`).
  std::string suggestQuery(llvm::StringRef name);
  /// A number option's value, checked to be one number of at least `minimum`.
  /// The one number `option` takes, from `minimum` to `maximum`; an error
  /// at the value otherwise.
  std::optional<double> numberOption(const StatementOption &option, double minimum, bool integer,
                                     double maximum = 1e9);
  void checkSplits(const std::vector<Name> &splits);
  bool checkGraphUse(const Name &graph);
  uint64_t checkInteger(const Number &number, const char *what, uint64_t minimum);
  void checkBenchOptions(BenchDecl &bench);
  /// Whether every template of `bench` has a BetaE structure (is one of
  /// std/betae.kq's), reporting the others at `format`.
  bool checkBetaETemplates(const BenchDecl &bench, const Name &format);
  /// Whether FIT's formula strings can say every template of `bench`.
  bool checkFitTemplates(const BenchDecl &bench, const Name &format);
  /// Declares a benchmark, quiz or prompt set; `emit` may name any of them.
  void declareResult(const Name &name, Decl &decl);
  std::string resolvePath(const Name &path);
  /// Records `resolved`, named by `path`, as a file the program writes;
  /// an error when an earlier statement writes it already (the run would
  /// stop at the second after writing the first).
  void claimOutput(const Name &path, const std::string &resolved);

  Module &module;
  std::map<std::string, llvm::SMRange> outputs; // files the program writes
  DiagnosticEngine &diags;
  std::map<std::string, QueryDecl *> queries;
  std::map<std::string, GraphDecl *> graphs;              // declared so far
  std::map<std::string, ModelDecl *> models;              // declared so far
  std::map<std::string, std::pair<Name, Decl *>> results; // bench, quiz, prompt
  std::map<std::string, SkillDecl *> skills;              // declared so far
  std::map<std::string, LlmDecl *> llms;                  // declared so far
};

/// The most instances a template of a benchmark can have, and the largest
/// `max_answers`: far beyond any graph's, and safe in 64-bit arithmetic.
constexpr uint64_t kMaxInstances = 1000000000;
/// The most items of one format a quiz can ask for.
constexpr uint64_t kMaxQuizItems = 1000000;

/// The names of a map's keys, for suggestions.
template <typename Map> static std::vector<llvm::StringRef> keysOf(const Map &map) {
  std::vector<llvm::StringRef> keys;
  for (auto &entry : map)
    keys.push_back(entry.first);
  return keys;
}

} // namespace

void ModuleChecker::claimOutput(const Name &path, const std::string &resolved) {
  auto [earlier, added] = outputs.try_emplace(resolved, path.range);
  if (added)
    return;
  diags.error(path.range, "'" + path.text + "' is written by an earlier statement of this program");
  diags.note(earlier->second, "written here");
}

std::string ModuleChecker::resolvePath(const Name &name) {
  llvm::SmallString<256> path(name.text);
  if (!llvm::sys::path::is_absolute(path)) {
    // Relative to the folder of the file that names it.
    const llvm::SourceMgr &sourceMgr = diags.getSourceMgr();
    unsigned bufferId = sourceMgr.FindBufferContainingLoc(name.range.Start);
    path = llvm::sys::path::parent_path(sourceMgr.getMemoryBuffer(bufferId)->getBufferIdentifier());
    llvm::sys::path::append(path, name.text);
  }
  llvm::sys::fs::make_absolute(path);
  llvm::sys::path::remove_dots(path, /*remove_dot_dot=*/true);
  return std::string(path);
}

bool ModuleChecker::checkGraphUse(const Name &graph) {
  if (graphs.count(graph.text))
    return true;
  diags.error(graph.range, "unknown graph '" + graph.text +
                               "' (graphs must be declared before use)" +
                               didYouMean(closestName(graph.text, keysOf(graphs))));
  return false;
}

uint64_t ModuleChecker::checkInteger(const Number &number, const char *what, uint64_t minimum) {
  uint64_t value = 0;
  if (!number.isInteger() || llvm::StringRef(number.text).getAsInteger(10, value)) {
    diags.error(number.range, llvm::Twine(what) + " must be a whole number below 2^64");
    return 0;
  }
  if (value < minimum)
    diags.error(number.range, llvm::Twine(what) + " must be at least " + llvm::Twine(minimum));
  return value;
}

void ModuleChecker::declareResult(const Name &name, Decl &decl) {
  auto [it, inserted] = results.try_emplace(name.text, name, &decl);
  if (!inserted) {
    diags.error(name.range, "redefinition of '" + name.text + "'");
    diags.note(it->second.first.range, "previous definition is here");
  }
}

void ModuleChecker::checkModel(ModelDecl &model) {
  optionValue<mlir::kq::ModelFamily>(model.family, "model family");
  checkGraphUse(model.graph);
  model.resolvedPath = resolvePath(model.path);
  auto [it, inserted] = models.emplace(model.name.text, &model);
  if (!inserted) {
    diags.error(model.name.range, "redefinition of model '" + model.name.text + "'");
    diags.note(it->second->name.range, "previous definition is here");
  }
}

void ModuleChecker::checkLinkpred(LinkpredStmt &linkpred) {
  bool graphKnown = checkGraphUse(linkpred.graph);
  auto model = models.find(linkpred.model.text);
  if (model == models.end()) {
    diags.error(linkpred.model.range,
                "unknown model '" + linkpred.model.text + "' (models must be declared before use)" +
                    didYouMean(closestName(linkpred.model.text, keysOf(models))));
  } else if (graphKnown && model->second->graph.text != linkpred.graph.text) {
    diags.error(linkpred.graph.range, "model '" + linkpred.model.text + "' belongs to graph '" +
                                          model->second->graph.text + "', not to '" +
                                          linkpred.graph.text + "'");
    diags.note(model->second->graph.range, "the model's graph is named here");
  }
  checkSplits(linkpred.splits);
  if (linkpred.splits.size() > 1)
    diags.error(linkpred.splits[1].range,
                "linkpred ranks the triples of one split; name one of train, valid, test");
  checkLinkpredOptions(linkpred);
}

bool ModuleChecker::acceptOption(const StatementOption &option,
                                 llvm::ArrayRef<llvm::StringLiteral> keys,
                                 llvm::StringRef statement, llvm::StringRef expected,
                                 std::map<std::string, const Name *> &seen) {
  const Name &key = option.key;
  if (!llvm::is_contained(keys, key.text)) {
    diags.error(key.range, "unknown " + statement + " option '" + key.text + "'; expected " +
                               expected + didYouMean(closestName(key.text, keys)));
    return false;
  }
  auto [it, inserted] = seen.emplace(key.text, &key);
  if (!inserted) {
    diags.error(key.range, "option '" + key.text + "' is given twice");
    diags.note(it->second->range, "first given here");
    return false;
  }
  return true;
}

void ModuleChecker::checkLinkpredOptions(LinkpredStmt &linkpred) {
  static constexpr llvm::StringLiteral keys[] = {"ties", "per"};
  std::map<std::string, const Name *> seen;
  for (const StatementOption &option : linkpred.options) {
    const Name &key = option.key;
    if (!acceptOption(option, keys, "linkpred", "'ties' or 'per'", seen))
      continue;
    if (key.text == "ties") {
      if (option.values.size() > 1)
        diags.error(option.values[1].range, "'ties' takes one policy");
      const Name &policy = option.values.front();
      if (optionValue<mlir::kq::TiePolicy>(policy, "tie policy"))
        linkpred.ties = policy.text;
      continue;
    }
    for (const Name &breakdown : option.values) {
      if (breakdown.text == "relation")
        linkpred.perRelation = true;
      else if (breakdown.text == "direction")
        linkpred.perDirection = true;
      else
        diags.error(breakdown.range,
                    "cannot report per '" + breakdown.text + "'; expected " +
                        mlir::kq::optionList<mlir::kq::Breakdown>() +
                        didYouMean(closestName(breakdown.text,
                                               mlir::kq::optionNames<mlir::kq::Breakdown>())));
    }
  }
}

BenchDecl *ModuleChecker::benchmarkNamed(const Name &name, llvm::StringRef statement) {
  auto source = results.find(name.text);
  if (source != results.end())
    if (auto *bench = llvm::dyn_cast<BenchDecl>(source->second.second))
      return bench;
  std::vector<llvm::StringRef> benches;
  for (auto &entry : results)
    if (llvm::isa<BenchDecl>(entry.second.second))
      benches.push_back(entry.first);
  diags.error(name.range, "'" + name.text + "' is not a benchmark declared before this " +
                              statement + didYouMean(closestName(name.text, benches)));
  return nullptr;
}

void ModuleChecker::checkEval(EvalStmt &eval) {
  BenchDecl *bench = benchmarkNamed(eval.bench, "eval");
  if (eval.isScores) {
    eval.resolvedScores = resolvePath(eval.source);
  } else if (auto model = models.find(eval.source.text); model == models.end()) {
    diags.error(eval.source.range, "unknown model '" + eval.source.text +
                                       "' (models must be declared before use)" +
                                       didYouMean(closestName(eval.source.text, keysOf(models))));
  } else if (bench && model->second->graph.text != bench->graph.text) {
    diags.error(eval.source.range, "model '" + eval.source.text + "' belongs to graph '" +
                                       model->second->graph.text + "', but benchmark '" +
                                       bench->name.text + "' is drawn from '" + bench->graph.text +
                                       "'");
    diags.note(bench->graph.range, "the benchmark's graph is named here");
  }
  if (bench) {
    auto sameSplits = [](const std::vector<Name> &a, const std::vector<Name> &b) {
      std::set<std::string> left, right;
      for (const Name &split : a)
        left.insert(split.text);
      for (const Name &split : b)
        right.insert(split.text);
      return left == right;
    };
    if (sameSplits(bench->observed, bench->full)) {
      diags.error(eval.bench.range, "benchmark '" + bench->name.text +
                                        "' has no hard answers to evaluate: its observed graph "
                                        "is its full graph");
      diags.note(bench->name.range, "declared here");
    }
  }
  checkEvalOptions(eval);
}

void ModuleChecker::checkEvalOptions(EvalStmt &eval) {
  static constexpr llvm::StringLiteral keys[] = {"logic", "threshold", "beam",
                                                 "ties",  "seen",      "ranks"};
  static constexpr llvm::StringLiteral logics[] = {"product", "godel", "lukasiewicz"};
  std::map<std::string, const Name *> given;
  for (const StatementOption &option : eval.options) {
    if (!acceptOption(option, keys, "eval",
                      "'logic', 'threshold', 'beam', 'ties', 'seen' or 'ranks'", given))
      continue;
    const std::string &key = option.key.text;
    const Name &value = option.values.front();
    if (key == "threshold") {
      // A degree at or above 1 would leave nothing but the observed facts.
      if (std::optional<double> threshold = numberOption(option, 0, false, 0.999))
        eval.threshold = *threshold;
      continue;
    }
    if (key == "beam") {
      if (std::optional<double> beam = numberOption(option, 1, true, 1e9))
        eval.beam = uint64_t(*beam);
      continue;
    }
    if (option.values.size() > 1) {
      diags.error(option.values[1].range, "'" + key + "' takes one value");
      continue;
    }
    if (key == "logic") {
      if (llvm::is_contained(logics, value.text) && !value.quoted)
        eval.logic = value.text;
      else
        diags.error(value.range, "unknown logic '" + value.text +
                                     "'; expected product, godel or lukasiewicz" +
                                     didYouMean(closestName(value.text, logics)));
    } else if (key == "ties") {
      if (optionValue<mlir::kq::TiePolicy>(value, "tie policy"))
        eval.ties = value.text;
    } else if (key == "seen") {
      if (benchmarkNamed(value, "eval"))
        eval.seen = value;
    } else if (key == "ranks") {
      if (!value.quoted) {
        diags.error(value.range, "'ranks' takes a file name in quotes");
        continue;
      }
      eval.resolvedRanks = resolvePath(value);
      claimOutput(value, eval.resolvedRanks);
    }
  }
}

void ModuleChecker::checkBench(BenchDecl &bench) {
  std::map<std::string, const Name *> named;
  for (const Name &name : bench.templates) {
    auto [it, inserted] = named.emplace(name.text, &name);
    if (!inserted) {
      diags.error(name.range, "template '" + name.text + "' is named twice");
      diags.note(it->second->range, "first named here");
      continue;
    }
    auto query = queries.find(name.text);
    if (query == queries.end())
      diags.error(name.range,
                  "unknown query template '" + name.text + "'" + suggestQuery(name.text));
    else if (!query->second->isTemplate)
      diags.error(name.range, "'" + name.text +
                                  "' has no parameters, so there is nothing to ground; "
                                  "sample needs query templates");
  }
  checkGraphUse(bench.graph);
  checkSplits(bench.observed);
  checkSplits(bench.full);
  for (const Name &split : bench.observed)
    if (llvm::is_contained(mlir::kq::graphSplitNames(), split.text) &&
        llvm::none_of(bench.full, [&](const Name &full) { return full.text == split.text; }))
      diags.error(split.range, "observed split '" + split.text +
                                   "' is not part of the full graph: the observed graph must be "
                                   "contained in the full one");
  bench.countValue = checkInteger(bench.count, "count", 1);
  if (bench.countValue > kMaxInstances)
    diags.error(bench.count.range, "count must be at most " + llvm::Twine(kMaxInstances));
  bench.seedValue = checkInteger(bench.seed, "seed", 0);
  checkBenchOptions(bench);
  declareResult(bench.name, bench);
}

bool ModuleChecker::checkBetaETemplates(const BenchDecl &bench, const Name &format) {
  bool ok = true;
  const llvm::SourceMgr &sourceMgr = diags.getSourceMgr();
  for (const Name &name : bench.templates) {
    auto query = queries.find(name.text);
    if (query == queries.end())
      continue;
    unsigned buffer = sourceMgr.FindBufferContainingLoc(query->second->name.range.Start);
    llvm::StringRef file = buffer ? sourceMgr.getMemoryBuffer(buffer)->getBufferIdentifier() : "";
    if (!betaeStructure(*query->second, file)) {
      diags.error(format.range, "template '" + name.text + "' of benchmark '" + bench.name.text +
                                    "' is not one of std/betae.kq's types, which are all the "
                                    "BetaE format can hold");
      diags.note(name.range, "the template is sampled here");
      ok = false;
    }
  }
  return ok;
}

bool ModuleChecker::checkFitTemplates(const BenchDecl &bench, const Name &format) {
  bool ok = true;
  for (const Name &name : bench.templates) {
    auto query = queries.find(name.text);
    if (query == queries.end())
      continue;
    std::string reason;
    if (!fitFormula(*query->second, reason)) {
      diags.error(format.range, "template '" + name.text + "' of benchmark '" + bench.name.text +
                                    "' cannot be written as a FIT formula: " + reason);
      diags.note(name.range, "the template is sampled here");
      ok = false;
    }
  }
  return ok;
}

void ModuleChecker::checkBenchOptions(BenchDecl &bench) {
  static constexpr llvm::StringLiteral keys[] = {"max_answers", "exclude"};
  std::map<std::string, const Name *> seen;
  for (const StatementOption &option : bench.options) {
    const Name &key = option.key;
    if (!acceptOption(option, keys, "bench", "'max_answers' or 'exclude'", seen))
      continue;
    if (key.text == "max_answers") {
      if (option.values.size() > 1)
        diags.error(option.values[1].range, "'max_answers' takes one number");
      bench.maxAnswers = checkInteger(
          Number{option.values.front().text, option.values.front().range}, "max_answers", 1);
      if (bench.maxAnswers > kMaxInstances)
        diags.error(option.values.front().range,
                    "max_answers must be at most " + llvm::Twine(kMaxInstances));
      continue;
    }
    for (const Name &other : option.values) {
      auto result = results.find(other.text);
      if (result == results.end() || !llvm::isa<BenchDecl>(result->second.second))
        diags.error(other.range, "unknown benchmark '" + other.text +
                                     "' (exclude names benchmarks declared before)");
      else
        bench.exclude.push_back(other);
    }
  }
}

void ModuleChecker::checkEmit(EmitStmt &emit) {
  unsigned errorsBefore = diags.getNumErrors();
  auto source = results.find(emit.source.text);
  if (source == results.end())
    diags.error(emit.source.range, "unknown benchmark, quiz or prompt set '" + emit.source.text +
                                       "' (declare it before emitting it)" +
                                       didYouMean(closestName(emit.source.text, keysOf(results))));
  else
    emit.resolvedSource = source->second.second;
  if (emit.path.text.empty())
    diags.error(emit.path.range, "the output file name is empty");
  else
    emit.resolvedPath = resolvePath(emit.path);
  static constexpr llvm::StringLiteral keys[] = {"format"};
  std::map<std::string, const Name *> seen;
  for (const StatementOption &option : emit.options) {
    if (!acceptOption(option, keys, "emit", "'format'", seen))
      continue;
    const Name &format = option.values.front();
    if (option.values.size() > 1)
      diags.error(option.values[1].range, "'format' takes one format");
    else if (!optionValue<mlir::kq::EmitFormat>(format, "format"))
      continue;
    else if (format.text != "jsonl" && source != results.end() &&
             !llvm::isa<BenchDecl>(source->second.second))
      diags.error(format.range, "only benchmarks can be emitted in the " + format.text + " format");
    else if (format.text == "betae" && source != results.end() &&
             !checkBetaETemplates(*llvm::cast<BenchDecl>(source->second.second), format))
      continue;
    else if (format.text == "fit" && source != results.end() &&
             !checkFitTemplates(*llvm::cast<BenchDecl>(source->second.second), format))
      continue;
    else
      emit.format = format.text;
  }
  // A folder format writes files named by the benchmark, so several
  // benchmarks may share a folder; a JSON Lines file is one output.
  if (diags.getNumErrors() == errorsBefore && emit.format == "jsonl")
    claimOutput(emit.path, emit.resolvedPath);
}

void ModuleChecker::checkGraphOptions(GraphDecl &graph) {
  static constexpr llvm::StringLiteral keys[] = {"labels"};
  std::map<std::string, const Name *> given;
  for (const StatementOption &option : graph.options) {
    if (!acceptOption(option, keys, "graph", "'labels'", given))
      continue;
    const Name &file = option.values.front();
    if (option.values.size() > 1 || !file.quoted)
      diags.error(file.range, "'labels' takes one file name, in quotes");
    else if (file.text.empty())
      diags.error(file.range, "the labels file name is empty");
    else
      graph.resolvedLabels = resolvePath(file);
  }
}

void ModuleChecker::checkQuiz(QuizDecl &quiz) {
  if (checkGraphUse(quiz.graph))
    checkSplits(quiz.splits);
  std::set<std::string> seen;
  for (const Name &format : quiz.formats) {
    if (!optionValue<mlir::kq::QuizFormat>(format, "quiz format"))
      continue;
    if (!seen.insert(format.text).second)
      diags.error(format.range, "format '" + format.text + "' is named twice");
  }
  quiz.countValue = checkInteger(quiz.count, "count", 1);
  // Items of each format; the facts of a split bound them again at run time.
  if (quiz.countValue > kMaxQuizItems)
    diags.error(quiz.count.range, "count must be at most " + llvm::Twine(kMaxQuizItems));
  quiz.seedValue = checkInteger(quiz.seed, "seed", 0);
  static constexpr llvm::StringLiteral keys[] = {"distractors", "keys"};
  std::map<std::string, const Name *> given;
  for (const StatementOption &option : quiz.options) {
    if (!acceptOption(option, keys, "quiz", "'distractors' or 'keys'", given))
      continue;
    const Name &value = option.values.front();
    if (option.values.size() > 1)
      diags.error(option.values[1].range, "'" + option.key.text + "' takes one value");
    else if (option.key.text == "keys") {
      if (optionValue<mlir::kq::QuizKeys>(value, "kind of keys"))
        quiz.keys = value.text;
    } else if (optionValue<mlir::kq::Distractors>(value, "distractor strategy"))
      quiz.distractors = value.text;
  }
  declareResult(quiz.name, quiz);
}

void ModuleChecker::checkPrompt(PromptDecl &prompt) {
  auto source = results.find(prompt.bench.text);
  if (source == results.end() || !llvm::isa<BenchDecl>(source->second.second)) {
    std::vector<llvm::StringRef> benches;
    for (auto &entry : results)
      if (llvm::isa<BenchDecl>(entry.second.second))
        benches.push_back(entry.first);
    diags.error(prompt.bench.range, "'" + prompt.bench.text +
                                        "' is not a benchmark declared before this prompt" +
                                        didYouMean(closestName(prompt.bench.text, benches)));
  } else {
    prompt.resolvedBench = llvm::cast<BenchDecl>(source->second.second);
  }
  prompt.examplesValue = checkInteger(prompt.examples, "examples", 0);
  if (prompt.examplesValue > 100)
    diags.error(prompt.examples.range, "examples must be at most 100");
  prompt.seedValue = checkInteger(prompt.seed, "seed", 0);
  static constexpr llvm::StringLiteral keys[] = {"max_shown"};
  std::map<std::string, const Name *> given;
  for (const StatementOption &option : prompt.options)
    if (acceptOption(option, keys, "prompt", "'max_shown'", given))
      if (std::optional<double> shown = numberOption(option, 1, true))
        prompt.maxShown = uint64_t(*shown);
  // Each operation is taught by the program's last skill for it, or else
  // by the stdlib's.
  for (llvm::StringRef operation : mlir::kq::optionNames<mlir::kq::SkillOperation>()) {
    const SkillDecl *chosen = nullptr;
    for (auto &decl : module.decls) {
      auto *skill = llvm::dyn_cast<SkillDecl>(decl.get());
      auto declared = skill ? skills.find(skill->name.text) : skills.end();
      if (declared == skills.end() || declared->second != skill ||
          skill->operation.text != operation)
        continue; // not a skill, replaced by the program's, or teaching another operation
      if (!chosen || chosen->fromStdlib || !skill->fromStdlib)
        chosen = skill;
    }
    if (!chosen)
      diags.error(prompt.getRange(), "no skill teaches '" + operation +
                                         "': declare one (skill NAME = " + operation +
                                         " \"DESCRIPTION\" step \"...\";)");
    prompt.skills.push_back(chosen);
  }
  declareResult(prompt.name, prompt);
}

std::optional<double> ModuleChecker::numberOption(const StatementOption &option, double minimum,
                                                  bool integer, double maximum) {
  const Name &value = option.values.front();
  double number = 0;
  if (option.values.size() > 1) {
    diags.error(option.values[1].range, "'" + option.key.text + "' takes one number");
    return std::nullopt;
  }
  // Only what the grammar's NUMBER token spells: no signs, exponents,
  // hexadecimal or `nan` (which an identifier could spell).
  llvm::StringRef digits = value.text;
  auto [whole, fraction] = digits.split('.');
  auto allDigits = [](llvm::StringRef text) {
    return !text.empty() && llvm::all_of(text, [](char c) { return llvm::isDigit(c); });
  };
  bool isNumber =
      !value.quoted && allDigits(whole) && (!digits.contains('.') || allDigits(fraction));
  if (!isNumber || digits.getAsDouble(number) || (integer && digits.contains('.')) ||
      number < minimum || number > maximum) {
    char lowest[32], highest[32];
    std::snprintf(lowest, sizeof lowest, "%g", minimum);
    std::snprintf(highest, sizeof highest, "%.10g", maximum);
    diags.error(value.range, "'" + option.key.text + "' takes " +
                                 (integer ? "an integer" : "a number") + " from " + lowest +
                                 " to " + highest);
    return std::nullopt;
  }
  return number;
}

void ModuleChecker::checkSkill(SkillDecl &skill) {
  auto [it, inserted] = skills.emplace(skill.name.text, &skill);
  if (!inserted) {
    // A program's skill replaces the stdlib's of the same name.
    if (it->second->fromStdlib && !skill.fromStdlib) {
      it->second = &skill;
    } else {
      diags.error(skill.name.range, "redefinition of skill '" + skill.name.text + "'");
      diags.note(it->second->name.range, "previous definition is here");
    }
  }
  std::optional<mlir::kq::SkillOperation> operation =
      optionValue<mlir::kq::SkillOperation>(skill.operation, "operation", "a skill teaches");
  if (skill.description.text.empty())
    diags.error(skill.description.range, "the skill's description is empty");
  static constexpr llvm::StringLiteral keys[] = {"step", "example"};
  std::map<std::string, const Name *> given;
  for (const StatementOption &option : skill.options) {
    if (!acceptOption(option, keys, "skill", "'step' or 'example'", given))
      continue;
    const Name &value = option.values.front();
    if (option.values.size() > 1) {
      diags.error(option.values[1].range, "'" + option.key.text + "' takes one value");
    } else if (option.key.text == "example") {
      if (optionValue<mlir::kq::SkillExample>(value, "example strategy"))
        skill.example = value.text;
    } else if (!value.quoted) {
      diags.error(value.range, "'step' takes a text template, in quotes");
    } else {
      std::string problem = operation ? mlir::kq::SkillOp::checkStep(*operation, value.text) : "";
      if (!problem.empty())
        diags.error(value.range, problem);
      skill.step = value.text;
    }
  }
  if (!given.count("step"))
    diags.error(skill.name.range,
                "skill '" + skill.name.text + "' needs the text of a step: step \"...\"");
}

void ModuleChecker::checkLlm(LlmDecl &llm) {
  auto [it, inserted] = llms.emplace(llm.name.text, &llm);
  if (!inserted) {
    diags.error(llm.name.range, "redefinition of llm '" + llm.name.text + "'");
    diags.note(it->second->name.range, "previous definition is here");
  }
  if (llm.family.text != "openai")
    diags.error(llm.family.range, "unknown kind of language model endpoint '" + llm.family.text +
                                      "'; expected openai (an OpenAI-compatible server)");
  llvm::StringRef endpoint = llm.endpoint.text;
  if (!endpoint.starts_with("http://") && !endpoint.starts_with("https://"))
    diags.error(
        llm.endpoint.range,
        "the endpoint must be an http:// or https:// URL, such as \"http://127.0.0.1:8000/v1\"");
  if (llm.model.text.empty())
    diags.error(llm.model.range, "the model name is empty");
  static constexpr llvm::StringLiteral keys[] = {"temperature", "max_tokens", "concurrency",
                                                 "timeout",     "retries",    "api_key_env"};
  std::map<std::string, const Name *> given;
  for (const StatementOption &option : llm.options) {
    if (!acceptOption(option, keys, "llm",
                      "'temperature', 'max_tokens', 'concurrency', 'timeout', 'retries' or "
                      "'api_key_env'",
                      given))
      continue;
    const std::string &key = option.key.text;
    if (key == "api_key_env") {
      if (option.values.size() > 1 || !option.values.front().quoted ||
          option.values.front().text.empty())
        diags.error(option.values.front().range,
                    "'api_key_env' takes the name of an environment variable, in quotes");
      else
        llm.apiKeyVariable = option.values.front().text;
      continue;
    }
    bool integer = key != "temperature" && key != "timeout";
    // One range a setting, checked where the value stands: more requests at
    // once or more retries than these only hammer a server.
    double minimum = key == "temperature" || key == "retries" ? 0 : key == "timeout" ? 0.001 : 1;
    double maximum = key == "concurrency"   ? 256
                     : key == "retries"     ? 20
                     : key == "temperature" ? 2
                     : key == "timeout"     ? 86400
                                            : 1e9;
    std::optional<double> value = numberOption(option, minimum, integer, maximum);
    if (!value)
      continue;
    if (key == "temperature")
      llm.temperature = *value;
    else if (key == "max_tokens")
      llm.maxTokens = uint64_t(*value);
    else if (key == "concurrency")
      llm.concurrency = uint64_t(*value);
    else if (key == "timeout")
      llm.timeoutSeconds = *value;
    else
      llm.retries = uint64_t(*value);
  }
}

void ModuleChecker::checkAsk(AskStmt &ask) {
  if (!llms.count(ask.llm.text))
    diags.error(ask.llm.range, "unknown llm '" + ask.llm.text + "' (declare it before asking it)" +
                                   didYouMean(closestName(ask.llm.text, keysOf(llms))));
  auto source = results.find(ask.source.text);
  if (source == results.end() || llvm::isa<BenchDecl>(source->second.second))
    diags.error(ask.source.range, "'" + ask.source.text +
                                      "' is not a quiz or prompt set declared before this "
                                      "statement");
  static constexpr llvm::StringLiteral keys[] = {"replies"};
  std::map<std::string, const Name *> given;
  for (const StatementOption &option : ask.options) {
    if (!acceptOption(option, keys, "ask", "'replies'", given))
      continue;
    const Name &file = option.values.front();
    if (option.values.size() > 1 || !file.quoted || file.text.empty())
      diags.error(file.range, "'replies' takes one file name, in quotes");
    else
      claimOutput(file, ask.resolvedReplies = resolvePath(file));
  }
}

void ModuleChecker::checkSplits(const std::vector<Name> &splits) {
  std::set<std::string> seen;
  for (const Name &split : splits) {
    llvm::ArrayRef<llvm::StringLiteral> splitNames = mlir::kq::graphSplitNames();
    if (!llvm::is_contained(splitNames, split.text)) {
      std::vector<llvm::StringRef> candidates(splitNames.begin(), splitNames.end());
      diags.error(split.range, "unknown split '" + split.text +
                                   "'; a graph has the splits train, valid and test" +
                                   didYouMean(closestName(split.text, candidates)));
    } else if (!seen.insert(split.text).second) {
      diags.error(split.range, "split '" + split.text + "' is named twice");
    }
  }
}

std::string ModuleChecker::suggestQuery(llvm::StringRef name) {
  std::vector<llvm::StringRef> names = keysOf(queries);
  std::string suggestion = didYouMean(closestName(name, names));
  if (!suggestion.empty())
    return suggestion;
  for (llvm::StringRef known : names)
    if (known.ends_with(("." + name).str()))
      return didYouMean(known.str());
  return {};
}

void ModuleChecker::checkAnswer(AnswerStmt &answer) {
  auto query = queries.find(answer.query.text);
  if (query == queries.end()) {
    diags.error(answer.query.range,
                "unknown query '" + answer.query.text + "'" + suggestQuery(answer.query.text));
  } else {
    QueryDecl &decl = *query->second;
    answer.resolvedQuery = &decl;
    if (decl.isTemplate != answer.hasArguments) {
      diags.error(answer.query.range,
                  decl.isTemplate
                      ? "'" + decl.name.text + "' is a template: give its arguments, as in " +
                            decl.name.text + "(...)"
                      : "'" + decl.name.text + "' is not a template and takes no arguments");
      diags.note(decl.name.range, "query declared here");
    } else if (decl.params.size() != answer.arguments.size()) {
      diags.error(answer.query.range, "query '" + decl.name.text + "' takes " +
                                          llvm::Twine(decl.params.size()) + " argument" +
                                          (decl.params.size() == 1 ? "" : "s") + ", but " +
                                          llvm::Twine(answer.arguments.size()) + " " +
                                          (answer.arguments.size() == 1 ? "is" : "are") + " given");
      diags.note(decl.name.range, "query declared here");
    }
  }
  checkGraphUse(answer.graph);
  checkSplits(answer.splits);
}

void ModuleChecker::check() {
  // Queries may be used before their declaration; graphs are loaded in
  // statement order and must come first.
  for (auto &decl : module.decls) {
    auto *query = llvm::dyn_cast<QueryDecl>(decl.get());
    if (!query)
      continue;
    auto [it, inserted] = queries.emplace(query->name.text, query);
    if (!inserted) {
      diags.error(query->name.range, "redefinition of query '" + query->name.text + "'");
      diags.note(it->second->name.range, "previous definition is here");
      continue;
    }
    QueryChecker(*query, diags).check();
  }
  // Skills may be used before their declaration, like queries.
  for (auto &decl : module.decls)
    if (auto *skill = llvm::dyn_cast<SkillDecl>(decl.get()))
      checkSkill(*skill);
  for (auto &decl : module.decls) {
    if (auto *graph = llvm::dyn_cast<GraphDecl>(decl.get())) {
      auto [it, inserted] = graphs.emplace(graph->name.text, graph);
      if (!inserted) {
        diags.error(graph->name.range, "redefinition of graph '" + graph->name.text + "'");
        diags.note(it->second->name.range, "previous definition is here");
      }
      graph->resolvedPath = resolvePath(graph->path);
      checkGraphOptions(*graph);
    } else if (auto *answer = llvm::dyn_cast<AnswerStmt>(decl.get())) {
      checkAnswer(*answer);
    } else if (auto *model = llvm::dyn_cast<ModelDecl>(decl.get())) {
      checkModel(*model);
    } else if (auto *linkpred = llvm::dyn_cast<LinkpredStmt>(decl.get())) {
      checkLinkpred(*linkpred);
    } else if (auto *eval = llvm::dyn_cast<EvalStmt>(decl.get())) {
      checkEval(*eval);
    } else if (auto *bench = llvm::dyn_cast<BenchDecl>(decl.get())) {
      checkBench(*bench);
    } else if (auto *emit = llvm::dyn_cast<EmitStmt>(decl.get())) {
      checkEmit(*emit);
    } else if (auto *quiz = llvm::dyn_cast<QuizDecl>(decl.get())) {
      checkQuiz(*quiz);
    } else if (auto *prompt = llvm::dyn_cast<PromptDecl>(decl.get())) {
      checkPrompt(*prompt);
    } else if (auto *llm = llvm::dyn_cast<LlmDecl>(decl.get())) {
      checkLlm(*llm);
    } else if (auto *ask = llvm::dyn_cast<AskStmt>(decl.get())) {
      checkAsk(*ask);
    }
  }
  checkSharedNames();
}

void ModuleChecker::checkSharedNames() {
  // Benchmarks, quizzes and prompt sets are results, whose clashes with
  // one another declareResult reports already.
  struct Declared {
    const Name *name;
    const char *kind;
    bool result;
  };
  std::map<std::string, Declared> named;
  for (auto &decl : module.decls) {
    std::optional<Declared> declared;
    if (auto *graph = llvm::dyn_cast<GraphDecl>(decl.get()))
      declared = Declared{&graph->name, "a graph", false};
    else if (auto *model = llvm::dyn_cast<ModelDecl>(decl.get()))
      declared = Declared{&model->name, "a model", false};
    else if (auto *query = llvm::dyn_cast<QueryDecl>(decl.get()); query && !query->isTemplate)
      declared = Declared{&query->name, "a query", false};
    else if (auto *bench = llvm::dyn_cast<BenchDecl>(decl.get()))
      declared = Declared{&bench->name, "a benchmark", true};
    else if (auto *quiz = llvm::dyn_cast<QuizDecl>(decl.get()))
      declared = Declared{&quiz->name, "a quiz", true};
    else if (auto *prompt = llvm::dyn_cast<PromptDecl>(decl.get()))
      declared = Declared{&prompt->name, "a prompt set", true};
    if (!declared)
      continue;
    auto [it, inserted] = named.try_emplace(declared->name->text, *declared);
    const Declared &first = it->second;
    if (inserted || first.kind == declared->kind || (first.result && declared->result))
      continue; // each kind reports its own redefinitions
    diags.error(declared->name->range,
                "'" + declared->name->text + "' is " + first.kind +
                    " already; graphs, models, queries, benchmarks, quizzes and prompt sets "
                    "need names of their own");
    diags.note(first.name->range, "declared here");
  }
}

bool kq::checkModule(Module &module, DiagnosticEngine &diags) {
  unsigned errorsBefore = diags.getNumErrors();
  ModuleChecker(module, diags).check();
  return diags.getNumErrors() == errorsBefore;
}
