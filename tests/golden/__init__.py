"""Golden outputs of the read commands; see make.py."""
