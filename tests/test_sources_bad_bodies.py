"""Every live source refuses a body that is not what its API sends: an HTML error page where data
was expected, a body cut off in transit. The error names the source and says what came instead,
so a refresh keeps that source's last good data and says why."""

from __future__ import annotations

import pytest

from etl.errors import FormatError
from etl.sources import cbr, comtrade, imf
from tests.test_sources_support import fixture

# (source, fixture of an HTML error page, what the error must say about it)
HTML_PAGES = [
    (cbr.SOURCE, "cbr", "HTML page"),
    (comtrade.SOURCE, "comtrade", "expected JSON"),
    (imf.SOURCE, "imf", "got an HTML page"),
]
TRUNCATED = [(cbr.SOURCE, "cbr", "truncated.xml"), (comtrade.SOURCE, "comtrade", "truncated.json"),
             (imf.SOURCE, "imf", "truncated.xml")]


@pytest.mark.parametrize(("source", "folder", "says"), HTML_PAGES, ids=lambda v: str(v)[:8])
def test_an_html_page_instead_of_data_is_a_format_error_naming_the_source(source, folder, says):
    with pytest.raises(FormatError) as caught:
        source.parse(fixture(folder, "html_error_page.html"))

    assert caught.value.source == folder and says in caught.value.detail


def test_the_error_quotes_the_pages_title_so_the_operator_sees_what_the_server_said():
    with pytest.raises(FormatError) as caught:
        comtrade.SOURCE.parse(fixture("comtrade", "html_error_page.html"))

    assert "503 Service Unavailable" in caught.value.detail


@pytest.mark.parametrize(("source", "folder", "name"), TRUNCATED, ids=lambda v: str(v)[:8])
def test_a_truncated_body_is_a_format_error(source, folder, name):
    with pytest.raises(FormatError, match="truncated") as caught:
        source.parse(fixture(folder, name))

    assert caught.value.source == folder
