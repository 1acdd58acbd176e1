"""Command-line tools beside the pipeline.

The installation self-check (:mod:`.check`) and the sample maker (:mod:`.make_sample`).
"""
