"""Media in and out: FFmpeg discovery and probing, decoded video frames, audio samples."""
