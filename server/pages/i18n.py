"""The interface's words in Spanish and English (the data brings its own labels).

Each message has both languages; ``{name}`` placeholders are filled by :func:`translate`.
A test checks that every message used by a template exists in both.
"""

# ruff: noqa: E501  (a message reads best on one line, its two languages side by side)
from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # layout
    "skip": {"es": "Saltar al contenido", "en": "Skip to content"},
    "tagline": {
        "es": "Plan de trabajo de la Red sobre la Migración",
        "en": "Migration Network workplan",
    },
    "site-navigation": {"es": "Navegación del sitio", "en": "Site navigation"},
    "home": {"es": "Inicio", "en": "Home"},
    "timeline": {"es": "Calendario", "en": "Timeline"},
    "network": {"es": "Red de colaboración", "en": "Collaboration network"},
    "matrix": {"es": "Objetivos × prioridades", "en": "Objectives × priorities"},
    "query": {"es": "Consulta SPARQL", "en": "SPARQL query"},
    "ontology": {"es": "Ontología", "en": "Ontology"},
    "search": {"es": "Buscar", "en": "Search"},
    "search-label": {"es": "Buscar en el plan de trabajo", "en": "Search the workplan"},
    "search-placeholder": {"es": "p. ej. detención, OIM, 2.1", "en": "e.g. detention, IOM, 2.1"},
    "switch-to": {"es": "English", "en": "Español"},
    "queries-heading": {
        "es": "Las consultas SPARQL de esta página",
        "en": "The SPARQL queries behind this page",
    },
    "queries-intro": {
        "es": "Esta página se generó con estas consultas al punto de acceso SPARQL; puede abrirlas y modificarlas en el editor.",
        "en": "This page was made from these queries to the SPARQL endpoint; open them in the editor to change them.",
    },
    "open-in-editor": {"es": "Abrir en el editor de consultas", "en": "Open in the query editor"},
    "footer-data": {
        "es": "Datos y ontología: CC BY 4.0. Fuente: plan de trabajo 2021-2022 de la Red de las Naciones Unidas sobre la Migración.",
        "en": "Data and ontology: CC BY 4.0. Source: the UN Network on Migration's 2021–2022 workplan.",
    },
    "dataset": {
        "es": "Descripción del conjunto de datos (VoID)",
        "en": "Dataset description (VoID)",
    },
    "downloads": {"es": "Descargas", "en": "Downloads"},
    # home
    "home-title": {
        "es": "El plan de trabajo de la Red, como datos enlazados",
        "en": "The Network's workplan as linked data",
    },
    "home-intro": {
        "es": "La Red de las Naciones Unidas sobre la Migración apoya a los Estados en la aplicación del Pacto Mundial para una Migración Segura, Ordenada y Regular. Su plan de trabajo 2021-2022 fija prioridades, cada una con actividades numeradas, plazos y las entidades que las encabezan o participan en ellas. Aquí cada prioridad, actividad, organización y objetivo tiene su propia página y su IRI.",
        "en": "The United Nations Network on Migration supports States in implementing the Global Compact for Safe, Orderly and Regular Migration. Its 2021–2022 workplan sets priorities, each with numbered activities, schedules and the entities that lead or join them. Here every priority, activity, organisation and objective has its own page and IRI.",
    },
    "home-workplan": {"es": "El documento:", "en": "The document:"},
    "issued": {"es": "publicado el", "en": "issued"},
    "counts-heading": {"es": "En cifras", "en": "In numbers"},
    "count-priorities": {"es": "prioridades", "en": "priorities"},
    "count-activities": {"es": "actividades", "en": "activities"},
    "count-schedules": {"es": "plazos con fechas", "en": "dated schedules"},
    "count-organisations": {"es": "organizaciones", "en": "organisations"},
    "count-agents": {
        "es": "agentes (organizaciones, grupos y personas)",
        "en": "agents (organisations, groups and persons)",
    },
    "count-objectives": {"es": "objetivos del Pacto Mundial", "en": "Global Compact objectives"},
    "count-areas": {"es": "áreas temáticas", "en": "thematic areas"},
    "count-events": {"es": "eventos", "en": "events"},
    "count-triples": {"es": "tripletas RDF", "en": "RDF triples"},
    "explore-heading": {"es": "Explorar", "en": "Explore"},
    "timeline-intro": {
        "es": "Todas las actividades en un mismo eje temporal, agrupadas por prioridad.",
        "en": "Every activity on one time axis, grouped by priority.",
    },
    "network-intro": {
        "es": "Qué organizaciones trabajan juntas: dos agentes están unidos cuando comparten actividades, como entidad encargada, participante u observador.",
        "en": "Who works with whom: two agents are linked when they share activities, as lead, participant or observer.",
    },
    "matrix-intro": {
        "es": "Qué objetivos del Pacto Mundial aborda cada prioridad, y cuáles no aborda ninguna.",
        "en": "Which Global Compact objectives each priority addresses, and which no priority addresses.",
    },
    "query-intro": {
        "es": "Consultas propias en SPARQL, con ejemplos.",
        "en": "Your own SPARQL queries, with examples.",
    },
    "ontology-intro": {
        "es": "Las clases y propiedades del modelo.",
        "en": "The model's classes and properties.",
    },
    "void-intro": {
        "es": "Metadatos VoID y DCAT: licencia, volumen, vocabularios, descargas.",
        "en": "VoID and DCAT metadata: licence, size, vocabularies, dumps.",
    },
    "priorities": {"es": "Prioridades", "en": "Priorities"},
    "objectives": {
        "es": "Objetivos del Pacto Mundial para la Migración",
        "en": "Objectives of the Global Compact for Migration",
    },
    "areas": {"es": "Áreas temáticas", "en": "Thematic areas"},
    "agents": {"es": "Organizaciones y otros agentes", "en": "Organisations and other agents"},
    "n-activities": {"es": "{n} actividades", "en": "{n} activities"},
    "data-heading": {"es": "Datos", "en": "Data"},
    "dumps-caption": {
        "es": "Volcados del grafo completo (comprimidos con gzip)",
        "en": "Dumps of the whole graph (gzip-compressed)",
    },
    "file": {"es": "Archivo", "en": "File"},
    "format": {"es": "Formato", "en": "Format"},
    "size": {"es": "Tamaño", "en": "Size"},
    # resource pages
    "formats": {"es": "Este recurso en", "en": "This resource as"},
    "statements-heading": {"es": "Todas las afirmaciones", "en": "Every statement"},
    "statements-summary": {
        "es": "{out} afirmaciones sobre este recurso y {incoming} que lo mencionan",
        "en": "{out} statements about this resource and {incoming} that point to it",
    },
    "statements-out": {
        "es": "Afirmaciones sobre este recurso",
        "en": "Statements about this resource",
    },
    "statements-in": {"es": "Afirmaciones que lo mencionan", "en": "Statements that point to it"},
    "property": {"es": "Propiedad", "en": "Property"},
    "value": {"es": "Valor", "en": "Value"},
    "incoming-subject": {"es": "Recurso", "en": "Resource"},
    "activities": {"es": "Actividades", "en": "Activities"},
    "activities-caption": {
        "es": "Actividades y sus plazos",
        "en": "Activities and their schedules",
    },
    "activities-of": {"es": "Actividades de {name}", "en": "Activities of {name}"},
    "activity": {"es": "Actividad", "en": "Activity"},
    "priority": {"es": "Prioridad", "en": "Priority"},
    "schedule": {"es": "Plazo", "en": "Schedule"},
    "dates": {"es": "Fechas", "en": "Dates"},
    "begin": {"es": "Inicio", "en": "Begins"},
    "end": {"es": "Fin", "en": "Ends"},
    "when": {"es": "Cuándo", "en": "When"},
    "who": {"es": "Quién", "en": "Who"},
    "what-for": {"es": "Para qué", "en": "What for"},
    "roles-lead": {"es": "Entidades encargadas", "en": "Lead entities"},
    "roles-participant": {"es": "Participantes", "en": "Participants"},
    "roles-observer": {"es": "Observadores", "en": "Observers"},
    "roles-representative": {"es": "Representación", "en": "Representation"},
    "role": {"es": "Función", "en": "Role"},
    "role-lead": {"es": "encargada", "en": "leads"},
    "role-participant": {"es": "participa", "en": "participates"},
    "role-observer": {"es": "observa", "en": "observes"},
    "role-on-priority": {"es": "Función en la prioridad", "en": "Role in the priority"},
    "represents": {"es": "en representación de", "en": "representing"},
    "inherited": {"es": "heredada de la prioridad", "en": "inherited from the priority"},
    "inherited-help": {
        "es": "El documento indica esta función para la prioridad; la actividad la hereda.",
        "en": "The document states this role for the priority; the activity inherits it.",
    },
    "document-says": {"es": "El documento dice:", "en": "The document says:"},
    "area": {"es": "Área temática", "en": "Thematic area"},
    "sdgs": {"es": "Objetivos de Desarrollo Sostenible", "en": "Sustainable Development Goals"},
    "principles": {"es": "Principios rectores", "en": "Guiding principles"},
    "subjects": {"es": "Temas (Tesauro UNBIS)", "en": "Subjects (UNBIS Thesaurus)"},
    "editorial": {"es": "editorial", "en": "editorial"},
    "events": {"es": "Eventos", "en": "Events"},
    "related": {"es": "Relacionado", "en": "Related"},
    "references": {"es": "Menciona", "en": "Refers to"},
    "referenced-by": {"es": "Mencionada por", "en": "Referred to by"},
    "source": {"es": "Fuente", "en": "Source"},
    "lines": {"es": "líneas {first} a {last}", "en": "lines {first} to {last}"},
    "source-caption": {
        "es": "Las líneas del documento de origen (edición en español).",
        "en": "The lines of the source document (Spanish edition).",
    },
    "activity-of": {"es": "Actividad de la prioridad", "en": "Activity of the priority"},
    "full-text": {"es": "Texto completo", "en": "Full text"},
    "schedule-deadline": {"es": "fecha límite", "en": "deadline"},
    "schedule-continuation": {"es": "continuación", "en": "continuation"},
    "schedule-open-ended": {"es": "sin fecha de fin", "en": "open-ended"},
    "timeline-of-priority": {
        "es": "Calendario de las actividades de esta prioridad.",
        "en": "Timeline of this priority's activities.",
    },
    "timeline-of-activity": {
        "es": "Calendario de esta actividad.",
        "en": "Timeline of this activity.",
    },
    "timeline-of-agent": {
        "es": "Calendario de las actividades en las que participa.",
        "en": "Timeline of the activities it takes part in.",
    },
    "timeline-of-workplan": {
        "es": "Calendario de todo el plan de trabajo.",
        "en": "Timeline of the whole workplan.",
    },
    "timeline-chart-label": {
        "es": "Gráfico de calendario con {n} plazos; la tabla lo detalla.",
        "en": "Timeline chart of {n} schedules; the table gives the same data.",
    },
    "chart-alternative": {
        "es": "La tabla muestra los mismos datos.",
        "en": "The table gives the same data.",
    },
    "timeline-table-heading": {"es": "Actividades por prioridad", "en": "Activities by priority"},
    # agents
    "agent-summary": {"es": "En el plan de trabajo", "en": "In the workplan"},
    "agent-count-lead": {
        "es": "Encabeza {priorities} prioridades y {activities} actividades",
        "en": "Leads {priorities} priorities and {activities} activities",
    },
    "agent-count-participant": {
        "es": "Participa en {priorities} prioridades y {activities} actividades",
        "en": "Participates in {priorities} priorities and {activities} activities",
    },
    "agent-count-observer": {
        "es": "Observa {priorities} prioridades y {activities} actividades",
        "en": "Observes {priorities} priorities and {activities} activities",
    },
    "agent-no-roles": {
        "es": "El plan de trabajo no le asigna ninguna función.",
        "en": "The workplan gives it no role.",
    },
    "agent-work": {
        "es": "Lo que encabeza y en lo que participa, y cuándo",
        "en": "What it leads and joins, and when",
    },
    "agent-activities-caption": {
        "es": "Actividades, función y plazos",
        "en": "Activities, role and schedules",
    },
    "collaborators": {"es": "Con quién trabaja más", "en": "Who it works with most"},
    "collaborators-intro": {
        "es": "Los agentes con los que comparte más actividades. Véase también la",
        "en": "The agents it shares the most activities with. See also the",
    },
    "n-shared": {"es": "{n} actividades en común", "en": "{n} shared activities"},
    "elsewhere": {"es": "En otros sitios", "en": "Elsewhere"},
    "homepage": {"es": "Sitio web", "en": "Homepage"},
    "same-as": {"es": "El mismo recurso en", "en": "The same resource at"},
    "part-of": {"es": "Forma parte de", "en": "Part of"},
    # objectives and areas
    "addressed-by-objective": {
        "es": "Prioridades que abordan este objetivo",
        "en": "Priorities that address this objective",
    },
    "addressed-by-area": {
        "es": "Prioridades de esta área temática",
        "en": "Priorities in this thematic area",
    },
    "objective-coverage": {
        "es": "{n} prioridades abordan este objetivo, {specific} de ellas de forma específica (las demás abordan todos los objetivos). Véase",
        "en": "{n} priorities address this objective, {specific} of them specifically (the others address every objective). See",
    },
    "not-addressed": {"es": "Ninguna prioridad lo aborda.", "en": "No priority addresses it."},
    "all-objectives": {"es": "aborda todos los objetivos", "en": "addresses every objective"},
    "objective": {"es": "Objetivo", "en": "Objective"},
    "publisher": {"es": "Publicado por", "en": "Publisher"},
    "period": {"es": "Periodo", "en": "Period"},
    # matrix
    "matrix-caption": {
        "es": "Objetivos del Pacto (filas) abordados por cada prioridad (columnas)",
        "en": "Global Compact objectives (rows) addressed by each priority (columns)",
    },
    "matrix-specific": {
        "es": "{n} de {total} objetivos tienen al menos una prioridad específica.",
        "en": "{n} of {total} objectives have at least one priority of their own.",
    },
    "matrix-only-transversal": {
        "es": "{n} objetivos solo los abordan prioridades transversales (que abordan todos)",
        "en": "{n} objectives are addressed only by cross-cutting priorities (those addressing all)",
    },
    "matrix-uncovered": {
        "es": "{n} objetivos no los aborda ninguna prioridad",
        "en": "{n} objectives are addressed by no priority",
    },
    "matrix-legend": {
        "es": '● la prioridad aborda el objetivo; ○ la prioridad aborda todos los objetivos ("todos", "transversal"); * prioridad transversal. La última columna cuenta las prioridades específicas.',
        "en": '● the priority addresses the objective; ○ the priority addresses every objective ("todos", "transversal"); * a cross-cutting priority. The last column counts the specific priorities.',
    },
    "no-objectives": {
        "es": "El documento no indica objetivos del Pacto para esta prioridad.",
        "en": "The document states no Global Compact objective for this priority.",
    },
    "matrix-silent": {
        "es": "{n} prioridades no indican objetivos del Pacto y no figuran en la tabla",
        "en": "{n} priorities state no Global Compact objective and are not in the table",
    },
    "specific": {"es": "Específicas", "en": "Specific"},
    "yes": {"es": "sí", "en": "yes"},
    # network
    "network-chart-label": {
        "es": "Grafo de {n} agentes y {m} colaboraciones; las tablas lo detallan.",
        "en": "Graph of {n} agents and {m} collaborations; the tables give the same data.",
    },
    "network-caption": {
        "es": "Cada nodo es un agente (su tamaño, el número de actividades); cada arista, las actividades que dos agentes comparten.",
        "en": "Each node is an agent (sized by its number of activities); each edge, the activities two agents share.",
    },
    "pairs-heading": {
        "es": "Las parejas que más colaboran",
        "en": "The pairs that work together most",
    },
    "pairs-caption": {
        "es": "Las {n} parejas con más actividades en común",
        "en": "The {n} pairs with the most shared activities",
    },
    "degree-heading": {"es": "Agentes por número de socios", "en": "Agents by number of partners"},
    "degree-caption": {
        "es": "Cada agente, con cuántos agentes comparte actividades y en cuántas actividades interviene",
        "en": "Each agent, how many agents it shares activities with, and how many activities it is involved in",
    },
    "agent": {"es": "Agente", "en": "Agent"},
    "partners": {"es": "Socios", "en": "Partners"},
    "shared-activities": {"es": "Actividades en común", "en": "Shared activities"},
    # search
    "search-help": {
        "es": "Busca en los nombres, siglas y números de prioridades, actividades, organizaciones, objetivos y áreas, en español e inglés, sin tener en cuenta tildes ni mayúsculas.",
        "en": "Searches the names, acronyms and numbers of priorities, activities, organisations, objectives and areas, in Spanish and English, ignoring accents and case.",
    },
    "results": {"es": "{n} resultados", "en": "{n} results"},
    "no-results": {"es": "Nada coincide con la búsqueda.", "en": "Nothing matches the search."},
    "kind-priority": {"es": "prioridad", "en": "priority"},
    "kind-activity": {"es": "actividad", "en": "activity"},
    "kind-agent": {"es": "agente", "en": "agent"},
    "kind-objective": {"es": "objetivo", "en": "objective"},
    "kind-area": {"es": "área temática", "en": "thematic area"},
    "kind-principle": {"es": "principio rector", "en": "guiding principle"},
    "kind-sdg": {"es": "ODS", "en": "SDG"},
    "kind-event": {"es": "evento", "en": "event"},
    # dataset description
    "dataset-iri": {"es": "IRI del conjunto de datos", "en": "Dataset IRI"},
    "title": {"es": "Título", "en": "Title"},
    "license": {"es": "Licencia", "en": "Licence"},
    "modified": {"es": "Generado", "en": "Built"},
    "uri-space": {"es": "Espacio de IRI", "en": "IRI space"},
    "examples": {"es": "Recursos de ejemplo", "en": "Example resources"},
    "vocabularies": {"es": "Vocabularios", "en": "Vocabularies"},
    "classes-caption": {"es": "Recursos por clase", "en": "Resources per class"},
    "class": {"es": "Clase", "en": "Class"},
    "entities": {"es": "Recursos", "en": "Resources"},
    "graphs-caption": {"es": "Grafos con nombre", "en": "Named graphs"},
    "graph": {"es": "Grafo", "en": "Graph"},
    # errors
    "error": {"es": "Error", "en": "Error"},
    "error-404": {"es": "No encontrado", "en": "Not found"},
    "error-405": {"es": "Método no permitido", "en": "Method not allowed"},
    "error-500": {"es": "Error interno", "en": "Internal error"},
    "error-503": {
        "es": "Servicio no disponible por el momento",
        "en": "Service unavailable for now",
    },
    "back-home": {"es": "Volver al inicio", "en": "Back to the home page"},
}


def translate(key: str, lang: str, **values: object) -> str:
    """The message ``key`` in ``lang`` with its placeholders filled; a missing key raises."""
    text = MESSAGES[key][lang]
    return text.format(**values) if values else text
