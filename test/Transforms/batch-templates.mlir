// kq-batch-templates: consecutive answers of template instances on one view
// become one kq.answer_batch of the templates computed for any arguments;
// the instances' queries go. Runs shorter than min-instances stay.
// RUN: kq-opt %s --kq-batch-templates=min-instances=3 | FileCheck %s
// RUN: kq-opt %s --kq-batch-templates=min-instances=4 | FileCheck %s --check-prefix=SHORT

kq.graph @g load "g"
kq.query @template.1p attributes {parameters = ["entity", "relation"]} {
  %0 = kq.param 0
  %1 = kq.project_param %0 by 1
  kq.yield %1
}
kq.query @template.2i attributes {parameters = ["entity", "entity", "relation", "relation"]} {
  %0 = kq.param 0
  %1 = kq.project_param %0 by 2
  %2 = kq.param 1
  %3 = kq.project_param %2 by 3
  %4 = kq.intersect %1, %3
  kq.yield %4
}
kq.query @"1p(a,r)" {
  %0 = kq.entity "a"
  %1 = kq.project %0 by "r"
  kq.yield %1
}
kq.query @"2i(a,b,r,s)" {
  %0 = kq.entity "a"
  %1 = kq.project %0 by "r"
  %2 = kq.entity "b"
  %3 = kq.project %2 by "s"
  %4 = kq.intersect %1, %3
  kq.yield %4
}
kq.query @"1p(b,s)" {
  %0 = kq.entity "b"
  %1 = kq.project %0 by "s"
  kq.yield %1
}
kq.query @plain {
  %0 = kq.entity "c"
  kq.yield %0
}
kq.answer @"1p(a,r)" on @g ["train"] {arguments = ["a", "r"], label = "1p", open_template = @template.1p}
kq.answer @"2i(a,b,r,s)" on @g ["train"] {arguments = ["a", "b", "r", "s"], label = "2i", open_template = @template.2i}
kq.answer @"1p(b,s)" on @g ["train"] {arguments = ["b", "s"], label = "1p", open_template = @template.1p}
kq.answer @plain on @g ["train"]
kq.answer @"1p(a,r)" on @g ["test"] {arguments = ["a", "r"], label = "1p", open_template = @template.1p}

// CHECK-NOT: kq.query @"1p(b,s)"
// CHECK-NOT: kq.query @"2i(a,b,r,s)"
// CHECK: kq.query @"1p(a,r)"
// CHECK: kq.query @plain
// CHECK: kq.answer_batch on @g ["train"] templates [@template.1p, @template.2i] labels ["1p", "2i"] instance_of [0, 1, 0] arguments {{\[}}["a", "r"], ["a", "b", "r", "s"], ["b", "s"]]
// CHECK-NEXT: kq.answer @plain on @g ["train"]
// CHECK-NEXT: kq.answer @"1p(a,r)" on @g ["test"]

// SHORT-NOT: kq.answer_batch
