"""The interface's words in Spanish and English (the data brings its own labels).

Each message has both languages; ``{name}`` placeholders are filled by :func:`translate`, and a
counted phrase (:data:`PLURALS`) has its singular and plural forms (and a "zero" form where the
language reads better with one).
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
    "issued-term": {"es": "Publicado", "en": "Issued"},
    "counts-heading": {"es": "En cifras", "en": "In numbers"},
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
    "areas": {"es": "Esferas temáticas", "en": "Thematic areas"},
    "agents": {"es": "Organizaciones y otros agentes", "en": "Organisations and other agents"},
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
    "roles-stated-empty": {
        "es": "El documento deja esta lista vacía.",
        "en": "The document leaves this list empty.",
    },
    "role-lead": {"es": "encargada", "en": "leads"},
    "role-participant": {"es": "participa", "en": "participates"},
    "role-observer": {"es": "observa", "en": "observes"},
    "role-representative": {"es": "representa a otro agente", "en": "represents another agent"},
    "role-on-priority": {"es": "Función en la prioridad", "en": "Role in the priority"},
    "represents": {"es": "en representación de", "en": "representing"},
    "inherited": {"es": "heredada de la prioridad", "en": "inherited from the priority"},
    "inherited-help": {
        "es": "El documento indica esta función para la prioridad; la actividad la hereda.",
        "en": "The document states this role for the priority; the activity inherits it.",
    },
    "document-says": {"es": "El documento dice:", "en": "The document says:"},
    "area": {"es": "Esfera temática", "en": "Thematic area"},
    "sdgs": {"es": "Objetivos de Desarrollo Sostenible", "en": "Sustainable Development Goals"},
    "principles": {"es": "Principios rectores", "en": "Guiding principles"},
    "subjects": {"es": "Temas (Tesauro UNBIS)", "en": "Subjects (UNBIS Thesaurus)"},
    "editorial": {"es": "editorial", "en": "editorial"},
    "events": {"es": "Eventos", "en": "Events"},
    "related": {"es": "Relacionado", "en": "Related"},
    "references": {"es": "Menciona", "en": "Refers to"},
    "referenced-by": {"es": "Mencionada por", "en": "Referred to by"},
    "source": {"es": "Fuente", "en": "Source"},
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
    "chart-alternative": {
        "es": "La tabla muestra los mismos datos.",
        "en": "The table gives the same data.",
    },
    "chart-alternative-list": {
        "es": "La lista de arriba da los mismos datos.",
        "en": "The list above gives the same data.",
    },
    "chart-point": {
        "es": "Pase el puntero por una barra para ver el texto del documento y las fechas.",
        "en": "Point at a bar for the document's wording and the dates.",
    },
    "and": {"es": " y ", "en": " and "},
    "roles-by-activity": {
        "es": "El documento no nombra a nadie para la prioridad en su conjunto, sino para cada actividad: véanse las actividades.",
        "en": "The document names no one for the priority as a whole, only for each activity: see the activities.",
    },
    "timeline-table-heading": {"es": "Actividades por prioridad", "en": "Activities by priority"},
    # agents
    "agent-summary": {"es": "En el plan de trabajo", "en": "In the workplan"},
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
    "elsewhere": {"es": "En otros sitios", "en": "Elsewhere"},
    "homepage": {"es": "Sitio web", "en": "Homepage"},
    "same-as": {"es": "El mismo recurso en", "en": "The same resource at"},
    "evidence": {
        "es": "Lo atestiguan (conjuntos de datos públicos, en una versión fija)",
        "en": "Attested by (public datasets, at a fixed version)",
    },
    "part-of": {"es": "Forma parte de", "en": "Part of"},
    # objectives and areas
    "addressed-by-objective": {
        "es": "Prioridades que abordan este objetivo",
        "en": "Priorities that address this objective",
    },
    "addressed-by-area": {
        "es": "Prioridades de esta esfera temática",
        "en": "Priorities in this thematic area",
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
    "matrix-legend": {
        "es": "● la prioridad aborda el objetivo; ○ la prioridad aborda todos los objetivos (el documento escribe «todos» o «transversal»); * prioridad transversal. La última columna cuenta las prioridades específicas.",
        "en": '● the priority addresses the objective; ○ the priority addresses every objective (the Spanish document writes "todos", all, or "transversal", cross-cutting); * a cross-cutting priority. The last column counts the specific priorities.',
    },
    "no-objectives": {
        "es": "El documento no indica objetivos del Pacto para esta prioridad.",
        "en": "The document states no Global Compact objective for this priority.",
    },
    "specific": {"es": "Específicas", "en": "Specific"},
    "yes": {"es": "sí", "en": "yes"},
    # network
    "network-caption": {
        "es": "Cada nodo es un agente (su tamaño, el número de actividades); cada arista, las actividades que dos agentes comparten.",
        "en": "Each node is an agent (sized by its number of activities); each edge, the activities two agents share.",
    },
    "pairs-heading": {
        "es": "Las parejas que más colaboran",
        "en": "The pairs that work together most",
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
        "es": "Busca en los nombres, siglas y números de prioridades, actividades, organizaciones, objetivos y esferas temáticas, en español e inglés, sin tener en cuenta tildes ni mayúsculas.",
        "en": "Searches the names, acronyms and numbers of priorities, activities, organisations, objectives and areas, in Spanish and English, ignoring accents and case.",
    },
    "results-shown": {
        "es": "Se muestran los {shown} primeros; añada palabras para acotar la búsqueda.",
        "en": "The first {shown} are listed; add words to narrow the search.",
    },
    "no-results": {"es": "Nada coincide con la búsqueda.", "en": "Nothing matches the search."},
    "kind-priority": {"es": "prioridad", "en": "priority"},
    "kind-activity": {"es": "actividad", "en": "activity"},
    "kind-agent": {"es": "agente", "en": "agent"},
    "kind-objective": {"es": "objetivo", "en": "objective"},
    "kind-area": {"es": "esfera temática", "en": "thematic area"},
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
    # kinds of priority: in titles, headings and the short names of charts
    "priority-ref-CorePriority": {"es": "la prioridad básica {n}", "en": "core priority {n}"},
    "priority-ref-ThematicPriority": {
        "es": "la prioridad temática {n}",
        "en": "thematic priority {n}",
    },
    "priority-ref-WorkingGroupPriority": {
        "es": "la prioridad del grupo de trabajo «{name}»",
        "en": "the working-group priority “{name}”",
    },
    "priority-ref": {"es": "la prioridad «{name}»", "en": "the priority “{name}”"},
    "short-CorePriority": {"es": "Básica {n}", "en": "Core {n}"},
    "short-ThematicPriority": {"es": "Temática {n}", "en": "Thematic {n}"},
    "activity-title": {"es": "Actividad {n} de {priority}", "en": "Activity {n} of {priority}"},
    "activity-number": {"es": "Actividad {n}", "en": "Activity {n}"},
    "editorial-note": {"es": "Nota editorial", "en": "Editorial note"},
    # timelines
    "months": {
        "es": "ene feb mar abr may jun jul ago sep oct nov dic",
        "en": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    },
    "date": {"es": "{day} {month} {year}", "en": "{day} {month} {year}"},
    "dates-range": {"es": "del {begin} al {end}", "en": "{begin} to {end}"},
    "dates-by": {"es": "a más tardar el {end}", "en": "by {end}"},
    "dates-from": {"es": "desde el {begin}, sin fecha de fin", "en": "from {begin}, with no end"},
    "dates-from-stated": {
        "es": "del {begin} al {end}, y después",
        "en": "{begin} to {end}, and after",
    },
    "dates-none": {"es": "sin fechas", "en": "no dates"},
    "no-schedule": {"es": "el documento no indica plazo", "en": "the document states no schedule"},
    "legend": {"es": "Leyenda", "en": "Legend"},
    "legend-dated": {"es": "periodo con inicio y fin", "en": "period with a beginning and an end"},
    "legend-deadline": {
        "es": "fecha límite (el documento no indica el inicio)",
        "en": "deadline (the document states no beginning)",
    },
    "legend-open-ended": {
        "es": "sin fecha de fin: sigue después",
        "en": "open-ended: goes on after",
    },
    "legend-continuation": {
        "es": "continuación de la actividad",
        "en": "continuation of the activity",
    },
    "chart-scroll": {
        "es": "Pase el puntero por una barra para ver el texto del documento y las fechas; haga clic para abrir la actividad.",
        "en": "Point at a bar for the document's wording and the dates; click it to open the activity.",
    },
    # the collaboration chart
    "network-legend": {"es": "Tipos de agente", "en": "Kinds of agent"},
    "network-help": {
        "es": "Los agentes están en círculo, agrupados por tipo. Pase el puntero por un agente para ver con quién colabora; haga clic para abrir su página.",
        "en": "Agents sit on a circle, grouped by kind. Point at an agent to see whom it works with; click it to open its page.",
    },
    "network-chart-label": {
        "es": "Grafo de {agents} y {links}; las tablas lo detallan.",
        "en": "Graph of {agents} and {links}; the tables give the same data.",
    },
    "agent-count-lead": {
        "es": "Encabeza {priorities} y {activities}",
        "en": "Leads {priorities} and {activities}",
    },
    "agent-count-participant": {
        "es": "Participa en {priorities} y {activities}",
        "en": "Takes part in {priorities} and {activities}",
    },
    "agent-count-observer": {
        "es": "Observa {priorities} y {activities}",
        "en": "Observes {priorities} and {activities}",
    },
    "agent-count-representative": {
        "es": "Representa a otro agente en {priorities} y {activities}",
        "en": "Represents another agent in {priorities} and {activities}",
    },
    # the query UI
    "sparql-title": {"es": "Consultas SPARQL", "en": "SPARQL queries"},
    "sparql-intro": {
        "es": "Consulte el plan de trabajo en SPARQL. El punto de acceso es {endpoint} (protocolo SPARQL 1.1, solo lectura); el grafo por defecto es la unión de todos los grafos con nombre.",
        "en": "Query the workplan in SPARQL. The endpoint is {endpoint} (SPARQL 1.1 Protocol, read-only); the default graph is the union of all the named graphs.",
    },
    "sparql-prefixes": {
        "es": "Prefijos predeclarados (no hace falta escribirlos)",
        "en": "Predeclared prefixes (no need to write them)",
    },
    "examples-heading": {"es": "Consultas de ejemplo", "en": "Example queries"},
    "query-editor": {"es": "Editor de consultas", "en": "Query editor"},
    "yasgui-query": {"es": "Consulta", "en": "Query"},
    "yasgui-table": {"es": "Tabla", "en": "Table"},
    "yasgui-response": {"es": "Respuesta", "en": "Response"},
    "yasgui-filter": {"es": "Filtrar los resultados", "en": "Filter the results"},
    "yasgui-simple": {"es": "Vista simple", "en": "Simple view"},
    "yasgui-ellipsis": {"es": "Acortar valores largos", "en": "Shorten long values"},
    "yasgui-page-size": {"es": "Filas por página: ", "en": "Rows per page: "},
    "yasgui-all": {"es": "Todas", "en": "All"},
    "yasgui-try-query": {
        "es": "Probar la consulta en una ventana nueva",
        "en": "Try the query in a new window",
    },
    "yasgui-error-lead": {
        "es": "El punto de acceso respondió con un error. Su mensaje, en inglés:",
        "en": "The endpoint answered with an error. Its message:",
    },
    "yasgui-seconds": {"es": "{seconds} s", "en": "{seconds} s"},
    "yasgui-run": {"es": "Ejecutar la consulta", "en": "Run the query"},
    "yasgui-share": {"es": "Compartir la consulta", "en": "Share the query"},
    "yasgui-close-tab": {"es": "Cerrar la pestaña", "en": "Close the tab"},
    "yasgui-add-tab": {"es": "Abrir una pestaña nueva", "en": "Open a new tab"},
    "yasgui-settings": {"es": "Ajustes", "en": "Settings"},
    "yasgui-clear-endpoint": {"es": "Borrar el punto de acceso", "en": "Clear the endpoint"},
    "yasgui-download": {"es": "Descargar los resultados", "en": "Download the results"},
    "yasgui-download-none": {
        "es": "Esta vista no se puede descargar",
        "en": "This view cannot be downloaded",
    },
    "yasgui-documentation": {
        "es": "Documentación de YASGUI (en inglés)",
        "en": "YASGUI's documentation",
    },
    "yasgui-pages": {"es": "Páginas", "en": "Pages"},
    "yasgui-sort": {"es": ": ordenar por esta columna", "en": ": sort by this column"},
    "yasgui-sort-reverse": {"es": ": invertir el orden", "en": ": reverse the order"},
    "yasgui-sort-remove": {"es": ": quitar el orden", "en": ": remove the order"},
    "yasgui-first": {"es": "Primera página", "en": "First page"},
    "yasgui-previous": {"es": "Página anterior", "en": "Previous page"},
    "yasgui-next": {"es": "Página siguiente", "en": "Next page"},
    "yasgui-last": {"es": "Última página", "en": "Last page"},
    "yasgui-info": {
        "es": "Filas _START_ a _END_ de _TOTAL_",
        "en": "Rows _START_ to _END_ of _TOTAL_",
    },
    "yasgui-info-empty": {"es": "Ninguna fila", "en": "No rows"},
    "yasgui-info-filtered": {"es": "(filtradas de _MAX_)", "en": "(filtered from _MAX_)"},
    "yasgui-no-match": {"es": "Ninguna fila coincide", "en": "No row matches"},
    # links that are not followed
    "not-a-link": {
        "es": "dirección no enlazada: solo se enlazan http, https y mailto",
        "en": "not linked: only http, https and mailto addresses are links",
    },
}

PLURALS: dict[str, dict[str, dict[str, str]]] = {
    # a count and its noun: "zero" (optional), "one" and "other" forms, with {n} where shown
    "n-activities": {
        "es": {"one": "{n} actividad", "other": "{n} actividades"},
        "en": {"one": "{n} activity", "other": "{n} activities"},
    },
    "n-priorities": {
        "es": {"one": "{n} prioridad", "other": "{n} prioridades"},
        "en": {"one": "{n} priority", "other": "{n} priorities"},
    },
    "n-statements": {
        "es": {"one": "{n} afirmación", "other": "{n} afirmaciones"},
        "en": {"one": "{n} statement", "other": "{n} statements"},
    },
    "n-agents": {
        "es": {"one": "{n} agente", "other": "{n} agentes"},
        "en": {"one": "{n} agent", "other": "{n} agents"},
    },
    "n-collaborations": {
        "es": {"one": "{n} colaboración", "other": "{n} colaboraciones"},
        "en": {"one": "{n} collaboration", "other": "{n} collaborations"},
    },
    "n-shared": {
        "es": {"one": "{n} actividad en común", "other": "{n} actividades en común"},
        "en": {"one": "{n} shared activity", "other": "{n} shared activities"},
    },
    "results": {
        "es": {"zero": "Ningún resultado", "one": "{n} resultado", "other": "{n} resultados"},
        "en": {"zero": "No results", "one": "{n} result", "other": "{n} results"},
    },
    "pairs-caption": {
        "es": {
            "one": "La pareja con más actividades en común",
            "other": "Las {n} parejas con más actividades en común",
        },
        "en": {
            "one": "The pair with the most shared activities",
            "other": "The {n} pairs with the most shared activities",
        },
    },
    "matrix-specific": {
        "es": {
            "zero": "Ningún objetivo tiene una prioridad específica.",
            "one": "{n} objetivo tiene al menos una prioridad específica.",
            "other": "{n} objetivos tienen al menos una prioridad específica.",
        },
        "en": {
            "zero": "No objective has a priority of its own.",
            "one": "{n} objective has at least one priority of its own.",
            "other": "{n} objectives have at least one priority of their own.",
        },
    },
    "matrix-only-transversal": {
        "es": {
            "zero": "Ningún objetivo lo abordan solo prioridades transversales (que abordan todos)",
            "one": "{n} objetivo solo lo abordan prioridades transversales (que abordan todos)",
            "other": "{n} objetivos solo los abordan prioridades transversales (que abordan todos)",
        },
        "en": {
            "zero": "No objective is addressed only by cross-cutting priorities (those addressing all)",
            "one": "{n} objective is addressed only by cross-cutting priorities (those addressing all)",
            "other": "{n} objectives are addressed only by cross-cutting priorities (those addressing all)",
        },
    },
    "matrix-uncovered": {
        "es": {
            "zero": "Todos los objetivos los aborda al menos una prioridad",
            "one": "{n} objetivo no lo aborda ninguna prioridad",
            "other": "{n} objetivos no los aborda ninguna prioridad",
        },
        "en": {
            "zero": "Every objective is addressed by at least one priority",
            "one": "{n} objective is addressed by no priority",
            "other": "{n} objectives are addressed by no priority",
        },
    },
    "matrix-silent": {
        "es": {
            "one": "{n} prioridad no indica objetivos del Pacto y no figura en la tabla",
            "other": "{n} prioridades no indican objetivos del Pacto y no figuran en la tabla",
        },
        "en": {
            "one": "{n} priority states no Global Compact objective and is not in the table",
            "other": "{n} priorities state no Global Compact objective and are not in the table",
        },
    },
    "objective-coverage": {
        "es": {
            "one": "{n} prioridad lo aborda, {specific} de forma específica (las demás abordan todos los objetivos). Véase",
            "other": "{n} prioridades lo abordan, {specific} de forma específica (las demás abordan todos los objetivos). Véase",
        },
        "en": {
            "one": "{n} priority addresses it, {specific} specifically (the others address every objective). See",
            "other": "{n} priorities address it, {specific} specifically (the others address every objective). See",
        },
    },
    "statements-summary": {
        "es": {
            "one": "{out} sobre este recurso y {n} que lo menciona",
            "other": "{out} sobre este recurso y {n} que lo mencionan",
        },
        "en": {
            "one": "{out} about this resource and {n} pointing to it",
            "other": "{out} about this resource and {n} pointing to it",
        },
    },
    "timeline-chart-label-alone": {
        "es": {
            "one": "Calendario de la actividad; la lista de arriba lo detalla.",
            "other": "Calendario de las actividades; la lista de arriba lo detalla.",
        },
        "en": {
            "one": "Timeline of the activity; the list above gives the same data.",
            "other": "Timeline of the activities; the list above gives the same data.",
        },
    },
    "timeline-chart-label": {
        "es": {
            "one": "Calendario de {n} actividad; la tabla lo detalla.",
            "other": "Calendario de {n} actividades; la tabla lo detalla.",
        },
        "en": {
            "one": "Timeline of {n} activity; the table gives the same data.",
            "other": "Timeline of {n} activities; the table gives the same data.",
        },
    },
    # the home page's counts: the noun only
    "count-priorities": {
        "es": {"one": "prioridad", "other": "prioridades"},
        "en": {"one": "priority", "other": "priorities"},
    },
    "count-activities": {
        "es": {"one": "actividad", "other": "actividades"},
        "en": {"one": "activity", "other": "activities"},
    },
    "count-schedules": {
        "es": {"one": "plazo", "other": "plazos"},
        "en": {"one": "schedule", "other": "schedules"},
    },
    "count-organisations": {
        "es": {"one": "organización", "other": "organizaciones"},
        "en": {"one": "organisation", "other": "organisations"},
    },
    "count-agents": {
        "es": {
            "one": "agente (organización, grupo o persona)",
            "other": "agentes (organizaciones, grupos y personas)",
        },
        "en": {
            "one": "agent (organisation, group or person)",
            "other": "agents (organisations, groups and persons)",
        },
    },
    "count-objectives": {
        "es": {"one": "objetivo del Pacto Mundial", "other": "objetivos del Pacto Mundial"},
        "en": {"one": "Global Compact objective", "other": "Global Compact objectives"},
    },
    "count-areas": {
        "es": {"one": "esfera temática", "other": "esferas temáticas"},
        "en": {"one": "thematic area", "other": "thematic areas"},
    },
    "count-events": {
        "es": {"one": "evento", "other": "eventos"},
        "en": {"one": "event", "other": "events"},
    },
    "count-triples": {
        "es": {"one": "tripleta RDF", "other": "tripletas RDF"},
        "en": {"one": "RDF triple", "other": "RDF triples"},
    },
    # kinds of priority, as headings of lists and charts
    "priority-kind-CorePriority": {
        "es": {"one": "Prioridad básica", "other": "Prioridades básicas"},
        "en": {"one": "Core priority", "other": "Core priorities"},
    },
    "priority-kind-WorkingGroupPriority": {
        "es": {
            "one": "Objetivo de un grupo de trabajo temático existente",
            "other": "Objetivos de los grupos de trabajo temáticos existentes",
        },
        "en": {
            "one": "Objective of an existing thematic working group",
            "other": "Objectives of the existing thematic working groups",
        },
    },
    "priority-kind-ThematicPriority": {
        "es": {"one": "Prioridad temática nueva", "other": "Prioridades temáticas nuevas"},
        "en": {"one": "New thematic priority", "other": "New thematic priorities"},
    },
    "priority-kind": {
        "es": {"one": "Prioridad", "other": "Prioridades"},
        "en": {"one": "Priority", "other": "Priorities"},
    },
    # kinds of agent; "agent-kind" is the fallback for a kind the pages do not know
    "agent-kind-UNEntity": {
        "es": {
            "one": "Entidad de las Naciones Unidas",
            "other": "Entidades de las Naciones Unidas",
        },
        "en": {"one": "United Nations entity", "other": "United Nations entities"},
    },
    "agent-kind-IntergovernmentalOrganization": {
        "es": {
            "one": "Otra organización intergubernamental",
            "other": "Otras organizaciones intergubernamentales",
        },
        "en": {
            "one": "Other intergovernmental organisation",
            "other": "Other intergovernmental organisations",
        },
    },
    "agent-kind-CivilSocietyOrganization": {
        "es": {
            "one": "Organización o red de la sociedad civil",
            "other": "Organizaciones y redes de la sociedad civil",
        },
        "en": {
            "one": "Civil-society organisation or network",
            "other": "Civil-society organisations and networks",
        },
    },
    "agent-kind-AcademicInstitution": {
        "es": {"one": "Institución académica", "other": "Instituciones académicas"},
        "en": {"one": "Academic institution", "other": "Academic institutions"},
    },
    "agent-kind-AgentGroup": {
        "es": {"one": "Grupo de agentes", "other": "Grupos de agentes"},
        "en": {"one": "Group of agents", "other": "Groups of agents"},
    },
    "agent-kind-MandateHolder": {
        "es": {"one": "Titular de mandato", "other": "Titulares de mandatos"},
        "en": {"one": "Mandate holder", "other": "Mandate holders"},
    },
    "agent-kind-Person": {
        "es": {"one": "Persona", "other": "Personas"},
        "en": {"one": "Person", "other": "Persons"},
    },
    "agent-kind-Organization": {
        "es": {"one": "Otra organización", "other": "Otras organizaciones"},
        "en": {"one": "Other organisation", "other": "Other organisations"},
    },
    "agent-kind": {
        "es": {"one": "Otro agente", "other": "Otros agentes"},
        "en": {"one": "Other agent", "other": "Other agents"},
    },
}


def plural_form(forms: dict[str, str], n: int) -> str:
    """The form of a counted phrase for ``n``: "zero" when given and ``n`` is 0, "one" for 1."""
    if n == 0 and "zero" in forms:
        return forms["zero"]
    return forms["one"] if n == 1 else forms["other"]


def message(key: str, lang: str, n: object = None) -> str:
    """The message ``key`` in ``lang``, placeholders unfilled; a counted phrase
    (:data:`PLURALS`) in its form for ``n``. A missing key raises."""
    if key in PLURALS:
        return plural_form(PLURALS[key][lang], n if isinstance(n, int) else 0)
    return MESSAGES[key][lang]


def number(value: float, lang: str, decimals: int = 0) -> str:
    """``value`` written as the language writes numbers: 8,793 and 106.8 in English; 8793,
    12 345 (a narrow no-break space from five digits on) and 106,8 in Spanish."""
    text = f"{value:,.{decimals}f}"
    if lang != "es":
        return text
    whole, _, fraction = text.partition(".")
    digits = whole.lstrip("-").replace(",", "")
    whole = whole.replace(",", "\u202f") if len(digits) >= 5 else whole.replace(",", "")
    return f"{whole},{fraction}" if fraction else whole


def numbers_written(values: dict[str, object], lang: str) -> dict[str, object]:
    """The values of a phrase with its count (``n``) written as the language writes numbers
    (a year or a day is not a count)."""
    n = values.get("n")
    if isinstance(n, int) and not isinstance(n, bool):
        return {**values, "n": number(n, lang)}
    return values


def translate(key: str, lang: str, **values: object) -> str:
    """The message ``key`` in ``lang`` with its placeholders filled (the form of a counted
    phrase by ``n``; numbers as the language writes them)."""
    text = message(key, lang, values.get("n"))
    return text.format(**numbers_written(values, lang)) if values else text
