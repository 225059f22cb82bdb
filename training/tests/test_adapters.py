import tempfile
import unittest
from pathlib import Path

from training.adapters import ADAPTERS, MissingCorpusError
from training.tests import synthetic


class AdapterTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.root = Path(cls.tmp.name)
        for make in (synthetic.make_ravdess, synthetic.make_tess, synthetic.make_emodb,
                     synthetic.make_cremad, synthetic.make_emovdb, synthetic.make_ased,
                     synthetic.make_baved, synthetic.make_nemo):
            make(cls.root)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def scan(self, corpus):
        return ADAPTERS[corpus](self.root / corpus)

    def test_ravdess_parses_emotion_intensity_actor_gender_and_skips_song(self):
        recs = self.scan("ravdess")
        self.assertEqual(len(recs), 3 * 15)
        r = next(r for r in recs if Path(r.path).name == "03-01-05-02-01-01-02.flac")
        self.assertEqual((r.raw_label, r.intensity, r.speaker, r.gender), ("angry", "strong", "02", "female"))
        self.assertEqual(next(r for r in recs if r.speaker == "19").gender, "male")

    def test_tess_maps_the_oa_prefix_to_oaf(self):
        recs = self.scan("tess")
        self.assertEqual({r.speaker for r in recs}, {"OAF", "YAF"})
        self.assertIn("ps", {r.raw_label for r in recs})

    def test_emodb_letters(self):
        recs = self.scan("emodb")
        got = {(r.speaker, Path(r.path).stem[5]): r.raw_label for r in recs}
        self.assertEqual(got[("03", "W")], "anger")
        self.assertEqual(got[("15", "L")], "boredom")
        self.assertEqual(next(r.language for r in recs), "de")

    def test_cremad_reads_gender_from_demographics(self):
        recs = self.scan("cremad")
        self.assertEqual(len(recs), 12)
        self.assertEqual({r.speaker: r.gender for r in recs}, {"1001": "male", "1091": "female"})

    def test_emovdb_speaker_from_folder_and_emotion_from_prefix(self):
        recs = self.scan("emovdb")
        self.assertEqual({r.speaker for r in recs}, {"bea", "sam"})
        self.assertEqual({r.raw_label for r in recs}, {"amused", "anger", "disgust", "neutral", "sleepiness"})

    def test_ased_parses_letter_gender_speaker_in_any_case(self):
        recs = self.scan("ased")
        self.assertEqual(len(recs), 11)
        got = {Path(r.path).stem: (r.raw_label, r.speaker, r.gender) for r in recs}
        self.assertEqual(got["a5-01-01-02-53"], ("angry", "53", "male"))
        self.assertEqual(got["n1-01-01-01-01"], ("neutral", "01", "female"))
        self.assertEqual(got["S4-02-01-01-01"], ("sad", "01", "female"))
        self.assertEqual({r.language for r in recs}, {"am"})

    def test_baved_levels_are_raw_labels_low_neutral_high(self):
        recs = self.scan("baved")
        self.assertEqual(len(recs), 12)
        got = {Path(r.path).stem: (r.raw_label, r.speaker, r.gender, r.text) for r in recs}
        self.assertEqual(got["0-m-21-6-0-106"], ("low", "0", "male", "word6"))
        self.assertEqual(got["48-f-20-0-2-120"], ("high", "48", "female", "word0"))
        self.assertEqual({r.raw_label for r in recs}, {"low", "neutral", "high"})

    def test_nemo_reads_gender_and_sentence_from_data_tsv(self):
        recs = self.scan("nemo")
        self.assertEqual(len(recs), 12)
        self.assertEqual({r.speaker: r.gender for r in recs}, {"EB0": "female", "WR0": "male"})
        r = next(r for r in recs if Path(r.path).stem == "WR0_sadness_5")
        self.assertEqual((r.raw_label, r.text, r.language), ("sadness", "zdanie 4", "pl"))

    def test_opus_files_decode_at_16_khz(self):
        from training.audio import load_wave
        wave = load_wave(next(r.path for r in self.scan("nemo")))
        self.assertAlmostEqual(len(wave) / 16000, 1.8, delta=0.05)
        self.assertGreater(float(abs(wave).max()), 0.1)

    def test_missing_corpus_says_what_to_download(self):
        with self.assertRaises(MissingCorpusError) as ctx:
            ADAPTERS["ravdess"](self.root / "nowhere")
        self.assertIn("zenodo.org/records/1188976", str(ctx.exception))
        self.assertIn("Actor_01", str(ctx.exception))


if __name__ == "__main__":
    unittest.main()
