"""Running the reading of a user's file in a worker process with a time and a memory limit.

A hostile file can make a reader loop forever (a GeoPackage view that never ends) or allocate
without bound (a zip bomb). Whatever the reader does, the worker is killed past `seconds` and
cannot map more than `memory_mb` beyond what it started with (RLIMIT_AS), and the caller gets
a plain Problem instead of a hang, an out-of-memory kill or a traceback.

One function, `run_bounded`, is used by `kengir-geo add`, `validate FILE` and the upload page.
A single-threaded caller (the CLI) forks, which costs milliseconds; a threaded one (the
Streamlit server) asks a fork server that has imported the readers once.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import resource
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

log = logging.getLogger(__name__)

_PRELOAD = ["kengir_geo.ingest.pipeline"]


@dataclass(frozen=True)
class Failure:
    """Why the worker gave no result: 'time', 'memory' or 'crash', in words for the reader."""

    reason: str
    message: str


def _address_space() -> int:
    """Bytes of address space this process maps now (VmSize)."""
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _worker(conn: Connection, memory_mb: int, func: Callable[..., Any], args: tuple, kwargs: dict):
    try:
        limit = _address_space() + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash leaves no core file behind
        try:
            result: Any = ("ok", func(*args, **kwargs))
        except MemoryError:
            result = ("memory", None)
        conn.send(result)
    except MemoryError:
        conn.send(("memory", None))
    except BaseException:  # the parent reports it; the worker must never hang on it
        conn.send(("crash", traceback.format_exc(limit=-8)))
    finally:
        conn.close()


def _context() -> multiprocessing.context.BaseContext:
    if threading.active_count() == 1:
        return multiprocessing.get_context("fork")  # nothing else runs: a fork is safe and quick
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_PRELOAD)
    return context


def run_bounded(
    func: Callable[..., Any], *args: Any, seconds: float, memory_mb: int, **kwargs: Any
) -> Any:
    """func(*args, **kwargs) in a worker, or a Failure when it needs more time or memory than
    allowed, or dies. `func` and its arguments must be picklable (a module-level function)."""
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(
        target=_worker, args=(sender, memory_mb, func, args, kwargs), daemon=True
    )
    worker.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            return Failure(
                "time",
                f"reading the file took longer than the limit of {seconds:g} seconds and was "
                "stopped (is it a GeoPackage whose layer is a view that never ends?)",
            )
        kind, value = receiver.recv()
    except (EOFError, OSError):  # the worker died before answering: killed by the memory limit
        kind, value = "memory", None
    finally:
        if worker.is_alive():
            worker.kill()
        worker.join(5)
        receiver.close()
    if kind == "ok":
        return value
    if kind == "memory":
        return Failure(
            "memory",
            f"reading the file needed more memory than the limit of {memory_mb} MB and was "
            "stopped (is it much larger inside than on disk?)",
        )
    log.debug("the file reader failed:\n%s", value)  # for a developer; never on screen
    return Failure("crash", "the file could not be read: the reader failed on it")
