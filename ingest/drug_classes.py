"""Drug classes by name stem: a drug's generic name says its class ("ramipril": -pril, an ACE inhibitor).

Guidelines often write the class ("withhold ACE inhibitors", "do not routinely offer loop diuretics") where a
clinician names the drug ("When can I restart his ramipril?"). The stems are those of the USAN Council's and the
WHO's INN naming schemes, which give every new drug of a class the class's stem; no package on PyPI holds them,
so the common ones are written here, each with the names documents use for its class, the most usual first.
Only a stem that is specific to one class is listed ("-mycin" is not: it ends macrolides and aminoglycosides;
"-statin" neither: nystatin; "-tidine" neither: histidine, cytidines), with the names of another class that end
so left out (EXCLUDE: aripiprazole is no proton pump inhibitor), and only a class name that says which class
("anticoagulants" does not). A group of classes has its own names (GROUPS: penicillins, cephalosporins,
carbapenems ... are antibiotics), used when the documents write neither the drug nor its class. A suffix
counts on a name of one or two words (not "penicillin g procaine", a salt), a prefix not on a plural ("insulin
antibodies"). `tests/test_drug_classes.py` checks stems against names of the drug dictionary that end alike.
"""

from __future__ import annotations

# class names that several stems share
_NSAIDS = ("NSAIDs", "nonsteroidal anti-inflammatory drugs", "non-steroidal anti-inflammatory drugs")
_ALPHA_BLOCKERS = ("alpha blockers", "alpha-blockers")
_GLP1_AGONISTS = ("GLP-1 receptor agonists", "GLP-1 agonists", "GLP-1 RAs")
_BENZODIAZEPINES = ("benzodiazepines",)
_CEPHALOSPORINS = ("cephalosporins",)
_LOOP_DIURETICS = ("loop diuretics",)
_CORTICOSTEROIDS = ("corticosteroids", "steroids", "glucocorticoids")
_ANTIPSYCHOTICS = ("antipsychotics", "antipsychotic drugs", "antipsychotic medicines", "neuroleptics")
_ANTIHISTAMINES = ("antihistamines", "H1 antihistamines", "H1-antihistamines")
_DECONGESTANTS = ("decongestants", "nasal decongestants")
_SSRIS = ("selective serotonin reuptake inhibitors", "SSRIs", "SSRI antidepressants")
_SNRIS = ("serotonin and noradrenaline reuptake inhibitors", "serotonin-norepinephrine reuptake inhibitors", "SNRIs")

# (stem, the class as documents name it, most usual first); a stem ending in "-" is a prefix
STEMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("pril", ("ACE inhibitors", "angiotensin-converting enzyme inhibitors")),
    ("sartan", ("angiotensin II receptor blockers", "angiotensin receptor blockers", "ARBs",
                "angiotensin II receptor antagonists")),
    ("olol", ("beta blockers", "beta-blockers", "beta-adrenergic blockers")),
    ("alol", ("beta blockers", "beta-blockers")),
    ("dipine", ("calcium channel blockers", "calcium-channel blockers", "dihydropyridines")),
    ("vastatin", ("statins", "HMG-CoA reductase inhibitors")),  # not "-statin": nystatin
    ("prazole", ("proton pump inhibitors", "PPIs")),
    ("gliflozin", ("SGLT2 inhibitors", "SGLT-2 inhibitors", "sodium-glucose cotransporter 2 inhibitors")),
    ("gliptin", ("DPP-4 inhibitors", "DPP4 inhibitors", "gliptins", "dipeptidyl peptidase-4 inhibitors")),
    ("glutide", _GLP1_AGONISTS),
    ("enatide", _GLP1_AGONISTS),
    ("semide", _LOOP_DIURETICS),
    ("etanide", _LOOP_DIURETICS),
    ("thiazide", ("thiazide diuretics", "thiazides", "thiazide-like diuretics")),
    ("xaban", ("direct oral anticoagulants", "DOACs", "factor Xa inhibitors")),
    ("gatran", ("direct oral anticoagulants", "DOACs", "direct thrombin inhibitors")),
    ("parin", ("low molecular weight heparin", "low-molecular-weight heparin", "LMWH")),
    ("warfarin", ("vitamin K antagonists", "VKAs", "coumarins")),  # the whole name (WHOLE)
    ("coumarol", ("vitamin K antagonists", "VKAs", "coumarins")),  # acenocoumarol, dicoumarol
    ("coumon", ("vitamin K antagonists", "VKAs", "coumarins")),  # phenprocoumon
    ("floxacin", ("fluoroquinolones", "quinolones")),
    ("cycline", ("tetracyclines",)),
    ("cillin", ("penicillins",)),
    ("cef-", _CEPHALOSPORINS),
    ("ceph-", _CEPHALOSPORINS),
    ("thromycin", ("macrolides",)),
    ("azepam", _BENZODIAZEPINES),
    ("azolam", _BENZODIAZEPINES),
    ("azepoxide", _BENZODIAZEPINES),
    ("triptan", ("triptans",)),
    ("coxib", ("COX-2 inhibitors", "NSAIDs", "nonsteroidal anti-inflammatory drugs")),
    ("profen", _NSAIDS),
    ("fenac", _NSAIDS),
    ("setron", ("5-HT3 antagonists", "5-HT3 receptor antagonists")),
    ("dronate", ("bisphosphonates",)),
    ("dronic acid", ("bisphosphonates",)),
    ("conazole", ("azole antifungals", "antifungals")),
    ("triptyline", ("tricyclic antidepressants", "TCAs")),
    ("gepant", ("gepants", "CGRP receptor antagonists")),
    ("lukast", ("leukotriene receptor antagonists",)),
    ("afil", ("PDE5 inhibitors", "phosphodiesterase-5 inhibitors")),
    ("azosin", _ALPHA_BLOCKERS),
    ("uzosin", _ALPHA_BLOCKERS),
    ("sulosin", _ALPHA_BLOCKERS),
    ("odosin", _ALPHA_BLOCKERS),
    ("caine", ("local anaesthetics", "local anesthetics")),
    ("curonium", ("neuromuscular blocking agents", "neuromuscular blockers")),
    ("tinib", ("kinase inhibitors", "tyrosine kinase inhibitors")),
    ("insulin -", ("insulin",)),  # insulin glargine, insulin aspart: insulins
    ("penem", ("carbapenems",)),
    ("bactam", ("beta-lactamase inhibitors",)),
    ("vir", ("antivirals", "antiviral drugs", "antiviral medicines")),
    ("asone", _CORTICOSTEROIDS),
    ("cortisone", _CORTICOSTEROIDS),
    ("nisolone", _CORTICOSTEROIDS),
    ("nisone", _CORTICOSTEROIDS),
    ("onide", _CORTICOSTEROIDS),
    ("icam", _NSAIDS),
    ("olac", _NSAIDS),
    ("proxen", _NSAIDS),  # naproxen
    ("metacin", _NSAIDS),  # indometacin, acemetacin
    ("methacin", _NSAIDS),  # indomethacin
    ("fenamic acid", _NSAIDS),  # mefenamic acid, tolfenamic acid
    ("peridol", _ANTIPSYCHOTICS),
    ("peridone", _ANTIPSYCHOTICS),
    ("piprazole", _ANTIPSYCHOTICS),
    ("tadine", _ANTIHISTAMINES),  # loratadine; not amantadine (EXCLUDE)
    ("astine", _ANTIHISTAMINES),  # clemastine, azelastine; not vinblastine (EXCLUDE)
    ("izine", _ANTIHISTAMINES),  # cetirizine, cyclizine, meclizine; not flunarizine (EXCLUDE)
    ("pheniramine", _ANTIHISTAMINES),
    ("phenamine", _ANTIHISTAMINES),  # chlorphenamine
    ("metazoline", _DECONGESTANTS),
    ("ephedrine", _DECONGESTANTS),  # pseudoephedrine; ephedrine itself is too short to carry its own stem
    ("oxetine", _SSRIS),  # fluoxetine, paroxetine; not duloxetine, an SNRI, nor atomoxetine (EXCLUDE)
    ("alopram", _SSRIS),  # citalopram, escitalopram
    ("sertraline", _SSRIS),  # SSRIs whose names share no stem: the whole name (WHOLE)
    ("fluvoxamine", _SSRIS),
    ("faxine", _SNRIS),  # venlafaxine, desvenlafaxine
    ("gli-", ("sulfonylureas", "sulphonylureas")),  # glipizide, gliclazide, glimepiride, glibenclamide
    # onabotulinumtoxinA (Botox), abobotulinumtoxinA (Dysport), incobotulinumtoxinA (Xeomin)
    ("botulinumtoxina", ("botulinum toxin type A", "botulinum toxin A", "botulinum toxin", "botulinum toxins")),
    ("botulinumtoxinb", ("botulinum toxin type B", "botulinum toxin B", "botulinum toxin", "botulinum toxins")),
)

# the groups that several classes make up, as documents name them ("Do not give prophylactic antibiotics"
# names meropenem, a carbapenem): a drug is its group's when the documents write neither it nor its class
GROUPS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("antibiotics", "antibacterials", "antibacterial drugs"),
     ("cillin", "cef-", "ceph-", "penem", "floxacin", "cycline", "thromycin", "bactam")),
)


# names that end (or begin) with a stem but are of another class or no drug at all
# (heparin is unfractionated; budipine an antiparkinson drug; dapiprazole an alpha blocker's eye drops, mepiprazole an
# anxiolytic; cocaine, in a clinician's question, what the patient uses)
EXCLUDE = {"prazole": ("piprazole",), "parin": ("heparin",), "dipine": ("budipine",), "caine": ("cocaine",),
           "piprazole": ("dapiprazole", "mepiprazole"), "cycline": ("anthracycline",),
           "ceph-": ("cephalospor", "cepharanthine"), "onide": ("glucuronide",),
           "nisone": ("fluanisone",), "cortisone": ("fludrocortisone",),  # a mineralocorticoid
           "tadine": ("mantadine",), "astine": ("blastine", "cristine"), "ephedrine": ("methylephedrine",),
           "oxetine": ("duloxetine", "atomoxetine", "tomoxetine", "reboxetine", "edivoxetine", "vortioxetine",
                       "nisoxetine", "ampreloxetine"),
           "peridone": ("domperidone", "etoperidone"),  # an antiemetic; an antidepressant
           "izine": ("cefatrizine", "icizine", "acizine", "flunarizine", "lomerizine", "dropropizine"),
           "phenamine": ("arsphenamine", "methoxyphenamine"), "faxine": ("radafaxine",),
           "gli-": ("glia", "gliadin", "glicentin", "gliotoxin", "glisodin")}  # proteins, a toxin, a supplement


# stems that are themselves a drug of their class ("cortisone", as clinicians say "a cortisone shot")
WHOLE = frozenset({"cortisone", "sertraline", "fluvoxamine", "warfarin"})


def classes_of(drug: str) -> tuple[str, ...]:
    """The names of the class a drug's generic name places it in, most usual first; () when no stem fits."""
    out: list[str] = []
    for stem in stems_of(drug):
        out += [n for n in dict(STEMS)[stem] if n not in out]
    return tuple(out)


def groups_of(drug: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The names of the group a drug's class belongs to, and the stems of every class in it; ((), ()) when none
    ("meropenem" -> antibiotics, and the stems of penicillins, cephalosporins, carbapenems ...)."""
    mine = set(stems_of(drug))
    for names, stems in GROUPS:
        if mine & set(stems):
            return names, stems
    return (), ()


def stems_of(drug: str) -> list[str]:
    """The stems of the table that a drug's generic name has ("ramipril" -> ["pril"])."""
    name = drug.strip().lower()
    out = []
    for stem, _ in STEMS:
        prefix = stem.endswith("-")
        fits = name.startswith(stem[:-1]) and not name.endswith("s") if prefix else \
            name.endswith(stem) and len(name.split()) <= 2
        # two letters before the stem at least ("diazepam", "losartan"; not a stem's own word)
        if fits and (len(name) > len(stem.rstrip("-")) + 1 or name in WHOLE) and \
                not any(x in name for x in EXCLUDE.get(stem, ())):
            out.append(stem)
    return out


def like_pattern(stem: str) -> str:
    """The SQL LIKE pattern of the names with this stem."""
    return f"{stem[:-1]}%" if stem.endswith("-") else f"%{stem}"


def class_stems(word: str) -> tuple[str, ...]:
    """The stems of the class or group a one-word class name names ("steroid", "NSAIDs", "antibiotics"), in any
    case or number; () for any other word."""
    key = _singular(word)
    return _CLASS_WORDS.get(key, ())


def _singular(word: str) -> str:
    w = word.lower().strip()
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w


def _class_words() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for stem, names in STEMS:
        for name in names:
            if " " not in name:
                out.setdefault(_singular(name), []).append(stem)
    for names, stems in GROUPS:
        for name in names:
            if " " not in name:
                out.setdefault(_singular(name), []).extend(stems)
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


_CLASS_WORDS = _class_words()
