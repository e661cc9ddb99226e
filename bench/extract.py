"""Extraction benchmark: MB/s of full extraction against one plain segmentation pass.

The ten sample reports are normalised once and repeated ``--repeat`` times.  In the
same process, on the same texts:

1. baselines: one plain segmentation pass over every text, the cost of merely
   segmenting a report (research/baselines.md §1), with two segmenters:
   ``rjieba.cut`` — the Rust port of jieba this project ships and uses inside extraction,
   about 20× faster than jieba — and ``jieba.cut``, jieba itself (pure Python), the
   segmenter the issue names.  jieba is optional: ``pip install -e '.[bench]'``;
2. full extraction: ``zhaoshang.extract.pipeline.extract_document`` — meta and region,
   sections, sentences and every fact extractor, spans checked;
3. per stage: the same work split by stage, so a slow extractor is visible by name.

The goal is ``extraction / segmentation < 1``; both ratios are printed.  Ratios, not
seconds, are comparable across machines; the "best of N rounds" ratios are the ones to
compare between runs on a busy machine (the totals swing with the neighbours' load).

    .venv/bin/python bench/extract.py              # x20 (200 reports)
    .venv/bin/python bench/extract.py --repeat 100 # x100, the reference scale
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO.parent / "shared" / "corpus" / "seed-reports"
sys.path.insert(0, str(REPO / "src"))


def load(samples: Path) -> list[tuple[str, str]]:
    """(normalised text, title) of every sample report."""
    from zhaoshang.extract.pipeline import read_reports

    out = []
    for path in sorted(samples.glob("*.txt")):
        for text, title, _channel in read_reports(path):
            out.append((text, title or ""))
    if not out:
        raise SystemExit(f"no sample reports in {samples}")
    return out


def timed(fn: Callable[[], object]) -> float:
    """CPU seconds of this process: on a shared machine, wall time mostly measures the
    neighbours; both runs here are single-threaded, so CPU time is the fair measure."""
    t = time.process_time()
    fn()
    return time.process_time() - t


def timed_wall(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=20, help="copies of the ten samples (100 = reference x100)")
    ap.add_argument("--samples", type=Path, default=SAMPLES)
    ap.add_argument("--rounds", type=int, default=20, help="short rounds for the best-of ratio (steadier under load)")
    args = ap.parse_args()

    import rjieba

    from zhaoshang.extract.pipeline import EXTRACTORS, _resolve, extract_document
    from zhaoshang.extract.sections import split_sections
    from zhaoshang.extract.sentences import split_sentences
    from zhaoshang.model import Document, ReportMeta

    base = load(args.samples)
    corpus = base * args.repeat
    mb = sum(len(t.encode("utf-8")) for t, _ in corpus) / 1e6
    chars = sum(len(t) for t, _ in corpus)
    print(f"corpus: {len(base)} samples x{args.repeat} = {len(corpus)} reports, {chars:,} chars, {mb:.1f} MB (UTF-8)")

    segmenters = {"rjieba": rjieba.cut}
    jieba = _jieba()
    if jieba is not None:
        segmenters["jieba"] = jieba.cut
    else:
        print("jieba is not installed: only the rjieba yardstick (pip install -e '.[bench]' for both)")

    # warm up: dictionaries, gazetteer, compiled patterns
    for cut in segmenters.values():
        list(cut(base[0][0]))
    extract_document(base[0][0], title=base[0][1])

    full_wall = timed_wall(lambda: [extract_document(t, title=ti) for t, ti in corpus])
    full = timed(lambda: [extract_document(t, title=ti) for t, ti in corpus])
    print(f"full extraction       : {full:7.2f} s CPU  {mb / full:7.2f} MB/s   (wall {full_wall:.2f} s)")
    for name, cut in segmenters.items():
        seg_wall = timed_wall(lambda cut=cut: [list(cut(t)) for t, _ in corpus])
        seg = timed(lambda cut=cut: [list(cut(t)) for t, _ in corpus])
        print(f"{name + ' segmentation':<22}: {seg:7.2f} s CPU  {mb / seg:7.2f} MB/s   (wall {seg_wall:.2f} s)"
              f"  -> extraction / segmentation = {full / seg:.2f} CPU, {full_wall / seg_wall:.2f} wall (goal < 1)")

    # On a shared machine even CPU time swings with the neighbours' load.  The steadiest
    # figure is the fastest of many short rounds, each round timing one pass of each
    # segmenter and one extraction pass over the ten samples back to back (same load for all).
    best = dict.fromkeys([*segmenters, "extraction"], float("inf"))
    for _ in range(args.rounds):
        for name, cut in segmenters.items():
            best[name] = min(best[name], timed(lambda cut=cut: [list(cut(t)) for t, _ in base]))
        best["extraction"] = min(best["extraction"], timed(lambda: [extract_document(t, title=ti) for t, ti in base]))
    best_full, best_seg = best["extraction"], best["rjieba"]
    print(f"best of {args.rounds} rounds (x1): extraction {best_full * 1000:.1f} ms")
    for name in segmenters:
        print(f"  vs {name:<7} segmentation {best[name] * 1000:8.1f} ms -> ratio {best_full / best[name]:.2f} CPU (goal < 1)")

    # per stage, on the base texts only (x1), as a share of one segmentation pass over them;
    # each figure is the best of the rounds, like the ratio above (one run swings with the load)
    seg1 = best_seg or 1e-9
    docs = [Document(text=t, meta=ReportMeta(title=ti, year=2021)) for t, ti in base]

    def meta_region() -> None:
        from zhaoshang.regions import meta
        from zhaoshang.regions.recognise import recognise_region

        for t, ti in base:
            meta.detect_year(t, ti), meta.detect_meeting_date(t), meta.detect_speaker(t)
            recognise_region(t, title=ti)

    def sections() -> None:
        for d in docs:
            d.sections = split_sections(d.text, 2021)

    def sentences() -> None:
        for d in docs:
            d.sentences = split_sentences(d.text, d.sections)

    stages: list[tuple[str, Callable[[], None]]] = [("meta+region", meta_region), ("sections", sections), ("sentences", sentences)]
    for name, target in EXTRACTORS:
        fn = _resolve(target)
        if fn is not None:
            stages.append((name, lambda fn=fn: [fn(d) for d in docs]))
    print(f"\nper stage (x1, {len(base)} reports, CPU, best of {args.rounds}), as a share of one rjieba"
          f" segmentation pass ({seg1 * 1000:.1f} ms):")
    total = 0.0
    for name, run in stages:
        s = min(timed(run) for _ in range(args.rounds))
        total += s
        print(f"  {name:<12} {s * 1000:8.1f} ms  {s / seg1:6.2f}x")
    print(f"  {'sum':<12} {total * 1000:8.1f} ms  {total / seg1:6.2f}x")


def _jieba():  # type: ignore[no-untyped-def]
    """jieba itself, initialised quietly (its dictionary load is start-up, not segmentation), or None."""
    try:
        import logging

        import jieba
    except ImportError:
        return None
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


if __name__ == "__main__":
    main()
