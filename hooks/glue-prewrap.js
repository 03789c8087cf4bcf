// Inserted into Pyodide's pyodide.asm.mjs by hooks/runtime.py (ship_glue), inside its module scope.
//
// At every start Emscripten puts a few hundred JavaScript functions into the wasm function table (the dynamic
// linker's undefined symbols: reportUndefinedSymbols). A table holds only wasm functions, so each one is wrapped by
// compiling and instantiating a tiny wasm module of its own (convertJsFunctionToWasm): about 260 modules on every
// start and every return visit (the step took 130-144 ms on a two-core machine; 66-82 ms with this file). Here one
// module with one import and one export per function wraps them all at once, in the same order; the table slots
// they get are unchanged (a memory snapshot holds those numbers). On any error nothing is prewrapped and Emscripten
// wraps them one by one as before.
var prewrapped = new Map();
var prewrapJsFunctions = () => {
  var funcs = [];
  var seen = new Set();
  for (var [symName, entry] of Object.entries(GOT)) {
    if (entry.value != -1) continue;
    var value = resolveGlobalSymbol(symName, true).sym;
    if (typeof value == "function" && typeof value.sig == "string" && !seen.has(value) && !getFunctionAddress(value)) {
      seen.add(value);
      funcs.push(value);
    }
  }
  if (!funcs.length) return;
  var leb = (n) => {
    var out = [];
    do {
      var byte = n & 127;
      n >>>= 7;
      out.push(n ? byte | 128 : byte);
    } while (n);
    return out;
  };
  var name = (s) => [...leb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
  var section = (id, body) => [id, ...leb(body.length), ...body];
  var types = [];
  var typeOf = new Map();
  var imports = [];
  var exports = [];
  var env = {};
  funcs.forEach((f, i) => {
    if (!typeOf.has(f.sig)) {
      typeOf.set(f.sig, typeOf.size);
      // the same function type convertJsFunctionToWasm declares for this signature
      types.push(96, ...generateTypePack(f.sig.slice(1)), ...generateTypePack(f.sig[0] === "v" ? "" : f.sig[0]));
    }
    imports.push(...name("e"), ...name(String(i)), 0, ...leb(typeOf.get(f.sig)));
    exports.push(...name(String(i)), 0, ...leb(i));
    env[i] = f;
  });
  var bytes = Uint8Array.from([
    0, 97, 115, 109, 1, 0, 0, 0,
    ...section(1, [...leb(typeOf.size), ...types]),
    ...section(2, [...leb(funcs.length), ...imports]),
    ...section(7, [...leb(funcs.length), ...exports]),
  ]);
  try {
    var instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { e: env });
  } catch (err) {
    return;
  }
  funcs.forEach((f, i) => prewrapped.set(f, { sig: f.sig, wrapped: instance.exports[i] }));
};
