"""``zhaoshang ingest`` through click: summary, exit codes, duplicates, overrides, refusals."""

from __future__ import annotations

import random
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import func, select

from zhaoshang.cli.main import cli
from zhaoshang.store.db import make_engine, transaction
from zhaoshang.store.models import Report


def _excerpt(folder: Path, name: str, county: str, growth: str) -> Path:
    """A short report written here: cheap to extract, distinct per county and figure."""
    path = folder / name
    path.write_text(
        f"2022年{county}政府工作报告\n各位代表：过去一年，{county}地区生产总值增长{growth}%，"
        "规模以上工业增加值增长8.1%。今年地区生产总值预期增长6.5%左右。\n",
        encoding="utf-8",
    )
    return path


def _report_count(db: Path) -> int:
    engine = make_engine(str(db))
    try:
        with transaction(engine) as s:
            return s.scalar(select(func.count()).select_from(Report)) or 0
    finally:
        engine.dispose()


def test_ingesting_the_bundled_listing_stores_ten_reports_and_exits_zero(sample_listing: Path, tmp_path: Path) -> None:
    db = tmp_path / "z.db"
    result = CliRunner(mix_stderr=False).invoke(cli, ["ingest", str(sample_listing), "--db", str(db)])
    assert result.exit_code == 0, result.output + result.stderr
    assert "ingested 10 report(s), skipped 0 duplicate(s), failed 0" in result.stdout
    assert _report_count(db) == 10


def test_running_it_twice_skips_every_report_as_a_duplicate(tmp_path: Path) -> None:
    files = [str(_excerpt(tmp_path, f"{i}.txt", county, g)) for i, (county, g) in enumerate([("宝兴县", "4.1"), ("凤阳县", "3.9")])]
    db = tmp_path / "z.db"
    runner = CliRunner(mix_stderr=False)
    first = runner.invoke(cli, ["ingest", *files, "--db", str(db)])
    assert first.exit_code == 0 and "ingested 2 report(s)" in first.stdout
    again = runner.invoke(cli, ["ingest", *files, "--db", str(db)])
    assert again.exit_code == 0
    assert "ingested 0 report(s), skipped 2 duplicate(s), failed 0" in again.stdout
    assert f"duplicate: {files[0]} (already stored as report #1)" in again.stdout
    assert _report_count(db) == 2


def test_a_bad_file_fails_with_its_reason_and_a_non_zero_exit_but_the_rest_is_stored(tmp_path: Path) -> None:
    good = _excerpt(tmp_path, "good.txt", "潮州市", "2.0")
    junk = tmp_path / "junk.txt"
    junk.write_bytes(random.Random(1).randbytes(2048))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    db = tmp_path / "z.db"
    result = CliRunner(mix_stderr=False).invoke(cli, ["ingest", str(junk), str(good), str(empty), "--db", str(db)])
    assert result.exit_code == 1
    assert "ingested 1 report(s), skipped 0 duplicate(s), failed 2" in result.stdout
    assert f"failed: {junk}: " in result.stdout and f"failed: {empty}: empty file" in result.stdout
    assert _report_count(db) == 1


def test_a_folder_and_a_glob_are_expanded(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    _excerpt(folder, "a.txt", "平塘县", "5.0")
    _excerpt(folder, "b.txt", "斗门区", "2.5")
    _excerpt(tmp_path, "hunan.txt", "湘潭县", "6.0")
    _excerpt(tmp_path, "other.txt", "宝兴县", "1.0")
    db = tmp_path / "z.db"
    result = CliRunner(mix_stderr=False).invoke(cli, ["ingest", str(folder), str(tmp_path / "hu*.txt"), "--db", str(db)])
    assert result.exit_code == 0, result.stdout
    assert _report_count(db) == 3


def test_max_size_refuses_a_larger_file_with_a_clear_reason(sample_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes((sample_dir / "puer.txt").read_bytes())  # ~53 kB > 0.01 MB
    result = CliRunner(mix_stderr=False).invoke(
        cli, ["ingest", str(path), "--max-size", "0.01", "--db", str(tmp_path / "z.db")]
    )
    assert result.exit_code == 1
    assert "too large" in result.stdout


def test_the_database_url_can_come_from_the_environment(tmp_path: Path) -> None:
    db = tmp_path / "env.db"
    path = _excerpt(tmp_path, "a.txt", "宝兴县", "4.1")
    result = CliRunner(mix_stderr=False).invoke(cli, ["ingest", str(path)], env={"ZHAOSHANG_DATABASE_URL": f"sqlite:///{db}"})
    assert result.exit_code == 0, result.stdout
    assert _report_count(db) == 1


def test_year_out_of_range_is_a_usage_error(tmp_path: Path) -> None:
    path = _excerpt(tmp_path, "a.txt", "宝兴县", "4.1")
    result = CliRunner(mix_stderr=False).invoke(cli, ["ingest", str(path), "--year", "21", "--db", str(tmp_path / "z.db")])
    assert result.exit_code == 2 and "--year" in result.stderr


def test_progress_bar_goes_to_stderr_with_counts_and_speed(tmp_path: Path) -> None:
    files = [str(_excerpt(tmp_path, f"{i}.txt", county, "4.0")) for i, county in enumerate(["宝兴县", "平塘县"])]
    result = CliRunner(mix_stderr=False).invoke(cli, ["ingest", *files, "--progress", "--db", str(tmp_path / "z.db")])
    assert result.exit_code == 0
    assert "2 stored, 0 dup, 0 failed" in result.stderr and "reports/s" in result.stderr
    assert "reports/s" not in result.stdout  # the summary stays clean for scripts


def test_every_command_of_the_store_documents_itself() -> None:
    runner = CliRunner()
    for args in (["ingest", "--help"], ["demo", "--help"], ["db", "--help"], ["db", "reextract", "--help"]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0 and "Usage:" in result.output, args


def test_a_database_that_cannot_be_opened_is_a_one_line_error_not_a_traceback(tmp_path: Path) -> None:
    path = _excerpt(tmp_path, "a.txt", "宝兴县", "4.1")
    result = CliRunner(mix_stderr=False).invoke(
        cli, ["ingest", str(path), "--db", "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot open the database postgresql") and "Traceback" not in result.stderr
