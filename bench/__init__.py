"""Performance benchmark (GitHub issue 6): ingest throughput against the raw encoders, warm
latency, cold start, memory, disk, re-ingest, and the LangChain-defaults pipeline, measured in
one run. `make bench` or `python bench/run.py --help`; results in bench/RESULTS.md."""
