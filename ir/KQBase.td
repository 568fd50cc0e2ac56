//===- KQBase.td - The kq dialect and its types ------------*- tablegen -*-===//
#ifndef KQ_BASE_TD
#define KQ_BASE_TD

include "mlir/IR/AttrTypeBase.td"
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
  }];
  let cppNamespace = "::mlir::kq";
  let useDefaultTypePrinterParser = 1;
}

class KQ_Type<string name, string typeMnemonic> : TypeDef<KQ_Dialect, name> {
  let mnemonic = typeMnemonic;
}

def KQ_EntitySetType : KQ_Type<"EntitySet", "set"> {
  let summary = "a set of entities of the graph a query is answered on";
  let description = [{
    The value of a query node under Boolean semantics: the entities that
    satisfy it.

    ```mlir
    %s = kq.entity "alice" : !kq.set
    ```
  }];
}

class KQ_Op<string mnemonic, list<Trait> traits = []>
    : Op<KQ_Dialect, mnemonic, traits>;

#endif // KQ_BASE_TD
