//===- LogicTest.cpp - The laws the passes rely on, checked numerically ---===//
//
// ir/Logic.h states which laws each logic has; the passes rewrite by them.
// Here every claim is checked against the connectives themselves on a grid
// of truth degrees: a law said to hold must hold everywhere, a law said not
// to hold must fail somewhere. The t-norms are written out again here, from
// their textbook definitions, so a slip in Logic.cpp cannot check itself.
//
//===----------------------------------------------------------------------===//

#include "ir/Logic.h"

#include "mlir/IR/MLIRContext.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

using namespace mlir;
using namespace mlir::kq;

namespace {

constexpr Logic kLogics[] = {Logic::boolean, Logic::godel, Logic::product, Logic::lukasiewicz};

/// The degrees a logic's values take: {0, 1} for Boolean, a grid otherwise.
std::vector<double> degrees(Logic logic) {
  if (logic == Logic::boolean)
    return {0.0, 1.0};
  std::vector<double> grid;
  for (int i = 0; i <= 20; ++i)
    grid.push_back(i / 20.0);
  return grid;
}

bool near(double a, double b) { return std::fabs(a - b) < 1e-12; }

/// Whether `law(a, b)` holds for every pair of degrees.
bool holdsEverywhere(Logic logic, const std::function<bool(double, double)> &law) {
  for (double a : degrees(logic))
    for (double b : degrees(logic))
      if (!law(a, b))
        return false;
  return true;
}

TEST(Logic, ConnectivesAreTheTextbookOnes) {
  for (double a : degrees(Logic::godel))
    for (double b : degrees(Logic::godel)) {
      EXPECT_DOUBLE_EQ(conjoin(Logic::godel, a, b), std::min(a, b));
      EXPECT_DOUBLE_EQ(disjoin(Logic::godel, a, b), std::max(a, b));
      EXPECT_DOUBLE_EQ(conjoin(Logic::product, a, b), a * b);
      EXPECT_DOUBLE_EQ(disjoin(Logic::product, a, b), a + b - a * b);
      EXPECT_DOUBLE_EQ(conjoin(Logic::lukasiewicz, a, b), std::max(0.0, a + b - 1));
      EXPECT_DOUBLE_EQ(disjoin(Logic::lukasiewicz, a, b), std::min(1.0, a + b));
    }
  for (double a : {0.0, 1.0})
    for (double b : {0.0, 1.0}) {
      EXPECT_EQ(conjoin(Logic::boolean, a, b), double(a == 1 && b == 1));
      EXPECT_EQ(disjoin(Logic::boolean, a, b), double(a == 1 || b == 1));
    }
}

TEST(Logic, StatedLawsHoldAndOnlyThose) {
  for (Logic logic : kLogics) {
    SCOPED_TRACE(stringifyLogic(logic).str());
    auto T = [&](double a, double b) { return conjoin(logic, a, b); };
    auto S = [&](double a, double b) { return disjoin(logic, a, b); };
    LogicLaws laws = lawsOf(logic);

    bool idempotent = holdsEverywhere(
        logic, [&](double a, double) { return near(T(a, a), a) && near(S(a, a), a); });
    bool absorptive = holdsEverywhere(logic, [&](double a, double b) {
      return near(T(a, S(a, b)), a) && near(S(a, T(a, b)), a);
    });
    // p(a) | p(b) == p(a | b) for a projection max_x T(s(x), edge): with one
    // source x and an edge of degree e, that is S(T(a, e), T(b, e)) ==
    // T(S(a, b), e) for every e.
    bool factors = true;
    for (double e : degrees(logic))
      factors &= holdsEverywhere(
          logic, [&](double a, double b) { return near(S(T(a, e), T(b, e)), T(S(a, b), e)); });
    bool repeatedDifference = holdsEverywhere(logic, [&](double a, double b) {
      return near(T(T(a, negate(b)), negate(b)), T(a, negate(b)));
    });
    bool nonContradiction =
        holdsEverywhere(logic, [&](double a, double) { return near(T(a, negate(a)), 0); });
    bool excludedMiddle =
        holdsEverywhere(logic, [&](double a, double) { return near(S(a, negate(a)), 1); });

    EXPECT_EQ(laws.idempotent, idempotent);
    EXPECT_EQ(laws.idempotent, absorptive);
    EXPECT_EQ(laws.idempotent, factors);
    EXPECT_EQ(laws.idempotent, repeatedDifference);
    EXPECT_EQ(laws.nonContradiction, nonContradiction);
    EXPECT_EQ(laws.excludedMiddle, excludedMiddle);
  }
}

TEST(Logic, LawsEveryLogicHas) {
  // What the passes apply without asking: identities, absorbing elements,
  // De Morgan (kq-normalize), double negation, associativity and
  // commutativity (flattening, kq-order-intersections).
  for (Logic logic : kLogics) {
    SCOPED_TRACE(stringifyLogic(logic).str());
    auto T = [&](double a, double b) { return conjoin(logic, a, b); };
    auto S = [&](double a, double b) { return disjoin(logic, a, b); };
    EXPECT_TRUE(holdsEverywhere(logic, [&](double a, double b) {
      return near(T(a, 1), a) && near(S(a, 0), a) && near(T(a, 0), 0) && near(S(a, 1), 1) &&
             near(negate(negate(a)), a) && near(T(negate(a), negate(b)), negate(S(a, b))) &&
             near(S(negate(a), negate(b)), negate(T(a, b))) && near(T(a, b), T(b, a)) &&
             near(S(a, b), S(b, a));
    }));
    for (double c : degrees(logic))
      EXPECT_TRUE(holdsEverywhere(logic, [&](double a, double b) {
        return near(T(T(a, b), c), T(a, T(b, c))) && near(S(S(a, b), c), S(a, S(b, c)));
      }));
  }
}

TEST(Logic, TypesCarryTheLogic) {
  MLIRContext context;
  context.loadDialect<KQDialect>();
  for (Logic logic : kLogics) {
    Type type = queryValueType(&context, logic);
    EXPECT_EQ(logicOf(type), logic);
    EXPECT_EQ(isa<EntitySetType>(type), logic == Logic::boolean);
  }
}

} // namespace
