"""Venezuela defection statistics: a validated Data Package of quoted figures, and a dashboard over it."""

__version__ = "0.1.0"
