// 预编译字节码 (precompiled bytecode), run by hooks/runtime.py at build time:
//   node hooks/pyc.mjs [stdlib IN.zip OUT.zip] [wheel IN.whl OUT.whl]
//   stdlib: every module of IN as a sourceless .pyc, without docstrings and asserts (python -OO; Pyodide's own
//           packages keep theirs);
//   wheel:  the wheel with __pycache__/*.pyc beside its sources (RECORD updated).
// Both are written as stored zips: the host compresses them on the wire (hooks/offline.py), better than zip does.
// Pyodide compiles every module from source on each start (its python_stdlib.zip holds .py files only): most of
// its start-up time. The bytecode is made here by Pyodide's own interpreter (same version, same magic number) as
// unchecked hash-based .pyc, so that no timestamp or source is consulted when it is loaded.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const args = process.argv.slice(2);
const jobs = [];
while (args.length) jobs.push(args.splice(0, 3));
if (!jobs.length || jobs.some(([kind, , output]) => !["stdlib", "wheel"].includes(kind) || !output)) {
  console.error("usage: node hooks/pyc.mjs [stdlib IN.zip OUT.zip] [wheel IN.whl OUT.whl]");
  process.exit(2);
}
const require = createRequire(import.meta.url);
const { loadPyodide } = await import(require.resolve("pyodide/pyodide.mjs", { paths: [process.cwd()] }));
const py = await loadPyodide();
py.runPython(`
import base64, hashlib, importlib.util, sys, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

def bytecode(source, filename, optimize=0):
    code = compile(source, filename, "exec", dont_inherit=True, optimize=optimize)
    return _code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False)

def record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the wheel's own timestamp (SOURCE_DATE_EPOCH): same input, same bytes

def put(out, name, data):
    info = zipfile.ZipInfo(name, FIXED_TIME)
    info.external_attr = 0o644 << 16  # rw-r--r--, as the wheel's own files
    out.writestr(info, data)

def entries(src):
    for info in src.infolist():
        data = src.read(info.filename)
        info.compress_type = zipfile.ZIP_STORED
        yield info, data

def stdlib(src, out):
    for info, data in entries(src):
        if info.filename.endswith(".py"):
            own = info.filename.startswith(("pyodide/", "_pyodide/"))
            put(out, info.filename + "c", bytecode(data, info.filename, 0 if own else 2))
        elif not info.is_dir():
            put(out, info.filename, data)

def wheel(src, out):
    tag = sys.implementation.cache_tag
    record_name, added = None, []
    for info, data in entries(src):
        if info.filename.endswith(".dist-info/RECORD"):
            record_name, record = info.filename, data.decode()
            continue
        out.writestr(info, data)
        if info.filename.endswith(".py"):
            folder, _, name = info.filename.rpartition("/")
            pyc_name = f"{folder}/__pycache__/{name[:-3]}.{tag}.pyc"
            pyc = bytecode(data, info.filename)
            put(out, pyc_name, pyc)
            added.append(record_line(pyc_name, pyc))
    lines = record.splitlines()
    put(out, record_name, "\\n".join(lines[:-1] + added + lines[-1:]) + "\\n")

def convert(kind):
    with zipfile.ZipFile("/in.zip") as src, zipfile.ZipFile("/out.zip", "w", zipfile.ZIP_STORED) as out:
        {"stdlib": stdlib, "wheel": wheel}[kind](src, out)
`);
for (const [kind, input, output] of jobs) {
  py.FS.writeFile("/in.zip", new Uint8Array(readFileSync(input)));
  py.globals.get("convert")(kind);
  writeFileSync(`${output}.part`, py.FS.readFile("/out.zip"));
  renameSync(`${output}.part`, output); // never a half-written file under the final name
}
