//===- KQBase.td - The kq dialect and its types ------------*- tablegen -*-===//
#ifndef KQ_BASE_TD
#define KQ_BASE_TD

include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"
include "mlir/IR/OpBase.td"

def KQ_Dialect : Dialect {
  let name = "kq";
  let summary = "First-order queries over knowledge graphs";
  let description = [{
    The `kq` dialect expresses what a `.kq` program computes: graphs to load,
    queries as dataflow over sets of entities (anchors, relation projections,
    intersections, unions, differences, complements), and the statements that
    ask for results. A query lives in a `kq.query` symbol and does not name a
    graph: the statement that answers it (`kq.answer`) says on which graph and
    which splits, so one query serves many graphs.

    The same ops compute under two semantics, told apart by the type of
    their values: `!kq.set` is Boolean (exact entailment, the sets of
    entities that satisfy a formula), `!kq.truth<LOGIC>` a fuzzy logic (a
    truth degree in [0, 1] for every entity, conjunction a t-norm,
    disjunction its dual t-conorm, negation `1 - x`, projection `max_x
    T(s(x), truth(x, r, y))`). The passes apply only the laws that hold in
    the logic of the values they rewrite.
  }];
  let cppNamespace = "::mlir::kq";
  let useDefaultTypePrinterParser = 1;
  let useDefaultAttributePrinterParser = 1;
}

include "ir/KQOptions.td"

/// An option held by an op: printed and parsed as its bare keyword.
class KQ_OptionAttr<KQ_Option option, string mnemonic>
    : EnumAttr<KQ_Dialect, option, mnemonic>;

def KQ_TiePolicyAttr : KQ_OptionAttr<KQ_TiePolicy, "ties">;
def KQ_BreakdownAttr : KQ_OptionAttr<KQ_Breakdown, "per">;
def KQ_ModelFamilyAttr : KQ_OptionAttr<KQ_ModelFamily, "family">;
def KQ_QuizFormatAttr : KQ_OptionAttr<KQ_QuizFormat, "format">;
def KQ_DistractorsAttr : KQ_OptionAttr<KQ_Distractors, "distractors">;
def KQ_QuizKeysAttr : KQ_OptionAttr<KQ_QuizKeys, "keys">;
def KQ_SkillOperationAttr : KQ_OptionAttr<KQ_SkillOperation, "teaches">;
def KQ_SkillExampleAttr : KQ_OptionAttr<KQ_SkillExample, "example">;
def KQ_EmitFormatAttr : KQ_OptionAttr<KQ_EmitFormat, "emit_format">;
def KQ_LogicAttr : KQ_OptionAttr<KQ_Logic, "logic">;

def KQ_BreakdownArrayAttr : TypedArrayAttrBase<KQ_BreakdownAttr, "breakdowns">;
def KQ_QuizFormatArrayAttr : TypedArrayAttrBase<KQ_QuizFormatAttr, "quiz formats">;

class KQ_Type<string name, string typeMnemonic> : TypeDef<KQ_Dialect, name> {
  let mnemonic = typeMnemonic;
}

def KQ_EntitySetType : KQ_Type<"EntitySet", "set"> {
  let summary = "a set of entities of the graph a query is answered on";
  let description = [{
    The value of a query node under Boolean semantics: the entities that
    satisfy it.

    ```mlir
    %s = kq.entity "alice"
    ```
  }];
}

def KQ_TruthVectorType : KQ_Type<"TruthVector", "truth"> {
  let summary = "a fuzzy truth degree for every entity, under one logic";
  let description = [{
    The value of a query node under a fuzzy logic: for each entity of the
    graph, the degree in [0, 1] to which it satisfies the node's formula.
    The logic is part of the type, so values of two logics never meet in
    one op. Boolean values are `!kq.set`, never `!kq.truth<boolean>`.

    ```mlir
    %s = kq.entity "alice" : !kq.truth<product>
    ```
  }];
  let parameters = (ins EnumParameter<KQ_Logic>:$logic);
  let assemblyFormat = "`<` $logic `>`";
  let genVerifyDecl = 1;
}

/// What a query node computes: a Boolean set or a fuzzy truth vector.
def KQ_QueryValueType : AnyTypeOf<[KQ_EntitySetType, KQ_TruthVectorType],
                                  "an entity set or a truth vector">;

class KQ_Op<string mnemonic, list<Trait> traits = []>
    : Op<KQ_Dialect, mnemonic, traits>;

#endif // KQ_BASE_TD
