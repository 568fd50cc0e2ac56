//===- Context.cpp - The state of one run of a compiled program -----------===//

#include "runtime/core/Context.h"

#include <fmt/format.h>

#include <sys/stat.h>

using namespace kq::runtime;

void Context::fail(std::string message) {
  std::lock_guard<std::mutex> guard(errorLock);
  if (errorMessage.empty()) {
    errorMessage = std::move(message);
    hasFailed = true;
  }
}

bool Context::addInputs(const std::vector<std::string> &paths) {
  for (const std::string &path : paths)
    if (!guard.addInput(path)) {
      fail(fmt::format("'{}' is an input of this program and cannot be its output", path));
      return false;
    }
  return true;
}

std::vector<std::string> Context::graphFiles(const std::string &folder) {
  std::vector<std::string> files;
  for (const char *file : {"train.txt", "valid.txt", "test.txt", "entities.dict", "relations.dict"})
    files.push_back(folder + "/" + file);
  return files;
}

std::vector<std::string> Context::modelFiles(const std::string &folder) {
  return {folder + "/config.json", folder + "/entity_embedding.npy",
          folder + "/relation_embedding.npy"};
}

bool Context::loadGraph(const std::string &name, const std::string &path) {
  if (!addInputs(graphFiles(path)))
    return false;
  if (auto preloaded = runOptions.preloadedGraphs.find(name);
      preloaded != runOptions.preloadedGraphs.end()) {
    graphsByPath.emplace(path, preloaded->second);
    graphs[name] = preloaded->second.get();
    return true;
  }
  std::shared_ptr<Graph> &slot = graphsByPath[path];
  if (!slot) {
    std::string error;
    if (!runOptions.memory.allows(Graph::bytesToLoad(path), "loading graph '" + name + "'",
                                  error)) {
      graphsByPath.erase(path);
      fail(error);
      return false;
    }
    slot = Graph::load(path, error, &runOptions.graphCache);
    if (!slot) {
      graphsByPath.erase(path);
      fail(fmt::format("cannot load graph '{}': {}", name, error));
      return false;
    }
  }
  graphs[name] = slot.get();
  return true;
}

bool Context::loadLabels(const std::string &name, const std::string &path) {
  if (!addInputs({path}))
    return false;
  Labels read;
  std::string error;
  if (!Labels::read(path, read, error)) {
    fail(error);
    return false;
  }
  labels[name] = std::move(read);
  return true;
}

const Labels &Context::labelsOf(const std::string &name) const {
  auto it = labels.find(name);
  return it == labels.end() ? noLabels : it->second;
}

Graph *Context::findGraph(const std::string &name) {
  auto it = graphs.find(name);
  return it == graphs.end() ? nullptr : it->second;
}

bool Context::loadModel(const std::string &name, ModelFamily family, const std::string &path,
                        const std::string &graphName) {
  Graph *graph = findGraph(graphName);
  if (!graph || kq::options::nameOf(family)[0] == 0) {
    fail(fmt::format("cannot load model '{}': {}", name,
                     graph ? "unknown model family" : "graph '" + graphName + "' is not loaded"));
    return false;
  }
  if (!addInputs(modelFiles(path)))
    return false;
  std::string error;
  uint64_t tables = 0;
  for (const char *file : {"/entity_embedding.npy", "/relation_embedding.npy"}) {
    struct stat info;
    if (stat((path + file).c_str(), &info) == 0)
      tables += uint64_t(info.st_size);
  }
  // Read whole, then held as matrices.
  if (!runOptions.memory.allows(2 * tables, "loading model '" + name + "'", error)) {
    fail(error);
    return false;
  }
  std::unique_ptr<Model> model = Model::load(path, family, *graph, error);
  if (!model) {
    fail(fmt::format("cannot load model '{}': {}", name, error));
    return false;
  }
  models[name] = std::move(model);
  return true;
}

Model *Context::findModel(const std::string &name) {
  auto it = models.find(name);
  return it == models.end() ? nullptr : it->second.get();
}

kq_view *Context::newView(const std::string &graphName, unsigned splitMask) {
  Graph *graph = findGraph(graphName);
  if (!graph) {
    fail(fmt::format("graph '{}' is not loaded", graphName));
    return failedView();
  }
  statementViews.push_back(std::make_unique<kq_view>(
      kq_view{this, graphName, graph, &graph->index(splitMask), splitMask, {}, &statementSets}));
  return statementViews.back().get();
}

void Context::endStatement() {
  statementSets.clear();
  statementViews.clear();
}

void Context::writeText(std::string_view lines) {
  if (std::fwrite(lines.data(), 1, lines.size(), output) != lines.size())
    fail("cannot write the output");
}

void Context::writeRecord(std::string_view json) {
  if (std::fwrite(json.data(), 1, json.size(), output) != json.size() ||
      std::fputc('\n', output) == EOF)
    fail("cannot write the output");
}
