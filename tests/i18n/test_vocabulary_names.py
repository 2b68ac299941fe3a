"""Terms give their names in Welsh where the vocabulary has them, and say when they do not, so a
Welsh page can mark the English name it falls back to."""

from __future__ import annotations

from support import ROOT

from generator.content.taxonomy import load_taxonomy


def test_terms_give_their_welsh_names_and_fall_back_to_english() -> None:
    taxonomy, problems = load_taxonomy(ROOT / "content" / "taxonomy")
    assert problems == [] and taxonomy is not None
    police = taxonomy.services["police"]
    assert (police.name_in("cy"), police.name_in("en")) == ("Heddlu", "Police")
    assert police.text_in("cy").startswith("Heddluoedd tiriogaethol") and police.has_name_in("cy")
    assert taxonomy.regions["wales"].name_in("cy") == "Cymru"
    assert taxonomy.organisations["south-wales-police"].name_in("cy") == "Heddlu De Cymru"
    kent = taxonomy.organisations["kent-police"]
    assert (kent.name_in("cy"), kent.has_name_in("cy"), kent.has_name_in("en")) == ("Kent Police", False, True)


def test_every_body_bound_by_the_standards_has_its_welsh_name() -> None:
    taxonomy, _ = load_taxonomy(ROOT / "content" / "taxonomy")
    assert taxonomy is not None
    bound = [term for term in taxonomy.organisations.values() if term.get("welsh_language_standards")]
    assert len(bound) >= 16 and all(term.has_name_in("cy") for term in bound)
