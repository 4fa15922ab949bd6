"""Hostile and odd inputs: each gives the right graph or one line naming the file, never a traceback;
good files in the same build are still extracted; a failed build never damages the previous exports."""
from __future__ import annotations

import codecs
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg import export as kg_export
from kg.errors import InputError
from kg.pipeline import build
from kg.read import decode, read_page
from kg.text.normalize import normalize

ROOT = Path(__file__).resolve().parent.parent
SEED = sorted((ROOT / "seeds").glob("*.txt"))[0]
SEED_TEXT = SEED.read_text(encoding="utf-8")
KG = [sys.executable, "-m", "kg"]

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def labels(result) -> set[tuple[str, str]]:
    """(class, label) of every entity: what the page says, whatever its bytes looked like."""
    out = set()
    for key, ent in result.resolver.entities.items():
        out.add((ent.kind, ent.label))
    return out


@pytest.fixture(scope="module")
def reference():
    return labels(build([SEED], out=None, viz=False, cache=False))


def write(folder: Path, name: str, data: bytes) -> Path:
    p = folder / name
    p.write_bytes(data)
    return p


VARIANTS = {
    "gbk": lambda t: t.encode("gbk"),
    "gb18030": lambda t: t.encode("gb18030"),
    "utf16_bom": lambda t: t.encode("utf-16"),
    "utf16le_nobom": lambda t: t.encode("utf-16-le"),
    "utf16be_nobom": lambda t: t.encode("utf-16-be"),
    "utf8_bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "cr": lambda t: t.replace("\n", "\r").encode("utf-8"),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_encodings_and_line_endings_give_the_same_entities(tmp_path, reference, variant):
    data = VARIANTS[variant](SEED_TEXT)
    page = read_page(write(tmp_path, "p.txt", data))
    assert normalize(page.raw)[0] == normalize(SEED_TEXT)[0]
    assert labels(build([tmp_path / "p.txt"], out=None, viz=False, cache=False)) == reference


def test_offsets_point_into_the_original_file_whatever_the_line_endings(tmp_path):
    page = read_page(write(tmp_path, "p.txt", SEED_TEXT.replace("\n", "\r\n").encode()))
    text, offsets = normalize(page.raw)
    assert len(offsets) == len(text) + 1
    for i, ch in enumerate(text):
        if ch not in "\n“”，；：？！（）" and not ch.isspace():
            assert page.raw[offsets[i]] == ch or page.raw[offsets[i]].upper() == ch.upper()


def test_invalid_bytes_in_the_middle_are_replaced_not_fatal(tmp_path, reference):
    raw = SEED_TEXT.encode()
    cut = raw.index("。".encode()) + 3          # on a character boundary
    data = raw[:cut] + b"\xff\xfe\x80" + raw[cut:]
    page = read_page(write(tmp_path, "p.txt", data))
    assert "\ufffd" in page.raw
    got = labels(build([tmp_path / "p.txt"], out=None, viz=False, cache=False))
    assert len(got & reference) >= 0.9 * len(reference)


def test_traditional_characters_are_read_as_simplified_with_offsets_kept(tmp_path):
    import opencc

    trad = opencc.OpenCC("s2t").convert(SEED_TEXT)
    assert trad != SEED_TEXT
    page = read_page(write(tmp_path, "p.txt", trad.encode("utf-8")))
    text, offsets = normalize(page.raw)
    assert text == normalize(SEED_TEXT)[0]
    assert len(offsets) == len(text) + 1 and offsets == sorted(offsets)
    simp = normalize(SEED_TEXT)[1]
    assert offsets == simp           # 1:1 conversion: the map into the original file is unchanged


def test_big5_traditional_page(tmp_path, reference):
    import opencc

    trad = opencc.OpenCC("s2t").convert(SEED_TEXT)
    data = trad.encode("big5", errors="replace")     # a few characters Big5 lacks become "?"
    got = labels(build([write(tmp_path, "p.txt", data)], out=None, viz=False, cache=False))
    assert len(got & reference) >= 0.8 * len(reference)


def test_html_markup_is_stripped_and_offsets_point_at_the_text(tmp_path, reference):
    body = "".join(f"<p>{line}</p>\n" for line in SEED_TEXT.splitlines())
    doc = f"<html><head><style>p {{color: red}}</style></head><body>{body}<script>var x = '<p>';</script></body></html>"
    page = read_page(write(tmp_path, "p.txt", doc.encode()))
    text, offsets = normalize(page.raw)
    assert "<" not in text and "script" not in text and "color" not in text
    assert text == normalize(SEED_TEXT)[0]
    for i, ch in enumerate(text):
        if ch not in "\n“”，；：？！（）" and not ch.isspace():
            assert page.raw[offsets[i]] == ch
    assert labels(build([tmp_path / "p.txt"], out=None, viz=False, cache=False)) == reference


def test_html_entities_decode_to_one_character(tmp_path):
    text, offsets = normalize("<p>甲&amp;乙&nbsp;丙&#20013;</p>")
    assert text == "甲&乙丙中"
    assert len(offsets) == len(text) + 1


def test_one_ten_megabyte_line_builds_in_linear_time(tmp_path):
    line = SEED_TEXT.replace("\n", "")
    data = (line * (10_000_000 // len(line.encode()) + 1)).encode()
    assert len(data) >= 10_000_000
    path = write(tmp_path, "huge.txt", data)
    proc = subprocess.run(KG + ["build", str(path), "--out", str(tmp_path / "out"), "--no-viz", "-q", "--no-cache"],
                          capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    assert (tmp_path / "out" / "graph.ttl").stat().st_size > 0


@pytest.mark.parametrize("name,data,reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b" \n\r\n\t ", "empty file"),
    ("binary.txt", bytes(range(256)) * 40, "binary"),
    ("random.txt", os.urandom(4096) + b"\x00", "binary"),
    ("png.txt", b"\x89PNG\r\n\x1a\n" + bytes(2000), "binary"),
])
def test_unreadable_files_are_one_line_errors_naming_the_file(tmp_path, name, data, reason):
    path = write(tmp_path, name, data)
    with pytest.raises(InputError) as err:
        read_page(path)
    msg = str(err.value)
    assert name in msg and reason in msg and "\n" not in msg


def test_decode_never_raises_anything_but_input_error():
    for data in (b"\xff" * 100, b"\xfe\xff\x00", b"\xef\xbb\xbf\xff\xff", b"\x00" * 3, "中".encode("utf-16")[:3]):
        try:
            decode(data, "x.txt")
        except InputError as err:
            assert "x.txt" in str(err)


def run_cli(*args, cwd=ROOT):
    return subprocess.run(KG + list(args), capture_output=True, text=True, cwd=cwd, timeout=300)


def test_good_files_still_built_beside_bad_ones(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    write(pages, "good.txt", SEED_TEXT.encode("gb18030"))
    write(pages, "empty.txt", b"")
    write(pages, "binary.txt", bytes(range(256)) * 20)
    proc = run_cli("build", str(pages), str(tmp_path / "missing"), "--out", str(tmp_path / "out"), "--no-viz")
    assert proc.returncode == 1
    errs = [line for line in proc.stderr.splitlines() if line.strip()]
    assert "Traceback" not in proc.stderr
    assert any("empty.txt" in e and "empty file" in e for e in errs)
    assert any("binary.txt" in e and "binary" in e for e in errs)
    assert any("missing" in e and "no such file or folder" in e for e in errs)
    assert len(errs) == 3
    assert "pages: 1 built, 3 failed" in proc.stdout
    ttl = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert "good.txt" in ttl


def test_nonexistent_path_alone(tmp_path):
    proc = run_cli("build", str(tmp_path / "nope"), "--out", str(tmp_path / "out"), "--no-viz")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert f"{tmp_path / 'nope'}: no such file or folder" in proc.stderr
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_folder_that_cannot_be_listed(tmp_path, monkeypatch):
    """Tests run as root here, so chmod 000 does not stop reads: the failure is simulated by making
    os.walk report a PermissionError for the locked folder (what it does for an ordinary user)."""
    import kg.read as kg_read

    pages = tmp_path / "pages"
    (pages / "locked").mkdir(parents=True)
    write(pages, "good.txt", SEED_TEXT.encode())
    write(pages / "locked", "secret.txt", SEED_TEXT.encode())
    real_walk = os.walk

    def walk(top, topdown=True, onerror=None, followlinks=False):
        for root, dirs, files in real_walk(top, topdown, onerror, followlinks):
            if "locked" in dirs:
                dirs.remove("locked")
                if onerror:
                    err = PermissionError(13, "Permission denied")
                    err.filename = str(Path(root) / "locked")
                    onerror(err)
            yield root, dirs, files

    monkeypatch.setattr(kg_read.os, "walk", walk)
    result = build([pages], out=tmp_path / "out", viz=False, cache=False)
    assert [p.name for p in result.pages] == ["good.txt"]
    assert len(result.errors) == 1
    assert "locked" in str(result.errors[0]) and "Permission denied" in str(result.errors[0])


def test_file_that_cannot_be_read(tmp_path, monkeypatch):
    """As root, chmod 000 files are still readable: simulate the PermissionError a user would get."""
    pages = tmp_path / "pages"
    pages.mkdir()
    write(pages, "a_good.txt", SEED_TEXT.encode())
    locked = write(pages, "b_locked.txt", SEED_TEXT.encode())
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == locked.name:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = build([pages], out=None, viz=False, cache=False)
    assert [p.name for p in result.pages] == ["a_good.txt"]
    assert [str(e) for e in result.errors] == [f"{locked}: permission denied"]


@pytest.mark.skipif(not hasattr(os, "fork") or os.geteuid() != 0, reason="needs root to become another user")
def test_unreadable_folder_as_another_user():
    """The real thing: a chmod 000 folder, built by an unprivileged user (nobody). The interpreter lives
    where nobody may not look (/root), so the build runs in a forked child that has already imported
    everything (a first build in this process) and then drops to nobody's uid."""
    import pwd

    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("no user nobody")
    import shutil
    import tempfile

    tmp_path = Path(tempfile.mkdtemp(prefix="govkg-perm-"))   # pytest's own tmp folders are root-only
    try:
        _unreadable_as_nobody(tmp_path, nobody)
    finally:
        for p in tmp_path.rglob("*"):
            if p.is_dir():
                os.chmod(p, 0o755)
        shutil.rmtree(tmp_path, ignore_errors=True)


def _unreadable_as_nobody(tmp_path: Path, nobody) -> None:
    import io

    pages = tmp_path / "pages"
    (pages / "locked").mkdir(parents=True)
    write(pages, "good.txt", SEED_TEXT.encode())
    write(pages / "locked", "secret.txt", SEED_TEXT.encode())
    out = tmp_path / "out"
    from kg.cli import main
    assert main(["build", str(pages), "--out", str(tmp_path / "warm"), "--no-viz", "--no-cache", "-q"]) == 0
    out.mkdir()
    for p in (tmp_path, pages, pages / "good.txt", out):
        os.chown(p, nobody.pw_uid, nobody.pw_gid)
    os.chmod(tmp_path, 0o755)
    os.chmod(pages / "locked", 0)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:                                      # child: become nobody, build, report through the pipe
        code = 99
        try:
            os.close(read_fd)
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
            err = io.StringIO()
            real, sys.stderr = sys.stderr, err
            try:
                code = main(["build", str(pages), str(pages / "locked" / "secret.txt"), "--out", str(out),
                             "--no-viz", "--no-cache", "-q"])
            finally:
                sys.stderr = real
            os.write(write_fd, f"{code}\n{err.getvalue()}".encode())
        except BaseException as exc:  # noqa: BLE001 - anything here must reach the parent
            os.write(write_fd, f"99\nchild failed: {type(exc).__name__}: {exc}".encode())
        finally:
            os._exit(0)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as fh:
        report = fh.read().decode()
    os.waitpid(pid, 0)
    os.chmod(pages / "locked", 0o755)
    code, _, stderr = report.partition("\n")
    assert "child failed" not in stderr and "Traceback" not in stderr, stderr
    assert code == "1"
    lines = stderr.strip().splitlines()
    assert len(lines) == 2, lines
    assert any(line.endswith("pages/locked: cannot list folder: Permission denied") for line in lines)
    assert any(line.endswith("locked/secret.txt: cannot access: Permission denied") for line in lines)
    assert (out / "graph.ttl").exists()
    assert "good.txt" in (out / "graph.ttl").read_text(encoding="utf-8")


def test_extraction_bug_on_one_page_is_one_line_and_others_build(tmp_path, monkeypatch):
    import kg.pipeline as pipeline

    pages = tmp_path / "pages"
    pages.mkdir()
    write(pages, "a.txt", SEED_TEXT.encode())
    write(pages, "b.txt", (SEED_TEXT + "\n触发").encode())
    real = pipeline.extract_page

    def flaky(page):
        if "触发" in page.text:
            raise ValueError("boom")
        return real(page)

    monkeypatch.setattr(pipeline, "extract_page", flaky)
    result = build([pages], out=None, viz=False, cache=False)
    assert [p.name for p in result.pages] == ["a.txt"]
    assert len(result.errors) == 1
    msg = str(result.errors[0])
    assert "b.txt" in msg and "boom" in msg and "\n" not in msg



@pytest.mark.parametrize("stage", ["add", "finish"])
def test_resolution_bug_on_one_page_is_one_line_and_others_build(tmp_path, monkeypatch, stage):
    """Cross-page resolution too: the page that makes it raise is dropped, the others are resolved."""
    from kg.resolve.entities import Resolver

    pages = tmp_path / "pages"
    pages.mkdir()
    write(pages, "a.txt", SEED_TEXT.encode())
    write(pages, "b.txt", (SEED_TEXT + "\n触发").encode())
    real = getattr(Resolver, stage)

    def flaky(self, *args):
        if stage == "add" and "触发" in args[0].text:
            raise ValueError("boom")
        if stage == "finish" and any("触发" in pg.text for e in self.entities.values() for pg, _a, _m in e.mentions):
            raise ValueError("boom")
        return real(self, *args)

    monkeypatch.setattr(Resolver, stage, flaky)
    # in memory (out=None), pages are kept until resolution ends: the culprit of a failed finish is found
    result = build([pages], out=None)
    assert [p.name for p in result.pages] == ["a.txt"]
    assert len(result.errors) == 1
    msg = str(result.errors[0])
    assert "b.txt" in msg and "resolution failed" in msg and "boom" in msg and "\n" not in msg
    assert not any(q.object.value == "b.txt" for q in result.quads)
    if stage == "finish":
        return   # a streamed build has freed its pages by then: see the next test
    result = build([pages], out=tmp_path / "out", viz=False, cache=False)
    assert [p.name for p in result.pages] == ["a.txt"]
    assert len(result.errors) == 1
    msg = str(result.errors[0])
    assert "b.txt" in msg and "resolution failed" in msg and "boom" in msg and "\n" not in msg
    ttl = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert '"a.txt"' in ttl and '"b.txt"' not in ttl


def test_cross_page_matching_failing_in_a_streamed_build_loses_only_the_links(tmp_path, monkeypatch):
    """A streamed build has written and freed every page when Resolver.finish runs: a failure there
    costs the skos:closeMatch links (one line, exit status 1), never a page."""
    from kg.resolve.entities import Resolver

    pages = tmp_path / "pages"
    pages.mkdir()
    write(pages, "a.txt", SEED_TEXT.encode())
    write(pages, "b.txt", SEED_TEXT.encode() + b"\n")

    def broken(self):
        raise ValueError("boom")

    monkeypatch.setattr(Resolver, "finish", broken)
    result = build([pages], out=tmp_path / "out", viz=False, cache=False)
    assert [p.name for p in result.pages] == ["a.txt", "b.txt"]
    assert len(result.errors) == 1
    msg = str(result.errors[0])
    assert "cross-page matching failed" in msg and "boom" in msg and "\n" not in msg
    ttl = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert '"a.txt"' in ttl and '"b.txt"' in ttl and "closeMatch" not in ttl


def test_zone_named_by_its_long_form_and_a_qualified_short_form_builds(tmp_path):
    """The page of issue 9 that used to end every build in a RecursionError."""
    pages = tmp_path / "pages"
    pages.mkdir()
    write(pages, "zone.txt", "郑州经开区是国家级经济技术开发区，在国家级开发区考核中排名靠前。".encode())
    write(pages, "seed.txt", SEED_TEXT.encode())
    proc = run_cli("build", str(pages), "--out", str(tmp_path / "out"), "--quiet")
    assert proc.returncode == 0, proc.stderr
    ttl = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert '"zone.txt"' in ttl and "郑州经开区" in ttl

# ---------------------------------------------------------------- previous exports survive failures

def _snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


@pytest.fixture
def previous(tmp_path):
    out = tmp_path / "out"
    build([SEED], out=out, viz=False, cache=False)
    return out, _snapshot(out)


def test_writer_failing_midway_keeps_previous_exports(tmp_path, previous, monkeypatch):
    out, before = previous
    other = sorted((ROOT / "seeds").glob("*.txt"))[1]
    real = kg_export.serialize_file

    def half_then_fail(src, src_format, dst, dst_format, **kw):
        real(src, src_format, dst, dst_format, **kw)
        data = Path(dst).read_bytes()
        Path(dst).write_bytes(data[: len(data) // 2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(kg_export, "serialize_file", half_then_fail)
    with pytest.raises(OSError):
        build([other], out=out, viz=False, cache=False)
    monkeypatch.undo()
    assert _snapshot(out) == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_serialiser_failing_keeps_both_previous_files(tmp_path, previous, monkeypatch):
    out, before = previous
    other = sorted((ROOT / "seeds").glob("*.txt"))[1]

    real = kg_export.serialize_file

    def fail(src, src_format, dst, dst_format, **kw):
        if dst_format == kg_export.ox.RdfFormat.TRIG:     # graph.ttl is made first, and complete
            raise MemoryError
        real(src, src_format, dst, dst_format, **kw)

    monkeypatch.setattr(kg_export, "serialize_file", fail)
    with pytest.raises(MemoryError):
        build([other], out=out, viz=False, cache=False)
    assert _snapshot(out) == before          # graph.ttl not replaced either: the pair stays consistent


def test_interrupted_build_keeps_previous_exports(tmp_path, previous, monkeypatch):
    import kg.pipeline as pipeline

    out, before = previous

    def interrupt(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline.Resolver, "finish", interrupt)
    with pytest.raises(KeyboardInterrupt):
        build([SEED], out=out, viz=False, cache=False)
    assert _snapshot(out) == before


def test_killed_build_process_keeps_previous_exports(tmp_path, previous):
    """SIGKILL in the middle of writing: the old files are whole (only a stray temp file may remain)."""
    import signal
    import time

    out, before = previous
    code = ("import sys, time, kg.export as e\n"
            "def slow(*args, **kw):\n"
            "    print('writing', flush=True); time.sleep(30)\n"
            "e.serialize_file = slow\n"
            "from kg.pipeline import build\n"
            f"build([{str(SEED)!r}], out={str(out)!r}, viz=False, cache=False)\n")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert proc.stdout.readline().strip() == "writing"
        time.sleep(0.2)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    after = {k: v for k, v in _snapshot(out).items() if not k.endswith(".tmp")}
    assert after == before


def test_no_readable_page_leaves_previous_exports(tmp_path, previous):
    out, before = previous
    bad = write(tmp_path, "empty.txt", b"")
    proc = run_cli("build", str(bad), "--out", str(out), "--no-viz")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert _snapshot(out) == before


def test_file_name_that_is_not_utf8(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    os.makedirs(os.fsencode(pages), exist_ok=True)
    with open(os.fsencode(pages) + b"/\xff\xfe_odd.txt", "wb") as fh:
        fh.write(SEED_TEXT.encode())
    result = build([pages], out=tmp_path / "out", viz=False, cache=False)
    assert len(result.pages) == 1 and not result.errors
    ttl = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert "\ufffd\ufffd_odd.txt" in ttl              # the literal shows the undecodable bytes as U+FFFD
    import pyoxigraph as ox

    subjects = {t.subject.value for t in ox.parse(path=str(tmp_path / "out" / "graph.ttl"), format=ox.RdfFormat.TURTLE)}
    assert not any("odd" in s for s in subjects)              # IRIs come from the page's bytes, not its name
    assert f"https://w3id.org/govkg/id/article/{result.pages[0].uid}/1" in subjects


def test_device_is_refused_not_read_forever(tmp_path):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    result = build(["/dev/zero", SEED], out=None, viz=False, cache=False)
    assert [str(e) for e in result.errors] == ["/dev/zero: not a regular file (a device, pipe or socket)"]
    assert len(result.pages) == 1


def test_file_too_large_for_a_page(tmp_path, monkeypatch):
    import kg.read as kg_read

    monkeypatch.setattr(kg_read, "MAX_PAGE_BYTES", 1000)
    big = write(tmp_path, "big.txt", SEED_TEXT.encode())
    with pytest.raises(InputError, match=r"big.txt: too large for a page"):
        read_page(big)


@pytest.mark.parametrize("args,folder", [(["build"], "seeds/"), (["query", "officials"], "exports/"),
                                         (["stats"], "exports/")])
def test_missing_default_folders_are_said_to_be_relative_to_the_working_directory(tmp_path, args, folder):
    proc = run_cli(*args, cwd=tmp_path)
    assert proc.returncode != 0
    line = proc.stderr.strip().splitlines()[-1]
    assert folder in line and str(tmp_path) in line and "relative to where kg runs" in line


def test_a_killed_builds_work_folder_is_swept_by_the_next_build(tmp_path):
    """A build killed mid-way leaves OUT/.kgbuild-PID-*; the next build removes it (its process is gone),
    and leaves alone the folder of a build still running in the same OUT."""
    import subprocess as sp

    out = tmp_path / "out"
    out.mkdir()
    gone = sp.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    stale = out / f".kgbuild-{gone.pid}-abc"
    (stale / "runs").mkdir(parents=True)
    old_style = out / ".kgbuild-xyz"          # from a version that did not name its process
    old_style.mkdir()
    running = out / f".kgbuild-{os.getpid()}-live"
    running.mkdir()
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text(SEED_TEXT, encoding="utf-8")
    build([pages], out=out, viz=False, cache=False)
    assert not stale.exists() and not old_style.exists() and running.exists()
    assert sorted(p.name for p in out.glob(".kgbuild-*")) == [running.name]
