class RecordError(ValueError):
    """A record that cannot be parsed; the message says why, for a person."""
