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
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

log = logging.getLogger(__name__)

_PRELOAD = ["kengir_geo.ingest.pipeline"]


@dataclass(frozen=True)
class Failure:
    """Why the worker gave no result: 'time', 'memory' or 'crash', in words for the reader;
    `feature` and `hint` come from what the worker said it was doing (`doing`)."""

    reason: str
    message: str
    feature: str = ""
    hint: str = ""


@dataclass(frozen=True)
class Activity:
    what: str  # "reading the file", "repairing feature x (60,000 positions)"
    feature: str = ""
    hint: str = ""  # what the user can do when this step hits a limit


_channel: Connection | None = None  # the pipe to the parent, in a worker


def in_worker() -> bool:
    """True in a bounded worker: its time and memory are limited already."""
    return _channel is not None


def doing(what: str, feature: str = "", hint: str = "") -> None:
    """Tell the parent what the worker is doing now, so that a limit hit names it. Nothing
    outside a worker; call it for steps that may be long or large, not for every feature."""
    if _channel is not None:
        _channel.send(("doing", Activity(what, feature, hint)))


def _address_space() -> int:
    """Bytes of address space this process maps now (VmSize)."""
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _out_of_memory(exc: BaseException) -> bool:
    """MemoryError, or GEOS's C++ std::bad_alloc that shapely raises as GEOSException."""
    return isinstance(exc, MemoryError) or "bad_alloc" in str(exc)


def _worker(conn: Connection, memory_mb: int, func: Callable[..., Any], args: tuple, kwargs: dict):
    global _channel
    _channel = conn
    try:
        limit = _address_space() + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash leaves no core file behind
        try:
            result: Any = ("ok", func(*args, **kwargs))
        except Exception as exc:
            if not _out_of_memory(exc):
                raise
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
    deadline = time.monotonic() + seconds
    activity = Activity("reading the file")
    try:
        while True:
            if not receiver.poll(max(deadline - time.monotonic(), 0)):
                return _failure("time", activity, f"the limit of {seconds:g} seconds")
            kind, value = receiver.recv()
            if kind != "doing":
                break
            activity = value
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
        return _failure("memory", activity, f"the limit of {memory_mb} MB")
    log.debug("the file reader failed:\n%s", value)  # for a developer; never on screen
    return Failure("crash", f"{activity.what} failed", activity.feature, activity.hint)


def _failure(reason: str, activity: Activity, limit: str) -> Failure:
    needed = "took longer than" if reason == "time" else "needed more memory than"
    message = f"{activity.what} {needed} {limit} and was stopped"
    if activity.hint:
        message += f": {activity.hint}"
    return Failure(reason, message, activity.feature, activity.hint)
