// The site's copy of Pyodide (assets/pyodide/pyodide.mjs, vendored from npm's pyodide by the build) has npm's types.
export * from "pyodide";
