"""The customer experience over time: journey facts at every commit, from git history (``cjm history``)."""
