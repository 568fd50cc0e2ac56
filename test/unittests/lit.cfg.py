# Runs the GoogleTest binaries of test/unittests as lit tests.
import os

import lit.formats

config.name = "kq-unit"
config.test_format = lit.formats.GoogleTest(".", "Tests")
config.test_source_root = os.path.join(config.kq_obj_root, "test", "unittests")
config.test_exec_root = config.test_source_root
