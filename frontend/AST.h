//===- AST.h - The abstract syntax tree of .kq programs -------------------===//
//
// Plain C++ classes with source ranges, built from the ANTLR parse tree by
// ASTBuilder and annotated by Sema (variable bindings, template parameter
// kinds). Formulas and declarations use LLVM-style RTTI (`llvm::dyn_cast`).
//
//===----------------------------------------------------------------------===//
#ifndef KQ_FRONTEND_AST_H
#define KQ_FRONTEND_AST_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Casting.h"
#include "llvm/Support/SMLoc.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace llvm {
class SourceMgr;
} // namespace llvm

namespace kq::ast {

/// An entity, relation, graph, query or parameter name as written; `quoted`
/// when it was written as a string.
struct Name {
  std::string text;
  llvm::SMRange range;
  bool quoted = false;
};

/// A `?variable` occurrence (declaration or use); `text` excludes the `?`.
struct Variable {
  std::string text;
  llvm::SMRange range;
};

/// What a variable occurrence refers to, filled in by Sema.
enum class Binding { Unresolved, Free, Existential };

/// What a name in a formula stands for, filled in by Sema.
enum class NameRole { Constant, Parameter };

/// A term of an atom: a variable or a name.
struct Term {
  bool isVariable = false;
  Name name; // the variable's name (without `?`) or the constant's name
  Binding binding = Binding::Unresolved;
  llvm::SMRange binderRange;          // where the variable is declared
  NameRole role = NameRole::Constant; // for names
};

class Formula {
public:
  enum class Kind { Atom, And, Or, Not, Exists };
  Formula(Kind kind, llvm::SMRange range) : kind(kind), range(range) {}
  virtual ~Formula() = default;
  Kind getKind() const { return kind; }
  llvm::SMRange getRange() const { return range; }

private:
  Kind kind;
  llvm::SMRange range;
};

/// `REL(TERM, TERM)`: true when (subject, REL, object) is a triple.
class AtomFormula : public Formula {
public:
  AtomFormula(llvm::SMRange range, Name predicate, Term subject, Term object)
      : Formula(Kind::Atom, range), predicate(std::move(predicate)), subject(std::move(subject)),
        object(std::move(object)) {}
  Name predicate;
  NameRole predicateRole = NameRole::Constant;
  Term subject, object;
  static bool classof(const Formula *f) { return f->getKind() == Kind::Atom; }
};

/// A conjunction or disjunction of two or more operands.
class NaryFormula : public Formula {
public:
  NaryFormula(Kind kind, llvm::SMRange range, std::vector<std::unique_ptr<Formula>> operands)
      : Formula(kind, range), operands(std::move(operands)) {}
  std::vector<std::unique_ptr<Formula>> operands;
  static bool classof(const Formula *f) {
    return f->getKind() == Kind::And || f->getKind() == Kind::Or;
  }
};

class NotFormula : public Formula {
public:
  NotFormula(llvm::SMRange range, std::unique_ptr<Formula> operand)
      : Formula(Kind::Not, range), operand(std::move(operand)) {}
  std::unique_ptr<Formula> operand;
  static bool classof(const Formula *f) { return f->getKind() == Kind::Not; }
};

class ExistsFormula : public Formula {
public:
  ExistsFormula(llvm::SMRange range, std::vector<Variable> variables, std::unique_ptr<Formula> body)
      : Formula(Kind::Exists, range), variables(std::move(variables)), body(std::move(body)) {}
  std::vector<Variable> variables;
  std::unique_ptr<Formula> body;
  static bool classof(const Formula *f) { return f->getKind() == Kind::Exists; }
};

/// An integer as written (`count 1000`, `seed 7`).
struct Number {
  std::string text;
  llvm::SMRange range;
  bool isInteger() const { return text.find('.') == std::string::npos; }
};

class Decl {
public:
  enum class Kind {
    Import,
    Graph,
    Model,
    Query,
    Answer,
    Linkpred,
    Eval,
    Bench,
    Emit,
    Quiz,
    Prompt,
    Skill,
    Llm,
    Ask
  };
  Decl(Kind kind, llvm::SMRange range) : kind(kind), range(range) {}
  virtual ~Decl() = default;
  Kind getKind() const { return kind; }
  llvm::SMRange getRange() const { return range; }

private:
  Kind kind;
  llvm::SMRange range;
};

class ImportDecl : public Decl {
public:
  ImportDecl(llvm::SMRange range, Name path, std::optional<Name> prefix = std::nullopt)
      : Decl(Kind::Import, range), path(std::move(path)), prefix(std::move(prefix)) {}
  Name path;
  std::optional<Name> prefix; // `as fit`: the module's queries are `fit.NAME`
  static bool classof(const Decl *d) { return d->getKind() == Kind::Import; }
};

/// An option of a statement: `ties realistic`, `per relation, direction`.
struct StatementOption {
  Name key;
  std::vector<Name> values;
};

/// `graph NAME = load "DIR";`
class GraphDecl : public Decl {
public:
  GraphDecl(llvm::SMRange range, Name name, Name path, std::vector<StatementOption> options)
      : Decl(Kind::Graph, range), name(std::move(name)), path(std::move(path)),
        options(std::move(options)) {}
  Name name;
  Name path;
  std::vector<StatementOption> options; // `labels "FILE"`
  std::string resolvedPath;             // the directory, resolved against the file's folder
  std::string resolvedLabels;           // the labels file, if any, likewise
  static bool classof(const Decl *d) { return d->getKind() == Kind::Graph; }
};

/// A template parameter and the kind Sema inferred from its positions.
struct Parameter {
  enum class Kind { Unused, Entity, Relation };
  Name name;
  Kind kind = Kind::Unused;
};

/// `query NAME[(PARAMS)] = ?v, ... . FORMULA;`
class QueryDecl : public Decl {
public:
  QueryDecl(llvm::SMRange range, Name name, bool isTemplate, std::vector<Parameter> params,
            std::vector<Variable> answerVariables, std::unique_ptr<Formula> formula)
      : Decl(Kind::Query, range), name(std::move(name)), isTemplate(isTemplate),
        params(std::move(params)), answerVariables(std::move(answerVariables)),
        formula(std::move(formula)) {}
  Name name;
  bool isTemplate;
  std::vector<Parameter> params;
  std::vector<Variable> answerVariables;
  std::unique_ptr<Formula> formula;
  static bool classof(const Decl *d) { return d->getKind() == Kind::Query; }
};

/// `answer QUERY[(ARGS)] on GRAPH(SPLITS);`
class AnswerStmt : public Decl {
public:
  AnswerStmt(llvm::SMRange range, Name query, bool hasArguments, std::vector<Name> arguments,
             Name graph, std::vector<Name> splits)
      : Decl(Kind::Answer, range), query(std::move(query)), hasArguments(hasArguments),
        arguments(std::move(arguments)), graph(std::move(graph)), splits(std::move(splits)) {}
  Name query;
  bool hasArguments;
  std::vector<Name> arguments;
  Name graph;
  std::vector<Name> splits;
  const QueryDecl *resolvedQuery = nullptr; // set by Sema
  static bool classof(const Decl *d) { return d->getKind() == Kind::Answer; }
};

/// `model NAME = FAMILY "DIR" on GRAPH;`
class ModelDecl : public Decl {
public:
  ModelDecl(llvm::SMRange range, Name name, Name family, Name path, Name graph)
      : Decl(Kind::Model, range), name(std::move(name)), family(std::move(family)),
        path(std::move(path)), graph(std::move(graph)) {}
  Name name, family, path, graph;
  std::string resolvedPath;
  static bool classof(const Decl *d) { return d->getKind() == Kind::Model; }
};

/// `linkpred MODEL on GRAPH(SPLIT) [OPTION VALUE, ...]*;`
class LinkpredStmt : public Decl {
public:
  LinkpredStmt(llvm::SMRange range, Name model, Name graph, std::vector<Name> splits,
               std::vector<StatementOption> options)
      : Decl(Kind::Linkpred, range), model(std::move(model)), graph(std::move(graph)),
        splits(std::move(splits)), options(std::move(options)) {}
  Name model, graph;
  std::vector<Name> splits;
  std::vector<StatementOption> options;
  // Set by Sema from the options.
  std::string ties = "optimistic";
  bool perRelation = false, perDirection = false;
  static bool classof(const Decl *d) { return d->getKind() == Kind::Linkpred; }
};

/// `eval MODEL on BENCH [OPTION VALUE]*;` or `eval "FILE.npy" on BENCH ...;`
class EvalStmt : public Decl {
public:
  EvalStmt(llvm::SMRange range, Name source, bool isScores, Name bench,
           std::vector<StatementOption> options)
      : Decl(Kind::Eval, range), source(std::move(source)), isScores(isScores),
        bench(std::move(bench)), options(std::move(options)) {}
  Name source; // the model, or the .npy file of external scores
  bool isScores;
  Name bench;
  std::vector<StatementOption> options;
  // Set by Sema from the options (LANGUAGE.md's defaults).
  std::string logic = "product", ties = "realistic";
  double threshold = 0.005;
  uint64_t beam = 0; // 0: the exact optimum
  std::optional<Name> seen;
  std::string resolvedScores, resolvedRanks; // absolute paths, or empty
  static bool classof(const Decl *d) { return d->getKind() == Kind::Eval; }
};

/// `bench NAME = sample T, ... from GRAPH observed(S) full(S) count N seed S;`
class BenchDecl : public Decl {
public:
  BenchDecl(llvm::SMRange range, Name name, std::vector<Name> templates, Name graph,
            std::vector<Name> observed, std::vector<Name> full, Number count, Number seed,
            std::vector<StatementOption> options)
      : Decl(Kind::Bench, range), name(std::move(name)), templates(std::move(templates)),
        graph(std::move(graph)), observed(std::move(observed)), full(std::move(full)),
        count(std::move(count)), seed(std::move(seed)), options(std::move(options)) {}
  Name name;
  std::vector<Name> templates;
  Name graph;
  std::vector<Name> observed, full;
  Number count, seed;
  std::vector<StatementOption> options;
  // Set by Sema.
  uint64_t countValue = 0, seedValue = 0, maxAnswers = 0;
  std::vector<Name> exclude; // benchmarks whose instances are left out
  static bool classof(const Decl *d) { return d->getKind() == Kind::Bench; }
};

/// `emit NAME to "FILE";`
class EmitStmt : public Decl {
public:
  EmitStmt(llvm::SMRange range, Name source, Name path, std::vector<StatementOption> options)
      : Decl(Kind::Emit, range), source(std::move(source)), path(std::move(path)),
        options(std::move(options)) {}
  Name source, path;
  std::vector<StatementOption> options;
  std::string format = "jsonl"; // set by Sema
  // Set by Sema: the statement that makes `source`, and the file's path.
  const Decl *resolvedSource = nullptr;
  std::string resolvedPath;
  static bool classof(const Decl *d) { return d->getKind() == Kind::Emit; }
};

/// `quiz NAME = kgquiz from GRAPH(SPLITS) formats F, ... count N seed S
/// [distractors random|range|neighbourhood];`
class QuizDecl : public Decl {
public:
  QuizDecl(llvm::SMRange range, Name name, Name graph, std::vector<Name> splits,
           std::vector<Name> formats, Number count, Number seed,
           std::vector<StatementOption> options)
      : Decl(Kind::Quiz, range), name(std::move(name)), graph(std::move(graph)),
        splits(std::move(splits)), formats(std::move(formats)), count(std::move(count)),
        seed(std::move(seed)), options(std::move(options)) {}
  Name name, graph;
  std::vector<Name> splits, formats;
  Number count, seed;
  std::vector<StatementOption> options;
  // Set by Sema.
  uint64_t countValue = 0, seedValue = 0;
  std::string distractors = "random";
  std::string keys = "all";
  static bool classof(const Decl *d) { return d->getKind() == Kind::Quiz; }
};

/// `prompt NAME = skic over BENCH examples K seed S [max_shown N];`
class PromptDecl : public Decl {
public:
  PromptDecl(llvm::SMRange range, Name name, Name bench, Number examples, Number seed,
             std::vector<StatementOption> options)
      : Decl(Kind::Prompt, range), name(std::move(name)), bench(std::move(bench)),
        examples(std::move(examples)), seed(std::move(seed)), options(std::move(options)) {}
  Name name, bench;
  Number examples, seed;
  std::vector<StatementOption> options;
  // Set by Sema.
  uint64_t examplesValue = 0, seedValue = 0;
  uint64_t maxShown = 8; // entities a worked example lists of one set
  const class BenchDecl *resolvedBench = nullptr;
  /// The skill each operation is taught by (follow, follow_back,
  /// intersect, exclude, unite), in that order.
  std::vector<const class SkillDecl *> skills;
  static bool classof(const Decl *d) { return d->getKind() == Kind::Prompt; }
};

/// `skill NAME = OPERATION "DESCRIPTION" [step "TEMPLATE"] [example random|uniform];`
class SkillDecl : public Decl {
public:
  SkillDecl(llvm::SMRange range, Name name, Name operation, Name description,
            std::vector<StatementOption> options)
      : Decl(Kind::Skill, range), name(std::move(name)), operation(std::move(operation)),
        description(std::move(description)), options(std::move(options)) {}
  Name name, operation, description;
  std::vector<StatementOption> options;
  // Set by Sema.
  std::string step;               // the step template, the operation's default if not given
  std::string example = "random"; // how the worked example is drawn
  bool fromStdlib = false;        // one of std/skills.kq's defaults
  static bool classof(const Decl *d) { return d->getKind() == Kind::Skill; }
};

/// `llm NAME = openai "URL" model "NAME" [options];`
class LlmDecl : public Decl {
public:
  LlmDecl(llvm::SMRange range, Name name, Name family, Name endpoint, Name model,
          std::vector<StatementOption> options)
      : Decl(Kind::Llm, range), name(std::move(name)), family(std::move(family)),
        endpoint(std::move(endpoint)), model(std::move(model)), options(std::move(options)) {}
  Name name, family, endpoint, model;
  std::vector<StatementOption> options;
  // Set by Sema.
  double temperature = 0;
  uint64_t maxTokens = 256, concurrency = 4, retries = 3;
  double timeoutSeconds = 60;
  std::string apiKeyVariable; // an environment variable holding the key, if any
  static bool classof(const Decl *d) { return d->getKind() == Kind::Llm; }
};

/// `ask LLM on QUIZ_OR_PROMPTS [replies "FILE"];`
class AskStmt : public Decl {
public:
  AskStmt(llvm::SMRange range, Name llm, Name source, std::vector<StatementOption> options)
      : Decl(Kind::Ask, range), llm(std::move(llm)), source(std::move(source)),
        options(std::move(options)) {}
  Name llm, source;
  std::vector<StatementOption> options;
  // Set by Sema.
  std::string resolvedReplies; // where the replies and their scores go, if anywhere
  static bool classof(const Decl *d) { return d->getKind() == Kind::Ask; }
};

/// The keyword a statement starts with, for messages.
llvm::StringRef keywordOf(const Decl &decl);

/// One source file's declarations, in order; imports are merged in front of
/// the declarations of the file that imports them.
struct Module {
  std::string fileName;
  std::vector<std::unique_ptr<Decl>> decls;
};

/// Prints the AST with its scopes and bindings (`kqc --emit=ast`).
void dump(const Module &module, llvm::raw_ostream &os, const llvm::SourceMgr &sourceMgr);

} // namespace kq::ast

#endif // KQ_FRONTEND_AST_H
