// Two Boolean queries, one of them named as the other's twin would be.
kq.query @q {
  %a = kq.entity "a"
  kq.yield %a
}
kq.query @q.product {
  %a = kq.entity "b"
  kq.yield %a
}
