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
    # Leaving for a move, a trip, a new job or retirement (not when the trip is denied: "pas
    # juste partir en vacances", "not like a vacation").
    r"^(?!.*\b(?:pas juste|pas seulement|pas comme|not just|not like|not a|pas des|pas un)"
    r" (?:\w+ ){0,1}?(?:partir|en voyage|vacances|vacation|a trip|trip|moving|demenag\w*)\b)"
    rf".*?{lexicon.CONTEXT_IDIOMS[0][0]}",
    # Heard on the news.
    r"\b(?:aux nouvelles|dans les nouvelles|dans le journal|a la radio|a la tele|on the news|in"
    r" the news|on the radio|in the paper|news said|the news)\b",
    # Eleventh round (holdout10's and holdout11's false alarms), as families. Nothing serious,
    # nobody hurt.
    r"\b(?:rien de grave|rien de serieux|nothing serious|nothing to worry about|no need to"
    r" worry|pas de quoi (?:s|vous|t) inquieter|rien d inquietant|personne (?:de |n a ete |n est"
    r" )?blesse\w*|nobody (?:was |got )?(?:hurt|injured)|no one (?:was |got )?(?:hurt|injured)"
    r"|no injuries|aucun blesse)\b",
    # A natural death of an old person, told as grief.
    r"\b(?:mort naturelle|morte naturellement|natural causes|(?:she|he|they) (?:died|passed"
    r" away|passed) (?:\w+ )?in (?:her|his|their) sleep|(?:est |etait )?(?:morte?|decedee?"
    r"|partie?) dans son sommeil|passed (?:away )?peacefully|(?:she|he) was ready|elle etait"
    r" prete|il etait pret)\b",
    # A fresh start.
    r"\b(?:new start|fresh start|new beginning|new chapter|nouveau depart|nouveau chapitre"
    r"|nouveau debut)\b",
    # A child who eats again.
    r"\b(?:mange|eats|is eating|eating) (?:\w+ )?(?:normal|normalement|bien|comme d habitude"
    r"|normally|well|fine)\b",
    # Asking for an activity, a club, a visit or a call, or offering a donation to one.
    r"\b(?:est ce qu il y a|y a t il|ya tu|y a tu|is there|are there|do you have|do you know"
    r"|vous avez|avez vous|connaissez vous|you have|any) (?:\w+ )?(?:des |un |une |a |an |any"
    r" )?(?:activites|activite|club|clubs|groupe|groupes|cercle|chorale|choir|sorties|outings"
    r"|cours|classes|programme|program|popote|repas communautaires|bingo|seniors club|club de"
    r"|benevole|volunteer)\b|\b(?:join|joindre|rejoindre|m inscrire|sign up for|s inscrire)"
    r" (?:a |an |the |un |une |la |le |au |a la )?(?:choir|chorale|club|group|groupe|cercle"
    r"|circle|class|cours|atelier|knitting)\b|\b(?:someone|somebody|quelqu un|un benevole|a"
    r" volunteer) (?:who|qui) (?:could|can|pourrait|peut) (?:just )?(?:call|visit|appeler|m"
    r" appeler|venir|visiter|me visiter)\b|\b(?:acceptez|accept|prenez|take) (?:les |des )?"
    r"(?:dons|donations)\b|\b(?:popote roulante|meals on wheels)\b"
    r"|\b(?:need|needs|besoin de|besoin d) (?:\w+ )?(?:yarn|laine|vetements|clothes|livres"
    r"|books|jouets|toys|conserves|dons|donations|benevoles|volunteers|lit|bed|matelas|mattress"
    r"|meubles|furniture|poussette|stroller|crib|couchette|manteau|coat|bottes|boots|frigo"
    r"|fridge|laveuse|washer|table|chaise|chair|bureau|desk)\b",
    # An animal found dead.
    r"\b(?:pigeon|pigeons|oiseau|oiseaux|bird|birds|ecureuil|squirrel|raton|raccoon|poisson"
    r"|goldfish|fish|hamster|souris|mouse) (?:\w+ ){0,8}?(?:est mort|est morte|mort|morte|is"
    r" dead|died|dead|flotte)\b",
    # A bus rerouted, roadworks (a bridge closed is not one: the bridge may be the means).
    r"\b(?:rerouted|detour|detourne|detournee|road work|roadwork|roadworks|travaux routiers)\b",
    # Twelfth round (holdout12's false alarms), as families. A small cut that bleeds a little.
    r"\b(?:saigne|saignait|bleeds|bleeding|bled) (?:juste |just |only |seulement )?(?:un peu|un"
    r" petit peu|a little|a bit|a tiny bit)\b|\b(?:en me rasant|while shaving|shaving cut|petite"
    r" coupure|small cut|minor cut|tiny cut|paper cut)\b",
    # Not urgent.
    r"\b(?:ca presse pas|sa presse pas|pas presse|c est pas presse|pas urgent|rien d urgent|no"
    r" rush|not urgent|no hurry|nothing urgent|when you (?:have|get) (?:a )?(?:time|chance|minute)"
    r"|quand vous aurez (?:le temps|une minute))\b",
    # Still on one's feet, in good shape (a check-in answer).
    r"\b(?:toujours|encore) (?:debout|deboutte|en forme|en pleine forme)\b|\b(?:still standing"
    r"|still kicking|en pleine forme|fit as a fiddle|pas de canne|no cane)\b",
    # Startled, not threatened.
    r"\b(?:une peur bleue|fait sursauter|fait faire le saut|fait le saut|made me jump|jump"
    r" scare|jumpscare|startled me|scared the (?:crap|hell|heck|daylight|bejesus|life) out of"
    r" me)\b",
    # Hyperbole about someone tiresome.
    r"\b(?:va|vont|vas|fait|font) me faire mourir (?:avec|de)\b|\bwill be the death of me\b",
)


@cache
def _calm() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in CALM))


def load() -> None:
    """Compile the calm cues now (flows.crisis.load)."""
    _calm()


def calmed(text: str) -> bool:
    """True when `text` says that things are better, at peace, with a laugh, about a move or
    a job, or on the news: the learned readers then need `CALMED_THRESHOLD`."""
    words = spelled(text)
    return bool(words) and _calm().search(words) is not None
