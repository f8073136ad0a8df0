#!/usr/bin/env python3
"""How long `netra serve` takes from an edit to the rebuilt page on disk.

    bench/edit_loop.py                                # the shipped content/
    bench/edit_loop.py --content bench/out/press-10000 --edits 20
    bench/edit_loop.py --content bench/out/press-10000 --no-search

Copies the content to a temporary folder, starts `netra serve` on it,
then edits one press release at a time (a sentence added to its body, a
different release each time, then one title edit and one new date) and
measures, from outside the server, the time from the file being written
to the release's page on disk holding the new text. It also reads the
server's own "rebuilt in N ms" line (from the change being seen to the
files written). Prints the median and the slowest of both.

The search index, when on, is rebuilt after the pages are written and
open tabs have reloaded; it is timed separately (`search index` in the
server's -v output) and not part of the figures below.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--content", default=str(ROOT / "content"))
    ap.add_argument("--netra", default=str(ROOT / "target/dist/netra"),
                    help="netra binary (default: built with the release profile `dist`)")
    ap.add_argument("--theme", default=str(ROOT / "themes/default"))
    ap.add_argument("--edits", type=int, default=12)
    ap.add_argument("--no-search", action="store_true")
    a = ap.parse_args()
    if not Path(a.netra).exists():
        subprocess.run(["cargo", "build", "--profile", "dist", "-q"], cwd=ROOT, check=True)

    work = Path(tempfile.mkdtemp(prefix="netra-edit-", dir="/dev/shm" if Path("/dev/shm").is_dir() else None))
    content, out = work / "content", work / "output"
    shutil.copytree(a.content, content)
    # `--published`: the preview (serve's default) keeps the site in
    # memory and writes nothing, and this measures pages on disk.
    # `--lang en`: the server's lines read below are its English ones.
    cmd = [a.netra, "serve", "-v", "--published", "--lang", "en", "--port", "0",
           "--content", str(content), "--theme", a.theme, "--output", str(out)]
    if a.no_search:
        cmd.append("--no-search")
    log = open(work / "serve.log", "w+")
    server = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, text=True)
    try:
        wait_for(log, "serving ", 600)
        # On a loaded machine the first edit, made the moment the server
        # said it serves, was sometimes never seen (mixed corpus, load 17).
        time.sleep(1)
        releases = sorted(p for p in (content / "press").glob("*.md"))
        step = max(1, len(releases) // a.edits)
        outside, inside = [], []
        for n in range(a.edits):
            path = releases[(n * step) % len(releases)]
            marker = f"Kalimat uji {n} {time.time_ns()}."
            text = path.read_text(encoding="utf-8")
            head, sep, body = text.partition("\n---\n")
            if n == a.edits - 2:
                edited = head.replace('title: "', f'title: "{marker} ', 1) + sep + body
            elif n == a.edits - 1:
                # A new date: the release moves in every list and feed.
                head = re.sub(r"(?m)^date: \d{4}", "date: 2019", head, count=1)
                edited = head + sep + marker + "\n\n" + body
            else:
                edited = head + sep + marker + "\n\n" + body
            page = find_page(out, path.stem)
            seen = log.tell()
            start = time.perf_counter()
            path.write_text(edited, encoding="utf-8")
            while marker not in page.read_text(encoding="utf-8", errors="replace"):
                if time.perf_counter() - start > 60:
                    raise SystemExit(f"no rebuild of {page} within 60 s")
                time.sleep(0.0005)
            outside.append((time.perf_counter() - start) * 1000)
            line = wait_for(log, "rebuilt in ", 60, since=seen)
            inside.append(int(re.search(r"rebuilt in (\d+) ms", line).group(1)))
            # Let the search index (if on) finish before the next edit.
            if not a.no_search:
                wait_for(log, "search index", 600, since=seen)
        pages = re.findall(r"of (\d+) pages rendered", read_from(log, 0))
        kinds = ["body"] * (a.edits - 2) + ["title", "date"]
        for kind, o, i in list(zip(kinds, outside, inside))[-3:]:
            print(f"  last edits: {kind:<5} outside {o:6.1f} ms, server {i} ms")
        print(f"content: {a.content} ({pages[-1] if pages else '?'} pages), "
              f"search {'off' if a.no_search else 'on'}, {a.edits} edits")
        for name, xs in [("edit → page on disk (outside)", outside),
                         ("change seen → files written (server)", inside)]:
            print(f"  {name:<38} median {statistics.median(xs):6.1f} ms   "
                  f"slowest {max(xs):6.1f} ms")
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    return 0


def find_page(out: Path, slug: str) -> Path:
    for base in ("siaran-pers", "en/press"):
        p = out / base / slug / "index.html"
        if p.exists():
            return p
    raise SystemExit(f"no page for {slug} in {out}")


def read_from(log, pos: int) -> str:
    log.flush()
    log.seek(pos)
    text = log.read()
    log.seek(0, os.SEEK_END)
    return text


def wait_for(log, needle: str, seconds: float, since: int = 0) -> str:
    end = time.time() + seconds
    while time.time() < end:
        for line in read_from(log, since).splitlines():
            if needle in line:
                return line
        time.sleep(0.005)
    raise SystemExit(f"`{needle}` not seen within {seconds} s:\n{read_from(log, 0)[-2000:]}")


if __name__ == "__main__":
    sys.exit(main())
