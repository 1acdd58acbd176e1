"""Generated video fixtures (filled by the stage that owns them)."""
