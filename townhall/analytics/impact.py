"""Before and after a change: interrupted time series by segmented regression.

Pure module (statsmodels, no Django). The model, fitted by ordinary least squares:

    y_t = b0 + b1 * t + b2 * after_t + b3 * (t - t0) * after_t

b2 is the jump in level when the change came in, b3 the change in trend. Serial
correlation makes plain OLS intervals too narrow, so they use Newey-West (HAC)
standard errors with one lag.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

MIN_EACH_SIDE = 3


@dataclass(frozen=True)
class Impact:
    level_change: float
    level_low: float
    level_high: float
    trend_change: float
    trend_low: float
    trend_high: float
    before: int  # periods with a figure before the change
    after: int
    confidence: float


def interrupted_time_series(
    values: Sequence[float | None], change_at: int, *, confidence: float = 0.95
) -> Impact | None:
    """The estimate for `values` (one per period, None where there is no figure) with
    the change taking effect at index `change_at`; None with too few periods."""
    import statsmodels.api as sm

    t = np.array([i for i, v in enumerate(values) if v is not None], dtype=float)
    y = np.array([v for v in values if v is not None], dtype=float)
    after = (t >= change_at).astype(float)
    before_n, after_n = int((after == 0).sum()), int(after.sum())
    if before_n < MIN_EACH_SIDE or after_n < MIN_EACH_SIDE:
        return None
    design = np.column_stack([np.ones_like(t), t, after, (t - change_at) * after])
    fit = sm.OLS(y, design).fit(cov_type="HAC", cov_kwds={"maxlags": 1})
    low, high = fit.conf_int(alpha=1 - confidence).T
    return Impact(
        level_change=float(fit.params[2]),
        level_low=float(low[2]),
        level_high=float(high[2]),
        trend_change=float(fit.params[3]),
        trend_low=float(low[3]),
        trend_high=float(high[3]),
        before=before_n,
        after=after_n,
        confidence=confidence,
    )
