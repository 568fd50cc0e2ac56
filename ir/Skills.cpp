//===- Skills.cpp - The skills a template's plan is solved with -----------===//

#include "ir/Skills.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"

using namespace mlir;
using namespace mlir::kq;

std::optional<std::array<bool, 5>> mlir::kq::skillOperationsOf(QueryOp query) {
  enum { Follow, FollowBack, Intersect, Exclude, Unite };
  std::array<bool, 5> uses{};
  bool traceable = true;
  query.walk([&](Operation *op) {
    if (auto project = dyn_cast<ProjectOp>(op))
      uses[project.getInverse() ? FollowBack : Follow] = true;
    else if (auto project = dyn_cast<ProjectParamOp>(op))
      uses[project.getInverse() ? FollowBack : Follow] = true;
    else if (auto path = dyn_cast<PathOp>(op))
      for (bool inverse : path.getInverse())
        uses[inverse ? FollowBack : Follow] = true;
    else if (isa<IntersectOp>(op))
      uses[Intersect] = true;
    else if (isa<UnionOp>(op))
      uses[Unite] = true;
    else if (isa<DifferenceOp, ComplementOp>(op))
      uses[Exclude] = true;
    else if (!isa<QueryOp, EntityOp, ParamOp, UniverseOp, EmptyOp, YieldOp>(op))
      traceable = false;
  });
  if (!traceable)
    return std::nullopt;
  return uses;
}

LogicalResult mlir::kq::layOutSkills(ModuleOp module) {
  SymbolTable symbols(module);
  unsigned numBlocks = 0;
  auto freshBlockName = [&] {
    std::string name;
    do
      name = "block." + std::to_string(numBlocks++);
    while (symbols.lookup(name));
    return name;
  };
  SmallVector<ShowSkillsOp> marks;
  module.walk([&](ShowSkillsOp mark) { marks.push_back(mark); });
  for (ShowSkillsOp mark : marks) {
    auto promptCase = mark->getParentOfType<PromptCaseOp>();
    auto prompt = promptCase->getParentOfType<PromptOp>();
    auto bench = symbols.lookup<SampleOp>(prompt.getBench());
    auto query = symbols.lookup<QueryOp>(promptCase.getOf());
    std::optional<std::array<bool, 5>> uses = skillOperationsOf(query);
    if (!uses)
      return promptCase.emitOpError() << promptCase.getOfAttr() << " is not a tree of skill steps";
    OpBuilder builder(mark);
    Location loc = mark.getLoc();
    for (auto [operation, used] : llvm::enumerate(*uses)) {
      if (!used)
        continue;
      auto skillSymbol = cast<FlatSymbolRefAttr>(promptCase.getSkills()[operation]);
      auto skill = symbols.lookup<SkillOp>(skillSymbol.getValue());
      OpBuilder outside(prompt);
      auto block = outside.create<SkillBlockOp>(loc, freshBlockName(), skillSymbol.getValue(),
                                                bench.getGraph(), bench.getFull(), prompt.getSeed(),
                                                prompt.getMaxShown());
      symbols.insert(block);
      builder.create<TextOp>(loc, ("Skill " + programName(skill.getSymName()) + ": ").str());
      builder.create<SkillTextOp>(loc, skillSymbol);
      builder.create<TextOp>(loc, "\nExample: ");
      builder.create<ShowOp>(loc, FlatSymbolRefAttr::get(block.getSymNameAttr()));
      builder.create<TextOp>(loc, "\n\n");
    }
    mark.erase();
  }
  return success();
}
