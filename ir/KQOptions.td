//===- KQOptions.td - The options of kq's statements, defined once -*- tablegen -*-===//
//
// Every closed set of option values a statement takes: the spelling a
// program writes, the C++ enum of the dialect (mlir-tblgen), the attribute
// ops hold it in (its parser, printer and verifier), and the integer code
// the lowering passes to the runtime, whose C header (KQOptions.h, made by
// ir/OptionsHeader.py from this file) gives the runtime the same codes and
// names. Adding a value is one case here plus its behaviour.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_OPTIONS_TD
#define KQ_OPTIONS_TD

include "mlir/IR/EnumAttr.td"

/// An option of a statement. `cPrefix` names its codes in the runtime's C
/// header: KQ_<cPrefix>_<VALUE>.
class KQ_Option<string name, string summary, string prefix, list<I32EnumAttrCase> cases>
    : I32EnumAttr<name, summary, cases> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::kq";
  string cPrefix = prefix;
}

def KQ_TiePolicy : KQ_Option<"TiePolicy",
    "how a rank counts the candidates that score as high as the answer", "TIES", [
  I32EnumAttrCase<"Optimistic", 0, "optimistic">,
  I32EnumAttrCase<"Pessimistic", 1, "pessimistic">,
  I32EnumAttrCase<"Realistic", 2, "realistic">]>;

def KQ_Breakdown : KQ_Option<"Breakdown",
    "a breakdown of link-prediction metrics (bits of a mask)", "PER", [
  I32EnumAttrCase<"Relation", 1, "relation">,
  I32EnumAttrCase<"Direction", 2, "direction">]>;

def KQ_ModelFamily : KQ_Option<"ModelFamily", "the family of a link predictor", "MODEL", [
  I32EnumAttrCase<"TransE", 0, "transe">,
  I32EnumAttrCase<"DistMult", 1, "distmult">,
  I32EnumAttrCase<"ComplEx", 2, "complex">,
  I32EnumAttrCase<"RotatE", 3, "rotate">]>;

def KQ_QuizFormat : KQ_Option<"QuizFormat", "a KGQuiz item format", "QUIZ", [
  I32EnumAttrCase<"TrueFalse", 0, "tf">,
  I32EnumAttrCase<"MultipleChoice", 1, "mc">,
  I32EnumAttrCase<"Blank", 2, "blank">,
  I32EnumAttrCase<"Edit", 3, "edit">,
  I32EnumAttrCase<"Open", 4, "open">]>;

def KQ_Distractors : KQ_Option<"Distractors",
    "how multiple-choice distractors are drawn", "DISTRACTORS", [
  I32EnumAttrCase<"Random", 0, "random">,
  I32EnumAttrCase<"Range", 1, "range">,
  I32EnumAttrCase<"Neighbourhood", 2, "neighbourhood">]>;

def KQ_QuizKeys : KQ_Option<"QuizKeys",
    "which facts blank and edit items ask about", "KEYS", [
  // Any fact; the item lists every right answer.
  I32EnumAttrCase<"All", 0, "all">,
  // Only facts whose answer is the one the graph has: one right answer.
  I32EnumAttrCase<"Unique", 1, "unique">]>;

def KQ_SkillOperation : KQ_Option<"SkillOperation",
    "the operation a skill teaches", "SKILL", [
  I32EnumAttrCase<"Follow", 0, "follow">,
  I32EnumAttrCase<"FollowBack", 1, "follow_back">,
  I32EnumAttrCase<"Intersect", 2, "intersect">,
  I32EnumAttrCase<"Exclude", 3, "exclude">,
  I32EnumAttrCase<"Unite", 4, "unite">]>;

def KQ_SkillExample : KQ_Option<"SkillExample",
    "how a skill's worked example is drawn", "EXAMPLE", [
  I32EnumAttrCase<"Random", 0, "random">,
  I32EnumAttrCase<"Uniform", 1, "uniform">]>;

def KQ_EmitFormat : KQ_Option<"EmitFormat", "the file format `emit` writes", "EMIT", [
  I32EnumAttrCase<"JSONL", 0, "jsonl">,
  I32EnumAttrCase<"BetaE", 1, "betae">,
  I32EnumAttrCase<"FIT", 2, "fit">]>;

def KQ_Logic : KQ_Option<"Logic", "the semantics of a query's connectives", "LOGIC", [
  I32EnumAttrCase<"boolean", 0>,
  I32EnumAttrCase<"godel", 1>,
  I32EnumAttrCase<"product", 2>,
  I32EnumAttrCase<"lukasiewicz", 3>]>;

#endif // KQ_OPTIONS_TD
