"""EmoTone emotion model pipeline: prepare -> features -> train -> evaluate -> export -> parity."""
