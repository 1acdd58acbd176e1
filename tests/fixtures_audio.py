"""Generated audio fixtures (filled by the stage that owns them)."""
