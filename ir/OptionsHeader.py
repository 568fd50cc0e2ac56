#!/usr/bin/env python3
"""Writes the runtime's C header of option codes from ir/KQOptions.td.

    OptionsHeader.py LLVM_TBLGEN KQOptions.td OUT.h INCLUDE_DIR...

llvm-tblgen reads the .td (--dump-json); this turns its records into C.

For every KQ_Option: its codes as KQ_<cPrefix>_<VALUE> constants and, for
C++, an enum class of the same name in namespace kq::options with
nameOf() and parseOption(), so the runtime switches on exactly the values
the compiler passes. The file is written only when it changes.
"""
import json
import os
import re
import subprocess
import sys

tblgen, source, out, includes = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
dump = subprocess.run([tblgen, "--dump-json", *[f"-I{i}" for i in includes], source],
                      check=True, capture_output=True, text=True).stdout
records = json.loads(dump)


def macro(text):
    return re.sub(r"[^A-Za-z0-9]", "_", text).upper()


options = []
for name, record in sorted(records.items(), key=lambda item: item[0]):
    if not isinstance(record, dict) or "KQ_Option" not in record.get("!superclasses", []):
        continue
    cases = [records[ref["def"]] for ref in record["enumerants"]]
    options.append((record["className"], record["cPrefix"], record["summary"],
                    [(case["symbol"], case["str"], case["value"]) for case in cases]))

lines = ["/* The option codes of kq's statements, written from ir/KQOptions.td by",
         " * ir/OptionsHeader.py: do not edit. */",
         "#ifndef KQ_IR_KQOPTIONS_H", "#define KQ_IR_KQOPTIONS_H", ""]
for cls, prefix, summary, cases in options:
    lines.append(f"/* {cls}: {summary}. */")
    lines.append("enum {")
    lines += [f"  KQ_{prefix}_{macro(text)} = {value}," for _, text, value in cases]
    lines.append("};")
lines += ["", "#ifdef __cplusplus", "#include <cstdint>", "#include <string_view>", "",
          "namespace kq::options {", ""]
for cls, prefix, summary, cases in options:
    lines.append(f"enum class {cls} : int32_t {{")
    lines += [f"  {symbol} = {value}," for symbol, _, value in cases]
    lines.append("};")
    lines.append(f"constexpr const char *nameOf({cls} value) {{")
    lines.append("  switch (value) {")
    lines += [f"  case {cls}::{symbol}: return \"{text}\";" for symbol, text, _ in cases]
    lines.append("  }")
    lines.append("  return \"\";")
    lines.append("}")
    lines.append(f"inline bool parseOption(std::string_view name, {cls} &value) {{")
    for symbol, text, _ in cases:
        lines.append(f"  if (name == \"{text}\") return value = {cls}::{symbol}, true;")
    lines.append("  return false;")
    lines.append("}")
    lines.append("")
lines += ["} // namespace kq::options", "#endif", "", "#endif /* KQ_IR_KQOPTIONS_H */", ""]
text = "\n".join(lines)
if not os.path.exists(out) or open(out).read() != text:
    with open(out, "w") as f:
        f.write(text)
