"""Plumbing every stage shares: errors, atomic files, the stage contract, progress, device, model resolution."""
