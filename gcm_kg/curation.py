"""Load the curated tables of ``gcm_kg/curation/``: what the document's text does not say."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .errors import FileProblem
from .reference import Evidence, Row, evidence

CURATION_DIR = Path(__file__).resolve().parent / "curation"
AGENT_KINDS = ("un", "igo", "cso", "academic", "partnership", "group", "person", "mandate")
NO_EVIDENCE = Evidence((), ())
WORKPLAN_KEY = "_workplan"
"""The table of ``priorities.toml`` that holds what is said of the whole workplan."""


@dataclass(frozen=True)
class Agent:
    key: str
    kind: str
    name_en: str
    name_es: str
    acronym_en: str = ""
    acronym_es: str = ""
    description_en: str = ""
    description_es: str = ""
    wikidata: str = ""
    wikidata_evidence: Evidence = NO_EVIDENCE
    homepage: str = ""
    homepage_evidence: Evidence = NO_EVIDENCE
    close_match: bool = False
    unit_of: str = ""
    member_of: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    alt_es: tuple[str, ...] = ()
    alt_en: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()
    lines: tuple[int, ...] = ()
    members: tuple[str, ...] | None = None
    """A group's members where the document or this table lists them; ``()`` where they are
    not listed; ``None`` for an agent that is not a group."""


@dataclass(frozen=True)
class SDGLink:
    """An editorial link to an SDG goal or target (by notation), with its reason."""

    notation: str
    why: str


@dataclass(frozen=True)
class PriorityCuration:
    key: str
    sdg: tuple[SDGLink, ...] = ()
    unbis: tuple[str, ...] = ()
    principles: tuple[str, ...] = ()
    title_starts: str = ""
    references: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Event:
    key: str
    name_es: str
    name_en: str
    mention: str
    activities: tuple[str, ...]
    begin: date | None = None
    end: date | None = None
    date_wording: str = ""
    description_es: str = ""
    description_en: str = ""
    part_of: str = ""


@dataclass(frozen=True)
class Translation:
    title: str
    short: str
    activities: dict[str, str]


@dataclass(frozen=True)
class Curation:
    agents: dict[str, Agent]
    joint_aliases: dict[str, tuple[str, ...]]
    priorities: dict[str, PriorityCuration]
    workplan_sdg: tuple[SDGLink, ...]
    events: dict[str, Event]
    translations: dict[str, Translation]


def _load_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise FileProblem(path, f"cannot read: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise FileProblem(path, f"TOML syntax error: {exc}", getattr(exc, "lineno", None)) from exc


def _attested(path: Path, key: str, ref: Row, column: str, cited_in: str) -> tuple[str, Evidence]:
    """An external identifier of the agent's reference row, with its evidence; one without any
    is refused (reference/README.md)."""
    value, found = ref.get(column, ""), evidence(ref.get(cited_in, ""))
    if value and not found.files:
        raise FileProblem(
            path, f"agent {key!r}: {value} has no evidence in organizations.tsv ({cited_in})"
        )
    return value, found


def load_agents(
    path: Path, organizations: dict[str, Row]
) -> tuple[dict[str, Agent], dict[str, tuple[str, ...]]]:
    """Agents keyed by IRI key, joined with their reference row; and the joint aliases."""
    table = _load_toml(path)
    joint = {alias: tuple(keys) for alias, keys in table.pop("_joint", {}).items()}
    agents: dict[str, Agent] = {}
    for key, entry in table.items():
        if entry.get("kind") not in AGENT_KINDS:
            raise FileProblem(path, f"agent {key!r}: kind must be one of {', '.join(AGENT_KINDS)}")
        ref: Row = {}
        if "ref" in entry:
            if entry["ref"] not in organizations:
                raise FileProblem(
                    path, f"agent {key!r}: no row {entry['ref']!r} in organizations.tsv"
                )
            ref = organizations[entry["ref"]]
        name_en = entry.get("name_en") or ref.get("name_en", "")
        if not name_en:
            raise FileProblem(path, f"agent {key!r} has no English name")
        qid, qid_evidence = _attested(path, key, ref, "wikidata_qid", "source_of_qid")
        homepage, homepage_evidence = _attested(path, key, ref, "homepage", "source_of_homepage")
        member_of = entry.get("member_of", ())
        members = entry.get("members")
        if (entry["kind"] == "group") != (members is not None):
            raise FileProblem(
                path,
                f"agent {key!r}: a group, and only a group, has `members` "
                "(an empty list where its members are not listed)",
            )
        agents[key] = Agent(
            key=key,
            kind=entry["kind"],
            name_en=name_en,
            name_es=entry.get("name_es") or ref.get("name_es") or name_en,
            acronym_en=entry.get("acronym_en") or ref.get("acronym_en", ""),
            acronym_es=entry.get("acronym_es") or ref.get("acronym_es", ""),
            description_en=entry.get("description_en", ""),
            description_es=entry.get("description_es", ""),
            wikidata=qid,
            wikidata_evidence=qid_evidence,
            homepage=homepage,
            homepage_evidence=homepage_evidence,
            close_match=bool(entry.get("close_match", False)),
            unit_of=entry.get("unit_of", ""),
            member_of=(member_of,) if isinstance(member_of, str) else tuple(member_of),
            aliases=tuple(entry.get("aliases", ())),
            alt_es=tuple(entry.get("alt_es", ())),
            alt_en=tuple(entry.get("alt_en", ())),
            hidden=tuple(entry.get("hidden", ())),
            lines=tuple(entry.get("lines", ())),
            members=None if members is None else tuple(members),
        )
    for agent in agents.values():
        for other in (agent.unit_of, *agent.member_of, *(agent.members or ())):
            if other and other not in agents:
                raise FileProblem(path, f"agent {agent.key!r} refers to unknown agent {other!r}")
    for alias, keys in joint.items():
        for k in keys:
            if k not in agents:
                raise FileProblem(path, f"joint alias {alias!r} names unknown agent {k!r}")
    return agents, joint


def _sdg_links(path: Path, key: str, entry: dict[str, Any]) -> tuple[SDGLink, ...]:
    links = entry.get("sdg", {})
    if not isinstance(links, dict) or not all(isinstance(v, str) and v for v in links.values()):
        raise FileProblem(path, f"{key}: `sdg` maps each SDG notation to the reason for the link")
    return tuple(SDGLink(notation, why) for notation, why in links.items())


def load_priorities(path: Path) -> tuple[dict[str, PriorityCuration], tuple[SDGLink, ...]]:
    """The curation of each priority, and the SDG links of the whole workplan."""
    table = _load_toml(path)
    workplan = _sdg_links(path, WORKPLAN_KEY, table.pop(WORKPLAN_KEY, {}))
    return {
        key: PriorityCuration(
            key=key,
            sdg=_sdg_links(path, key, e),
            unbis=tuple(e.get("unbis", ())),
            principles=tuple(e.get("principles", ())),
            title_starts=e.get("title_starts", ""),
            references=dict(e.get("references", {})),
        )
        for key, e in table.items()
    }, workplan


def load_events(path: Path) -> dict[str, Event]:
    table = _load_toml(path)
    events: dict[str, Event] = {}
    for key, e in table.items():
        try:
            begin = date.fromisoformat(e["begin"]) if "begin" in e else None
            end = date.fromisoformat(e["end"]) if "end" in e else None
            events[key] = Event(
                key=key,
                name_es=e["name_es"],
                name_en=e["name_en"],
                mention=e["mention"],
                activities=tuple(e["activities"]),
                begin=begin,
                end=end,
                date_wording=e.get("date_wording", ""),
                description_es=e.get("description_es", ""),
                description_en=e.get("description_en", ""),
                part_of=e.get("part_of", ""),
            )
        except (KeyError, ValueError) as exc:
            raise FileProblem(path, f"event {key!r}: {exc}") from exc
    for event in events.values():
        if event.part_of and event.part_of not in events:
            raise FileProblem(
                path, f"event {event.key!r} is part of unknown event {event.part_of!r}"
            )
    return events


def load_translations(path: Path) -> dict[str, Translation]:
    table = _load_toml(path)
    try:
        return {
            key: Translation(
                e["title"], e.get("short", ""), {str(k): v for k, v in e["activities"].items()}
            )
            for key, e in table.items()
        }
    except KeyError as exc:
        raise FileProblem(path, f"missing {exc}") from exc


def load_curation(organizations: dict[str, Row], directory: Path = CURATION_DIR) -> Curation:
    agents, joint = load_agents(directory / "agents.toml", organizations)
    priorities, workplan_sdg = load_priorities(directory / "priorities.toml")
    return Curation(
        agents=agents,
        joint_aliases=joint,
        priorities=priorities,
        workplan_sdg=workplan_sdg,
        events=load_events(directory / "events.toml"),
        translations=load_translations(directory / "translations.toml"),
    )
