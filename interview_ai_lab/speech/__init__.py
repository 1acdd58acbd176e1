"""The speech signal: loudness levelling, voiced coverage, pure acoustic metrics."""
