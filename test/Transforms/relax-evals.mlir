// kq-relax=for-evals (what kqc runs first): only the templates of evaluated
// benchmarks get twins, each under its eval's logic, and the eval names
// them; external scores need none.
// RUN: kq-opt %s --kq-relax=for-evals | FileCheck %s

// CHECK-LABEL: kq.query @template.1p attributes
// CHECK-LABEL: kq.query @template.1p.godel attributes
// CHECK:         kq.param 0 : !kq.truth<godel>
// CHECK-LABEL: kq.query @template.1p.product attributes
// CHECK-NOT:   kq.query @other.
// CHECK:       kq.eval @m on @b with [@template.1p.product]
// CHECK:       kq.eval @m on @b logic godel with [@template.1p.godel]
// CHECK:       kq.eval scores "p.npy" at "/p.npy" on @b{{$}}
kq.graph @g load "g"
kq.model @m rotate "m" on @g
kq.query @template.1p attributes {parameters = ["entity", "relation"], pattern = [["p1", "p0", "v0", "+"]], text = ["?y . ", 1, "(", 0, ", ?y)"]} {
  %s = kq.param 0
  %p = kq.project_param %s by 1
  kq.yield %p
}
kq.query @other {
  %a = kq.entity "a"
  kq.yield %a
}
kq.sample @b from [@template.1p] on @g observed ["train"] full ["train", "test"] count 1 seed 1
kq.eval @m on @b
kq.eval @m on @b logic godel
kq.eval scores "p.npy" at "/p.npy" on @b
