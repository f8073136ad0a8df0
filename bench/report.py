#!/usr/bin/env python3
"""Markdown tables from bench/out/results.tsv (written by bench/run.sh)."""

from __future__ import annotations

import argparse
import csv
import re
import statistics
from collections import defaultdict

GIB = 1024 * 1024  # KiB in a GiB


def fnum(x: float, d: int = 2) -> str:
    return f"{x:,.{d}f}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("tsv")
    ap.add_argument("--machine", default="?")
    ap.add_argument("--netra-rev", default="?")
    ap.add_argument("--hugo", default="?")
    ap.add_argument("--check-n", type=int, default=10000)
    ap.add_argument("--site-dir", default="?")
    a = ap.parse_args()

    runs: dict[tuple[str, str], list[dict]] = defaultdict(list)
    failed: list[str] = []
    with open(a.tsv, newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["exit"] != "0" or row["wall_s"] == "NA":
                at = ""
                if row["wall_s"] != "NA":
                    at = f" after {float(row['wall_s']):.1f} s at {int(row['maxrss_kb']) / 1024:,.0f} MiB peak RSS"
                why = {"134": " (abort: out of memory under MEM_LIMIT_MB?)", "124": " (timeout)"}.get(row["exit"], "")
                failed.append(f"{row['tool']} on {row['corpus']} run {row['run']}: exit {row['exit']}{why}{at}")
                continue
            runs[(row["tool"], row["corpus"])].append(row)

    def med(tool: str, corpus: str) -> dict | None:
        rs = runs.get((tool, corpus))
        if not rs:
            return None
        wall = [float(r["wall_s"]) for r in rs]
        cpu = [float(r["user_s"]) + float(r["sys_s"]) for r in rs]
        rss = [int(r["maxrss_kb"]) for r in rs]
        last = rs[-1]
        loads = [float(r["load1"]) for r in rs if r.get("load1") not in (None, "", "NA")]
        return {
            "load": max(loads) if loads else float("nan"),
            "n": len(rs), "wall": statistics.median(wall), "wmin": min(wall), "wmax": max(wall),
            "cpu": statistics.median(cpu), "rss": max(rss),
            "html": int(last["html"]), "files": int(last["files"]), "bytes": int(float(last["bytes"])),
            "press": int(last["press"]), "cases": int(last["cases"]),
        }

    out: list[str] = []
    p = out.append
    p(f"Machine: {a.machine}. netra {a.netra_rev}, Hugo {a.hugo}. "
      f"Sites written to {a.site_dir}. Median of the runs (wall and CPU); peak RSS is the largest of the runs; "
      "load is the highest 1-minute load average seen at the start of a run (other work on the machine).")
    p("")
    p("| corpus | tool | runs | wall s (min–max) | CPU s (user+sys) | peak RSS MiB | HTML pages | files | MiB written | ms per HTML page | load |")
    p("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    corpora = sorted({c for (_, c) in runs}, key=lambda c: (c == "mixed", int(c.split("-")[1]) if c.startswith("press-") else 0))
    # Hugo's tool names carry the version (hugo-0.111.3); "hugo" alone is
    # what results.tsv files before two Hugos called it.
    hugos = sorted({t for (t, _) in runs if t == "hugo" or t.startswith("hugo-")},
                   key=lambda t: [int(x) for x in re.findall(r"\d+", t)])
    for c in corpora:
        for tool in ("netra", "netra-cold", "netra-nosearch", *hugos, "netra-check"):
            m = med(tool, c)
            if not m:
                continue
            per = m["wall"] / m["html"] * 1000 if m["html"] else float("nan")
            label = f"{m['press']:,} releases" + (f" + {m['cases']:,} cases" if m["cases"] else "")
            p(f"| {label} | {tool} | {m['n']} | {fnum(m['wall'])} ({fnum(m['wmin'])}–{fnum(m['wmax'])}) | "
              f"{fnum(m['cpu'])} | {fnum(m['rss'] / 1024, 0)} | {m['html']:,} | {m['files']:,} | "
              f"{fnum(m['bytes'] / 2**20, 1)} | {fnum(per, 3) if m['html'] else '–'} | {m['load']:.1f} |")
    p("")

    # ratios netra / each Hugo, and between the Hugos
    def ratio_row(c: str, label: str, n: dict, h: dict, against: str) -> None:
        pp = (n["wall"] / n["html"]) / (h["wall"] / h["html"])
        p(f"| {n['press']:,} | {label} | {against} | {n['wall'] / h['wall']:.2f}× | {n['cpu'] / h['cpu']:.2f}× | "
          f"{n['rss'] / h['rss']:.2f}× | {n['bytes'] / h['bytes']:.2f}× | {n['html'] / h['html']:.2f}× | {pp:.2f}× |")

    pairs = [c for c in corpora if any(med(h, c) for h in hugos)]
    if pairs:
        p("netra / Hugo on the same press releases (target at 10 000: ≤ 0.25 for wall time and peak memory), "
          "against each Hugo of the run. `netra` is the default build, which also writes a search index; "
          "`netra --no-search` does the work Hugo does. Both keep the PNG charts they drew in their cache "
          "beside the output, as Hugo keeps its own in `--cacheDir`; `netra-cold` draws them all (`--no-cache`), "
          "as a build from a clean clone does:")
        p("")
        p("| releases | build | against | wall | CPU | peak RSS | bytes written | HTML pages | per HTML page (wall) |")
        p("|---|---|---|---:|---:|---:|---:|---:|---:|")
        for c in pairs:
            for tool, label in (("netra", "netra, default (search index)"),
                                ("netra-cold", "netra, default, PNGs drawn (`--no-cache`)"),
                                ("netra-nosearch", "netra `--no-search`")):
                n = med(tool, c)
                for hugo in hugos:
                    h = med(hugo, c)
                    if n and h:
                        ratio_row(c, label, n, h, hugo)
            for i, new in enumerate(hugos):
                for old in hugos[:i]:
                    n, h = med(new, c), med(old, c)
                    if n and h:
                        ratio_row(c, new, n, h, old)
        p("")

    # linearity
    sizes = sorted(med("netra", c)["press"] for c in corpora if c.startswith("press-") and med("netra", c))
    if len(sizes) > 1:
        p("netra's growth (target: ten times the content costs at most 11× the time):")
        p("")
        p("| step | content | wall | CPU | peak RSS | HTML pages | verdict (wall) |")
        p("|---|---:|---:|---:|---:|---:|---|")
        for lo, hi in zip(sizes, sizes[1:]):
            a_, b_ = med("netra", f"press-{lo}"), med("netra", f"press-{hi}")
            k = hi / lo
            w = b_["wall"] / a_["wall"]
            ok = "ok" if w <= k * 1.1 else "too slow"
            p(f"| {lo:,} → {hi:,} | {k:.0f}× | {w:.2f}× | {b_['cpu'] / a_['cpu']:.2f}× | "
              f"{b_['rss'] / a_['rss']:.2f}× | {b_['html'] / a_['html']:.2f}× | {ok} |")
        p("")

    # check vs build
    c = f"press-{a.check_n}"
    k = med("netra-check", c)
    for tool, label in (("netra", "`netra build`"), ("netra-nosearch", "`netra build --no-search`")):
        b = med(tool, c)
        if not (b and k):
            continue
        r = k["wall"] / b["wall"]
        p(f"`netra check` against {label}, {a.check_n:,} releases (target ≤ 0.10): "
          f"check {fnum(k['wall'])} s wall / {fnum(k['cpu'])} s CPU / {fnum(k['rss'] / 1024, 0)} MiB, "
          f"build {fnum(b['wall'])} s / {fnum(b['cpu'])} s / {fnum(b['rss'] / 1024, 0)} MiB: "
          f"**{r:.2f}×** wall, {k['cpu'] / b['cpu']:.2f}× CPU ({'ok' if r <= 0.1 else 'over target'}).")
        p("")

    m = med("netra", "mixed")
    if m:
        ok = "within" if m["rss"] <= GIB else "over"
        mc = med("netra-check", "mixed")
        extra = f"; `netra check` on it: {fnum(mc['wall'])} s, {fnum(mc['rss'] / 1024, 0)} MiB" if mc else ""
        p(f"Memory ceiling, {m['press']:,} releases + {m['cases']:,} cases (target ≤ 1 GiB): "
          f"peak RSS **{fnum(m['rss'] / 1024, 0)} MiB** ({ok} target), wall {fnum(m['wall'])} s, "
          f"CPU {fnum(m['cpu'])} s, {m['html']:,} HTML pages, {m['files']:,} files, "
          f"{fnum(m['bytes'] / 2**20, 0)} MiB written{extra}.")
        p("")
    if failed:
        p("Failed runs: " + "; ".join(failed) + ".")
        p("")
    print("\n".join(out))


if __name__ == "__main__":
    main()
