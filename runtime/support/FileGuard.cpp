//===- FileGuard.cpp - A run's inputs and outputs, kept apart -------------===//

#include "runtime/support/FileGuard.h"

#include <fmt/format.h>

#include <climits>
#include <cstdlib>
#include <sys/stat.h>

using namespace kq::runtime;

namespace {

/// The absolute path of a file that may not exist: its folder resolved.
std::string absoluteNewPath(const std::string &path) {
  size_t slash = path.rfind('/');
  std::string folder = slash == std::string::npos ? "." : path.substr(0, slash + 1);
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  char resolved[PATH_MAX];
  if (!realpath(folder.c_str(), resolved))
    return path;
  return std::string(resolved) + "/" + base;
}

} // namespace

bool FileGuard::addInput(const std::string &path) {
  std::lock_guard<std::mutex> guard(lock);
  struct stat info;
  if (stat(path.c_str(), &info) != 0)
    return !newOutputs.count(absoluteNewPath(path));
  inputs.insert({info.st_dev, info.st_ino});
  return !outputs.count({info.st_dev, info.st_ino}) && !newOutputs.count(absoluteNewPath(path));
}

bool FileGuard::checkOutput(const std::string &destination, const std::string &path, bool shared,
                            std::string &error) {
  std::lock_guard<std::mutex> guard(lock);
  struct stat info;
  if (stat(destination.c_str(), &info) == 0) {
    std::pair<unsigned long, unsigned long> key{info.st_dev, info.st_ino};
    if (inputs.count(key)) {
      error = fmt::format("cannot write '{}': it is an input of this program", path);
      return false;
    }
    if (!outputs.insert(key).second && !shared) {
      error = fmt::format("cannot write '{}': another output of this run writes it", path);
      return false;
    }
  }
  if (!newOutputs.insert(absoluteNewPath(destination)).second && !shared) {
    error = fmt::format("cannot write '{}': another output of this run writes it", path);
    return false;
  }
  return true;
}
