"""A synthetic graph shaped like the workplan, at any size, written as N-Quads.

The graph has what the real one has, in the same proportions: workplans with core,
working-group and thematic priorities; numbered activities with Spanish and English labels and
descriptions; lead entities, participants and observers (a few agents take part in much, most in
little, as in the document); schedules as OWL-Time intervals whose ends are ``time:Instant``\\ s
with ``xsd:date`` values; GCM objectives, thematic areas, SDG targets and UNBIS subjects; source
passages; and the inferred graph the build writes (roles inherited by activities, super-classes,
inverses, domains and ranges), derived by the build's own rules (:mod:`gcm_kg.infer`) as each
workplan is written. The reference vocabularies (ontology, GCM objectives, SDGs …) are the real
ones, so the example queries run on the synthetic graph too.

Deterministic: the same ``--triples`` and ``--seed`` give the same bytes.

    python -m benchmarks.generate --triples 300k --output benchmarks/out/workplans-300k.nq
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import TextIO

import pyoxigraph as ox

from gcm_kg.infer import infer

BASE = "https://w3id.org/gcm-kg/"
ID = BASE + "id/"
GRAPH = BASE + "graph/"
GCM = BASE + "ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
TIME = "http://www.w3.org/2006/time#"
PROV = "http://www.w3.org/ns/prov#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SDG = "http://metadata.un.org/sdg/"
UNBIS = "http://metadata.un.org/thesaurus/"

INFERRED = ox.NamedNode(GRAPH + "inferred")
VOCABULARY_GRAPHS = (
    "ontology",
    "gcm-objectives",
    "guiding-principles",
    "thematic-areas",
    "sdg",
    "unbis",
)
"""Graphs copied from the real build: the reference vocabularies do not grow with workplans."""


def words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


ORDINALS_ES = words("primer segundo tercer cuarto")
SIZES = {"10k": 10_000, "300k": 300_000, "3M": 3_000_000}

KINDS = (("core", "CorePriority", 6), ("wg", "WorkingGroupPriority", 3))
KINDS += (("thematic", "ThematicPriority", 7),)
AGENT_CLASSES = (
    ("UNEntity", 0.28),
    ("CivilSocietyOrganization", 0.52),
    ("AcademicInstitution", 0.09),
    ("IntergovernmentalOrganization", 0.08),
    ("AgentGroup", 0.03),
)
SDG_TARGETS = ("10.7", "10.c", "17.16", "17.18", "8.8", "5.2", "16.2", "16.9", "3.8", "4.b")
UNBIS_CONCEPTS = ("1000797", "1004111", "1004113", "1006319", "1003920", "1005426")

WORDS_ES = [
    "migración",
    "segura",
    "ordenada",
    "regular",
    "datos",
    "retorno",
    "reintegración",
    "detención",
    "alternativas",
    "protección",
    "derechos",
    "humanos",
    "trabajadores",
    "migrantes",
    "capacitación",
    "vías",
    "regulares",
    "niños",
    "fronteras",
    "remesas",
    "cambio",
    "climático",
    "desplazamiento",
    "salud",
    "inclusión",
    "integración",
    "género",
    "trata",
    "contrabando",
    "consulares",
    "documentación",
    "evaluación",
    "conocimiento",
    "red",
    "plataforma",
    "cooperación",
    "regional",
    "nacional",
    "estrategia",
    "política",
    "diálogo",
    "orientación",
    "herramientas",
]
WORDS_EN = [
    "safe",
    "orderly",
    "regular",
    "migration",
    "data",
    "return",
    "reintegration",
    "detention",
    "alternatives",
    "protection",
    "human",
    "rights",
    "migrant",
    "workers",
    "training",
    "regular",
    "pathways",
    "children",
    "borders",
    "remittances",
    "climate",
    "change",
    "displacement",
    "health",
    "inclusion",
    "integration",
    "gender",
    "trafficking",
    "smuggling",
    "consular",
    "documentation",
    "evaluation",
    "knowledge",
    "network",
    "platform",
    "cooperation",
    "regional",
    "national",
    "strategy",
    "policy",
    "dialogue",
    "guidance",
    "tools",
]
MONTHS_ES = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]


def iri(value: str) -> str:
    return f"<{value}>"


def literal(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    if lang:
        return f'"{escaped}"@{lang}'
    if datatype:
        return f'"{escaped}"^^<{datatype}>'
    return f'"{escaped}"'


class Writer:
    """Writes N-Quads a unit at a time (the vocabularies, a batch of agents, a workplan), each
    followed by the triples the build's rules (:mod:`gcm_kg.infer`) entail from it, in the
    inferred graph, and counts the distinct quads written."""

    def __init__(self, out: TextIO, vocabularies: list[ox.Quad]) -> None:
        self.out = out
        self.vocabularies = vocabularies
        """The ontology (which the rules read) and the reference vocabularies, which state some
        of what the rules would derive (an objective's type): the build infers only what no
        graph asserts."""
        self.count = 0
        self.lines: list[str] = []
        self.entailed: set[str] = set()
        """Inferred quads written so far: a unit may entail one again (an agent's type)."""

    def quad(self, s: str, p: str, o: str, g: str) -> None:
        self.lines.append(f"{s} {p} {o} {g} .\n")

    def end_unit(self) -> None:
        """Write the unit's quads and what they entail with the vocabularies."""
        text = "".join(self.lines)
        self.lines.clear()
        store = ox.Store()
        store.bulk_extend(self.vocabularies)
        store.bulk_load(text.encode("utf-8"), ox.RdfFormat.N_QUADS)
        infer(store)
        entailed = sorted(
            line
            for line in (f"{q} .\n" for q in store.quads_for_pattern(None, None, None, INFERRED))
            if line not in self.entailed
        )
        self.entailed.update(entailed)
        self.out.write(text)
        self.out.writelines(entailed)
        self.count += text.count("\n") + len(entailed)


class Generator:
    """Writes workplans until the graph has at least ``target`` quads."""

    def __init__(self, target: int, seed: int = 2021) -> None:
        self.target = target
        self.rng = random.Random(seed)
        self.agents: list[str] = []
        self.instants: set[date] = set()

    def sentence(self, words: tuple[str, ...] | list[str], n: int) -> str:
        text = " ".join(self.rng.choice(words) for _ in range(n))
        return text[:1].upper() + text[1:]

    def pick_agents(self, n: int) -> list[str]:
        """``n`` distinct agents, the first few much more often than the rest (Zipf-like)."""
        chosen: set[str] = set()
        while len(chosen) < min(n, len(self.agents)):
            index = min(int(self.rng.paretovariate(1.1)) - 1, len(self.agents) - 1)
            if self.rng.random() < 0.5:
                index = self.rng.randrange(len(self.agents))
            chosen.add(self.agents[index])
        return sorted(chosen)

    def write(self, out: TextIO) -> int:
        vocabularies = list(vocabulary_quads())
        w = Writer(out, vocabularies)
        w.lines.extend(f"{quad} .\n" for quad in vocabularies)
        w.end_unit()
        self.add_agents(w, 80)
        w.end_unit()
        number = 0
        while w.count < self.target:
            number += 1
            self.add_agents(w, 25)
            self.workplan(w, number)
            w.end_unit()
        return w.count

    def add_agents(self, w: Writer, n: int) -> None:
        g = iri(GRAPH + "agents")
        for _ in range(n):
            key = f"org-{len(self.agents) + 1}"
            agent = iri(ID + "agent/" + key)
            roll, cls = self.rng.random(), AGENT_CLASSES[-1][0]
            for name, share in AGENT_CLASSES:
                if roll < share:
                    cls = name
                    break
                roll -= share
            w.quad(agent, iri(RDF_TYPE), iri(GCM + cls), g)
            name = self.sentence(WORDS_EN, 3) + f" {len(self.agents) + 1}"
            w.quad(agent, iri(SKOS + "prefLabel"), literal(name, "en"), g)
            w.quad(agent, iri(SKOS + "prefLabel"), literal(self.sentence(WORDS_ES, 3), "es"), g)
            if self.rng.random() < 0.5:
                acronym = "".join(c[0] for c in name.split()[:3]).upper() + str(len(self.agents))
                w.quad(agent, iri(SKOS + "altLabel"), literal(acronym, "en"), g)
            self.agents.append(agent)

    def instant(self, w: Writer, day: date, g: str) -> str:
        node = iri(ID + f"instant/{day.isoformat()}")
        if day not in self.instants:
            self.instants.add(day)
            w.quad(node, iri(RDF_TYPE), iri(TIME + "Instant"), g)
            label = f"{day.day} de {MONTHS_ES[day.month - 1]} de {day.year}"
            w.quad(node, iri(SKOS + "prefLabel"), literal(label, "es"), g)
            w.quad(node, iri(SKOS + "prefLabel"), literal(day.strftime("%-d %B %Y"), "en"), g)
            w.quad(
                node, iri(TIME + "inXSDDate"), literal(day.isoformat(), datatype=XSD + "date"), g
            )
        return node

    def workplan(self, w: Writer, number: int) -> None:
        start_year = 2021 + 2 * ((number - 1) % 10)
        key = f"{start_year}-{start_year + 1}" + (f"-{number}" if number > 1 else "")
        g = iri(GRAPH + f"workplan-{key}")
        plan = iri(ID + f"workplan/{key}")
        document = iri(ID + f"document/workplan-{key}-es")
        w.quad(plan, iri(RDF_TYPE), iri(GCM + "Workplan"), g)
        issued = date(start_year, 4, 28)
        w.quad(plan, iri(DCT + "issued"), literal(issued.isoformat(), datatype=XSD + "date"), g)
        for lang, title in (
            ("es", f"Plan de trabajo de la Red: prioridades para el periodo {key}"),
            ("en", f"Network workplan: priorities for the period {key}"),
        ):
            w.quad(plan, iri(DCT + "title"), literal(title, lang), g)
            w.quad(plan, iri(SKOS + "prefLabel"), literal(title, lang), g)
        w.quad(plan, iri(DCT + "publisher"), iri(ID + "agent/unnm"), g)
        w.quad(plan, iri(PROV + "wasDerivedFrom"), document, g)
        line = 1
        for kind, cls, count in KINDS:
            for n in range(1, count + 1):
                priority = iri(ID + f"priority/{key}/{kind}-{n}")
                w.quad(plan, iri(GCM + "hasPriority"), priority, g)
                line = self.priority(w, priority, cls, str(n), start_year, g, document, line)

    def priority(
        self,
        w: Writer,
        priority: str,
        cls: str,
        notation: str,
        year: int,
        g: str,
        document: str,
        line: int,
    ) -> int:
        rng = self.rng
        w.quad(priority, iri(RDF_TYPE), iri(GCM + cls), g)
        w.quad(priority, iri(SKOS + "notation"), literal(notation), g)
        w.quad(priority, iri(SKOS + "prefLabel"), literal(self.sentence(WORDS_ES, 14), "es"), g)
        w.quad(priority, iri(SKOS + "prefLabel"), literal(self.sentence(WORDS_EN, 12), "en"), g)
        objectives = range(1, 24) if rng.random() < 0.15 else rng.sample(range(1, 24), 3)
        for o in objectives:
            objective = iri(ID + f"gcm-objective/{o}")
            w.quad(priority, iri(GCM + "addressesObjective"), objective, g)
        w.quad(
            priority, iri(GCM + "thematicArea"), iri(ID + f"thematic-area/{rng.randint(1, 5)}"), g
        )
        for target in rng.sample(SDG_TARGETS, rng.randint(1, 3)):
            w.quad(priority, iri(GCM + "contributesToSDG"), iri(SDG + target), g)
        for concept in rng.sample(UNBIS_CONCEPTS, 2):
            w.quad(priority, iri(DCT + "subject"), iri(UNBIS + concept), g)
        roles = {
            "leadEntity": self.pick_agents(rng.randint(1, 2)),
            "participant": self.pick_agents(rng.randint(3, 12)),
            "observer": self.pick_agents(rng.randint(0, 1)),
        }
        for role, agents in roles.items():
            for agent in agents:
                w.quad(priority, iri(GCM + role), agent, g)
        line = self.passage(w, priority, document, line, 12, g)
        for n in range(1, rng.randint(2, 6) + 1):
            activity = iri(priority[1:-1].replace("/priority/", "/activity/", 1) + f"/{n}")
            w.quad(priority, iri(GCM + "hasActivity"), activity, g)
            self.activity(w, activity, str(n), year, g)
            line = self.passage(w, activity, document, line, 3, g)
        return line

    def activity(self, w: Writer, activity: str, notation: str, year: int, g: str) -> None:
        rng = self.rng
        w.quad(activity, iri(RDF_TYPE), iri(GCM + "Activity"), g)
        w.quad(activity, iri(SKOS + "notation"), literal(notation), g)
        label_es = self.sentence(WORDS_ES, 18)
        w.quad(activity, iri(SKOS + "prefLabel"), literal(label_es, "es"), g)
        w.quad(activity, iri(SKOS + "prefLabel"), literal(self.sentence(WORDS_EN, 15), "en"), g)
        w.quad(activity, iri(DCT + "description"), literal(label_es + ".", "es"), g)
        w.quad(activity, iri(DCT + "description"), literal(self.sentence(WORDS_EN, 30), "en"), g)
        for agent in self.pick_agents(rng.randint(0, 2)):
            w.quad(activity, iri(GCM + "participant"), agent, g)
        for n in range(1, (2 if rng.random() < 0.07 else 1) + 1):
            schedule = iri(activity[1:-1].replace("/activity/", "/schedule/", 1) + f"/{n}")
            w.quad(activity, iri(GCM + "timeline"), schedule, g)
            self.schedule(w, schedule, year, g)
        w.quad(activity, iri(GCM + "scheduleStatement"), literal(f"{year}-{year + 1}", "es"), g)

    def schedule(self, w: Writer, schedule: str, year: int, g: str) -> None:
        rng = self.rng
        quarter = rng.randrange(8)
        begin = date(year + quarter // 4, 3 * (quarter % 4) + 1, 1)
        end = (
            date(begin.year + (begin.month == 10), (begin.month + 2) % 12 + 1, 1) - timedelta(1)
            if rng.random() < 0.7
            else date(year + 1, 12, 31)
        )
        wording = (
            f"{['primer', 'segundo', 'tercer', 'cuarto'][quarter % 4]} trimestre de {begin.year}"
        )
        w.quad(schedule, iri(RDF_TYPE), iri(GCM + "Schedule"), g)
        w.quad(schedule, iri(RDFS + "label"), literal(wording, "es"), g)
        w.quad(schedule, iri(SKOS + "prefLabel"), literal(wording, "es"), g)
        w.quad(schedule, iri(TIME + "hasBeginning"), self.instant(w, begin, g), g)
        w.quad(schedule, iri(TIME + "hasEnd"), self.instant(w, end, g), g)

    def passage(self, w: Writer, of: str, document: str, line: int, length: int, g: str) -> int:
        last = line + self.rng.randint(1, length)
        node = iri(document[1:-1].replace("/document/", "/passage/", 1) + f"/{line}-{last}")
        w.quad(of, iri(GCM + "sourcePassage"), node, g)
        w.quad(node, iri(RDF_TYPE), iri(GCM + "SourcePassage"), g)
        w.quad(node, iri(DCT + "isPartOf"), document, g)
        integer = XSD + "positiveInteger"
        w.quad(node, iri(GCM + "firstLine"), literal(str(line), datatype=integer), g)
        w.quad(node, iri(GCM + "lastLine"), literal(str(last), datatype=integer), g)
        return last + 1


def vocabulary_quads() -> Iterator[ox.Quad]:
    """The reference vocabularies and the ontology, from the files the build loads, with blank
    nodes renamed in the order they appear (so that the output is the same on every run)."""
    from gcm_kg.build import source_files
    from gcm_kg.paths import default_layout

    blanks: dict[str, ox.BlankNode] = {}

    def stable(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> ox.Term:
        if isinstance(term, ox.BlankNode):
            return blanks.setdefault(term.value, ox.BlankNode(f"v{len(blanks)}"))
        return term

    for path, graph in source_files(default_layout()):
        if graph.value.removeprefix(GRAPH) not in VOCABULARY_GRAPHS:
            continue
        for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            subject, obj = stable(quad.subject), stable(quad.object)
            yield ox.Quad(subject, quad.predicate, obj, graph)  # type: ignore[arg-type]


def size(text: str) -> int:
    """``300k``, ``3M`` or a plain number of triples."""
    if text in SIZES:
        return SIZES[text]
    multiplier = {"k": 1_000, "m": 1_000_000}.get(text[-1:].lower(), 1)
    return int(float(text.rstrip("kKmM")) * multiplier)


def generate(path: Path, triples: int, seed: int = 2021) -> int:
    """Write a graph of at least ``triples`` quads to ``path`` (N-Quads); return the count.

    Nothing is written when ``path`` already holds that graph (same size, seed and generator:
    this module's text)."""
    marker = path.with_name(path.name + ".count")
    version = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    key = f"{triples} {seed} {version}"
    if path.is_file() and marker.is_file():
        recorded = marker.read_text(encoding="utf-8").split()
        if " ".join(recorded[:3]) == key:
            return int(recorded[3])
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
        count = Generator(triples, seed).write(out)
    tmp.replace(path)
    marker.write_text(f"{key} {count}\n", encoding="utf-8")
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--triples", default="10k", help="10k, 300k, 3M or a number")
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--output", type=Path, required=True, help="N-Quads file to write")
    args = parser.parse_args(argv)
    count = generate(args.output, size(args.triples), args.seed)
    print(f"{count} quads in {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
