"""Command-line tools beside the pipeline: the installation self-check (:mod:`.check`) and the sample maker
(:mod:`.make_sample`)."""
