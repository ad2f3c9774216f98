"""Settings for bench/page_throughput_bench.py: Townhall's, plus a bench-only URLconf.

Every setting is read from townhall.settings (so from the same TOWNHALL_*
variables); only ROOT_URLCONF changes, to TOWNHALL_BENCH_URLCONF (by default
bench.bench_urls, which adds the baseline view). The names are copied rather
than star-imported, so that what this module defines stays visible.
"""

import os

from townhall import settings as _townhall

for _name in dir(_townhall):
    if _name.isupper():
        globals()[_name] = getattr(_townhall, _name)

ROOT_URLCONF = os.environ.get("TOWNHALL_BENCH_URLCONF", "bench.bench_urls")
