"""Writes the example predictions: a churn classifier (baseline) and its retrained candidate, scored on the same
2,000 held-out customers. Seeded, so running it again gives the same files. Run with a Python that has NumPy."""
import numpy as np

rng = np.random.default_rng(2026)
n = 2000
region = rng.choice(['emea', 'amer', 'apac'], n, p=[0.45, 0.4, 0.15])
tenure = rng.gamma(2.0, 12.0, n)
churned = (rng.random(n) < 1 / (1 + np.exp(0.08 * tenure - 0.6))).astype(int)
signal = churned * 1.6 - 0.8


def scores(noise):
    logit = signal + rng.normal(0, noise, n)
    return np.round(1 / (1 + np.exp(-logit)), 4)


for name, noise in [('baseline', 1.0), ('candidate', 0.9)]:
    p = scores(noise)
    with open(f'{name}.csv', 'w') as out:
        out.write('customer_id,label,score,region\n')
        for i in range(n):
            out.write(f'c{i:05d},{churned[i]},{p[i]},{region[i]}\n')
