"""Spot a message that speaks of suicide, self-harm, violence or a medical emergency.

Patterns are regular expressions over `canonical(text)`: folded words joined by single
spaces, so accents, case, apostrophes and punctuation are gone ("J’veux mourir!" reads
"j veux mourir", and "jveux mourir" stays one word, hence the `j ?` in the patterns).

Choices, made on purpose:
* Missing a crisis costs more than a needless crisis answer. Negations are not parsed:
  "je ne veux pas mourir" and "I don't want to die" are crises too. Threats said as
  idioms ("ma mère va me tuer", "he's gonna kill me") also count as violence.
* Ordinary idioms must not trigger: "je meurs de faim", "mort de rire", "ça me tue",
  "tuer le temps", "I'm dying to see you", "this heat is killing me", "my phone died".
  So the patterns name the act ("me tuer", "kill myself") and who does it, never a
  bare word such as "mort", "tue", "dying" or "kill".
* When a message fits several kinds, the first in `Crisis` order wins.
"""

from __future__ import annotations

import re
from enum import StrEnum

from flows.normalize import canonical


class Crisis(StrEnum):
    """The kind of emergency, which decides the numbers given in the answer."""

    SUICIDE = "suicide"
    SELF_HARM = "self_harm"
    VIOLENCE = "violence"
    MEDICAL = "medical"


# A word that does not hand the sentence to someone else ("je sais qu'il va me tuer"
# is a threat, not a wish to die): used between "je" and "me tuer".
_OWN = r"(?!(?:il|elle|y|on|ils|elles|tu|vous|qu|que|ca|ce|cela|lui|mon|ma|mes|son|sa|ses)\b)"
# "je", "j'", or a "j" glued to its verb as typed in a hurry: "jveux", "jvais", "jme".
_J = (
    r"\b(?:je |j |j(?=(?:veux|veu|veut|ve|vx|vais|vas|va|voudrais|aimerais|pense|suis|sui|me"
    r"|ai|dois|devrais|pourrais|peux)\b))"
)
_I = rf"{_J}(?:{_OWN}\w+ ){{0,4}}?"
# Verbs of wanting or going to, said by "je" (Québec "j'vas", typos "je veut", "jveux").
_WANT = (
    rf"(?:{_J}(?:veux|veu|veut|ve|vx|vais|vas|va|voudrais|voudrai|aimerais|souhaite"
    r"|prefere\w*|pense a|songe a)|\b(?:veux|voudrais|vais|aimerais|envie de|envie d|gout de"
    r"|hate de|hate d|besoin de|pret a|prete a|decide de|decidee de|essaye de|essaie de))"
    r"(?: \w+){0,2}? "
)
# Dying "of hunger, of laughter, of boredom" is how people talk, not a wish to die.
_NOT_IDIOM = (
    r"(?! (?:de|d) (?:faim|rire|soif|chaleur|froid|fatigue|honte|ennui|peur|envie|jalousie"
    r"|plaisir|stress|curiosite))"
)
_ENDING = (
    r"(?:mour+ire?|crever|creve|en finir|partir pour de bon|me suicider)\b"
    r"(?! avec (?:ce|cet|cette|ces|le|les|l|mon|mes|ton|ses|son|un|une|ca)\b)"
    r"(?! avec (?:la|ma) (?!vie))"
)
# A game is lost, not a beating: "il me bat aux cartes".
_NOT_GAME = (
    r"(?!(?: \w+)? aux? (?:cartes|echecs|hockey|jeux?|tennis|scrabble|poker|bingo|course)\b)"
    r"(?! par (?:la |le )?(?:fatigue|sommeil|temps)\b)"
)
# Hitting, raping, threatening, said of someone else in the present: "il me bat".
_HIT_FR = (
    r"(?:bat|battent|battre|frappe|frappent|frapper|fesse|fessent|cogne|cognent|brutalise\w*"
    r"|violente\w*|etrangle\w*|viole|violent|menace|menacent|bouscule|gifle|giffle"
    r"|tape dessus|tapent dessus|tabasse\w*)"
)
# The same, done: "il m'a frappée", "j'ai été agressée", "je me suis fait battre".
_HIT_FR_PAST = (
    r"(?:frappee?|battue?|tapee?|cognee?|violee?|agressee?|menacee?|etranglee?|brutalisee?"
    r"|attaquee?|tabassee?|giflee?|abusee?|frapper|battre"
    r"|violer|agresser|menacer|tabasser|attaquer|etrangler)"
)
# Not "je me bats", "je vais me battre pour mes droits", "ça me frappe", "ce qui me frappe".
_NOT_MINE = (
    r"(?<!\bje )(?<!\bj )(?<!\bvais )(?<!\bvas )(?<!\bveux )(?<!\bdois )(?<!\bpeux )"
    r"(?<!\bfaut )(?<!\bca )(?<!\bqui )(?<!\bce )"
)
# Who can threaten or hurt in French; "cette chaleur va me tuer" is only a way of talking.
_WHO_FR = (
    r"\b(?:il|elle|y|ils|elles|on|quelqu un|chum|blonde|mari|femme|conjointe?|pere|mere|fils"
    r"|fille|frere|soeur|voisine?|ex|coloc|proprio|proprietaire|gars|homme|monde|gang|patron"
    r"|boss|oncle|tante|cousine?|amie?|enfant|garcon|dealer|concierge) "
)
# Words between that subject and the threat, but not "ça" starting a new clause.
_ALIVE = r"(?!(?:ca|cela|ce|cette|ces|la|le)\b)"
# Who can threaten or hit in English, so that "it hit me" or "beats me!" stay idioms.
_WHO_EN = (
    r"(?:he|she|they|husband|boyfriend|bf|partner|wife|girlfriend|gf|dad|father|stepdad"
    r"|son|mom|mother|brother|sister|ex|someone|somebody|neighbou?r|landlord|roommate"
    r"|man|guy|daughter|uncle|caregiver)"
)

_PATTERNS: dict[Crisis, tuple[str, ...]] = {
    Crisis.SUICIDE: (
        # Wanting or going to die or end it: "j'veux mourir", "envie d'en finir".
        _WANT + _ENDING + _NOT_IDIOM,
        r"\b(?:veux|voudrais|envie de|aimerais) (?:juste )?disparaitre\b"
        r"(?! (?:de|d) (?:\w+ )?(?:liste|listes|base|fichier|registre|systeme|groupe|contacts)\b)",
        # "me tuer" only when "je" says it; "il va me tuer" is violence below.
        _I + r"m(?:e)? (?:tuer|suicid\w*)\b(?! a la tache| au travail| a l ouvrage)",
        r"\b(?:suicid|sucid|suicd|suisid|suiscid|suicyd|suiccid|siucid)\w*",
        # The ways, named: "me jeter en bas du pont", "me pendre", "me foutre en l'air".
        r"\bm(?:e)? (?:jeter|jette|garocher|garoche)\b(?! (?:a l eau|sur|dessus|dehors|des|un|une"
        r"|le|la|les|mon|ma|mes|du|de|dans|aux?|corps)\b)",
        r"\bm(?:e)? (?:jeter|jette|lancer|garocher|garoche) (?:en bas|du haut|du pont|sous|devant"
        r"|dans le fleuve|dans la riviere|par la fenetre)\b",
        r"\bsauter (?:en bas )?(?:du|d un|de la|de mon) (?:pont|toit|balcon|edifice|immeuble)",
        r"\bme pendre\b|\bpendaison\b|\bme tirer une balle\b|\blettre d adieu\b",
        r"\bm(?:e)? (?:foutre|crisser|calisser|caliser|sacrer|tirer) en l air\b",
        r"\b(?:prendre|avaler|pris|avale) toutes? mes (?:pilules|pillules|medicaments|comprimes)",
        # Life no longer worth it: "j'ai pu le goût de vivre", "à quoi bon vivre".
        r"\b(?:mettre|mets|met) (?:fin|un terme) a (?:mes jours|ma vie)|\bfin a mes jours\b",
        r"\b(?:pu|plus|pus|pas|aucune?|perdu) (?:le |l |la |d |de |trop |vraiment )?(?:gout"
        r"|envie|raison|force|desir)s? (?:de |d )(?:vivre|rester en vie)\b",
        r"\bveux (?:pu|plus|pus|pas) (?:vivre|etre en vie|me reveiller)\b",
        r"\b(?:tanne|tannee|ecoeure|ecoeuree|fatigue|fatiguee|las|lasse) de (?:vivre|la vie)\b",
        r"\b(?:la vie|vivre) (?:ne )?(?:vaut|vaux) (?:pu|plus|pas|rien)\b|\ba quoi bon vivre\b",
        r"\bmieux sans moi\b",
        # Québec "chu pu capable": at the end of one's rope, unless it is "capable de payer".
        r"\b(?:pu|pus|plus) capable\b(?! (?:de|d) (?!vivre|continuer|endurer|supporter|toffer"
        r"|survivre)| que| qu)",
        # English.
        r"\bkill+(?:ing)? ?my ?self\b|\bkms\b",
        r"\b(?:want|wanna|wants|wish|ready|plan|planning|decided|trying|tried) (?:to )?"
        r"(?:\w+ ){0,2}?die\b(?! (?:of|laughing|from|if|for))",
        r"\bend (?:it all|my life|my own life)\b|\bending it all\b|\btake my (?:own )?life\b",
        r"\b(?:want to|wanna|going to|gonna|ready to) end it\b(?! with)",
        r"\bwish i (?:was|were|d) (?:dead|never born|never been born)\b|\bbetter off dead\b",
        r"\bbetter off without me\b|\bno reason to (?:live|go on)\b|\bnot worth living\b",
        r"\b(?:don t|dont|do not) want to (?:live|be alive|wake up)\b",
        r"\b(?:can t|cant|cannot) (?:go on|take (?:it|this) anymore|do this anymore)\b",
        r"\b(?:hang|shoot) myself\b|\bslit my wrists?\b",
        r"\bjump (?:off|from) (?:a|the|my) (?:bridge|building|roof|balcony)\b",
    ),
    Crisis.SELF_HARM: (
        # "me faire du mal" said by "je"; "il me fait du mal" is violence below.
        _I + r"me (?:fais|faire|fait) du mal\b",
        r"\b(?:envie de|veux|vais|pense a|recommence a|continue a) me (?:couper|bruler|blesser"
        r"|mutiler|scarifier|faire mal|faire saigner)\b",
        r"\b(?:scarif|automutil|mutil)\w*|\bauto mutil\w*",
        r"\bme (?:couper|coupe|coupais|taillade\w*|brule|bruler) (?:les |le |la |mes )?(?:veines"
        r"|bras|poignets?|cuisses?|peau|ventre)\b",
        r"\bme (?:couper|coupe|blesser|blesse|brule|bruler) (?:encore|souvent|expres"
        r"|volontairement)\b",
        r"(?:\bje |\bj ?)me (?:frappe|cogne) (?:la tete )?(?:contre|sur)\b",
        # English; a slice of cake is not self-harm: "cut myself a slice".
        r"\b(?:hurt|hurting|harm|harming|cut|cutting|burn|burning|burnt|burned|injure"
        r"|injuring|punish|punishing) ?my ?self\b(?! (?:a|some|another|off|short|by accident"
        r"|shaving|cooking)\b)",
        r"\bself ?(?:harm|injur|mutilat)\w*",
    ),
    Crisis.VIOLENCE: (
        # Someone threatens to kill me: "il va me tuer", "y veut m'tuer".
        rf"{_WHO_FR}(?:{_ALIVE}\w+ ){{0,2}}?(?:va|veut|vont|veulent|allait|voulait|a voulu"
        r"|menace de|a menace de|essaye de|a essaye de|essaie de|tente de|a tente de|peut) "
        r"m(?:e)? tuer\b",
        r"\bqu (?:il|elle|y|ils) me tue\b|\bpeur pour ma vie\b|\bmenaces? de mort\b",
        # Being hit now: "il me bat", "mon chum me frappe" (not "je me bats", "ça me frappe").
        rf"{_NOT_MINE}\bme {_HIT_FR}\b{_NOT_GAME}",
        r"\b(?:me|m) (?:sacre|donne|donnent|crisse|calisse) (?:des |une |un )?(?:claques?"
        r"|coups?|volees?|baffes?|gifles?)\b",
        rf"{_WHO_FR}(?:\w+ ){{0,2}}?me (?:fait|font|faire) du mal\b",
        r"\b(?:il|elle|y|ils) m enferm\w*|\bme laisse (?:pas|pu|plus|jamais) sortir\b",
        # Having been hit, raped, threatened: "il m'a frappée", "j'ai été agressée".
        rf"\bm (?:a|ont) (?:encore |deja |souvent )?(?:{_HIT_FR_PAST}|attachee?|enfermee?)\b",
        rf"\b(?:ete|suis|fait|faite) (?:\w+ )?{_HIT_FR_PAST}\b{_NOT_GAME}",
        r"\bagress(?:e|ee|es|ees|er|ion|ions|eur|eurs)\b|\bviol\b|\bviolee|\bvioleur",
        r"\bviolence (?:conjugale|familiale|domestique|sexuelle|physique)\b",
        r"\bvictime de violence\b|\bviolente? avec moi\b|\battouchements?\b",
        r"\babus(?:e|ee)? (?:sexuel\w*|de moi)\b|\babusee? sexuellement\b",
        r"\bpeur de (?:lui|mon chum|mon mari|mon conjoint|mon ex|ma blonde|ma conjointe"
        r"|mon pere|mon fils|rentrer chez (?:moi|nous))\b",
        r"\b(?:il|elle|y) a (?:un|une) (?:couteau|arme|fusil|gun)\b",
        # English.
        rf"\b{_WHO_EN} (?:\w+ ){{0,2}}?(?:hit|hits|hitting|beat|beats|beating|punch\w*|kick\w*"
        r"|slap\w*|chok\w*|strangl\w*|push\w*|shov\w*|threaten\w*|raped|rapes|raping"
        r"|attack\w*|abus\w*|stab\w*|assault\w*|hurt|hurts|hurting) me\b(?! up\b)"
        r"(?! at (?:chess|cards|poker|tennis|scrabble|checkers|pool|golf|\w+ game)\b)"
        r"(?! with (?:a|an|the) (?:\w+ )?(?:idea|question|thought|joke|song)\b)",
        r"\b(?:going to|gonna|wants? to|will|ll|threaten\w* to|tried to|trying to|try to) kill "
        r"me\b",
        r"\b(?:was|been|got|being) (?:\w+ )?(?:raped|assaulted|attacked|beaten|beat up|abused"
        r"|molested|mugged|stabbed|threatened|choked|strangled)\b",
        r"\brape\b|\braped\b|\brapist\b|\bbeat(?:s|ing)? me up\b|\bdeath threats?\b",
        r"\bdomestic (?:violence|abuse)\b|\bsexual (?:assault|abuse)\b",
        r"\babusive (?:\w+ )?(?:husband|partner|boyfriend|wife|girlfriend|relationship|father"
        r"|mother|parent|home)\b",
        r"\b(?:scared|afraid|fear) (?:for my life|to go home)\b",
        r"\b(?:he|she|they) (?:has|have|had) a (?:knife|gun|weapon)\b",
        r"\b(?:won t|wont|will not|doesn t) let me (?:leave|go out|out)\b",
    ),
    Crisis.MEDICAL: (
        # Heart: "j'ai mal à la poitrine", "chest pain".
        r"\b(?:mal|douleurs?|serrement|pression|point|barre|brulure|brulement) (?:a la|au"
        r"|dans la|sur la|dans le|en pleine) (?:poitrine|thorax)\b",
        r"\bdouleurs? thoracique|\bpoitrine (?:qui )?(?:me )?(?:serre|fait mal|brule)\b",
        r"\bcrise (?:cardiaque|de coeur)\b|\binfarctus\b|\barret cardiaque\b",
        r"\bchest (?:pains?|hurts|is hurting|tight\w*|pressure)\b|\bpain in (?:my|the) chest\b",
        r"\btight(?:ness)? (?:in )?(?:my )?chest\b|\bheart attack\b|\bcardiac arrest\b",
        # Breath: "je peux pas respirer", "j'étouffe", "can't breathe".
        r"\b(?:pas|pu|pus|plus|misere|difficulte\w*|dur|mal|peine) (?:\w+ ){0,2}?respir\w*",
        r"\brespir\w* (?:mal|pu|plus|pas|difficilement)\b(?! (?:lentement|calmement|profond\w*"
        r"|doucement|fort|par))|\bj ?etouffe\b|\bsuffoqu\w*",
        r"\bmanque d air\b",
        r"\b(?:can t|cant|cannot|can not|couldn t|unable to|hard to|trouble|difficulty"
        r"|struggling to) (?:\w+ )?breath\w*",
        r"\bshort(?:ness)? of breath\b|\b(?:not|stopped|isn t|is not) breathing\b|\bchoking\b",
        r"\bsuffocat\w*",
        # A fall: "chu tombée pis j'peux pas me relever", "fell and can't get up".
        r"\btomb\w*(?: \w+){0,8}? (?:pas|pu|plus|capable|arrive|peux|peut) (?:\w+ ){0,3}?"
        r"(?:relever|lever|bouger|debout)\b",
        r"\b(?:pas|pu|plus) (?:\w+ ){0,3}?me relever\b|\b(?:par terre|au sol) depuis\b",
        r"\b(?:fell|fallen|fall) (?:\w+ ){0,6}?(?:can t|cant|cannot|unable to|couldn t) "
        r"(?:\w+ )?(?:get up|stand|move)\b",
        # Stroke: "AVC", "la bouche croche", "face drooping", "slurred speech".
        r"\bavc\b|\baccident vasculaire\b|\bparalyse\w* d un cote\b",
        r"\b(?:bouche|visage|face|levre) (?:\w+ )?(?:croche|paralyse\w*|qui tombe|de travers)\b",
        r"\b(?:bras|jambe|cote) (?:\w+ ){0,2}?(?:paralyse\w*|engourdi\w*)\b",
        r"\bparle (?:tout )?croche\b",
        r"\b(?:having|had|has|think i m having|might be having) a stroke\b",
        r"\bstroke (?:symptoms|signs)\b|\bdroop\w* face\b|\bface (?:is )?droop\w*|\bslurr\w*",
        r"\b(?:arm|leg|side|face) (?:is |went |feels )?(?:numb|paralyz\w*)\b",
        # Consciousness, seizures.
        r"\b(?:perdu|perd|perdre|perdue) connaissance\b|\binconscient\w*|\bevanou\w*",
        r"\bconvuls\w*|\bcrise d epilepsie\b",
        r"\bpassed out\b|\bunconscious\b|\bunresponsive\b|\bwon t wake up\b|\bseizure\w*",
        r"\bfainted\b|\b(?:hit|run over) by a (?:car|truck|bus)\b",
        # Overdose and poisoning: "surdose", "j'ai pris trop de pilules".
        r"\b(?:overdos|over dos|surdos|sur dos)\w*|\b(?:une|un|fait|faire) od\b|\bod d\b",
        r"\b(?:pris|avale|prendre) trop de (?:pilules|pillules|medicaments|comprimes|drogue)\b",
        r"\bempoisonn\w*|\btook too many (?:pills|meds|tablets)\b|\bpoisoned\b",
        # Bleeding: "je saigne beaucoup", "ça arrête pas de saigner".
        r"\bsaign\w* (?:beaucoup|abondamment|ben gros|en masse|enormement|sans arret|trop"
        r"|partout)\b",
        r"\b(?:pas|pu|plus) (?:\w+ ){0,2}?(?:de |d )?saigner\b|\bbeaucoup de sang\b",
        r"\bhemorrag\w*|\bperds? (?:beaucoup de |plein de )sang\b",
        r"\bbleeding (?:a lot|heavily|badly|profusely|everywhere|so much|non stop|nonstop)\b",
        r"\b(?:won t|wont|will not|doesn t|isn t|can t) stop bleeding\b|\blots? of blood\b",
        r"\blosing (?:a lot of )?blood\b|\bha?emorrhag\w*",
        # Allergy, heat stroke, an ambulance asked for.
        r"\b(?:choc|reaction) (?:anaphylactique|allergique)\b|\banaphyla\w*",
        r"\b(?:gorge|langue) (?:qui )?(?:enfle|gonfle|se ferme)\b|\bepipen\b",
        r"\ballergic reaction\b|\bthroat (?:is )?(?:closing|swelling)\b",
        r"\bcoup de chaleur\b|\bheat ?stroke\b|\b911\b",
        r"\b(?:appel\w*|besoin d|envoye\w*|call|need|send) (?:une |un |l |an )?ambulance\b",
    ),
}

_COMPILED: tuple[tuple[Crisis, re.Pattern[str]], ...] = tuple(
    (kind, re.compile("|".join(f"(?:{p})" for p in patterns)))
    for kind, patterns in _PATTERNS.items()
)


def detect_crisis(text: str) -> Crisis | None:
    """Return the kind of emergency `text` speaks of, or None for an ordinary message."""
    words = canonical(text)
    if not words:
        return None
    for kind, pattern in _COMPILED:
        if pattern.search(words):
            return kind
    return None


def crisis_patterns(kind: Crisis) -> tuple[str, ...]:
    """Return the patterns of one kind, for review and tests."""
    return _PATTERNS[kind]
