"""What makes rebuilds fast, attached to the build through build.speed.Speed
(attach.py): the last build's record, freshness digests and the saved model."""
