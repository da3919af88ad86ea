"""The graph says only what the document says, and names everyone it names.

Each test asks the built graph (asserted and inferred) a researcher's question whose answer the
document settles: what is due by a date, who takes part where, which lines name an
organisation, what an event was. ``docs/data-model.md`` describes the representation.
"""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Callable

import pytest

from gcm_kg.curation import CURATION_DIR
from gcm_kg.paths import Layout
from gcm_kg.reference import evidence, organizations

Select = Callable[[str], list[dict[str, str]]]
ID = "https://w3id.org/gcm-kg/id/"
INFERRED = "https://w3id.org/gcm-kg/graph/inferred"


def column(select: Select, query: str, var: str = "x") -> set[str]:
    return {row[var] for row in select(query) if var in row}


def keys(iris: set[str], kind: str) -> set[str]:
    return {iri.removeprefix(f"{ID}{kind}/") for iri in iris}


# --- schedules: a deadline has no beginning, an open-ended schedule no end ------------------


def test_due_by_does_not_count_open_ended_schedules_as_finished(select: Select) -> None:
    """The README's query: activities whose stated end is on or before 30 September 2021."""
    by_end = column(
        select,
        """SELECT ?x WHERE { ?x gcm:timeline/time:hasEnd/time:inXSDDate ?end
                             FILTER(?end <= "2021-09-30"^^xsd:date) }""",
    )
    by_due = column(
        select,
        """SELECT ?x WHERE { ?x gcm:timeline/gcm:dueBy ?due
                             FILTER(?due <= "2021-09-30"^^xsd:date) }""",
    )
    assert by_end == by_due
    assert not {"thematic-6/2", "thematic-7/1"} & keys(by_due, "activity")
    assert {"core-2-1/1", "wg-alternatives-to-detention/1"} <= keys(by_due, "activity")


@pytest.mark.parametrize("schedule", ["thematic-6/2/1", "thematic-7/1/1"])
def test_open_ended_schedule_states_its_beginning_and_the_period_it_starts_with(
    select: Select, schedule: str
) -> None:
    rows = select(
        f"""SELECT ?kind ?begin ?end ?due ?from ?to ?label WHERE {{
              <{ID}schedule/{schedule}> a ?kind ; rdfs:label ?label ;
                  time:hasBeginning/time:inXSDDate ?begin ;
                  time:intervalStartedBy [ time:hasBeginning/time:inXSDDate ?from ;
                                           time:hasEnd/time:inXSDDate ?to ] .
              OPTIONAL {{ <{ID}schedule/{schedule}> time:hasEnd ?end }}
              OPTIONAL {{ <{ID}schedule/{schedule}> gcm:dueBy ?due }}
              FILTER(?kind = gcm:OpenEndedSchedule) }}"""
    )
    assert rows == [
        {
            "kind": "https://w3id.org/gcm-kg/ontology#OpenEndedSchedule",
            "begin": "2021-04-01",
            "from": "2021-04-01",
            "to": "2021-09-30",
            "label": "segundo y tercer trimestre de 2021 y etapas posteriores",
        }
    ]


def test_deadlines_have_no_beginning(select: Select) -> None:
    rows = select(
        f"""SELECT ?s ?end ?due ?begin WHERE {{
              ?a gcm:timeline ?s . ?s a gcm:Deadline ;
                 time:hasEnd/time:inXSDDate ?end ; gcm:dueBy ?due .
              OPTIONAL {{ ?s time:hasBeginning ?begin }}
              FILTER(STRSTARTS(STR(?a), "{ID}activity/wg-alternatives-to-detention/")) }}"""
    )
    assert {r["s"].removeprefix(f"{ID}schedule/") for r in rows} == {
        f"wg-alternatives-to-detention/{n}/1" for n in range(1, 6)
    }
    assert all(r["end"] == r["due"] == "2021-07-31" and "begin" not in r for r in rows)
    assert column(select, "SELECT ?x WHERE { ?x a gcm:Deadline ; time:hasBeginning ?b }") == set()


def test_a_continuation_continues_its_deadline(select: Select) -> None:
    rows = select(
        f"""SELECT ?c ?of WHERE {{ <{ID}activity/wg-alternatives-to-detention/2> gcm:timeline ?c .
                                  ?c a gcm:Continuation ; gcm:continues ?of }}"""
    )
    assert [(r["c"], r["of"]) for r in rows] == [
        (
            f"{ID}schedule/wg-alternatives-to-detention/2/2",
            f"{ID}schedule/wg-alternatives-to-detention/2/1",
        )
    ]


def test_english_label_follows_the_wording(select: Select) -> None:
    labels = column(
        select,
        f'SELECT ?x WHERE {{ <{ID}schedule/core-3/1/1> skos:prefLabel ?x FILTER(LANG(?x) = "en") }}',
    )
    assert labels == {"2021–Q1 2022"}


# --- conflicts of the document, stated-empty role lists ---------------------------------------


def test_conflicting_schedule_lines_carry_a_note(select: Select) -> None:
    rows = select("SELECT ?a ?note WHERE { ?a a gcm:Activity ; skos:editorialNote ?note }")
    noted = {(r["a"].removeprefix(f"{ID}activity/"), r["note"]) for r in rows}
    assert {a for a, _ in noted} == {"thematic-6/5", "thematic-7/4"}
    notes_65 = {note for a, note in noted if a == "thematic-6/5"}
    assert any("396 y 397" in n and "«primer y segundo trimestre de 2022»" in n for n in notes_65)
    assert any("lines 396 and 397" in n for n in notes_65)
    languages = column(
        select,
        f"SELECT ?x WHERE {{ <{ID}activity/thematic-7/4> skos:editorialNote ?n BIND(LANG(?n) AS ?x) }}",
    )
    assert languages == {"es", "en"}


def test_stated_empty_role_lists(select: Select) -> None:
    rows = select("SELECT ?a ?role WHERE { ?a gcm:emptyRoleList ?role }")
    assert {(r["a"].removeprefix(f"{ID}activity/"), r["role"].rsplit("#")[1]) for r in rows} == {
        ("thematic-1/5", "participant"),
        ("thematic-1/6", "participant"),
        ("thematic-5/1", "participant"),
        ("thematic-5/2", "participant"),
    }


# --- who takes part ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("agent", "priority", "activity"),
    [
        ("mfa", "core-2-1", "core-2-1/3"),
        ("picum", "core-2-2", "core-2-2/4"),
        ("alianza-americas", "core-2-2", "core-2-2/1"),
    ],
)
def test_representatives_are_involved(
    select: Select, agent: str, priority: str, activity: str
) -> None:
    involved = column(select, f"SELECT ?x WHERE {{ agent:{agent} gcm:involvedIn ?x }}")
    assert {f"{ID}priority/{priority}", f"{ID}activity/{activity}"} <= involved
    graphs = column(
        select,
        f"SELECT ?x WHERE {{ GRAPH ?x {{ agent:{agent} gcm:representsIn priority:{priority} }} }}",
    )
    assert graphs == {INFERRED}


def test_qualifier_of_participants_reaches_the_activities(select: Select) -> None:
    rows = select("SELECT ?a ?q WHERE { ?p gcm:hasActivity ?a . ?a gcm:participantsQualifier ?q }")
    by_priority: dict[str, set[str]] = {}
    for r in rows:
        by_priority.setdefault(r["a"].removeprefix(f"{ID}activity/").split("/")[0], set()).add(
            r["q"]
        )
    assert by_priority == {"thematic-6": {"lucha contra el racismo"}, "thematic-7": {"género"}}


def test_a_slash_names_both_agents(select: Select) -> None:
    participants = keys(
        column(select, "SELECT ?x WHERE { priority:wg-regular-pathways gcm:participant ?x }"),
        "agent",
    )
    assert {"imumi", "bloque-latinoamericano", "kaldor-centre", "isim"} <= participants


def test_groups_say_whether_their_members_are_listed(select: Select) -> None:
    rows = select("SELECT ?g ?listed WHERE { ?g a gcm:AgentGroup ; gcm:membersListed ?listed }")
    assert {r["g"].removeprefix(f"{ID}agent/"): r["listed"] for r in rows} == {
        "executive-committee-members": "false",
        "remittance-task-force-members": "false",
        "network-members": "false",
        "champion-countries": "false",
    }


# --- every organisation, body or group the document names --------------------------------------

NAMES_AS_WRITTEN = """
 18 | Red de las Naciones Unidas sobre la Migración | unnm
 18 | Comité Ejecutivo | executive-committee
 18 | Naciones Unidas | un
 28 | países precursores | champion-countries
 32 | Secretaría de la Red | network-secretariat
 41 | Oficina de Coordinación del Desarrollo | dco
 46 | Fondo Fiduciario de Asociados Múltiples para la Migración | migration-mptf
 47 | Secretario General | un-secretary-general
 52 | miembros de la Red | network-members
 56 | alternativas a la detención | twg-alternatives-to-detention
 56 | facilitación de vías regulares para los migrantes en situación de vulnerabilidad | twg-regular-pathways
 56 | facilitación de vías de migración regulares mediante acuerdos bilaterales de migración laboral | twg-bilateral-labour-migration-agreements
 56 | retorno seguro y digno y reintegración sostenible | twg-return-reintegration
 56 | grupo de trabajo temático sobre datos | twg-data
 56 | grupo de trabajo temático sobre el acceso a los servicios | twg-access-to-services
 93 | OIM | iom
 95 | DAES | un-desa
 95 | OCDE | oecd
 95 | UNU | unu
 95 | ACNUDH | ohchr
 95 | UNITAR | unitar
 95 | UNODC | unodc
 95 | PNUD | undp
 95 | OIT | ilo
 95 | UNICEF | unicef
 95 | Erasmus University Rotterdam | eur
 95 | Samuel Hall | samuel-hall
105 | Grupo de Trabajo Básico 2.1 | core-working-group-2-1
113 | ACNUR | unhcr
113 | OMS | who
113 | ACT Alliance | act-alliance
113 | Comité de Acción de la Sociedad Civil | civil-society-action-committee
113 | Migrant Forum in Asia | mfa
113 | International Organización Internacional de Empleadores | ioe
113 | OIE | ioe
113 | Overseas Development Institute | odi
113 | ODI | odi
113 | Development Center, Organisation for Economic Co-operation and Development | oecd-development-centre
113 | OECD | oecd
113 | United Cities and Local Governments | uclg
113 | UCLG | uclg
123 | Grupo de Trabajo Básico 2.2 | core-working-group-2-2
132 | Alianza Americas | alianza-americas
132 | Plataforma para la Cooperación Internacional sobre Inmigrantes Indocumentados | picum
132 | PICUM | picum
132 | Alianza Global de las Instituciones Nacionales de Derechos Humanos | ganhri
132 | GANHRI | ganhri
132 | Centro de Desarrollo de la OCDE | oecd-development-centre
132 | Oficina Cuáquera ante las Naciones Unidas | quno
132 | QUNO | quno
132 | CGLU | uclg
198 | Coalición Internacional contra la Detención | idc
198 | IDC | idc
200 | Relator Especial de las Naciones Unidas sobre los derechos humanos de los migrantes | special-rapporteur-migrants
200 | Servicio Social Internacional | iss
200 | SSI | iss
200 | Asia Pacific Refugee Rights Network | aprrn
200 | APRNN | aprrn
200 | Iniciativa relativa a los Derechos del Niño en los Pactos Mundiales | child-rights-initiative
200 | Better Care Network | better-care-network
200 | Bloque Latinoamericano en la Migración | bloque-latinoamericano
200 | Physicians for Human Rights | phr
200 | Asylum Access Thailand | asylum-access-thailand
200 | Host International | host-international
200 | Oficina de Instituciones Democráticas y Derechos Humanos | odihr
200 | OIDDH | odihr
200 | Organización para la Seguridad y la Cooperación en Europa | osce
200 | OSCE | osce
202 | Grupo Principal de la Infancia y la Juventud (Naciones Unidas) | mgcy
202 | Women's Refugee Commission | wrc
204 | Global Detention Project | global-detention-project
204 | Comité Internacional de la Cruz Roja | icrc
204 | CICR | icrc
225 | APRNN | aprrn
227 | Conferencia de las Naciones Unidas sobre Comercio y Desarrollo | unctad
227 | UNCTAD | unctad
227 | ONU-Hábitat | un-habitat
227 | ONU-Mujeres | un-women
227 | Grupo Ad Hoc sobre Migraciones y Desplazamientos por Motivos Climáticos | climate-migration-ad-hoc-group
227 | Caritas Internationalis | caritas
227 | Centro de Estudios Legales y Sociales | cels
227 | CELS | cels
227 | Grupo de Trabajo de Expertos sobre los Derechos de la Mujer en el Pacto Mundial para la Migración | women-rights-gcm-experts
227 | FM4 Paso Libre | fm4-paso-libre
227 | Global Coalition on Migration | global-coalition-on-migration
227 | International Council of Voluntary Agencies | icva
227 | ICVA | icva
227 | IMBR Initiative | imbr-initiative
227 | Instituto para las Mujeres en la Migración | imumi
227 | IMUMI | imumi
227 | Bloque Latinoamericano | bloque-latinoamericano
227 | Comisión Católica Internacional de Migración | icmc
227 | Kaldor Centre | kaldor-centre
227 | ISIM | isim
227 | Mixed Migration Centre | mmc
229 | NGO Committee on Migration | ngo-committee-on-migration
229 | Oxfam International | oxfam
229 | Plataforma sobre el Desplazamiento por Desastres | platform-on-disaster-displacement
229 | Solidarity Center | solidarity-center
229 | Women in Migration Network | wimn
244 | FAO | fao
244 | Programa Mundial de Alimentos | wfp
244 | PMA | wfp
244 | APRRN | aprrn
244 | Catalyse Change | catalyse-change
244 | Jill Alpes | jill-alpes
244 | Instituto de Política Migratoria | mpi
244 | Consejo Noruego para Refugiados | nrc
244 | Red de Seguimiento Posterior a la Deportación | post-deportation-monitoring-network
261 | todos los miembros del Comité Ejecutivo | executive-committee-members
265 | ONUSIDA | unaids
265 | UNFPA | unfpa
265 | PSI | psi
279 | Comité de Adjuntos | deputies-committee
279 | Grupo de Trabajo Temático sobre Retornos y Reintegración | twg-return-reintegration
317 | Alianza Mundial para la Inclusión Financiera del G20 | gpfi
317 | Grupo de Tareas sobre Comunidades Emisoras y Receptoras de Remesas | remittance-community-task-force
319 | Fondo Internacional de Desarrollo Agrícola | ifad
319 | FIDA | ifad
320 | miembros de la Red pertenecientes al Grupo de Tareas sobre Comunidades Emisoras y Receptoras de Remesas | remittance-task-force-members
320 | Grupo de Tareas sobre Comunidades Emisoras y Receptoras de Remesas | remittance-community-task-force
321 | Coordinador | network-coordinator
341 | Secretaría de la Convención Marco de las Naciones Unidas sobre el Cambio Climático | unfccc
341 | CMNUCC | unfccc
345 | Secretaría de la CMNUCC | unfccc
364 | Comisión de Prevención del Delito y Justicia Penal | ccpcj
399 | African Foundation for Development | afford
399 | AFFORD | afford
399 | Civil Society Action Committee | civil-society-action-committee
422 | Gender Hub+ | gender-hub
"""
"""Every name or acronym of an organisation, body or group as the document writes it: the line,
the name, the agent's key. Where it writes "name (ACRONYM)", both are here."""

NAMED: list[tuple[int, str, str]] = [
    (int(line), name, key)
    for line, name, key in (
        (cell.strip() for cell in row.split(" | ")) for row in NAMES_AS_WRITTEN.strip().splitlines()
    )
]


def _fold(text: str) -> str:
    """Case- and accent-insensitive form, as the site's search compares names."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@pytest.fixture(scope="module")
def labels(select: Select) -> dict[str, set[str]]:
    """Every agent's preferred, alternative and hidden labels, folded."""
    rows = select(
        "SELECT ?a ?l WHERE { ?a a foaf:Agent ; skos:prefLabel|skos:altLabel|skos:hiddenLabel ?l }"
    )
    found: dict[str, set[str]] = {}
    for row in rows:
        found.setdefault(row["a"].removeprefix(f"{ID}agent/"), set()).add(_fold(row["l"]))
    return found


@pytest.mark.parametrize(
    ("line", "name", "agent"), NAMED, ids=[f"{n[0]}-{n[1][:30]}" for n in NAMED]
)
def test_every_name_as_written_finds_its_agent(
    labels: dict[str, set[str]], source_lines: list[str], line: int, name: str, agent: str
) -> None:
    written = " ".join(" ".join(source_lines[line - 1 : line + 2]).replace("*", "").split())
    assert name in written, f"line {line} does not write {name!r}"
    found = {key for key, names in labels.items() if any(_fold(name) in n for n in names)}
    assert agent in found


def test_every_agent_is_named_on_the_lines_listed(select: Select) -> None:
    rows = select("SELECT ?a ?line WHERE { ?a gcm:namedIn/gcm:firstLine ?line }")
    named = {(r["a"].removeprefix(f"{ID}agent/"), int(r["line"])) for r in rows}
    assert {(agent, line) for line, _, agent in NAMED} <= named
    every_agent = keys(column(select, "SELECT ?x WHERE { ?x a foaf:Agent }"), "agent")
    assert {agent for _, _, agent in NAMED} == every_agent


@pytest.mark.parametrize(
    ("agent", "label"),
    [
        ("unu", "Universidad de las Naciones Unidas"),
        ("unodc", "Oficina de las Naciones Unidas contra la Droga y el Delito"),
        ("un-habitat", "Programa de las Naciones Unidas para los Asentamientos Humanos"),
        ("oecd", "Organización para la Cooperación y el Desarrollo Económicos"),
    ],
)
def test_spanish_names_are_the_un_forms(select: Select, agent: str, label: str) -> None:
    found = column(
        select, f'SELECT ?x WHERE {{ agent:{agent} skos:prefLabel ?x FILTER(LANG(?x) = "es") }}'
    )
    assert found == {label}


def test_misspellings_are_hidden_labels(select: Select) -> None:
    hidden = column(select, "SELECT ?x WHERE { agent:aprrn skos:hiddenLabel ?x }")
    shown = column(select, "SELECT ?x WHERE { agent:aprrn skos:prefLabel|skos:altLabel ?x }")
    assert "APRNN" in hidden and "APRNN" not in shown


# --- events and SDG links -----------------------------------------------------------------------


def test_the_sdg_summit_of_july_2021_was_the_hlpf(select: Select) -> None:
    rows = select(
        """SELECT ?label ?part ?desc WHERE { event:sdg-summit-2021 skos:prefLabel ?label ;
             dcterms:isPartOf ?part ; dcterms:description ?desc
             FILTER(LANG(?label) = "es" && LANG(?desc) = "en") }"""
    )
    assert len(rows) == 1
    assert (
        rows[0]["label"] == "Cumbre sobre los Objetivos de Desarrollo Sostenible (6 a 15 de julio)"
    )
    assert rows[0]["part"] == f"{ID}event/hlpf"
    assert "high-level political forum" in rows[0]["desc"]
    assert column(select, "SELECT ?x WHERE { ?x gcm:relatedEvent event:hlpf }") == {
        f"{ID}activity/core-2-2/4"
    }


def test_the_crime_commission_session_ran_for_five_days(select: Select) -> None:
    rows = select(
        """SELECT ?b ?e WHERE { event:ccpcj-30 time:hasTime [
             time:hasBeginning/time:inXSDDate ?b ; time:hasEnd/time:inXSDDate ?e ] }"""
    )
    assert [(r["b"], r["e"]) for r in rows] == [("2021-05-17", "2021-05-21")]


def test_what_holds_for_the_whole_workplan_is_said_of_the_workplan(select: Select) -> None:
    assert column(select, "SELECT ?x WHERE { workplan:2021-2022 gcm:contributesToSDG ?x }") == {
        "http://metadata.un.org/sdg/10.7"
    }
    assert (
        column(select, "SELECT ?p WHERE { ?p a gcm:Priority ; gcm:contributesToSDG sdg:10.7 }", "p")
        == set()
    )


def test_every_sdg_link_of_a_priority_has_its_reason() -> None:
    with (CURATION_DIR / "priorities.toml").open("rb") as handle:
        table = tomllib.load(handle)
    links = [(key, n, why) for key, e in table.items() for n, why in e.get("sdg", {}).items()]
    assert links
    assert all(isinstance(why, str) and len(why) > 20 for _, _, why in links)
    assert all(n != "10.7" for key, n, _ in links if key != "_workplan")


# --- Wikidata links and their evidence ------------------------------------------------------------


def test_every_qid_carries_its_evidence(layout: Layout) -> None:
    rows = organizations(layout.reference_dir).values()
    linked = [r for r in rows if r["wikidata_qid"]]
    assert len(linked) == 28
    for row in linked:
        assert evidence(row["source_of_qid"]).files, row["name_en"]
    assert not [r["name_en"] for r in rows if r["source_of_qid"] and not r["wikidata_qid"]]


def test_disagreeing_sources_are_recorded_with_the_choice(layout: Layout) -> None:
    unhcr = organizations(layout.reference_dir)[
        "Office of the United Nations High Commissioner for Refugees"
    ]
    assert unhcr["wikidata_qid"] == "Q132551"
    assert "gives Q28606331, not adopted (minority value" in unhcr["source_of_qid"]


@pytest.mark.parametrize(
    ("link", "evidence"),
    [
        ("owl:sameAs|skos:closeMatch", "gcm:wikidataEvidence"),
        ("foaf:homepage", "gcm:homepageEvidence"),
    ],
)
def test_every_identifier_carries_its_evidence_in_the_graph(
    select: Select, link: str, evidence: str
) -> None:
    """Beside the link, in the graph: the files of public datasets at a commit that say so."""
    linked = column(select, f"SELECT DISTINCT ?x WHERE {{ ?x {link} ?o }}")
    assert linked
    attested = column(
        select,
        f"SELECT DISTINCT ?x WHERE {{ ?x {link} ?o ; {evidence} ?e . "
        'FILTER(STRSTARTS(STR(?e), "https://github.com/") && REGEX(STR(?e), "/blob/[0-9a-f]{40}/")) }',
    )
    assert sorted(linked - attested) == []


def test_a_conflicting_dataset_is_noted_beside_the_link(select: Select) -> None:
    notes = column(select, "SELECT ?x WHERE { agent:unhcr gcm:evidenceNote ?x }")
    assert any("gives Q28606331, not adopted" in note for note in notes)


def test_the_office_of_secretary_general_is_a_close_match(select: Select) -> None:
    assert column(select, "SELECT ?x WHERE { agent:un-secretary-general skos:closeMatch ?x }") == {
        "http://www.wikidata.org/entity/Q81066"
    }
    assert column(select, "SELECT ?x WHERE { agent:un-secretary-general owl:sameAs ?x }") == set()


def test_the_documented_due_by_query(select: Select, layout: Layout) -> None:
    query = (layout.root / "docs" / "queries" / "due-by.rq").read_text(encoding="utf-8")
    due = keys(column(select, query, "activity"), "activity")
    assert "core-2-1/1" in due and not {"thematic-6/2", "thematic-7/1"} & due


# --- what is editorial is in its own graph --------------------------------------------------------

EDITORIAL = (
    "gcm:contributesToSDG",
    "dcterms:subject",
    "gcm:promotesPrinciple",
    "dcterms:references",
)


@pytest.mark.parametrize("link", EDITORIAL)
def test_an_editorial_link_is_only_in_the_editorial_graph(select: Select, link: str) -> None:
    graphs = column(select, f"SELECT DISTINCT ?x WHERE {{ GRAPH ?x {{ ?s {link} ?o }} }}")
    assert graphs == {"https://w3id.org/gcm-kg/graph/workplan-2021-2022-editorial"}


def test_transversal_is_read_as_every_objective_in_the_editorial_graph(select: Select) -> None:
    """ "todos" says every objective; "transversal" is the project's reading."""
    query = "SELECT ?x WHERE {{ GRAPH <https://w3id.org/gcm-kg/graph/{}> {{ {} gcm:addressesObjective ?x }} }}"
    assert (
        len(column(select, query.format("workplan-2021-2022-editorial", "priority:thematic-2")))
        == 23
    )
    assert column(select, query.format("workplan-2021-2022", "priority:thematic-2")) == set()
    assert len(column(select, query.format("workplan-2021-2022", "priority:thematic-6"))) == 23


def test_a_continuation_says_its_year_is_read_not_written(select: Select) -> None:
    """ "continuación durante los trimestres tercero y cuarto" has no year: the one taken is marked."""
    continuations = column(select, "SELECT ?x WHERE { ?x a gcm:Continuation }")
    noted = column(
        select,
        'SELECT ?x WHERE { ?x a gcm:Continuation ; skos:editorialNote ?n FILTER(LANG(?n) = "es") '
        'FILTER(CONTAINS(?n, "no indica el año")) }',
    )
    assert continuations and noted == continuations


def test_each_schedule_names_the_line_it_is_read_from(select: Select) -> None:
    """Of two "Cronograma" lines that disagree (thematic 7·4), each schedule says which is its."""
    lines = {
        row["x"].rsplit("/", 1)[1]: row["l"]
        for row in select(
            "SELECT ?x ?l WHERE { ?a gcm:timeline ?x . "
            'FILTER(STRSTARTS(STR(?x), "https://w3id.org/gcm-kg/id/schedule/thematic-7/4/")) '
            "?x gcm:sourcePassage/gcm:firstLine ?l }"
        )
    }
    assert lines == {"1": "419", "2": "420"}
    unsourced = column(
        select,
        "SELECT ?x WHERE { ?x a gcm:Schedule FILTER NOT EXISTS { ?x gcm:sourcePassage ?p } }",
    )
    assert unsourced == set()


@pytest.mark.parametrize("kind", ["sdgo:Goal", "sdgo:Target", "skos:Concept"])
def test_every_un_concept_carries_the_evidence_of_its_iri(select: Select, kind: str) -> None:
    concepts = column(
        select,
        f'SELECT ?x WHERE {{ ?x a {kind} FILTER(STRSTARTS(STR(?x), "http://metadata.un.org/")) }}',
    )
    attested = column(select, "SELECT DISTINCT ?x WHERE { ?x gcm:iriEvidence ?e }")
    assert concepts and concepts <= attested
