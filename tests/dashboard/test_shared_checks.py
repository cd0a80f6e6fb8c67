"""Share links of /check: a pasted text is kept only when a share link is asked for, under its
sha256, within a size cap and a count cap (least recently used first out), and an id from a URL
reaches the file system only when it is exactly 64 hex digits."""

from __future__ import annotations

import hashlib
import json
import os

import pytest

from dashboard import shared_checks
from dashboard.views.check import MAX_TEXT_BYTES


def test_a_check_is_stored_under_the_sha256_of_what_is_kept_and_read_back(tmp_path):
    check_id = shared_checks.save(tmp_path, "Trade rose 5%.", "2025-01-14")
    path = tmp_path / "state" / "checks" / f"{check_id}.json"

    assert hashlib.sha256(path.read_bytes()).hexdigest() == check_id
    assert json.loads(path.read_bytes()) == {"text": "Trade rose 5%.", "as_of": "2025-01-14"}
    stored = shared_checks.load(tmp_path, check_id)
    assert (stored.text, stored.as_of) == ("Trade rose 5%.", "2025-01-14")


def test_the_same_text_and_date_give_the_same_link_and_one_file(tmp_path):
    first = shared_checks.save(tmp_path, "Same text.", "")
    assert shared_checks.save(tmp_path, "Same text.", "") == first
    assert shared_checks.save(tmp_path, "Same text.", "2025-01-01") != first
    assert len(list((tmp_path / "state" / "checks").glob("*.json"))) == 2


def test_a_text_over_the_limit_is_not_stored(tmp_path):
    with pytest.raises(ValueError, match="at most"):
        shared_checks.save(tmp_path, "x" * (MAX_TEXT_BYTES + 1))
    assert not (tmp_path / "state" / "checks").exists() or not list(
        (tmp_path / "state" / "checks").iterdir())


def test_beyond_the_count_cap_the_least_recently_used_go_first(tmp_path, monkeypatch):
    monkeypatch.setattr(shared_checks, "MAX_CHECKS", 3)
    ids = []
    for i in range(3):
        ids.append(shared_checks.save(tmp_path, f"text {i}"))
        path = tmp_path / "state" / "checks" / f"{ids[-1]}.json"
        os.utime(path, ns=(i * 10**9, i * 10**9))  # written one second apart
    shared_checks.save(tmp_path, "text 0")  # used again: now the most recent
    os.utime(tmp_path / "state" / "checks" / f"{ids[0]}.json", ns=(5 * 10**9, 5 * 10**9))
    removed = shared_checks.evict(tmp_path / "state" / "checks", keep=2)

    assert removed == [ids[1]]
    assert shared_checks.load(tmp_path, ids[1]) is None
    assert shared_checks.load(tmp_path, ids[0]) is not None


def test_saving_keeps_no_more_than_the_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(shared_checks, "MAX_CHECKS", 2)
    for i in range(5):
        shared_checks.save(tmp_path, f"text {i}")
    assert len(list((tmp_path / "state" / "checks").glob("*.json"))) == 2


@pytest.mark.parametrize("check_id", [
    "../../etc/passwd", "a" * 63, "a" * 65, "A" * 64, "g" * 64, "a" * 64 + "\n", None, 42,
    ["a" * 64], "../" + "a" * 61, "a" * 32 + "/" + "a" * 31,
])
def test_an_id_that_is_not_exactly_64_hex_digits_never_touches_the_file_system(
    tmp_path, monkeypatch, check_id
):
    opened = []
    monkeypatch.setattr(shared_checks.Path, "read_bytes", lambda self: opened.append(self))
    assert shared_checks.load(tmp_path, check_id) is None
    assert opened == []


def test_a_file_changed_after_it_was_stored_counts_as_missing(tmp_path):
    check_id = shared_checks.save(tmp_path, "Original text.")
    path = tmp_path / "state" / "checks" / f"{check_id}.json"
    path.write_text(json.dumps({"text": "Altered text.", "as_of": ""}))
    assert shared_checks.load(tmp_path, check_id) is None
