"""Benchmarks: scripts that print timing and memory figures, each beside a reference measured in
the same run (these machines are shared and noisy: absolute times drift, ratios hold). Not part
of the test suite: run `python -m benchmarks` (or `make bench`)."""
