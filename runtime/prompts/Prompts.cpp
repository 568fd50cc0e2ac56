//===- Prompts.cpp - Skills-in-Context prompts of a benchmark -------------===//

#include "runtime/prompts/Prompts.h"
#include "runtime/bench/TemplateFields.h"
#include "runtime/core/Context.h"
#include "runtime/core/Progress.h"
#include "runtime/support/Json.h"
#include "runtime/support/Random.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <set>
#include <tuple>

using namespace kq::runtime;
using Operation = kq::options::SkillOperation;

namespace {

/// Each entity's position among all entities in the order of the texts
/// prompts show them by (their labels, ties by id): the names' order when
/// there are no labels.
std::vector<uint32_t> textOrder(const Graph &graph, const Labels &labels) {
  if (labels.empty())
    return graph.nameOrder();
  std::vector<std::string> texts;
  for (uint32_t id = 0; id < graph.entities().size(); ++id)
    texts.push_back(labels.entity(graph.entities().name(id)));
  std::vector<uint32_t> byText(texts.size());
  for (uint32_t id = 0; id < byText.size(); ++id)
    byText[id] = id;
  std::sort(byText.begin(), byText.end(),
            [&](uint32_t a, uint32_t b) { return std::tie(texts[a], a) < std::tie(texts[b], b); });
  std::vector<uint32_t> position(byText.size());
  for (uint32_t at = 0; at < byText.size(); ++at)
    position[byText[at]] = at;
  return position;
}

/// How names, sets and facts of a graph read in prompts.
class Wording {
public:
  Wording(const Graph &graph, const Labels &labels, size_t maxShown)
      : graph(graph), labels(labels), maxShown(maxShown), position(textOrder(graph, labels)) {}

  std::string entity(EntityId id) const { return labels.entity(graph.entities().name(id)); }
  /// A set as `{a; b; c}`: the texts of its entities in order, at most
  /// `maxShown` of them (the first ones), and how many more.
  std::string set(const EntityId *ids, size_t size) const {
    std::vector<EntityId> shown(ids, ids + size);
    size_t count = std::min(size, maxShown);
    auto byText = [&](EntityId a, EntityId b) { return position[a] < position[b]; };
    std::partial_sort(shown.begin(), shown.begin() + count, shown.end(), byText);
    std::string text = "{";
    for (size_t i = 0; i < count; ++i)
      text += (i ? "; " : "") + entity(shown[i]);
    if (size > maxShown)
      text += fmt::format("; and {} more", size - maxShown);
    return text + "}";
  }
  std::string set(const std::vector<EntityId> &ids) const { return set(ids.data(), ids.size()); }
  /// A relation as the fact it states of X and Y.
  std::string relation(RelationId id) const {
    return labels.fact("X", graph.relations().name(id), "Y");
  }
  const Graph &graph;
  const Labels &labels;
  size_t maxShown;
  std::vector<uint32_t> position; // textOrder
};

/// `step` with its placeholders filled in.
std::string fillStep(const std::string &step, const std::map<std::string, std::string> &values) {
  std::string text;
  for (size_t at = 0; at < step.size();) {
    size_t open = step.find('{', at);
    size_t close = open == std::string::npos ? open : step.find('}', open);
    if (close == std::string::npos) {
      text += step.substr(at);
      break;
    }
    text += step.substr(at, open - at);
    auto value = values.find(step.substr(open + 1, close - open - 1));
    text += value != values.end() ? value->second : step.substr(open, close - open + 1);
    at = close + 1;
  }
  return text;
}

/// A field of a pattern or question ("p<i>", "c<name>", "v?x") as text.
std::string fieldText(const std::string &field, bool relation, const std::string &kinds,
                      const std::vector<int32_t> &arguments, const Wording &wording,
                      std::optional<RelationId> *relationId = nullptr) {
  if (field.empty())
    return "";
  if (field[0] == 'v')
    return field.substr(1);
  if (field[0] == 'p') {
    size_t index = std::strtoul(field.c_str() + 1, nullptr, 10);
    if (index >= arguments.size())
      return "";
    uint32_t id = uint32_t(arguments[index]);
    if (kinds[index] == 'r') {
      if (relationId)
        *relationId = id;
      return wording.graph.relations().name(id);
    }
    return wording.entity(id);
  }
  std::string name = decodeConstant(field);
  if (relation) {
    if (relationId)
      *relationId = wording.graph.relations().lookup(name);
    return name;
  }
  return wording.labels.entity(name);
}

/// The question with its atoms worded as facts and its parameters named.
std::string questionText(const std::string &question, const std::string &kinds,
                         const std::vector<int32_t> &arguments, const Wording &wording) {
  std::string text;
  for (size_t at = 0; at < question.size();) {
    size_t open = question.find(kAtomMark, at);
    size_t close = open == std::string::npos ? open : question.find(kAtomMark, open + 1);
    if (close == std::string::npos) {
      text += question.substr(at);
      break;
    }
    text += question.substr(at, open - at);
    std::vector<std::string> fields = splitFields(question.substr(open + 1, close - open - 1));
    if (fields.size() == 3)
      text += wording.labels.fact(fieldText(fields[1], false, kinds, arguments, wording),
                                  fieldText(fields[0], true, kinds, arguments, wording),
                                  fieldText(fields[2], false, kinds, arguments, wording));
    at = close + 1;
  }
  return text;
}

/// Which operation (an index into a case's skills) a step kind is taught by.
int operationOf(char kind) {
  switch (kind) {
  case 'f':
    return 0;
  case 'b':
    return 1;
  case 'i':
    return 2;
  case 'x':
    return 3;
  case 'u':
    return 4;
  default:
    return -1;
  }
}

/// Draws the worked examples of skills.
class SkillExampleDrawer {
public:
  SkillExampleDrawer(Graph &graph, const Labels &labels, unsigned mask, uint64_t seed,
                     size_t maxShown)
      : wording(graph, labels, maxShown), index(graph.index(mask)), random(seed),
        maxShown(maxShown), facts(graph.facts(mask)) {
    for (RelationId r = 0; r < index.forward.size(); ++r)
      if (index.forward[r].numEdges())
        relations.push_back(r);
  }

  /// A step of `skill` on sets of the graph, a few tries for sets small
  /// enough to show in full (the last try else).
  std::string draw(const Skill &skill) {
    if (facts.empty())
      return "(the graph has no facts)";
    std::string text;
    for (int attempt = 0; attempt < 64; ++attempt) {
      bool small = skill.teaches == Operation::Follow || skill.teaches == Operation::FollowBack
                       ? follow(skill, text)
                       : combine(skill, text);
      if (small)
        break;
    }
    return text;
  }

private:
  /// A follow from the head of a fact (or back from its tail).
  bool follow(const Skill &skill, std::string &text) {
    Triple fact = anyFact(skill);
    bool back = skill.teaches == Operation::FollowBack;
    EntityId from = back ? fact.tail : fact.head;
    std::vector<EntityId> to = neighbours(from, fact.relation, back);
    text = fillStep(skill.step, {{"relation", wording.relation(fact.relation)},
                                 {"input", wording.set(&from, 1)},
                                 {"output", wording.set(to)}});
    return to.size() <= maxShown;
  }

  /// Two follows combined. For intersect and exclude the second is drawn
  /// to meet the first (another fact about the first's tail), so that the
  /// step has something to show; for unite it is any.
  bool combine(const Skill &skill, std::string &text) {
    Operation op = skill.teaches;
    Triple first = anyFact(skill), second = anyFact(skill);
    if (op != Operation::Unite) {
      std::vector<Triple> meeting;
      for (RelationId r : relations) {
        auto [begin, end] = index.backward[r].neighbors(first.tail);
        for (const EntityId *h = begin; h != end; ++h)
          if (*h != first.head || r != first.relation)
            meeting.push_back({*h, r, first.tail});
      }
      if (!meeting.empty())
        second = meeting[random.below(meeting.size())];
    }
    std::vector<EntityId> a = neighbours(first.head, first.relation, false);
    std::vector<EntityId> b = neighbours(second.head, second.relation, false);
    std::vector<EntityId> result;
    if (op == Operation::Intersect)
      std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(result));
    else if (op == Operation::Unite)
      std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(result));
    else
      std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(result));
    if (op == Operation::Exclude)
      text = fillStep(skill.step, {{"input", wording.set(a)},
                                   {"excluded", wording.set(b)},
                                   {"output", wording.set(result)}});
    else
      text = fillStep(skill.step, {{"inputs", wording.set(a) + " and " + wording.set(b)},
                                   {"output", wording.set(result)}});
    bool shown = std::max({a.size(), b.size(), result.size()}) <= maxShown;
    // An exclusion shows best when it removes some entities but not all.
    return shown && (op != Operation::Exclude || (!result.empty() && result.size() < a.size()));
  }

  Triple anyFact(const Skill &skill) {
    if (skill.example != kq::options::SkillExample::Uniform)
      return facts[random.below(facts.size())];
    const Adjacency &edges = index.forward[relations[random.below(relations.size())]];
    size_t edge = random.below(edges.numEdges());
    size_t row = std::upper_bound(edges.offsets.begin(), edges.offsets.end(), uint32_t(edge)) -
                 edges.offsets.begin() - 1;
    RelationId r = RelationId(&edges - index.forward.data());
    return {edges.sources[row], r, edges.targets[edge]};
  }
  std::vector<EntityId> neighbours(EntityId from, RelationId r, bool back) const {
    auto [begin, end] = (back ? index.backward : index.forward)[r].neighbors(from);
    return begin ? std::vector<EntityId>(begin, end) : std::vector<EntityId>();
  }

  Wording wording;
  const GraphIndex &index;
  Random random;
  size_t maxShown;
  std::vector<Triple> facts;
  std::vector<RelationId> relations;
};

/// Renders the prompts of one template's instances.
class CaseRenderer {
public:
  CaseRenderer(Context &context, const PromptRequest &request, const Benchmark &bench,
               const SampleTemplate &sampled, const PromptCase &promptCase,
               const std::map<std::string, Skill> &skills, kq_view *full,
               const GroundingIndex &walks)
      : context(context), request(request), sampled(sampled), promptCase(promptCase),
        skills(skills), full(full),
        wording(*bench.graph, context.labelsOf(bench.graphName), request.maxShown),
        grounder(*bench.graph, walks, sampled) {}

  /// The worked examples of instance `index` (arguments `arguments`),
  /// their grounded queries added to `queries`.
  std::string workedExamples(size_t index, const std::vector<int32_t> &arguments,
                             std::vector<std::string> &queries, std::string &error) {
    Random random(request.seed ^ (0x9e3779b97f4a7c15ULL * (index + 1)));
    std::set<std::vector<int32_t>> seen{arguments};
    std::string text;
    int64_t shown = 0;
    // Small examples (every set shown in full) are preferred; larger ones
    // fill the places left, solved again and written only then.
    std::vector<std::vector<int32_t>> fallback;
    auto show = [&](const std::vector<int32_t> &drawn) {
      text += fmt::format("Worked example {}:\n{}\n", ++shown, solve(drawn, error));
      queries.push_back(grounder.text(drawn));
    };
    for (int attempt = 0; attempt < 400 && shown < request.examples && error.empty(); ++attempt) {
      std::optional<std::vector<int32_t>> drawn = grounder.draw(random);
      if (!drawn || !seen.insert(*drawn).second)
        continue;
      Outcome outcome = measure(*drawn, error);
      if (outcome == Outcome::Small)
        show(*drawn);
      else if (outcome == Outcome::Large)
        fallback.push_back(*drawn);
    }
    for (size_t i = 0; i < fallback.size() && shown < request.examples && error.empty(); ++i)
      show(fallback[i]);
    if (!error.empty())
      return "";
    if (shown < request.examples)
      error = fmt::format("prompt {}: only {} of {} worked examples of '{}' with an answer could "
                          "be drawn",
                          request.name, shown, request.examples, sampled.name);
    return text;
  }

  /// The instance's answers on the full graph: with negation, not the
  /// union of its easy and hard ones (an easy answer may fail on the full
  /// graph).
  std::vector<EntityId> answers(const std::vector<int32_t> &arguments, std::string &error) {
    size_t mark = context.numSets();
    kq_trace trace;
    kq_set *set = run(arguments, trace, error);
    std::vector<EntityId> ids;
    if (set)
      ids.assign(set->ids, set->ids + set->size);
    context.releaseSetsAfter(mark);
    return ids;
  }

  std::string question(const std::vector<int32_t> &arguments) const {
    return questionText(promptCase.question, sampled.kinds, arguments, wording);
  }

private:
  enum class Outcome { NoAnswer, Small, Large };

  /// Runs the traced template on a grounding: the trace's sets are the
  /// statement's until `mark` is released.
  kq_set *run(const std::vector<int32_t> &arguments, kq_trace &trace, std::string &error) {
    trace.steps.assign(promptCase.steps.size(), nullptr);
    kq_set *answers = promptCase.traced(full, arguments.data(), &trace);
    if (context.failed())
      error = context.error();
    return answers;
  }

  /// Whether a grounding has an answer, and whether every set of its steps
  /// is small enough to show in full.
  Outcome measure(const std::vector<int32_t> &arguments, std::string &error) {
    size_t mark = context.numSets();
    kq_trace trace;
    kq_set *answers = run(arguments, trace, error);
    Outcome outcome = Outcome::NoAnswer;
    if (error.empty() && answers && answers->size > 0) {
      bool small = size_t(answers->size) <= request.maxShown;
      for (size_t i = 0; i < trace.steps.size(); ++i)
        small &= promptCase.steps[i].kind == 'a' ||
                 (trace.steps[i] && size_t(trace.steps[i]->size) <= request.maxShown);
      outcome = small ? Outcome::Small : Outcome::Large;
    }
    context.releaseSetsAfter(mark);
    return outcome;
  }

  /// A grounding with an answer, solved step by step.
  std::string solve(const std::vector<int32_t> &arguments, std::string &error) {
    size_t mark = context.numSets();
    kq_trace trace;
    kq_set *answers = run(arguments, trace, error);
    std::string text;
    if (error.empty() && answers) {
      text = "Question: " + question(arguments) + "\n";
      int number = 0;
      for (size_t i = 0; i < promptCase.steps.size(); ++i) {
        const TraceStep &step = promptCase.steps[i];
        int operation = operationOf(step.kind);
        if (operation < 0)
          continue;
        auto skill = skills.find(promptCase.skills[size_t(operation)]);
        if (skill == skills.end())
          continue;
        std::map<std::string, std::string> values{{"output", setText(trace, i)}};
        if (step.kind == 'f' || step.kind == 'b') {
          std::optional<RelationId> relation;
          std::string name =
              fieldText(step.spec, true, sampled.kinds, arguments, wording, &relation);
          values["relation"] = relation ? wording.relation(*relation) : name;
          values["input"] = setText(trace, step.inputs.at(0));
        } else if (step.kind == 'x') {
          values["input"] = setText(trace, step.inputs.at(0));
          values["excluded"] = setText(trace, step.inputs.at(1));
        } else {
          std::string inputs;
          for (uint32_t input : step.inputs)
            inputs += (inputs.empty() ? "" : " and ") + setText(trace, input);
          values["inputs"] = inputs;
        }
        text += fmt::format("Step {} ({}): {}\n", ++number, skill->second.name,
                            fillStep(skill->second.step, values));
      }
      std::string answerText = wording.set(answers->ids, size_t(answers->size));
      text += "Answer: " + answerText.substr(1, answerText.size() - 2) + "\n";
    }
    context.releaseSetsAfter(mark);
    return text;
  }

  std::string setText(const kq_trace &trace, size_t step) const {
    if (step < promptCase.steps.size() && promptCase.steps[step].kind == 'a')
      return "{all entities}";
    if (step >= trace.steps.size() || !trace.steps[step])
      return "{}";
    return wording.set(trace.steps[step]->ids, size_t(trace.steps[step]->size));
  }

  Context &context;
  const PromptRequest &request;
  const SampleTemplate &sampled;
  const PromptCase &promptCase;
  const std::map<std::string, Skill> &skills;
  kq_view *full;
  Wording wording;
  TemplateGrounder grounder;
};

} // namespace

TraceStep TraceStep::decode(std::string_view packed) {
  TraceStep step;
  std::vector<std::string> fields = splitFields(packed);
  step.kind = fields[0].empty() ? 0 : fields[0][0];
  bool hasSpec = std::string_view("epfb").find(step.kind) != std::string_view::npos;
  if (hasSpec && fields.size() > 1)
    step.spec = fields[1];
  for (size_t i = hasSpec ? 2 : 1; i < fields.size(); ++i)
    step.inputs.push_back(uint32_t(std::strtoul(fields[i].c_str(), nullptr, 10)));
  return step;
}

std::string kq::runtime::drawSkillExample(const Skill &skill, Graph &graph, const Labels &labels,
                                          unsigned mask, uint64_t seed, size_t maxShown) {
  return SkillExampleDrawer(graph, labels, mask, seed, maxShown).draw(skill);
}

bool kq::runtime::renderPrompts(Context &context, const PromptRequest &request,
                                const Benchmark &bench, const std::vector<PromptCase> &cases,
                                const std::map<std::string, Skill> &skills,
                                const std::map<std::string, std::string> &blocks, Quiz &out,
                                std::string &error) {
  kq_view *full = context.newView(bench.graphName, bench.fullMask);
  if (!full || !bench.graph) {
    error = fmt::format("prompt {}: the benchmark's graph is not loaded", request.name);
    return false;
  }
  GroundingIndex walks(*bench.graph, bench.fullMask);
  std::vector<std::unique_ptr<CaseRenderer>> renderers(bench.templates.size());
  std::vector<const PromptCase *> caseOf(bench.templates.size());
  for (size_t t = 0; t < bench.templates.size(); ++t) {
    for (const PromptCase &promptCase : cases)
      if (promptCase.templateName == bench.templates[t].name)
        caseOf[t] = &promptCase;
    if (!caseOf[t]) {
      error = fmt::format("prompt {}: no prompt case for template '{}'", request.name,
                          bench.templates[t].name);
      return false;
    }
    renderers[t] = std::make_unique<CaseRenderer>(context, request, bench, bench.templates[t],
                                                  *caseOf[t], skills, full, walks);
  }
  Progress progress("prompt " + request.name, int64_t(bench.instances.size()), "prompts",
                    context.options().work.progress);
  for (size_t i = 0; i < bench.instances.size(); ++i) {
    const BenchmarkInstance &instance = bench.instances[i];
    CaseRenderer &renderer = *renderers[instance.type];
    std::string prompt;
    std::vector<std::string> examples;
    for (const PromptPiece &piece : caseOf[instance.type]->pieces) {
      if (piece.kind == 'T') {
        prompt += piece.text;
      } else if (piece.kind == 'B') {
        auto block = blocks.find(piece.text);
        if (block == blocks.end()) {
          error = fmt::format("prompt {}: skill block '{}' is not drawn", request.name, piece.text);
          return false;
        }
        prompt += block->second;
      } else if (piece.kind == 'Q') {
        prompt += renderer.question(instance.arguments);
      } else if (piece.kind == 'W') {
        prompt += renderer.workedExamples(i, instance.arguments, examples, error);
        if (!error.empty())
          return false;
      }
    }
    std::vector<EntityId> answers = renderer.answers(instance.arguments, error);
    if (!error.empty())
      return false;
    JsonObject record;
    record.field("type", bench.templates[instance.type].name)
        .field("query", instance.query)
        .field("prompt", prompt);
    appendJsonNameArray(record.rawField("answers"), *bench.graph, answers.data(), answers.size());
    record.field("examples", examples);
    out.lines.push_back(std::move(record).take());
    progress.advance(1);
  }
  return true;
}
