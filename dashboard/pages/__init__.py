"""Page builders: pure functions from a data snapshot to Dash components. Data is always shown as text."""
