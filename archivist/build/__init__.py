"""The build: content -> markup -> taxonomy -> site -> render (+ exports) -> output ->
search, with pipeline.build() running them; the speed machinery attaches through speed.Speed."""
