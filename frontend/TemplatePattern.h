//===- TemplatePattern.h - What sampling needs to know of a template ------===//
//
// `bench … = sample` grounds templates at run time. The runtime's sampler
// walks the graph along the template's atoms (the pattern) and writes each
// instance back as kq source (the text with its parameters left open); both
// are computed here from the checked AST and travel on the template's
// `kq.query` as attributes.
//
// An atom of the pattern has four fields: the relation, the subject, the
// object, and "+" or "-" (whether the atom stands under an even or odd number
// of negations). Terms are "v<i>" (variable i, the answer variable being 0),
// "p<i>" (parameter i), or a constant as runtime/bench/TemplateFields.h writes
// it. The text and the question are lists of pieces. The attributes keep this
// structure; the conversion joins the fields into the strings the runtime
// reads (runtime/bench/TemplateFields.h).
//
//===----------------------------------------------------------------------===//
#ifndef KQ_FRONTEND_TEMPLATEPATTERN_H
#define KQ_FRONTEND_TEMPLATEPATTERN_H

#include "frontend/AST.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace kq {

/// An atom of a pattern: relation, subject, object, "+" or "-".
using PatternAtom = std::array<std::string, 4>;

/// The atoms of a template with one answer variable.
std::vector<PatternAtom> templatePattern(const ast::QueryDecl &query);

/// A piece of a template's text or question: words, the place of a
/// parameter (text), or an atom's relation, subject and object (question).
struct TemplatePiece {
  std::string words;
  std::optional<size_t> parameter;
  std::optional<std::array<std::string, 3>> atom;
};

/// The template as a question in words for prompts: "Which entities ?y are
/// such that there is some ?x such that A and B?", each atom a piece of its
/// own with its fields as in the pattern but for variables, "v?NAME". The
/// runtime words the atoms with the graph's labels.
std::vector<TemplatePiece> templateQuestion(const ast::QueryDecl &query);

/// The template's `?answer . formula` in kq syntax, every name quoted and
/// each parameter a piece of its own.
std::vector<TemplatePiece> templateText(const ast::QueryDecl &query);

/// The template as a formula string of FIT (`r1(s1,e1)&!r2(e1,f)&r3(s2,f)`):
/// entity parameters become s1, s2, ... and relation parameters r1, r2, ...
/// in parameter order, the answer variable f, the quantified ones e1, e2, ...
/// Nothing, with `reason` set, when FIT's strings cannot say it exactly (a
/// quantifier under a negation, a constant, more than one answer variable).
std::optional<std::string> fitFormula(const ast::QueryDecl &query, std::string &reason);

/// The query structure of BetaE's data sets (e.g. "((e,(r,r,n)),(e,(r,)))",
/// its e and r in the order of the template's parameters) of a template of
/// std/betae.kq, declared in `file`; null for any other template.
const char *betaeStructure(const ast::QueryDecl &query, llvm::StringRef file);

} // namespace kq

#endif // KQ_FRONTEND_TEMPLATEPATTERN_H
