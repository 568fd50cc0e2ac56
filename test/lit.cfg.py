# lit configuration of the kq test suites.
import os
import subprocess

import lit.formats
from lit.llvm import llvm_config

config.name = "kq"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".kq", ".mlir", ".test"]
config.excludes = ["Inputs", "fuzz", "lit.cfg.py", "CMakeLists.txt", "expect_exit.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.kq_obj_root, "test")

# Captured values must be re-captured per CHECK-LABEL block.
config.environment["FILECHECK_OPTS"] = "--enable-var-scope --dump-input=fail"

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.kq_tools_dir, append_path=True)

# Real graphs live beside the checkout, never inside it.
shared_data = os.path.normpath(os.path.join(config.kq_src_root, "..", "shared", "data"))
config.substitutions.append(("%shared_data", shared_data))
config.substitutions.append(("%examples", os.path.join(config.kq_src_root, "examples")))
config.substitutions.append(("%python", "python3"))
config.substitutions.append(
    ("%expect_exit", "python3 " + os.path.join(config.test_source_root, "expect_exit.py")))
# The checks of trained models read .npy files with NumPy: Debian's
# python3-numpy, for Debian's interpreter (`python3` on PATH may be another).
numpy_python = "/usr/bin/python3"
if subprocess.run([numpy_python, "-c", "import numpy"], capture_output=True).returncode == 0:
    config.available_features.add("numpy")
config.substitutions.append(("%numpy_python", numpy_python))
if os.path.isdir(os.path.join(shared_data, "FB15k-237")):
    config.available_features.add("shared-data")

llvm_config.add_tool_substitutions(["kqc", "kq-opt"], [config.kq_tools_dir])
