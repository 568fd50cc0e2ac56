//===- BenchmarkFiles.cpp - Writing sampled benchmarks --------------------===//

#include "runtime/bench/BenchmarkFiles.h"
#include "runtime/bench/Pickle.h"
#include "runtime/support/AtomicFile.h"
#include "runtime/support/Json.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <sys/stat.h>

using namespace kq::runtime;

namespace {

/// A dict pickle of a graph's names and ids, name to id or id to name.
std::string pickleIdMap(const Dictionary &names, bool byName) {
  PickleWriter out;
  out.beginDict();
  for (uint32_t id = 0; id < names.size(); ++id) {
    if (byName) {
      out.string(names.name(id));
      out.integer(id);
    } else {
      out.integer(id);
      out.string(names.name(id));
    }
  }
  out.endDict();
  return out.finish();
}

/// The files every benchmark of a graph writes into its folder alike (the
/// id maps and stats.txt): two emits into one folder may both write them.
constexpr size_t kNumIdMapFiles = 5;

/// The id maps the CQA code bases read beside a benchmark, and BetaE's
/// stats.txt (kNumIdMapFiles files, appended last).
void appendIdMapFiles(const Graph &graph, std::vector<std::pair<std::string, std::string>> &files) {
  files.emplace_back("ent2id.pkl", pickleIdMap(graph.entities(), true));
  files.emplace_back("id2ent.pkl", pickleIdMap(graph.entities(), false));
  files.emplace_back("rel2id.pkl", pickleIdMap(graph.relations(), true));
  files.emplace_back("id2rel.pkl", pickleIdMap(graph.relations(), false));
  files.emplace_back("stats.txt", fmt::format("numentity: {}\nnumrelations: {}\n",
                                              graph.entities().size(), graph.relations().size()));
}

/// Writes `count` lines, the i-th `line(i)` with a newline added, to `path`
/// so that the file appears complete or not at all.
template <typename Line>
bool writeLines(const std::string &path, size_t count, Line line, const WriteOptions &options,
                std::string &error) {
  AtomicFile output;
  std::FILE *out = output.open(path, options, error);
  if (!out)
    return false;
  for (size_t i = 0; i < count; ++i) {
    std::string text = line(i);
    text.push_back('\n');
    if (std::fwrite(text.data(), 1, text.size(), out) != text.size()) {
      error = fmt::format("cannot write '{}': {}", path, std::strerror(errno));
      return false;
    }
  }
  return output.commit(error);
}

/// Writes files into `folder` so that they appear together or not at all:
/// every one is written out to its temporary first, and only then are they
/// renamed into place (what was there before stays until then). The last
/// kNumIdMapFiles are the id maps, which other emits may share.
bool writeFileSet(const std::string &folder,
                  const std::vector<std::pair<std::string, std::string>> &files,
                  const WriteOptions &options, std::string &error) {
  std::vector<std::unique_ptr<AtomicFile>> outputs;
  for (size_t i = 0; i < files.size(); ++i) {
    const auto &[name, contents] = files[i];
    std::string path = folder + "/" + name;
    WriteOptions write = options;
    write.sharedWithinRun = i + kNumIdMapFiles >= files.size();
    outputs.push_back(std::make_unique<AtomicFile>());
    std::FILE *out = outputs.back()->open(path, write, error);
    if (!out)
      return false;
    if (std::fwrite(contents.data(), 1, contents.size(), out) != contents.size()) {
      error = fmt::format("cannot write '{}': {}", path, std::strerror(errno));
      return false;
    }
  }
  for (std::unique_ptr<AtomicFile> &output : outputs)
    if (!output->finish(error))
      return false;
  for (std::unique_ptr<AtomicFile> &output : outputs)
    if (!output->publish(error))
      return false;
  return true;
}

} // namespace

bool kq::runtime::writeQuizLines(const Quiz &quiz, const std::string &path,
                                 const WriteOptions &options, std::string &error) {
  return writeLines(
      path, quiz.lines.size(), [&](size_t i) { return quiz.lines[i]; }, options, error);
}

bool kq::runtime::writeBenchmarkLines(const Benchmark &benchmark, const std::string &path,
                                      const WriteOptions &options, std::string &error) {
  auto line = [&](size_t i) {
    const BenchmarkInstance &instance = benchmark.instances[i];
    JsonObject record;
    record.field("type", benchmark.templates[instance.type].name).field("query", instance.query);
    appendJsonNameArray(record.rawField("easy"), *benchmark.graph, instance.easy.data(),
                        instance.easy.size());
    appendJsonNameArray(record.rawField("hard"), *benchmark.graph, instance.hard.data(),
                        instance.hard.size());
    return std::move(record).take();
  };
  return writeLines(path, benchmark.instances.size(), line, options, error);
}

/// BetaE's files for a benchmark: NAME-queries.pkl ({structure: {query}}),
/// NAME-easy-answers.pkl and NAME-hard-answers.pkl ({query: {entity id}}),
/// and the id maps of the graph.
bool kq::runtime::writeBetaEBenchmark(const Benchmark &benchmark, const std::string &name,
                                      const std::string &folder, const WriteOptions &options,
                                      std::string &error) {
  for (const SampleTemplate &sampled : benchmark.templates)
    if (sampled.structure.empty()) {
      error = fmt::format("emit {}: template '{}' is not one of std/betae.kq's types, which "
                          "are all the BetaE format can hold",
                          name, sampled.name);
      return false;
    }
  if (mkdir(folder.c_str(), 0777) != 0 && errno != EEXIST) {
    error = fmt::format("cannot create the folder '{}': {}", folder, std::strerror(errno));
    return false;
  }
  // The query of an instance: its entity and its relation arguments in the
  // order of the structure's e and r.
  auto query = [&](PickleWriter &out, const BenchmarkInstance &instance) {
    const SampleTemplate &sampled = benchmark.templates[instance.type];
    std::vector<int64_t> entities, relations;
    for (size_t i = 0; i < sampled.kinds.size(); ++i)
      (sampled.kinds[i] == 'r' ? relations : entities).push_back(instance.arguments[i]);
    pickleQuery(out, sampled.structure, entities.data(), relations.data());
  };
  // One set of queries a structure, whichever templates have it.
  std::map<std::string, std::vector<const BenchmarkInstance *>> byStructure;
  for (const BenchmarkInstance &instance : benchmark.instances)
    byStructure[benchmark.templates[instance.type].structure].push_back(&instance);
  PickleWriter queries;
  queries.beginDict();
  for (const auto &[structure, instances] : byStructure) {
    pickleStructure(queries, structure);
    queries.beginSet();
    for (const BenchmarkInstance *instance : instances)
      query(queries, *instance);
    queries.endSet();
  }
  queries.endDict();
  auto answers = [&](bool hard) {
    PickleWriter out;
    out.beginDict();
    for (const BenchmarkInstance &instance : benchmark.instances) {
      query(out, instance);
      out.beginSet();
      for (EntityId id : hard ? instance.hard : instance.easy)
        out.integer(id);
      out.endSet();
    }
    out.endDict();
    return out.finish();
  };
  // A training benchmark has answers, not easy and hard ones: BetaE names
  // its file NAME-answers.pkl.
  const Graph &graph = *benchmark.graph;
  std::vector<std::pair<std::string, std::string>> files = {
      {name + "-queries.pkl", queries.finish()}};
  if (benchmark.training) {
    files.emplace_back(name + "-answers.pkl", answers(false));
  } else {
    files.emplace_back(name + "-easy-answers.pkl", answers(false));
    files.emplace_back(name + "-hard-answers.pkl", answers(true));
  }
  appendIdMapFiles(graph, files);
  return writeFileSet(folder, files, options, error);
}

/// FIT's NAME-qaa.json: {formula: [[{s1: id, ..., r1: id, ...}, {"f": easy},
/// {"f": hard}], ...]}, with the graph's id maps beside it.
bool kq::runtime::writeFitBenchmark(const Benchmark &benchmark, const std::string &name,
                                    const std::string &folder, const WriteOptions &options,
                                    std::string &error) {
  for (const SampleTemplate &sampled : benchmark.templates)
    if (sampled.fitFormula.empty()) {
      error = fmt::format("emit {}: template '{}' has no FIT formula", name, sampled.name);
      return false;
    }
  if (mkdir(folder.c_str(), 0777) != 0 && errno != EEXIST) {
    error = fmt::format("cannot create the folder '{}': {}", folder, std::strerror(errno));
    return false;
  }
  std::map<std::string, std::vector<const BenchmarkInstance *>> byFormula;
  for (const BenchmarkInstance &instance : benchmark.instances)
    byFormula[benchmark.templates[instance.type].fitFormula].push_back(&instance);
  auto ids = [](std::string &out, const std::vector<EntityId> &answers) {
    out += "{\"f\":[";
    for (size_t i = 0; i < answers.size(); ++i)
      out += (i ? "," : "") + std::to_string(answers[i]);
    out += "]}";
  };
  std::string json = "{";
  for (const auto &[formula, instances] : byFormula) {
    if (json.size() > 1)
      json += ',';
    appendJsonString(json, formula);
    json += ":[";
    for (size_t i = 0; i < instances.size(); ++i) {
      const BenchmarkInstance &instance = *instances[i];
      const std::string &kinds = benchmark.templates[instance.type].kinds;
      json += i ? ",[{" : "[{";
      // The parameters as FIT names them: s1.. and r1.. in order.
      size_t entities = 0, relations = 0;
      for (size_t p = 0; p < kinds.size(); ++p) {
        std::string key =
            kinds[p] == 'r' ? "r" + std::to_string(++relations) : "s" + std::to_string(++entities);
        json += fmt::format("{}\"{}\":{}", p ? "," : "", key, instance.arguments[p]);
      }
      json += "},";
      ids(json, instance.easy);
      json += ',';
      ids(json, instance.hard);
      json += ']';
    }
    json += ']';
  }
  json += "}\n";
  std::vector<std::pair<std::string, std::string>> files = {{name + "-qaa.json", json}};
  appendIdMapFiles(*benchmark.graph, files);
  return writeFileSet(folder, files, options, error);
}
