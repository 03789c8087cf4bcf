"""Check that the unit suite ran in full inside Pyodide: no failures, and as many tests as in CPython."""

import sys
import xml.etree.ElementTree as ET


def counts(path: str) -> tuple[int, int]:
    suite = ET.parse(path).getroot()
    suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
    tests = int(suite.get("tests", 0))
    bad = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    return tests, bad


def main() -> int:
    (cpy, cpy_bad), (pyo, pyo_bad) = counts(sys.argv[1]), counts(sys.argv[2])
    print(f"unit tests: CPython {cpy} ({cpy_bad} failed) · Pyodide {pyo} ({pyo_bad} failed)")
    if pyo_bad or pyo != cpy:
        print("Pyodide run is incomplete, failing, or not the same suite as CPython's", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
