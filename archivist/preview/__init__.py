"""serve: the preview server, its quick edits and live reload."""
