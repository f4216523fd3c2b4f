"""Log timestamps in UTC, ISO 8601 (``2026-11-30T06:40:01.123Z``), whatever the host's zone."""
import logging
import time


class UTCFormatter(logging.Formatter):
    converter = time.gmtime

    def formatTime(self, record, datefmt=None):
        return time.strftime("%Y-%m-%dT%H:%M:%S", self.converter(record.created)) + f".{int(record.msecs):03d}Z"
