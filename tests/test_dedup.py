from crawler.dedup import NearDuplicateIndex, signature, similarity

STORY = ("Police from four Mekong countries will begin joint river patrols next month after ministers "
         "agreed on a plan to curb methamphetamine trafficking, officials said on Tuesday. The patrols "
         "will cover the stretch between Chiang Saen and Guanlei and share intelligence through a new "
         "liaison office, according to the agreement signed by the delegations at the meeting.")


def test_dedup_finds_syndicated_copy_with_new_intro_and_boilerplate():
    index = NearDuplicateIndex()
    index.add("https://a.example/story", signature(STORY))
    copy = "BANGKOK (Wire) - Ministers sealed a patrol deal. " + STORY + " Follow us for more news."
    assert index.find(signature(copy)) == "https://a.example/story"


def test_dedup_leaves_different_story_alone():
    index = NearDuplicateIndex()
    index.add("https://a.example/story", signature(STORY))
    other = ("Customs officers at the railway station found crystal methamphetamine hidden in tea "
             "packages, the provincial customs chief told reporters, adding that two suspects fled.")
    assert index.find(signature(other)) is None


def test_dedup_signature_is_deterministic():
    assert signature(STORY) == signature(STORY)
    assert similarity(signature(STORY), signature(STORY)) == 1.0
