"""Faces: the landmarker and the tracked candidate, the emotion model, non-verbal metrics."""
