"""Check any article: read it (text or HTML), find its China–Russia trade, payments and energy
statements, resolve each to a query on the snapshot, and judge it with the claims rules.

reading.py (text/HTML in) -> sentences.py -> numbers.py, periods.py, entities.py (the words)
-> finder.py (statements) -> resolver.py (queries) -> check.py (verdicts, the JSON contract);
evaluation.py scores all of it on the labelled articles under data/evaluation/.
"""
