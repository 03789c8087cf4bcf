"""Engine benchmark (make bench-engine): a 50-debt plan over ~360 months and a 1,000-row schedule.

Runs unchanged in CPython and, through bench/engine_pyodide.mjs, inside Pyodide under Node. Prints the median
and best of repeated runs; nothing here asserts a time.
"""

from __future__ import annotations

import json
import platform
import statistics
import sys
import time
from decimal import Decimal

from calculators import plan, schedules
from calculators.debts import Debt


def fifty_debts() -> list[Debt]:
    """50 debts whose minimums amortise each one over about 360 months (so the plan runs ~360 months)."""
    debts = []
    for k in range(50):
        balance = Decimal(2000 + 500 * k)
        rate = Decimal(6 + (k * 7) % 25) / 100
        m = rate / 12
        minimum = (balance * m / (1 - (1 + m) ** -360)).quantize(Decimal("0.01")) + Decimal("0.01")
        debts.append(Debt(f"债务{k + 1}", balance, rate, minimum))
    return debts


def timed(fn, repeat: int) -> tuple[float, float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), min(times), result


def run(repeat: int = 15) -> dict:
    debts = fifty_debts()
    budget = sum((d.minimum_payment for d in debts), Decimal(0))
    med, best, result = timed(lambda: plan.plan(debts, budget, "minimum"), repeat)
    smed, sbest, _ = timed(lambda: schedules.annuity(Decimal(1_000_000), Decimal("0.004"), 1000), repeat)
    cmed, cbest, _ = timed(lambda: plan.compare(debts, budget + 500), max(3, repeat // 3))
    return {
        "runtime": f"{platform.python_implementation()} {platform.python_version()} ({sys.platform})",
        "plan_50_debts_months": result.months,
        "plan_50_debts_ms_median": round(med, 1), "plan_50_debts_ms_best": round(best, 1),
        "compare_3_strategies_ms_median": round(cmed, 1), "compare_3_strategies_ms_best": round(cbest, 1),
        "schedule_1000_rows_ms_median": round(smed, 1), "schedule_1000_rows_ms_best": round(sbest, 1),
    }


def report(r: dict) -> str:
    return (f"[engine] {r['runtime']}\n"
            f"  50-debt plan ({r['plan_50_debts_months']} months, minimums only): median {r['plan_50_debts_ms_median']} ms,"
            f" best {r['plan_50_debts_ms_best']} ms\n"
            f"  50-debt strategy comparison (avalanche + snowball + minimums): median {r['compare_3_strategies_ms_median']} ms\n"
            f"  1,000-row annuity schedule: median {r['schedule_1000_rows_ms_median']} ms,"
            f" best {r['schedule_1000_rows_ms_best']} ms")


if __name__ == "__main__":
    out = run()
    print(json.dumps(out, ensure_ascii=False) if "--json" in sys.argv else report(out))
