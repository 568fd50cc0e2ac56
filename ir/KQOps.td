//===- KQOps.td - Operations of the kq dialect -------------*- tablegen -*-===//
#ifndef KQ_OPS_TD
#define KQ_OPS_TD

include "ir/KQBase.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

//===----------------------------------------------------------------------===//
// Declarations and statements
//===----------------------------------------------------------------------===//

def KQ_GraphOp : KQ_Op<"graph", [Symbol]> {
  let summary = "declares a knowledge graph loaded from a folder";
  let description = [{
    Names a graph stored as `train.txt`, `valid.txt` and `test.txt` (one
    `head<TAB>relation<TAB>tail` triple a line) in the folder `path`. The
    graph is loaded where the op stands among the statements.

    ```mlir
    kq.graph @world load "examples/world"
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, StrAttr:$path);
  let assemblyFormat = "$sym_name `load` $path attr-dict";
  let hasVerifier = 1;
}

def KQ_QueryOp : KQ_Op<"query", [Symbol, IsolatedFromAbove]> {
  let summary = "a query: the set of entities that satisfy a formula";
  let description = [{
    The body computes the answer set from anchors and set operations and ends
    in `kq.yield`. A query is independent of any graph; `kq.answer` evaluates
    it on one.

    ```mlir
    kq.query @grandparents {
      %0 = kq.entity "alice"
      %1 = kq.project %0 by "parent"
      %2 = kq.project %1 by "parent"
      kq.yield %2
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$sym_name attr-dict-with-keyword $body";
  let hasRegionVerifier = 1;
}

def KQ_YieldOp : KQ_Op<"yield", [Pure, Terminator, ReturnLike, HasParent<"QueryOp">]> {
  let summary = "returns the answer set of a query";
  let description = [{
    ```mlir
    kq.yield %answers
    ```
  }];
  let arguments = (ins KQ_EntitySetType:$result);
  let assemblyFormat = "$result attr-dict";
}

def KQ_AnswerOp : KQ_Op<"answer", [DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "computes and reports the exact answers of a query";
  let description = [{
    Evaluates the query on the graph made of the union of the named splits
    and writes one `answer` record. `label` is the query's name as the program
    wrote it and `arguments` the template arguments, for the record.

    ```mlir
    kq.answer @grandparents on @world ["train", "valid"]
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$query, FlatSymbolRefAttr:$graph,
                       StrArrayAttr:$splits, OptionalAttr<StrAttr>:$label,
                       OptionalAttr<StrArrayAttr>:$arguments);
  let assemblyFormat = "$query `on` $graph $splits attr-dict";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The query name to report: the label when there is one.
    ::llvm::StringRef getReportedName() {
      return getLabel() ? *getLabel() : getQuery();
    }
  }];
}

//===----------------------------------------------------------------------===//
// Set operations inside a query
//===----------------------------------------------------------------------===//

def KQ_EntityOp : KQ_Op<"entity", [Pure]> {
  let summary = "an anchor: the set holding one named entity";
  let description = [{
    ```mlir
    %alice = kq.entity "alice"
    ```
  }];
  let arguments = (ins StrAttr:$name);
  let results = (outs KQ_EntitySetType:$result);
  let assemblyFormat = "$name attr-dict";
}

def KQ_ProjectOp : KQ_Op<"project", [Pure]> {
  let summary = "relation projection: the entities one edge away";
  let description = [{
    Forward: `{t | exists h in input . (h, relation, t)}`; with `inverse`:
    `{h | exists t in input . (h, relation, t)}`. This is existential
    elimination of the variable the input set stands for.

    ```mlir
    %children = kq.project %parents by "parent"
    %parents  = kq.project %children by "parent" inverse
    ```
  }];
  let arguments = (ins KQ_EntitySetType:$input, StrAttr:$relation, UnitAttr:$inverse);
  let results = (outs KQ_EntitySetType:$result);
  let assemblyFormat = "$input `by` $relation (`inverse` $inverse^)? attr-dict";
}

class KQ_SetCombineOp<string mnemonic, string what>
    : KQ_Op<mnemonic, [Pure, Commutative]> {
  let summary = what # " of two or more entity sets";
  let arguments = (ins Variadic<KQ_EntitySetType>:$inputs);
  let results = (outs KQ_EntitySetType:$result);
  let assemblyFormat = "$inputs attr-dict";
  let hasVerifier = 1;
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def KQ_IntersectOp : KQ_SetCombineOp<"intersect", "intersection"> {
  let description = [{
    The entities in every input (conjunction of the inputs' formulas).

    ```mlir
    %both = kq.intersect %a, %b
    ```
  }];
}

def KQ_UnionOp : KQ_SetCombineOp<"union", "union"> {
  let description = [{
    The entities in at least one input (disjunction).

    ```mlir
    %either = kq.union %a, %b
    ```
  }];
}

def KQ_DifferenceOp : KQ_Op<"difference", [Pure]> {
  let summary = "set difference: negation against a positive part";
  let description = [{
    The entities of `lhs` that are not in `rhs`, i.e. `lhs & !rhs`.

    ```mlir
    %rest = kq.difference %a, %b
    ```
  }];
  let arguments = (ins KQ_EntitySetType:$lhs, KQ_EntitySetType:$rhs);
  let results = (outs KQ_EntitySetType:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict";
  let hasCanonicalizer = 1;
}

def KQ_ComplementOp : KQ_Op<"complement", [Pure]> {
  let summary = "set complement with respect to all entities of the graph";
  let description = [{
    Negation as set complement: every entity of the graph not in the input.

    ```mlir
    %others = kq.complement %a
    ```
  }];
  let arguments = (ins KQ_EntitySetType:$input);
  let results = (outs KQ_EntitySetType:$result);
  let assemblyFormat = "$input attr-dict";
  let hasCanonicalizer = 1;
}

#endif // KQ_OPS_TD
