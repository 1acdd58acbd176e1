"""Words: transcripts' text helpers, lexicons, sentiment, summary, embeddings, rubrics."""
