"""Run every benchmark of the project and print one table: each figure, its target, and whether it is met."""

from benchmarks import (
    bench_app,
    bench_export,
    bench_hostile,
    bench_images,
    bench_live,
    bench_loader,
    bench_scale,
    bench_site,
    bench_update,
    bench_webpage,
    load,
)
from benchmarks.common import table

BENCHMARKS = [
    bench_loader,
    bench_app,
    bench_scale,
    bench_export,
    bench_images,
    bench_update,
    bench_webpage,
    bench_hostile,
    load,
    bench_site,
    bench_live,
]


def main() -> None:
    results = []
    for bench in BENCHMARKS:
        results.extend(bench.run())
    print()
    print(table(results))


if __name__ == "__main__":
    main()
