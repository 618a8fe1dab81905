"""Prints the median of every criterion benchmark under a directory, in ns."""
import json
import pathlib
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")
rows = []
for estimates in sorted(root.glob("**/new/estimates.json")):
    bench = estimates.parent.parent.relative_to(root).as_posix()
    median = json.loads(estimates.read_text())["median"]["point_estimate"]
    rows.append((bench, median))
width = max((len(b) for b, _ in rows), default=10)
print(f"{'benchmark':<{width}}  median")
for bench, median in rows:
    print(f"{bench:<{width}}  {median:10.1f} ns")
