kq.graph @g load "g"
kq.query @template.2p attributes {parameters = ["entity", "relation", "relation"]} {
  %s = kq.param 0
  %x = kq.project_param %s by 1
  %y = kq.project_param %x by 2
  kq.yield %y
}
kq.query @template.1p attributes {parameters = ["entity", "relation"]} {
  %s = kq.param 0
  %x = kq.project_param %s by 1
  kq.yield %x
}
kq.answer_batch on @g ["train"] templates [@template.2p, @template.1p] labels ["2p", "1p"] instance_of [0, 1] arguments [["a", "r", "s"], ["b", "r"]]
