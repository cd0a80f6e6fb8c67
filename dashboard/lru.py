"""A least-recently-used cache bounded by bytes, not by entries.

Keys come from what visitors send (query strings, callback bodies), so a count of entries says
nothing about memory: one entry may be 1 KB or 1 MB. Each entry is stored with its size, and the
oldest go once the total passes the budget. One value larger than an eighth of the budget is
not kept at all, so a single huge answer cannot flush everything else.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any


class ByteLRU:
    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._items: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            self._items.move_to_end(key)
            return item[0]

    def put(self, key: Hashable, value: Any, size: int) -> None:
        if size > self.max_bytes // 8:
            return
        with self._lock:
            if key in self._items:
                return
            self._items[key] = (value, size)
            self._size += size
            while self._size > self.max_bytes:
                _, (_, old) = self._items.popitem(last=False)
                self._size -= old

    @property
    def size(self) -> int:
        """Bytes held now (as the sizes given to `put` count them)."""
        return self._size

    def __len__(self) -> int:
        return len(self._items)
