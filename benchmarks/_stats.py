"""Summaries of repeated timings: the machine is shared and noisy, so never one number."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile: the value below which `fraction` of the samples lie."""
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered) - 1e-9))  # 0.95 * 100 may be 95.0000001
    return ordered[min(rank, len(ordered)) - 1]


@dataclass(frozen=True)
class Summary:
    """Median, p95 and range of one quantity's samples (seconds, bytes, megabytes…)."""

    samples: tuple[float, ...]

    @classmethod
    def of(cls, values) -> Summary:
        values = tuple(float(v) for v in values)
        if not values:
            raise ValueError("no samples to summarise")
        return cls(values)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        return percentile(list(self.samples), 0.95)

    @property
    def low(self) -> float:
        return min(self.samples)

    @property
    def high(self) -> float:
        return max(self.samples)

    @property
    def count(self) -> int:
        return len(self.samples)


def paired_ratios(ours: list[float], baseline: list[float]) -> Summary:
    """Ratio ours/baseline per round: both were measured back to back, so the noise of that
    moment divides out better than in a ratio of two medians taken minutes apart."""
    return Summary.of(o / b for o, b in zip(ours, baseline, strict=True) if b > 0)
