"""Reassurance and resolution said in a message: cues that demote the learned readers' scores.

The bag-of-words model (`flows.crisis_model`) and the sentence-model head
(`flows.crisis_semantic`) score a message on how much it sounds like a crisis, and everyday
messages about hard things sound like one: grief that is getting better, a breakup that feels
good, palliative care said serenely, a toddler's bump that is fine, goodbyes for a move or a
last day at a job, a news item, an idiom said with a laugh. When such a message also says that
things are better, that it helps, that the person is at peace, or laughs, the learned readers
need a higher score (`CALMED_THRESHOLD`) before they answer. The patterns are never demoted: a
direct statement of danger ("je veux mourir lol", "he hit me but I'm okay now") gets the crisis
answer whatever else the message says. The cues are written as families
(tests/fixtures/crisis/README.md, ninth round); their cost in recall is measured by
scripts/crisis_cross_check.py.
"""

from __future__ import annotations

import re
from functools import cache

from flows import crisis_lexicon as lexicon
from flows.crisis_spelling import spelled

# The score a learned reader needs when a calm cue is present (chosen by leave one corpus out).
CALMED_THRESHOLD = 0.97

CALM: tuple[str, ...] = (
    # Things are better, it helps.
    r"\b(?:ca|sa) va (?:de )?mieux\b|\bca va de mieux en mieux\b|\b(?:je|j) (?:vais|me sens"
    r"|file|dors|respire) (?:\w+ )?mieux\b|\b(?:ca|sa|ca me|ca m|elle m|il m|ils m) (?:aide|aident"
    r"|fait du bien|font du bien)\b|\b(?:feels|feel|feeling|felt) (?:so |really |pretty )?"
    r"(?:good|great|better|free|lighter|relieved)\b|\b(?:doing|getting|feeling|much|way|a lot)"
    r" better\b|\b(?:it|that|this|they|she|he|which) (?:really )?(?:helps|is helping|are helping"
    r"|helped)\b|\bi m (?:ok|okay|fine|good) now\b|\bje (?:vais|suis) (?:ok|correct|bien)"
    r" (?:maintenant|astheure|la)\b|\bje me sens libre\b|\bsoulag\w* (?:de|d) (?:l avoir|avoir"
    r" laisse|etre partie?)\b",
    # A child who is fine again.
    r"\b(?:il|elle|he|she|they) (?:\w+ )?(?:joue|rit|rient|jouent|s est remise? a jouer|is"
    r" laughing|is playing|s laughing|s playing|laughs|plays|went back to playing|back to"
    r" playing|is fine now|seems fine|va bien)\b(?! (?:pas|plus|pu|not|no more)\b)",
    # At peace.
    r"\b(?:sereine?|sereinement|en paix|at peace|paisible\w*|peaceful\w*|entouree? de|surrounded"
    r" by (?:family|us|her|his|love))\b",
    # A laugh.
    lexicon.CONTEXT_IDIOMS[1][0],
    # Leaving for a move, a trip, a new job or retirement.
    lexicon.CONTEXT_IDIOMS[0][0],
    # Heard on the news.
    r"\b(?:aux nouvelles|dans les nouvelles|dans le journal|a la radio|a la tele|on the news|in"
    r" the news|on the radio|in the paper|news said|the news)\b",
)


@cache
def _calm() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in CALM))


def calmed(text: str) -> bool:
    """True when `text` says that things are better, at peace, with a laugh, about a move or
    a job, or on the news: the learned readers then need `CALMED_THRESHOLD`."""
    words = spelled(text)
    return bool(words) and _calm().search(words) is not None
