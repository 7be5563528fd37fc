"""Stance and topic: the trained transformer (slow), the cue-verb baseline, and the config seam."""

import pytest
from spacy.language import Language

from nlp.stance import STANCES, TOPICS, rule_stance, rule_topic
from nlp.stance_model import ARCHITECTURE, expected_calibration_error, macro_f1


@pytest.mark.parametrize("text,cue,label", [
    ("continue joint patrols on the Mekong", "pledged", "pledge"),
    ("the allegations were groundless", "said", "denial"),
    ("closer cooperation among Mekong countries", "called for", "call_for_cooperation"),
    ("police to raid the compounds", "urged", "demand"),
    ("the rise of synthetic drugs", "warned of", "concern"),
])
def test_stance_rules_baseline_reads_cue_and_content(text, cue, label):
    assert rule_stance(text, cue) == label


def test_stance_topic_rules():
    assert rule_topic("scam compounds lure workers") == "online scams"
    assert rule_topic("a new bridge opened", "") == "other"


def test_stance_metrics():
    assert macro_f1(["a", "b"], ["a", "b"], ["a", "b"]) == 1.0
    assert expected_calibration_error([1.0, 1.0], [True, False]) == pytest.approx(0.5)


@Language.factory("tonle_stance_stub")
def _make_stub(nlp, name):
    """A test double chosen by config: every statement neutral, no model loaded."""

    class Stub:
        version = "stub"

        def __call__(self, doc):
            for st in doc._.statements:
                st.stance, st.stance_score, st.topic, st.topic_score = "neutral", 1.0, "other", 1.0
            doc.user_data["tonle_stance_version"] = "stub"
            return doc

    return Stub()


def test_stance_component_is_chosen_by_config(tonle_home):
    import tonle_config
    from nlp.pipeline import analyse, build_pipeline

    tonle_home.mkdir(parents=True)
    (tonle_home / "config.toml").write_text('stance_component = "tonle_stance_stub"\n', encoding="utf-8")
    nlp = build_pipeline(tonle_config.load())
    assert "tonle_stance_stub" in nlp.pipe_names and "tonle_stance" not in nlp.pipe_names
    record = next(analyse(nlp, [("Police chief Mao Ratanak said the border was calm.", None)]))
    assert record["stance_model"] == "stub"
    assert [s["stance"] for s in record["statements"]] == ["neutral"]


@pytest.mark.slow
def test_stance_transformer_labels_with_probabilities(nlp):
    from nlp.pipeline import analyse

    text = ("Deputy police chief Mao Ratanak pledged to continue joint patrols with Thai police. "
            "He denied that officers had taken bribes from smugglers.")
    record = next(analyse(nlp, [(text, None)]))
    assert record["stance_model"].startswith(f"{ARCHITECTURE}+")
    by_text = {s["text"]: s for s in record["statements"]}
    assert by_text["continue joint patrols with Thai police"]["stance"] == "pledge"
    denied = next(s for t, s in by_text.items() if "bribes" in t)
    assert denied["stance"] == "denial"
    for st in record["statements"]:
        assert st["stance"] in STANCES and st["topic"] in TOPICS
        assert 0.0 < st["stance_score"] <= 1.0 and 0.0 < st["topic_score"] <= 1.0


@pytest.mark.slow
def test_stance_artifact_round_trip_folds_adapters_without_changing_outputs(tmp_path):
    import numpy as np
    import torch

    from nlp.stance_model import LORA_TARGETS, StanceInput, StanceModel, fine_tune, load, load_rows, save

    rows = load_rows("train-e.jsonl")[:48]
    model = StanceModel(device="cpu")
    fine_tune(model, rows, epochs=1, batch_size=16)
    with torch.no_grad():  # one short epoch barely moves the adapters: give them an effect to fold
        for name, p in model.trainable().items():
            if "lora_b" in name:
                p.normal_(0.0, 0.05)
    save(model, {"version": "test", "rank": 8, "alpha": 16, "lora_targets": list(LORA_TARGETS)}, tmp_path)
    items = [StanceInput(r["text"], r["cue"], r["sentence"]) for r in rows[:8]]

    unmerged, meta = load(tmp_path, device="cpu", merge=False)
    merged, _ = load(tmp_path, device="cpu")
    assert meta["lora_targets"] == list(LORA_TARGETS)
    assert not any("lora_" in n for n, _ in merged.encoder.named_parameters())
    trained, before, after = model.predict(items), unmerged.predict(items), merged.predict(items)
    bare = StanceModel(device="cpu", targets=()).predict(items)
    for t, a, b, c in zip(trained, before, after, bare, strict=True):
        assert t["stance"] == a["stance"] == b["stance"] and t["topic"] == a["topic"] == b["topic"]
        assert a["stance_score"] == pytest.approx(b["stance_score"], abs=1e-4)
        assert a["embedding"] == pytest.approx(b["embedding"], abs=1e-4)
        assert np.abs(np.asarray(b["embedding"]) - np.asarray(c["embedding"])).max() > 1e-2  # adapters count
