# Why count metrics use the exact conditional rate-ratio test (shared/stats/rate-ratio.ts): the one-sided false
# alarm rate at 98% (nominal 1%) of three two-proportion tests under no change, computed exactly (Poisson counts
# enumerated, not simulated) for a 5% canary (50 requests a step against 1000) at a 0.1% error rate, over n steps.
# Usage: /usr/bin/python3 bench/aa-count-tests.py   (statsmodels, SciPy; about a minute)
import warnings

import numpy as np
from scipy.stats import binomtest, poisson
from statsmodels.stats.proportion import confint_proportions_2indep

warnings.filterwarnings('ignore')


def alarm_rate(steps, method):
    n_canary, n_baseline = 50 * steps, 1000 * steps
    mean_canary, mean_baseline = 0.001 * n_canary, 0.001 * n_baseline
    total = 0.0
    for x_canary in range(int(mean_canary + 8 * np.sqrt(mean_canary) + 10)):
        p_canary = poisson.pmf(x_canary, mean_canary)
        for x_baseline in range(int(mean_baseline + 8 * np.sqrt(mean_baseline) + 10)):
            weight = p_canary * poisson.pmf(x_baseline, mean_baseline)
            if weight < 1e-13:
                continue
            if method == 'exact conditional':
                events = x_canary + x_baseline
                share = n_canary / (n_canary + n_baseline)
                alarm = events > 0 and binomtest(x_canary, events, share, alternative='greater').pvalue < 0.01
            else:
                try:
                    lower, _ = confint_proportions_2indep(
                        x_canary, n_canary, x_baseline, n_baseline, method=method, compare='diff', alpha=0.02
                    )
                except (ZeroDivisionError, ValueError):  # statsmodels' score inversion fails at some edges
                    continue
                alarm = lower > 0
            if alarm:
                total += weight
    return total


for steps in [2, 5, 10, 30, 60]:
    rates = {m: f'{100 * alarm_rate(steps, m):.2f}%' for m in ['newcomb', 'score', 'exact conditional']}
    print(f'n={steps:>2} steps: ' + ', '.join(f'{m} {r}' for m, r in rates.items()))
