"""Bad input gets a clear error row and loses nothing: the run goes on with the rest."""
import io
import shutil

import pandas as pd
import pytest

from conftest import DATA, SEED_TEXT
from pipeline import run
from pipeline.cli import main

PDF = DATA / "pdf"


def _encrypted_pdf(user_password: str) -> bytes:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    enc = pdfencrypt.StandardEncryption(user_password, ownerPassword="owner", canPrint=0)
    c = canvas.Canvas(buf, encrypt=enc)
    c.drawString(72, 720, "Essex Police recorded 9,470 fewer crimes.")
    c.save()
    return buf.getvalue()


@pytest.fixture()
def bad_raw(tmp_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    shutil.copy(SEED_TEXT, folder / "good.txt")
    real_pdf = next(PDF.glob("*.pdf")).read_bytes() if PDF.exists() else _encrypted_pdf("")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "empty.pdf").write_bytes(b"\n")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "truncated.pdf").write_bytes(real_pdf[: len(real_pdf) // 3])
    (folder / "random.pdf").write_bytes(b"%PDF-1.4\n" + bytes((i * 7919) % 256 for i in range(5000)))
    (folder / "encrypted.pdf").write_bytes(_encrypted_pdf("secret"))
    (folder / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (folder / "gone.txt").symlink_to(folder / "does-not-exist.txt")  # unreadable: a dangling link
    return folder


EXPECTED = {
    "empty.txt": "empty",
    "empty.pdf": "empty",  # whitespace only
    "binary.txt": "unsupported_type",
    "truncated.pdf": "corrupt",
    "random.pdf": "corrupt",
    "encrypted.pdf": "encrypted",
    "picture.txt": "unsupported_type",
    "gone.txt": "FileNotFoundError",
}


def test_each_bad_input_is_one_error_row_and_the_run_goes_on(bad_raw, tmp_path):
    out = tmp_path / "out"
    summary = run.extract(bad_raw, out)
    assert summary["seen"] == 9 and summary["processed"] == 1 and summary["failed"] == 8
    errors = pd.read_parquet(out / "errors")
    by_name = {p.rsplit("/", 1)[-1]: row for p, row in errors.set_index("path").iterrows()}
    assert set(by_name) == set(EXPECTED)
    for name, code in EXPECTED.items():
        assert by_name[name].error == code, (name, by_name[name].error, by_name[name].message)
        assert by_name[name].stage == "read" and by_name[name].message
    assert pd.read_parquet(out / "figures").value.eq(9470).any(), "the good file is still extracted"


def test_every_input_file_is_in_documents_or_errors(bad_raw, tmp_path):
    out = tmp_path / "out"
    run.extract(bad_raw, out)
    seen = set(pd.read_parquet(out / "documents").path) | set(pd.read_parquet(out / "errors").path)
    assert seen == {str(p) for p in bad_raw.iterdir()}


def test_cli_exits_zero_and_says_how_many_failed(bad_raw, tmp_path, capsys):
    assert main(["extract", "--raw", str(bad_raw), "--out", str(tmp_path / "out")]) == 0
    captured = capsys.readouterr()
    assert '"failed": 8' in captured.out
    assert "8 document(s) failed" in captured.err


def test_a_copy_of_another_input_is_recorded_as_a_duplicate(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SEED_TEXT, raw / "a.txt")
    shutil.copy(SEED_TEXT, raw / "b.txt")
    out = tmp_path / "out"
    for _ in range(2):  # stable across runs: a.txt keeps the document, b.txt stays a duplicate
        summary = run.extract(raw, out)
        assert summary["duplicates"] == 1
        assert list(pd.read_parquet(out / "documents").path) == [str(raw / "a.txt")]
        errors = pd.read_parquet(out / "errors")
        assert list(errors.path) == [str(raw / "b.txt")] and list(errors.error) == ["duplicate"]
        assert errors.message[0].startswith(f"same bytes as {raw / 'a.txt'}")


def test_unreadable_files_are_retried_but_unchanged_bad_files_are_skipped(bad_raw, tmp_path):
    out = tmp_path / "out"
    run.extract(bad_raw, out)
    again = run.extract(bad_raw, out)
    # the dangling link has no bytes to compare, so it is tried again; the rest are unchanged
    assert again["skipped"] == 8 and again["failed"] == 1
