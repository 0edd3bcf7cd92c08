"""``qa-bot bench``: throughput, latency, memory and start-up, against the usual recipe."""
