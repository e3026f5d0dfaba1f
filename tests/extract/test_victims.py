"""Named victims (`victims.find_victims`): rules on hand-written sentences (fictional names)."""

from __future__ import annotations

from civcas.extract.casualties import extract_casualties
from civcas.extract.victims import find_victims


def test_given_names_alone_after_a_close_relation() -> None:
    text = (
        "The victims were identified as Karim Darwazeh (50 years old), his wife Rasha, and their children "
        "Sami Darwazeh (son, 14 years old), Huda (daughter, 20 years old), Dalal (daughter, 18 years old) "
        "and Lina (daughter, 16 years old)."
    )
    roster = find_victims(text)
    by_name = {v.name: v for v in roster.victims}
    assert {"Rasha", "Huda", "Dalal", "Lina"} <= set(by_name)
    assert by_name["Huda"].female and not by_name["Huda"].child  # her own relation, her own age
    assert (roster.children, roster.women, roster.men) == (2, 3, 1)


def test_a_given_name_after_a_parent_of_someone_is_no_victim() -> None:
    text = (
        "Killed were 40-year-old Nabil Darwazeh and Omar Nabil Darwazeh, 5 (son of their son Tamer and brother "
        "of Rami). His uncle Sami said the house was destroyed."
    )
    names = {v.name for v in find_victims(text).victims}
    assert names == {"Nabil Darwazeh", "Omar Nabil Darwazeh"}


def test_short_form_of_a_name_is_the_same_person() -> None:
    text = (
        "Killed were 62-year-old Nabil Karim Darwazeh, his son 31-year-old Sami Nabil Karim Darwazeh and "
        "his daughter 34-year-old Dr. Huda Nabil Karim Darwazeh. A relative posted: his son, Sami Darwazeh, "
        "and his daughter, Dr. Huda Darwazeh, were killed."
    )
    roster = find_victims(text)
    assert roster.total == 3
    assert roster.children == 0  # "Dr." ends no sentence: the ages are read, nobody is counted twice


def test_unnamed_wife_known_by_whose_she_was() -> None:
    text = (
        "Two brothers, 64-year-old Khalil Saleh Darwazeh and 60-year-old Nabil Saleh Darwazeh, were killed "
        "alongside Nabil’s wife and their 23-year-old daughter Rasha Nabil Darwazeh. "
        "Nabil’s wife was a teacher."
    )
    roster = find_victims(text)
    assert (roster.women, roster.men) == (2, 2)  # the wife once, though mentioned twice


def test_named_wife_is_not_counted_again_unnamed() -> None:
    text = (
        "Killed in the strike were 40-year-old Tamer Darwazeh and his wife, 35-year-old Huda Saleh. "
        "Huda Saleh, Tamer’s wife, was a nurse. Relatives said Tamer’s wife was killed in her sleep."
    )
    assert find_victims(text).women == 1


def test_a_man_with_a_wife_is_a_man_whatever_his_name() -> None:
    text = "Killed were Dr. Hala Karim Darwazeh (27), and Hala’s wife, who was pregnant."
    roster = find_victims(text)
    assert (roster.women, roster.men) == (1, 1)


def test_married_daughter_is_an_adult() -> None:
    text = (
        "Killed were 70-year-old Salim Darwazeh and his daughter Huda Salim Darwazeh, who was killed with her "
        "husband Rami Karim Saleh."
    )
    roster = find_victims(text)
    by_name = {v.name: v for v in roster.victims}
    assert not by_name["Huda Salim Darwazeh"].child and roster.women == 1


def test_pair_of_relations_before_two_names() -> None:
    text = (
        "Three more relatives died in the strike: 8-year-old Lina Karim Darwazeh, and mother and son "
        "Rasha Nabil Darwazeh and Sami Darwazeh."
    )
    by_name = {v.name: v for v in find_victims(text).victims}
    assert by_name["Rasha Nabil Darwazeh"].female and not by_name["Rasha Nabil Darwazeh"].child
    assert by_name["Sami Darwazeh"].child and by_name["Sami Darwazeh"].female is False


def test_age_stated_later_in_a_sentence_of_its_own() -> None:
    text = (
        "A child from the same family, Adam Nabil Darwazeh, was also killed. "
        "According to relatives, Adam was only five years old."
    )
    (victim,) = find_victims(text).victims
    assert victim.age == 5 and victim.child


def test_killed_comma_along_with_a_name() -> None:
    text = "Karim Darwazeh (64) and his wife Huda Saleh (63) were among those killed, along with Rasha Nabil Darwazeh."
    assert find_victims(text).women == 2


def test_breakdown_far_after_including_belongs_to_the_verb() -> None:
    f = extract_casualties(
        "On 2 April, shelling of the Darwazeh house reportedly killed up to 22 civilians, including up to 14 "
        "relatives and at least three neighbours, and up to nine children and at least two women, besides "
        "injuring 30 others.\n\n"
        "A rights group said six children were among the dead."
    )
    assert f.children_killed is not None
    assert (f.children_killed.min, f.children_killed.max) == (6, 9)


def test_injured_breakdown_after_and_another() -> None:
    f = extract_casualties(
        "At least 8 civilians were reportedly killed, including children, and another 20 were reported "
        "injured, including at least four children, when a shell hit their street."
    )
    assert f.injured is not None and f.injured.min == 20
    # the four children were injured; "including children" among the killed is a bare plural
    assert f.children_killed is not None and f.children_killed.min == 2


def test_victims_the_text_says_it_cannot_name() -> None:
    text = (
        "The dead included Rami Darwazeh, his pregnant wife Huda Saleh and their two children (unnamed). "
        "Sami Darwazeh was killed with his 10-year-old daughter Lina Darwazeh and a grandson whose name "
        "and age are unknown."
    )
    roster = find_victims(text)
    assert (roster.children, roster.women) == (4, 1)


def test_unnamed_victims_in_a_clause_about_the_injured_are_left_out() -> None:
    text = (
        "Shelling killed Tamer Darwazeh as well as a woman and an infant whose names were not released; "
        "it also injured 15 others, including a girl whose name is unknown."
    )
    roster = find_victims(text)
    assert (roster.children, roster.women) == (1, 1)


def test_in_law_relations_and_infant_pairs() -> None:
    text = (
        "Among those killed were Rami Darwazeh and his wife Huda Saleh. Their infant niece and nephew, "
        "Lina Karim Darwazeh and Sami Karim Darwazeh, along with Huda’s sister-in-law, Ihsan Karim Darwazeh."
    )
    roster = find_victims(text)
    by_name = {v.name: v for v in roster.victims}
    assert by_name["Sami Karim Darwazeh"].child and by_name["Lina Karim Darwazeh"].child
    assert by_name["Ihsan Karim Darwazeh"].female  # the relation says so, whatever the given name
    assert roster.women == 2


def test_a_relative_who_speaks_of_the_dead_is_no_victim() -> None:
    text = (
        "Lina Karim Darwazeh, 9, was killed. She was remembered by her sister-in-law, Huda Saleh, as "
        "a cheerful girl."
    )
    names = {v.name for v in find_victims(text).victims}
    assert names == {"Lina Karim Darwazeh"}


def test_the_monitors_own_coding_of_ages() -> None:
    text = (
        "Tamer Nabil Darwazeh was reportedly killed. Photos of him suggest a teenager, and Tamer has "
        "been counted as a child."
    )
    assert find_victims(text).children == 1
    text = (
        "Killed were Sami Darwazeh, his wife, Huda Saleh, and their three children. Their daughters, "
        "Rasha Sami Darwazeh and Lina Sami Darwazeh, and their son, Adam Sami Darwazeh. Adam was identified by a "
        "relative as a child, however, it was not clear if Rasha and Lina were also children."
    )
    assert find_victims(text).children == 1


def test_age_stated_later_after_an_apposition() -> None:
    text = (
        "Huda Saleh died with her son Sami Karim Darwazeh. Her son, Sami Karim Darwazeh, was just four "
        "and a half years old."
    )
    ages = {v.name: v.age for v in find_victims(text).victims}
    assert ages["Sami Karim Darwazeh"] == 4


def test_named_count_within_the_reported_range_takes_the_lowest_report() -> None:
    names = ", ".join(
        f"{age}-year-old {given} Karim Darwazeh"
        for age, given in zip(range(3, 11), "Adam Sami Lina Rami Tamer Huda Yara Omar".split(), strict=True)
    )
    f = extract_casualties(
        "A strike on a school in Gaza City killed dozens of people on May 3.\n\n"
        "A rights group said at least seven children were killed; a news agency said 11 children died.\n\n"
        f"Among the dead were {names}."
    )
    assert f.children_killed is not None
    assert (f.children_killed.min, f.children_killed.max) == (7, 11)


def test_transliterations_of_one_family_name_are_one_person() -> None:
    text = (
        "Um Sami Darwazeh was killed, as was her granddaughter, one-year-old Lina Karim Darwazah. "
        "A photo shows the child, identified as Lina Darwazeh, was killed in the strike."
    )
    assert find_victims(text).children == 1


def test_a_relation_list_goes_on_after_as_well_as() -> None:
    text = (
        "Among those killed were Huda Saleh’s sons, 12-year-old Sami Karim Darwazeh and 4-year-old Adam Karim "
        "Darwazeh, as well as 11-year-old Lina Karim Darwazeh and Omar Karim Darwazeh."
    )
    assert find_victims(text).children == 4


def test_the_wife_of_a_man_named_before_her() -> None:
    text = "The wife of Tamer, Lina and their son three-year-old Adam Tamer Darwazeh were also killed."
    roster = find_victims(text)
    assert (roster.women, roster.children) == (1, 1)


def test_son_to_a_parent_names_the_parent_not_a_child() -> None:
    # "son to X" is X's son: X is the parent, not a child among the dead.
    text = (
        "Karim Tamer Darwazeh (26 years old), a volunteer with the local sports club and son to Tamer "
        "Darwazeh, the club's chairman, was killed in the strike."
    )
    assert find_victims(text).children == 0


def test_a_clause_about_the_injured_after_the_killed() -> None:
    text = (
        "Their daughter Lina Sami Darwazeh was killed, while her young siblings Adam Sami Darwazeh (5) and "
        "Yara Sami Darwazeh were all injured. The family was mourned by surviving relatives Huda Karim "
        "Saleh and her cousin Rasha Karim Saleh."
    )
    names = {v.name for v in find_victims(text).victims}
    assert names == {"Lina Sami Darwazeh"}


def test_someones_spouse_is_an_adult() -> None:
    text = (
        "Relatives named Abu Karim Darwazeh and Abu Karim’s son Rami Darwazeh as killed. Huda Saleh posted in "
        "memory of her husband, Rami."
    )
    assert find_victims(text).children == 0


def test_among_them_and_pregnant_victims() -> None:
    text = (
        "The shelling killed five people from the Darwazeh family. Among them were Ihsan Karim Darwazeh, "
        "who was pregnant, and her sister Dalal Karim Darwazeh."
    )
    roster = find_victims(text)
    assert {v.name for v in roster.victims} == {"Ihsan Karim Darwazeh", "Dalal Karim Darwazeh"}
    assert roster.women == 2


def test_names_of_places_are_no_victims() -> None:
    text = "Samir Karim Darwazeh (40) was killed near the Olive Grove School, as was Raniyah Darwazeh (38)."
    roster = find_victims(text)
    assert {v.name for v in roster.victims} == {"Samir Karim Darwazeh", "Raniyah Darwazeh"}
    assert (roster.women, roster.men) == (1, 1)  # "-ah" is the "-a" of women's names ("-llah" aside)


def test_a_relation_word_starting_a_sentence_is_no_part_of_the_name() -> None:
    roster = find_victims("Sisters Rana (8) and Sara (5) were killed when the shell struck their home.")
    assert [v.name for v in roster.victims] == ["Rana", "Sara"]
    assert (roster.children, roster.women, roster.men) == (2, 0, 0)
    roster = find_victims("Brothers Omar Haddad (34) and Ali Haddad (29) were killed in the strike.")
    assert [v.name for v in roster.victims] == ["Omar Haddad", "Ali Haddad"]
    assert (roster.children, roster.women, roster.men) == (0, 0, 2)
