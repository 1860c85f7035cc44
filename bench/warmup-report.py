"""The warm-up table (markdown, to stdout) and its plot (PNG, by gnuplot when installed) from bench/run.sh's rows.

usage: warmup-report.py curves.txt steady.txt out.png
curves.txt: label|scenario|seconds|requests/s   steady.txt: label|scenario|requests/s
"""
import os
import shutil
import subprocess
import sys
import tempfile
from collections import OrderedDict

curves_path, steady_path, png = sys.argv[1:4]
curves = OrderedDict()
for line in open(curves_path):
    label, scenario, t, rps = line.rstrip("\n").split("|")
    curves.setdefault((label, scenario), []).append((int(t), float(rps)))
steady = {}
if os.path.exists(steady_path):
    for line in open(steady_path):
        label, scenario, rps = line.rstrip("\n").split("|")
        steady[(label, scenario)] = float(rps)

points = max(len(v) for v in curves.values())
head = ["JDK", "scenario"] + [f"{5 * (i)}–{5 * (i + 1)} s" for i in range(points)] + ["first 20 s", "steady", "first 20 s / steady"]
print("| " + " | ".join(head) + " |")
print("|---|---|" + "---:|" * (len(head) - 2))
for (label, scenario), values in curves.items():
    rps = [v for _, v in values]
    first = rps[:4]
    first20 = sum(first) / len(first)
    st = steady.get((label, scenario))
    cells = [label, scenario] + [f"{v:,.0f}" for v in rps] + [""] * (points - len(rps))
    cells += [f"{first20:,.0f}", f"{st:,.0f}" if st else "", f"{first20 / st:.0%}" if st else ""]
    print("| " + " | ".join(cells) + " |")

if not shutil.which("gnuplot"):
    print("\n(gnuplot is not installed: no plot)")
    sys.exit(0)
labels = list(OrderedDict.fromkeys(label for label, _ in curves))
scenarios = list(OrderedDict.fromkeys(scenario for _, scenario in curves))
with tempfile.TemporaryDirectory() as tmp:
    terminals = subprocess.run(["gnuplot", "-e", "set terminal"], capture_output=True, text=True)
    cairo = "pngcairo" in terminals.stdout + terminals.stderr
    script = [f"set terminal {'pngcairo' if cairo else 'png'} size {560 * len(labels)},440",
              f'set output "{png}"', f"set multiplot layout 1,{len(labels)}",
              "set xlabel 'seconds since the first request'", "set ylabel '% of the steady requests/s'",
              "set key bottom right noenhanced", "set grid", "set yrange [0:160]", "set xrange [0:*]"]
    for label in labels:
        plots = []
        for n, scenario in enumerate(scenarios):
            values = curves.get((label, scenario))
            if not values:
                continue
            data = os.path.join(tmp, f"{labels.index(label)}-{n}.dat")
            st = steady.get((label, scenario))
            with open(data, "w") as f:
                for t, v in values:
                    f.write(f"{t - 2.5} {100 * v / st if st else 0}\n")
            plots.append(f"'{data}' using 1:2 with linespoints lc {n + 1} pt 7 title '{scenario}"
                         + (f" (steady {st:,.0f}/s)'" if st else " (no steady figure)'"))
        plots.append("80 with lines lc 'gray' dt 2 title 'the target: 80 %'")
        script.append(f"set title '{label}' noenhanced")
        script.append("plot " + ", ".join(plots))
    script.append("unset multiplot")
    subprocess.run(["gnuplot"], input="\n".join(script), text=True, check=True)
print(f"\n![warm-up curves]({os.path.basename(png)})")
