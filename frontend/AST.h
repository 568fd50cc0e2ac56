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
  llvm::SMRange binderRange;            // where the variable is declared
  NameRole role = NameRole::Constant;   // for names
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
      : Formula(Kind::Atom, range), predicate(std::move(predicate)),
        subject(std::move(subject)), object(std::move(object)) {}
  Name predicate;
  NameRole predicateRole = NameRole::Constant;
  Term subject, object;
  static bool classof(const Formula *f) { return f->getKind() == Kind::Atom; }
};

/// A conjunction or disjunction of two or more operands.
class NaryFormula : public Formula {
public:
  NaryFormula(Kind kind, llvm::SMRange range,
              std::vector<std::unique_ptr<Formula>> operands)
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
  ExistsFormula(llvm::SMRange range, std::vector<Variable> variables,
                std::unique_ptr<Formula> body)
      : Formula(Kind::Exists, range), variables(std::move(variables)),
        body(std::move(body)) {}
  std::vector<Variable> variables;
  std::unique_ptr<Formula> body;
  static bool classof(const Formula *f) { return f->getKind() == Kind::Exists; }
};

class Decl {
public:
  enum class Kind { Import, Graph, Query, Answer, Other };
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
  ImportDecl(llvm::SMRange range, Name path) : Decl(Kind::Import, range), path(std::move(path)) {}
  Name path;
  static bool classof(const Decl *d) { return d->getKind() == Kind::Import; }
};

/// `graph NAME = load "DIR";`
class GraphDecl : public Decl {
public:
  GraphDecl(llvm::SMRange range, Name name, Name path)
      : Decl(Kind::Graph, range), name(std::move(name)), path(std::move(path)) {}
  Name name;
  Name path;
  std::string resolvedPath; // the directory, resolved against the file's folder
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
  QueryDecl(llvm::SMRange range, Name name, bool isTemplate,
            std::vector<Parameter> params, std::vector<Variable> answerVariables,
            std::unique_ptr<Formula> formula)
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
  AnswerStmt(llvm::SMRange range, Name query, bool hasArguments,
             std::vector<Name> arguments, Name graph, std::vector<Name> splits)
      : Decl(Kind::Answer, range), query(std::move(query)),
        hasArguments(hasArguments), arguments(std::move(arguments)),
        graph(std::move(graph)), splits(std::move(splits)) {}
  Name query;
  bool hasArguments;
  std::vector<Name> arguments;
  Name graph;
  std::vector<Name> splits;
  const QueryDecl *resolvedQuery = nullptr; // set by Sema
  static bool classof(const Decl *d) { return d->getKind() == Kind::Answer; }
};

/// A statement of the language that parses but that this version of the
/// compiler does not execute yet (`linkpred`, `bench`, ...): Sema reports it.
class OtherStmt : public Decl {
public:
  OtherStmt(llvm::SMRange range, std::string keyword)
      : Decl(Kind::Other, range), keyword(std::move(keyword)) {}
  std::string keyword;
  static bool classof(const Decl *d) { return d->getKind() == Kind::Other; }
};

/// One source file's declarations, in order; imports are merged in front of
/// the declarations of the file that imports them.
struct Module {
  std::string fileName;
  std::vector<std::unique_ptr<Decl>> decls;
};

/// Prints the AST with its scopes and bindings (`kqc --emit=ast`).
void dump(const Module &module, llvm::raw_ostream &os,
          const llvm::SourceMgr &sourceMgr);

} // namespace kq::ast

#endif // KQ_FRONTEND_AST_H
