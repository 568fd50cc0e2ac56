// Fuzzy queries have no lowering: the conversion says so instead of
// failing to legalize.
// RUN: kq-opt %s --split-input-file --convert-kq-to-runtime --verify-diagnostics

// expected-error @+1 {{'kq.query' op computes '!kq.truth<product>': only Boolean queries (!kq.set) are lowered to the runtime}}
kq.query @q {
  %a = kq.entity "a" : !kq.truth<product>
  %p = kq.project %a by "r" : !kq.truth<product>
  kq.yield %p : !kq.truth<product>
}
