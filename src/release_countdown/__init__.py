"""release-countdown: countdowns to the releases you follow, from a TOML registry."""

__version__ = "0.1.0"
