//===- Sampler.cpp - Benchmarks of grounded templates ---------------------===//

#include "runtime/bench/Sampler.h"
#include "runtime/bench/TemplateFields.h"
#include "runtime/core/Context.h"
#include "runtime/core/Progress.h"
#include "runtime/support/Json.h"
#include "runtime/support/Random.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <optional>
#include <set>

using namespace kq::runtime;

// Named in Sampler.h, where a GroundingIndex holds one.
namespace kq::runtime {

/// An edge seen from one of its ends.
struct Incidence {
  RelationId relation;
  EntityId other;
};

/// For each entity, its out-edges and in-edges in the full graph.
struct IncidenceIndex {
  std::vector<uint32_t> outOffsets, inOffsets;
  std::vector<Incidence> out, in;
  std::vector<EntityId> withEdges; // the walk's possible starts

  IncidenceIndex(const Graph &graph, unsigned mask) {
    size_t numEntities = graph.entities().size();
    std::vector<Triple> triples;
    for (unsigned split = 0; split < 3; ++split)
      if (mask & (1u << split))
        for (const Triple &triple : graph.triples(static_cast<Split>(split)))
          triples.push_back(triple);
    std::sort(triples.begin(), triples.end(), [](const Triple &a, const Triple &b) {
      return std::tie(a.head, a.relation, a.tail) < std::tie(b.head, b.relation, b.tail);
    });
    triples.erase(std::unique(triples.begin(), triples.end()), triples.end());
    outOffsets.assign(numEntities + 1, 0);
    inOffsets.assign(numEntities + 1, 0);
    for (const Triple &triple : triples) {
      ++outOffsets[triple.head + 1];
      ++inOffsets[triple.tail + 1];
    }
    for (size_t e = 0; e < numEntities; ++e) {
      outOffsets[e + 1] += outOffsets[e];
      inOffsets[e + 1] += inOffsets[e];
    }
    out.resize(triples.size());
    in.resize(triples.size());
    std::vector<uint32_t> outFill(outOffsets.begin(), outOffsets.end() - 1);
    std::vector<uint32_t> inFill(inOffsets.begin(), inOffsets.end() - 1);
    for (const Triple &triple : triples) {
      out[outFill[triple.head]++] = {triple.relation, triple.tail};
      in[inFill[triple.tail]++] = {triple.relation, triple.head};
    }
    for (EntityId e = 0; e < numEntities; ++e)
      if (outOffsets[e + 1] > outOffsets[e] || inOffsets[e + 1] > inOffsets[e])
        withEdges.push_back(e);
  }

  /// The edges leaving `entity` (or entering it, when `incoming`).
  std::pair<const Incidence *, const Incidence *> edges(EntityId entity, bool incoming) const {
    const auto &offsets = incoming ? inOffsets : outOffsets;
    const auto &list = incoming ? in : out;
    return {list.data() + offsets[entity], list.data() + offsets[entity + 1]};
  }
};

} // namespace kq::runtime

namespace {

/// A term or relation of a pattern atom.
struct Slot {
  enum class Kind { Variable, Parameter, Constant } kind;
  uint32_t index = 0;    // of the variable or parameter
  uint32_t constant = 0; // the id of a constant
};

struct Atom {
  Slot relation, subject, object;
  bool negated = false;
};

/// Decodes a pattern atom; constants are looked up in the graph.
std::optional<Atom> decodeAtom(const std::string &text, const Graph &graph, std::string &error) {
  std::vector<std::string> fields = splitFields(text);
  if (fields.size() != 4) {
    error = "malformed template pattern";
    return std::nullopt;
  }
  auto slot = [&](const std::string &field, bool relation) -> std::optional<Slot> {
    if (field.empty())
      return std::nullopt;
    if (field[0] == 'v' || field[0] == 'p')
      return Slot{field[0] == 'v' ? Slot::Kind::Variable : Slot::Kind::Parameter,
                  uint32_t(std::stoul(field.substr(1))), 0};
    std::string name = decodeConstant(field);
    const Dictionary &names = relation ? graph.relations() : graph.entities();
    auto id = names.lookup(name);
    if (!id) {
      error = fmt::format("the graph has no {} named '{}'", relation ? "relation" : "entity", name);
      return std::nullopt;
    }
    return Slot{Slot::Kind::Constant, 0, *id};
  };
  auto relation = slot(fields[0], true);
  auto subject = slot(fields[1], false);
  auto object = slot(fields[2], false);
  if (!relation || !subject || !object)
    return std::nullopt;
  return Atom{*relation, *subject, *object, fields[3] == "-"};
}

/// One attempt at binding every parameter of a template by a random walk.
class Grounding {
public:
  /// `repeated[i]`: atom i is written exactly as an earlier one.
  Grounding(const std::vector<Atom> &atoms, const std::vector<bool> &repeated, size_t numParameters,
            const IncidenceIndex &index, size_t numRelations, Random &random)
      : atoms(atoms), repeated(repeated), index(index), numRelations(numRelations), random(random),
        parameters(numParameters) {
    uint32_t numVariables = 1;
    for (const Atom &atom : atoms)
      for (const Slot *slot : {&atom.subject, &atom.object})
        if (slot->kind == Slot::Kind::Variable)
          numVariables = std::max(numVariables, slot->index + 1);
    variables.resize(numVariables);
  }

  /// The parameters' ids, or nothing when the walk got stuck.
  std::optional<std::vector<int32_t>> run() {
    variables[0] = index.withEdges[random.below(index.withEdges.size())];
    std::vector<bool> done(atoms.size());
    for (size_t remaining = atoms.size(); remaining > 0;) {
      bool progress = false;
      for (size_t i = 0; i < atoms.size(); ++i) {
        if (done[i])
          continue;
        std::optional<bool> grounded = ground(atoms[i]);
        if (!grounded)
          continue; // neither end is bound yet
        if (!*grounded)
          return std::nullopt;
        done[i] = true;
        --remaining;
        progress = true;
      }
      if (!progress)
        return std::nullopt;
    }
    std::vector<int32_t> ids;
    for (const std::optional<uint32_t> &parameter : parameters) {
      if (!parameter)
        return std::nullopt;
      ids.push_back(int32_t(*parameter));
    }
    // Two different atoms grounded alike (3i with three equal branches)
    // make a degenerate instance: draw again.
    std::set<std::array<int64_t, 3>> grounded;
    auto key = [&](const Slot &slot) -> int64_t {
      if (slot.kind == Slot::Kind::Variable)
        return -1 - int64_t(slot.index);
      return slot.kind == Slot::Kind::Constant ? slot.constant : *parameters[slot.index];
    };
    for (size_t i = 0; i < atoms.size(); ++i) {
      const Atom &atom = atoms[i];
      if (!grounded.insert({key(atom.relation), key(atom.subject), key(atom.object)}).second &&
          !repeated[i])
        return std::nullopt;
    }
    return ids;
  }

private:
  std::optional<uint32_t> &binding(const Slot &slot) {
    return slot.kind == Slot::Kind::Variable ? variables[slot.index] : parameters[slot.index];
  }
  std::optional<uint32_t> valueOf(const Slot &slot) {
    if (slot.kind == Slot::Kind::Constant)
      return slot.constant;
    return binding(slot);
  }

  /// Binds what the atom leaves open from an edge at one of its bound ends:
  /// nothing when neither end is bound, false when no edge fits.
  std::optional<bool> ground(const Atom &atom) {
    std::optional<uint32_t> subject = valueOf(atom.subject);
    std::optional<uint32_t> object = valueOf(atom.object);
    std::optional<uint32_t> relation = valueOf(atom.relation);
    if (!subject && !object)
      return std::nullopt;
    if (subject && object) {
      std::vector<RelationId> linking;
      auto [begin, end] = index.edges(*subject, /*incoming=*/false);
      for (const Incidence *edge = begin; edge != end; ++edge)
        if (edge->other == *object && (!relation || edge->relation == *relation))
          linking.push_back(edge->relation);
      if (linking.empty()) {
        // A negated atom need not hold; its relation, if open, is any.
        if (!atom.negated)
          return false;
        if (!relation)
          binding(atom.relation) = uint32_t(random.below(numRelations));
        return true;
      }
      if (!relation)
        binding(atom.relation) = linking[random.below(linking.size())];
      return true;
    }
    bool fromSubject = subject.has_value();
    auto [begin, end] = index.edges(fromSubject ? *subject : *object, /*incoming=*/!fromSubject);
    std::vector<const Incidence *> fitting;
    for (const Incidence *edge = begin; edge != end; ++edge)
      if (!relation || edge->relation == *relation)
        fitting.push_back(edge);
    if (fitting.empty())
      return false;
    const Incidence *edge = fitting[random.below(fitting.size())];
    if (!relation)
      binding(atom.relation) = edge->relation;
    binding(fromSubject ? atom.object : atom.subject) = edge->other;
    return true;
  }

  const std::vector<Atom> &atoms;
  const std::vector<bool> &repeated;
  const IncidenceIndex &index;
  size_t numRelations;
  Random &random;
  std::vector<std::optional<uint32_t>> parameters, variables;
};

/// The template's text with each parameter replaced by its quoted name.
std::string groundText(const SampleTemplate &sampled, const Graph &graph,
                       const std::vector<int32_t> &arguments) {
  std::string text;
  const std::string &pattern = sampled.text;
  for (size_t at = 0; at < pattern.size();) {
    if (pattern[at] != '\x1f') {
      text += pattern[at++];
      continue;
    }
    size_t close = pattern.find('\x1f', at + 1);
    size_t parameter = std::stoul(pattern.substr(at + 1, close - at - 1));
    const Dictionary &names =
        sampled.kinds[parameter] == 'r' ? graph.relations() : graph.entities();
    appendJsonString(text, names.name(uint32_t(arguments[parameter])));
    at = close + 1;
  }
  return text;
}

} // namespace

GroundingIndex::GroundingIndex(const Graph &graph, unsigned mask)
    : index(std::make_unique<IncidenceIndex>(graph, mask)) {}

GroundingIndex::~GroundingIndex() = default;

bool GroundingIndex::empty() const { return index->withEdges.empty(); }

struct TemplateGrounder::State {
  const Graph &graph;
  const SampleTemplate &sampled;
  const IncidenceIndex &index;
  std::vector<Atom> atoms;
  std::vector<bool> repeated;
};

TemplateGrounder::TemplateGrounder(const Graph &graph, const GroundingIndex &index,
                                   const SampleTemplate &sampled)
    : state(new State{graph, sampled, *index.index, {}, {}}) {
  for (const std::string &text : sampled.pattern) {
    state->repeated.push_back(std::find(sampled.pattern.data(), &text, text) != &text);
    std::optional<Atom> atom = decodeAtom(text, graph, problem);
    if (!atom)
      return;
    state->atoms.push_back(*atom);
  }
  if (index.empty())
    problem = "the graph has no triples";
}

TemplateGrounder::~TemplateGrounder() = default;

std::optional<std::vector<int32_t>> TemplateGrounder::draw(Random &random) {
  if (!problem.empty())
    return std::nullopt;
  return Grounding(state->atoms, state->repeated, state->sampled.kinds.size(), state->index,
                   state->graph.relations().size(), random)
      .run();
}

std::string TemplateGrounder::text(const std::vector<int32_t> &arguments) const {
  return groundText(state->sampled, state->graph, arguments);
}

bool kq::runtime::sampleBenchmark(Context &context, const std::vector<SampleTemplate> &templates,
                                  const SampleRequest &request, const std::string &label,
                                  Benchmark &out, std::string &error) {
  Graph *graph = context.findGraph(request.graph);
  kq_view *observed = context.newView(request.graph, request.observedMask);
  kq_view *full = context.newView(request.graph, request.fullMask);
  if (!graph || !observed || !full) {
    error = fmt::format("graph '{}' is not loaded", request.graph);
    return false;
  }
  out.graph = graph;
  out.graphName = request.graph;
  out.fullMask = request.fullMask;
  out.observedMask = request.observedMask;
  out.training = request.observedMask == request.fullMask;
  for (const SampleTemplate &sampled : templates) {
    out.templates.push_back(sampled);
    out.templates.back().function = nullptr;
  }
  GroundingIndex walks(*graph, request.fullMask);
  if (walks.empty()) {
    error = fmt::format("bench {}: the full graph has no triples", label);
    return false;
  }
  const bool trainingSet = request.observedMask == request.fullMask;
  Progress progress("bench " + label, request.count * int64_t(templates.size()), "instances",
                    context.options().work.progress);
  for (size_t t = 0; t < templates.size(); ++t) {
    const SampleTemplate &sampled = templates[t];
    TemplateGrounder grounder(*graph, walks, sampled);
    if (!grounder.error().empty()) {
      error = fmt::format("bench {}: template '{}': {}", label, sampled.name, grounder.error());
      return false;
    }
    // Each template draws from its own stream (by its place in the list), so
    // appending a template leaves the instances of the others as they were.
    Random random(request.seed ^ (0x632be59bd9b4e019ULL * (t + 1)));
    // A template gives up when many groundings in a row bring nothing new:
    // it has run out of instances with a hard answer (or never had any).
    const int64_t maxFruitless = 200000;
    int64_t kept = 0, attempts = 0, fruitless = 0;
    for (; kept < request.count && fruitless < maxFruitless; ++attempts, ++fruitless) {
      std::optional<std::vector<int32_t>> arguments = grounder.draw(random);
      if (!arguments)
        continue;
      std::string query = grounder.text(*arguments);
      if (out.queries.count(query) ||
          std::any_of(request.exclude.begin(), request.exclude.end(),
                      [&](const Benchmark *other) { return other->queries.count(query) > 0; }))
        continue;
      size_t mark = context.numSets();
      kq_set *easy = sampled.function(observed, arguments->data());
      kq_set *all = sampled.function(full, arguments->data());
      if (context.failed() || !easy || !all) {
        error = context.failed()
                    ? context.error()
                    : fmt::format("bench {}: template '{}' failed", label, sampled.name);
        return false;
      }
      std::vector<EntityId> easyIds(easy->ids, easy->ids + easy->size), hard;
      std::set_difference(all->ids, all->ids + all->size, easyIds.begin(), easyIds.end(),
                          std::back_inserter(hard));
      size_t total = easyIds.size() + hard.size();
      // A training benchmark (observed = full) has no hard answers; its
      // instances need an answer.
      bool answered = trainingSet ? !easyIds.empty() : !hard.empty();
      bool accepted = answered && (request.maxAnswers == 0 || int64_t(total) <= request.maxAnswers);
      if (accepted) {
        out.instances.push_back(
            {uint32_t(t), query, *arguments, std::move(easyIds), std::move(hard)});
        out.queries.insert(query);
        ++kept;
        progress.advance(1);
        fruitless = 0;
      }
      context.releaseSetsAfter(mark);
    }
    if (kept < request.count) {
      error = fmt::format(
          "bench {}: only {} of {} instances of '{}' with {}{}: "
          "{} groundings, the last {} of them without a new one",
          label, kept, request.count, sampled.name, trainingSet ? "an answer" : "a hard answer",
          request.maxAnswers ? fmt::format(" and at most {} answers", request.maxAnswers) : "",
          attempts, maxFruitless);
      return false;
    }
  }
  return true;
}
