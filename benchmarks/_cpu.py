"""CPU seconds used by process trees, read from /proc: who ate the two cores during a run.

A process's utime+stime plus the cutime+cstime of children it has reaped, summed over the live
processes of a tree, counts the renderers Chromium has already closed as well.
"""

from __future__ import annotations

import os
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def _stats() -> dict[int, list[str]]:
    """pid → the fields of /proc/pid/stat after the command name."""
    out = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            out[int(stat.parent.name)] = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError, ValueError):
            continue
    return out


def _descendants(root: int, stats: dict[int, list[str]]) -> set[int]:
    children: dict[int, list[int]] = {}
    for pid, fields in stats.items():
        children.setdefault(int(fields[1]), []).append(pid)  # field 4: parent pid
    found, stack = set(), [root]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def _seconds(fields: list[str]) -> float:
    return sum(int(x) for x in fields[11:15]) / TICKS  # utime stime cutime cstime


def cpu_split(server_group: int, *other_servers: int) -> tuple[float, float]:
    """(CPU seconds of the server's process group, of every other process this one started
    except `other_servers`' groups: the browsers and playwright's driver). Read twice and
    subtract to time a stretch."""
    stats = _stats()
    mine = _descendants(os.getpid(), stats)
    servers = {server_group, *other_servers}
    server = sum(_seconds(f) for pid, f in stats.items() if int(f[2]) == server_group)
    others = sum(_seconds(stats[pid]) for pid in mine if int(stats[pid][2]) not in servers)
    return server, others
