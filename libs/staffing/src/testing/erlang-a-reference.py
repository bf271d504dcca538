"""Reference values for the Erlang A tests (erlang-a.spec.ts), computed independently of erlang-a.ts.

Method (no incomplete gamma function, no series in closed form): the M/M/N+M birth-death chain is
truncated where its terms fall below 1e-60 of the total and normalised in 200-digit arithmetic
(mpmath). P(wait), the mean queue and P(abandon) = theta * E[queue] / lambda come from it directly.
The service level uses a tagged customer: one who arrives to find j contacts waiting ahead reaches an
agent after V = sum_{i=0..j} Exp(N mu + i theta) (the hypoexponential law, exact density) and is
answered within T iff V <= T and its own patience exceeds V:
  G_j(T) = sum_i c_i r_i / (r_i + theta) * (1 - exp(-(r_i + theta) T)),  c_i = prod_{k != i} r_k / (r_k - r_i).
Run: python3 libs/staffing/src/testing/erlang-a-reference.py
"""
from mpmath import mp, mpf, exp

mp.dps = 200


def reference(contacts, interval, aht, patience, n, t):
    lam = mpf(contacts) / interval
    mu = mpf(1) / aht
    theta = mpf(1) / patience
    probs = [mpf(1)]
    total = mpf(1)
    k = 0
    while True:
        k += 1
        death = min(k, n) * mu + max(k - n, 0) * theta
        term = probs[-1] * lam / death
        probs.append(term)
        total += term
        if k > n and term < mpf(10) ** -60 * total:
            break
    probs = [p / total for p in probs]
    p_wait = sum(probs[n:])
    queue = sum((i - n) * probs[i] for i in range(n, len(probs)))
    p_ab = theta * queue / lam
    asa = queue / lam
    occ = lam * (1 - p_ab) / (n * mu)
    if len(probs) - n > 150:
        # The hypoexponential sum alternates and loses ~j digits: beyond 150 waiting states even 200
        # digits are not enough, so no service-level reference for such a queue.
        return p_wait, p_ab, asa, occ, None
    sl = sum(probs[:n])
    for j in range(0, len(probs) - n):
        weight = probs[n + j]
        if weight < mpf(10) ** -40:
            continue
        rates = [n * mu + i * theta for i in range(j + 1)]
        g = mpf(0)
        for i, r in enumerate(rates):
            c = mpf(1)
            for kk, rk in enumerate(rates):
                if kk != i:
                    c *= rk / (rk - r)
            g += c * r / (r + theta) * (1 - exp(-(r + theta) * t))
        sl += weight * g
    return p_wait, p_ab, asa, occ, sl


CASES = [
    # pyworkforce's ErlangA example: 100 contacts in 30 min, AHT 3 min, patience 5 min, T = 20 s.
    dict(contacts=100, interval=1800, aht=180, patience=300, n=14, t=20),
    dict(contacts=100, interval=1800, aht=180, patience=300, n=10, t=20),
    dict(contacts=100, interval=1800, aht=180, patience=300, n=8, t=20),
    dict(contacts=2.4, interval=900, aht=300, patience=60, n=1, t=15),
    dict(contacts=187.5, interval=900, aht=240, patience=120, n=45, t=30),
    dict(contacts=187.5, interval=900, aht=240, patience=120, n=55, t=30),
    dict(contacts=1200, interval=900, aht=300, patience=600, n=395, t=20),
]

if __name__ == '__main__':
    for case in CASES:
        p_wait, p_ab, asa, occ, sl = reference(**case)
        fmt = lambda v: 'null' if v is None else mp.nstr(v, 20)
        print(f"{{ ...{case}, pWait: {fmt(p_wait)}, pAbandon: {fmt(p_ab)}, asa: {fmt(asa)}, occupancy: {fmt(occ)}, sl: {fmt(sl)} }},")
