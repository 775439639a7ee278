//! The demo case's words in English and bokmål: the same people, the same
//! interviews, the same scores. Notes are written for the question they are on,
//! in the default guide's order (carried-over questions first).

use crate::case::{NewCandidate, NewCriterion};
use crate::doubts::model::{Category, Method};
use crate::scoring::Verdict;

/// One question of Ingrid's round: the scores of the manager, the expert and
/// the panel member (`None` is "not assessed"), and their notes ("" for none).
pub type Rated = ([Option<i16>; 3], [&'static str; 3]);

/// Jonas's round, under way: (score, note) for the first questions, per member.
pub type Started = &'static [(Option<i16>, &'static str)];

pub struct Content {
    pub position_title: &'static str,
    pub department: &'static str,
    pub position_description: &'static str,
    pub criteria: [NewCriterion<'static>; 6],
    pub candidates: [NewCandidate<'static>; 4],
    /// Where Ingrid's, Jonas's and Sofia's rounds are held.
    pub rooms: [&'static str; 3],
    /// Ingrid's round, one row per question in interview order.
    pub ingrid: [Rated; 25],
    /// Jonas's round: the expert's and the panel member's first ratings.
    pub jonas_expert: Started,
    pub jonas_panelist: Started,
    /// The panel member's doubt on Ingrid's first question (her migration role).
    pub doubt: (Category, Method, &'static str),
    /// Recorded by the expert and the hiring manager: (kind, summary, score).
    pub tests: [(&'static str, &'static str, Option<f64>); 2],
    /// Manager, expert, panel member.
    pub verdicts: [(Verdict, &'static str); 3],
}

const fn criterion(
    name: &'static str,
    description: &'static str,
    weight: f64,
    minimum: Option<i16>,
    anchors: [&'static str; 5],
) -> NewCriterion<'static> {
    NewCriterion {
        name,
        description,
        weight,
        minimum,
        anchors,
    }
}

const fn candidate(
    name: &'static str,
    email: &'static str,
    source: &'static str,
    first_round_summary: &'static str,
    open_questions: &'static str,
) -> NewCandidate<'static> {
    NewCandidate {
        name,
        email,
        phone: "",
        source,
        first_round_summary,
        open_questions,
    }
}

const N: Option<i16> = None;

pub const EN: Content = Content {
    position_title: "Senior backend engineer",
    department: "Platform",
    position_description: "Builds and runs the services behind our booking platform with a team of six. On call one week in six.",
    criteria: [
        criterion(
            "Technical depth",
            "Designs and runs backend services in production: data modelling, performance, failure handling.",
            3.0,
            Some(3),
            [
                "Cannot explain the systems they say they built.",
                "Knows the vocabulary; explanations stay at the surface.",
                "Explains design choices and trade-offs of their own work correctly.",
                "Reasons from first principles; anticipates failure modes and load.",
                "Teaches us something: deep, precise and grounded in real incidents.",
            ],
        ),
        criterion(
            "Problem solving",
            "Breaks down an unfamiliar problem from our own backlog and proposes a workable solution.",
            3.0,
            Some(3),
            [
                "Stalls or guesses without structure.",
                "Needs heavy prompting to make progress.",
                "Structures the problem and reaches a workable solution.",
                "Compares alternatives, asks for the right facts, checks assumptions.",
                "Finds a simpler or better solution than the one we use today.",
            ],
        ),
        criterion(
            "Collaboration",
            "Works with others to a shared result; handles disagreement constructively.",
            2.0,
            None,
            [
                "Blames others; no example of shared work.",
                "Examples are vague or only about their own part.",
                "Concrete examples of working well with others.",
                "Resolves disagreements with facts and respect; lifts the team.",
                "Shapes how teams work together, with evidence of results.",
            ],
        ),
        criterion(
            "Communication",
            "Explains technical matters clearly to colleagues and non-specialists.",
            2.0,
            None,
            [
                "Hard to follow, even on simple topics.",
                "Understandable with effort; jargon-heavy.",
                "Clear and structured for the audience at hand.",
                "Adapts quickly; checks understanding; concise in writing too.",
                "Makes complex matters simple without losing accuracy.",
            ],
        ),
        criterion(
            "Motivation",
            "Why this role, this team and this domain; fit with what we can offer.",
            1.0,
            None,
            [
                "No reason beyond needing a job.",
                "Generic reasons that fit any employer.",
                "Specific reasons that match the role.",
                "Clear, well-informed motivation tied to our work.",
                "Has already engaged with our domain and problems.",
            ],
        ),
        criterion(
            "Learning",
            "Knows where they are self-driven and where they need training; learns from feedback.",
            1.0,
            None,
            [
                "Sees no gaps in their own skills.",
                "Names gaps only when pressed.",
                "Names real gaps and how they would close them.",
                "Shows a track record of deliberate learning.",
                "Learns fast and helps others learn, with examples.",
            ],
        ),
    ],
    candidates: [
        candidate(
            "Ingrid Solberg",
            "ingrid.solberg@example.no",
            "Referral",
            "Eight years of backend work in payments. Strong on Postgres and queueing. Calm, precise answers.",
            "Her exact role in the payment platform migration.\nWhy she left her last job after 14 months.",
        ),
        candidate(
            "Jonas Haugen",
            "jonas.haugen@example.no",
            "Job advert",
            "Six years in logistics software, Rust for two. Good first interview; light on operations.",
            "How much on-call experience does he have?",
        ),
        candidate(
            "Sofia Ahmed",
            "sofia.ahmed@example.no",
            "LinkedIn",
            "Platform engineer moving towards product backend work. Very strong on reliability.",
            "Interest in product work versus platform work.",
        ),
        candidate(
            "Lars Nilsen",
            "lars.nilsen@example.no",
            "Job advert",
            "Consultant with broad experience across many short projects.",
            "Depth in any one system over time.",
        ),
    ],
    rooms: [
        "Meeting room Fjord",
        "Meeting room Fjell",
        "Meeting room Fjord",
    ],
    ingrid: [
        // Carried over: her role in the migration.
        (
            [Some(3), Some(3), Some(2)],
            [
                "Calls the cut-over plan her own; the data model decisions she described as the team's.",
                "",
                "Could not name who made the schema decisions or who else was on the migration team.",
            ],
        ),
        // Carried over: why she left after 14 months.
        (
            [Some(4), Some(4), Some(4)],
            [
                "The team was moved abroad; she was offered relocation and declined. The dates match her CV.",
                "",
                "",
            ],
        ),
        // Open questions since the first interview (not rated).
        (
            [N, N, N],
            [
                "Asked about the on-call load and how we review database changes.",
                "",
                "",
            ],
        ),
        // Points from the first interview.
        (
            [Some(3), Some(3), Some(3)],
            [
                "",
                "Came back to the migration; see the carried-over questions.",
                "",
            ],
        ),
        // What makes her want the role.
        (
            [Some(4), Some(4), Some(3)],
            [
                "Wants backend work close to the product; named the booking platform's scaling work from our tech blog.",
                "",
                "",
            ],
        ),
        // Changes in her situation (not rated).
        (
            [N, N, N],
            [
                "Three months' notice. In one other process, final round next week.",
                "",
                "",
            ],
        ),
        // Practical case: approach.
        (
            [Some(4), Some(5), Some(4)],
            [
                "",
                "Asked about retry semantics and idempotency before proposing anything; split the problem into intake, dedupe and settlement.",
                "",
            ],
        ),
        // Practical case: missing information.
        (
            [Some(4), Some(4), Some(4)],
            [
                "",
                "Named three gaps: the provider's retry policy, our SLA to merchants, today's duplicate rate. Would read the on-call log first.",
                "",
            ],
        ),
        // A similar problem solved in practice.
        (
            [Some(4), Some(5), Some(3)],
            [
                "",
                "Walked through the webhook dedupe table she built: unique key on the provider's event id, 90-day retention. The details hold up.",
                "",
            ],
        ),
        // The first solution fails.
        (
            [Some(4), Some(4), Some(4)],
            [
                "",
                "Told that the provider reuses event ids, she switched to a composite key and asked how we would backfill.",
                "",
            ],
        ),
        // Explaining the solution to a non-specialist.
        (
            [Some(4), Some(3), Some(4)],
            [
                "",
                "",
                "Explained idempotency with a double-clicked pay button; clear without jargon.",
            ],
        ),
        // Personality test.
        (
            [Some(3), Some(3), Some(3)],
            [
                "Recognised the high rule-consciousness; example of pushing back on a rushed release.",
                "",
                "",
            ],
        ),
        // Ability test.
        (
            [Some(4), Some(4), Some(4)],
            [
                "",
                "Lower numerical score; she checks estimates with a colleague, example from capacity planning.",
                "",
            ],
        ),
        // Work sample.
        (
            [Some(4), Some(4), Some(4)],
            [
                "",
                "Would move the retry limit to configuration and add a dead-letter queue; spotted the missing metric herself.",
                "",
            ],
        ),
        // What we must provide.
        (
            [Some(4), Some(3), Some(4)],
            [
                "Needs clear ownership of a service and a reviewer who knows Postgres; we can offer both.",
                "",
                "",
            ],
        ),
        // Self-driven or in need of training.
        (
            [Some(4), Some(4), Some(3)],
            [
                "Taught herself Kafka in her last job; asks for training in Rust, which we use.",
                "",
                "",
            ],
        ),
        // Follow-up from her manager.
        (
            [Some(3), Some(3), Some(3)],
            [
                "Wants a short weekly one-to-one; in her last job it was monthly and she missed it.",
                "",
                "",
            ],
        ),
        // Two to three years from now.
        ([Some(3), Some(4), Some(4)], ["", "", ""]),
        // A good leader.
        (
            [Some(3), Some(3), Some(4)],
            [
                "",
                "",
                "A manager who shielded the team during an incident; she ran the post-mortem afterwards.",
            ],
        ),
        // Took responsibility unasked.
        (
            [Some(4), Some(4), Some(4)],
            [
                "Set up the on-call rota after two missed pages; named her former manager as a referee.",
                "",
                "",
            ],
        ),
        // A disagreement.
        (
            [Some(4), Some(3), Some(4)],
            [
                "",
                "",
                "Disagreed with an architect on the queue; ran a load test and accepted his choice when it held.",
            ],
        ),
        // Sharing knowledge.
        (
            [Some(4), Some(4), Some(4)],
            [
                "",
                "Runs a monthly database clinic; showed one of her write-ups.",
                "",
            ],
        ),
        // Anything we have not asked.
        ([N, N, N], ["", "", ""]),
        // References.
        (
            [N, N, N],
            [
                "Former manager Kari Holm and colleague Anders Vik; consent given for both.",
                "",
                "",
            ],
        ),
        // Next steps.
        ([N, N, N], ["Promised an answer within two weeks.", "", ""]),
    ],
    jonas_expert: &[
        (
            Some(3),
            "On call for one year in a team of eight; no incident he led himself.",
        ),
        (N, "Asked how work is split between the platform teams."),
        (Some(3), ""),
        (
            Some(4),
            "Wants to work closer to operations; has read our public incident reports.",
        ),
        (N, "Can start 1 March; no other processes."),
        (
            Some(3),
            "Started with the database schema; needed a hint to look at retries.",
        ),
        (Some(3), ""),
        (
            Some(4),
            "Route planning service at his current job: rebuilt the caching, p99 from 800 ms to 120 ms.",
        ),
        (Some(3), ""),
    ],
    jonas_panelist: &[
        (
            Some(3),
            "Describes on-call as shadowing a colleague; never primary.",
        ),
        (N, ""),
        (Some(3), ""),
        (
            Some(4),
            "Specific about the team and the Rust code base; has tried our public API.",
        ),
        (N, ""),
        (Some(3), ""),
    ],
    doubt: (
        Category::Experience,
        Method::CheckReferences,
        "Said she led the payment platform migration, but could not name the decisions she made herself or who else was involved.",
    ),
    tests: [
        (
            "work_sample",
            "Take-home: idempotent payment webhook handler. Correct, well tested; retries handled.",
            Some(4.0),
        ),
        (
            "personality",
            "Cattell 16PF: high on rule-consciousness and emotional stability; moderate warmth.",
            None,
        ),
    ],
    verdicts: [
        (
            Verdict::Yes,
            "Strong technical depth with evidence from the work sample; the migration story needs a reference check.",
        ),
        (
            Verdict::StrongYes,
            "Best solution to our webhook case of all candidates; clear reasoning about failure modes.",
        ),
        (
            Verdict::Yes,
            "Good fit for the team; my doubt about her migration role must be settled before an offer.",
        ),
    ],
};

pub const NB: Content = Content {
    position_title: "Senior backend-utvikler",
    department: "Plattform",
    position_description: "Utvikler og drifter tjenestene bak bookingplattformen vår, i et team på seks. Vakt én uke av seks.",
    criteria: [
        criterion(
            "Faglig dybde",
            "Designer og drifter backend-tjenester i produksjon: datamodellering, ytelse og feilhåndtering.",
            3.0,
            Some(3),
            [
                "Kan ikke forklare systemene kandidaten sier å ha bygd.",
                "Kan begrepene, men forklaringene blir på overflaten.",
                "Forklarer valg og avveininger i eget arbeid riktig.",
                "Resonnerer fra grunnprinsipper og forutser feil og last.",
                "Lærer oss noe: dypt, presist og forankret i virkelige hendelser.",
            ],
        ),
        criterion(
            "Problemløsning",
            "Bryter ned et ukjent problem fra vår egen arbeidsliste og foreslår en løsning som virker.",
            3.0,
            Some(3),
            [
                "Står fast eller gjetter uten struktur.",
                "Trenger mye hjelp for å komme videre.",
                "Strukturerer problemet og kommer fram til en løsning som virker.",
                "Sammenligner alternativer, spør etter de riktige fakta og sjekker antakelser.",
                "Finner en enklere eller bedre løsning enn den vi bruker i dag.",
            ],
        ),
        criterion(
            "Samarbeid",
            "Jobber sammen med andre mot et felles resultat og håndterer uenighet på en konstruktiv måte.",
            2.0,
            None,
            [
                "Skylder på andre; ingen eksempler på felles arbeid.",
                "Eksemplene er vage eller handler bare om egen del.",
                "Konkrete eksempler på godt samarbeid.",
                "Løser uenighet med fakta og respekt og løfter teamet.",
                "Former hvordan team jobber sammen, med resultater som viser det.",
            ],
        ),
        criterion(
            "Kommunikasjon",
            "Forklarer tekniske forhold tydelig for kolleger og for folk uten fagbakgrunn.",
            2.0,
            None,
            [
                "Vanskelig å følge, selv om enkle temaer.",
                "Forståelig med innsats; mye sjargong.",
                "Tydelig og strukturert for den som lytter.",
                "Tilpasser seg raskt, sjekker at det er forstått, og skriver kort.",
                "Gjør det kompliserte enkelt uten å bli unøyaktig.",
            ],
        ),
        criterion(
            "Motivasjon",
            "Hvorfor akkurat denne rollen, dette teamet og dette fagområdet, og om det passer med det vi kan tilby.",
            1.0,
            None,
            [
                "Ingen grunn utover å trenge en jobb.",
                "Generelle grunner som passer for enhver arbeidsgiver.",
                "Konkrete grunner som passer rollen.",
                "Tydelig og velinformert motivasjon knyttet til arbeidet vårt.",
                "Har allerede satt seg inn i fagområdet og problemene våre.",
            ],
        ),
        criterion(
            "Læring",
            "Vet hvor kandidaten er selvgående og hvor det trengs opplæring; lærer av tilbakemeldinger.",
            1.0,
            None,
            [
                "Ser ingen hull i egen kompetanse.",
                "Nevner hull bare etter press.",
                "Nevner reelle hull og hvordan de kan tettes.",
                "Kan vise til bevisst læring over tid.",
                "Lærer raskt og hjelper andre å lære, med eksempler.",
            ],
        ),
    ],
    candidates: [
        candidate(
            "Ingrid Solberg",
            "ingrid.solberg@example.no",
            "Anbefaling",
            "Åtte år med backend-arbeid innen betaling. Sterk på Postgres og køer. Rolige og presise svar.",
            "Hennes egen rolle i migreringen av betalingsplattformen.\nHvorfor hun sluttet i forrige jobb etter 14 måneder.",
        ),
        candidate(
            "Jonas Haugen",
            "jonas.haugen@example.no",
            "Stillingsannonse",
            "Seks år med logistikkprogramvare, Rust de to siste. Godt førstegangsintervju; lite driftserfaring.",
            "Hvor mye erfaring har han med vakt?",
        ),
        candidate(
            "Sofia Ahmed",
            "sofia.ahmed@example.no",
            "LinkedIn",
            "Plattformutvikler på vei mot backend-arbeid nær produktet. Svært sterk på driftssikkerhet.",
            "Interessen for produktarbeid sammenlignet med plattformarbeid.",
        ),
        candidate(
            "Lars Nilsen",
            "lars.nilsen@example.no",
            "Stillingsannonse",
            "Konsulent med bred erfaring fra mange korte prosjekter.",
            "Dybde i ett og samme system over tid.",
        ),
    ],
    rooms: ["Møterom Fjord", "Møterom Fjell", "Møterom Fjord"],
    ingrid: [
        // Fra førstegangsintervjuet: rollen i migreringen.
        (
            [Some(3), Some(3), Some(2)],
            [
                "Kaller planen for omleggingen sin egen; valgene i datamodellen beskrev hun som teamets.",
                "",
                "Kunne ikke si hvem som tok valgene i databaseskjemaet, eller hvem andre som var med på migreringen.",
            ],
        ),
        // Fra førstegangsintervjuet: hvorfor hun sluttet etter 14 måneder.
        (
            [Some(4), Some(4), Some(4)],
            [
                "Teamet ble flyttet til utlandet; hun fikk tilbud om å flytte med og takket nei. Datoene stemmer med CV-en.",
                "",
                "",
            ],
        ),
        // Spørsmål siden førstegangsintervjuet (vurderes ikke).
        (
            [N, N, N],
            [
                "Spurte om vaktbelastningen og hvordan vi går gjennom endringer i databasen.",
                "",
                "",
            ],
        ),
        // Punkter fra førstegangsintervjuet.
        (
            [Some(3), Some(3), Some(3)],
            [
                "",
                "Kom tilbake til migreringen; se spørsmålene fra førstegangsintervjuet.",
                "",
            ],
        ),
        // Hva gjør at hun vil ha stillingen.
        (
            [Some(4), Some(4), Some(3)],
            [
                "Vil jobbe med backend nær produktet; nevnte skaleringen av bookingplattformen fra teknologibloggen vår.",
                "",
                "",
            ],
        ),
        // Endringer i situasjonen (vurderes ikke).
        (
            [N, N, N],
            [
                "Tre måneders oppsigelsestid. Er i én annen prosess, med siste runde neste uke.",
                "",
                "",
            ],
        ),
        // Praktisk case: tilnærming.
        (
            [Some(4), Some(5), Some(4)],
            [
                "",
                "Spurte om nye forsøk og idempotens før hun foreslo noe; delte problemet i mottak, duplikatsjekk og oppgjør.",
                "",
            ],
        ),
        // Praktisk case: informasjon som mangler.
        (
            [Some(4), Some(4), Some(4)],
            [
                "",
                "Pekte på tre hull: leverandørens regler for nye forsøk, tjenestenivået vårt overfor brukerstedene og dagens andel duplikater. Ville lest vaktloggen først.",
                "",
            ],
        ),
        // Et lignende problem løst i praksis.
        (
            [Some(4), Some(5), Some(3)],
            [
                "",
                "Gikk gjennom duplikattabellen for webhooks som hun bygde: unik nøkkel på leverandørens hendelses-id, 90 dagers lagring. Detaljene holder.",
                "",
            ],
        ),
        // Den første løsningen virker ikke.
        (
            [Some(4), Some(4), Some(4)],
            [
                "",
                "Da hun fikk høre at leverandøren gjenbruker hendelses-id-er, gikk hun over til en sammensatt nøkkel og spurte hvordan vi ville fylle inn gamle data.",
                "",
            ],
        ),
        // Forklare løsningen for en uten fagbakgrunn.
        (
            [Some(4), Some(3), Some(4)],
            [
                "",
                "",
                "Forklarte idempotens med en betalingsknapp som blir trykket to ganger; tydelig og uten sjargong.",
            ],
        ),
        // Personlighetstesten.
        (
            [Some(3), Some(3), Some(3)],
            [
                "Kjente seg igjen i den høye regelbevisstheten; eksempel på at hun sa fra om en forhastet leveranse.",
                "",
                "",
            ],
        ),
        // Evnetesten.
        (
            [Some(4), Some(4), Some(4)],
            [
                "",
                "Lavere skår på tallforståelse; hun lar en kollega sjekke anslagene sine, eksempel fra kapasitetsplanlegging.",
                "",
            ],
        ),
        // Arbeidsprøven.
        (
            [Some(4), Some(4), Some(4)],
            [
                "",
                "Ville flyttet grensen for nye forsøk til konfigurasjonen og lagt til en kø for feilede meldinger; så selv at en måling manglet.",
                "",
            ],
        ),
        // Hva vi må legge til rette for.
        (
            [Some(4), Some(3), Some(4)],
            [
                "Trenger et tydelig eierskap til en tjeneste og en kodegjennomgang fra noen som kan Postgres; begge deler kan vi tilby.",
                "",
                "",
            ],
        ),
        // Selvgående eller behov for opplæring.
        (
            [Some(4), Some(4), Some(3)],
            [
                "Lærte seg Kafka på egen hånd i forrige jobb; ønsker opplæring i Rust, som vi bruker.",
                "",
                "",
            ],
        ),
        // Oppfølging fra lederen.
        (
            [Some(3), Some(3), Some(3)],
            [
                "Ønsker en kort samtale med lederen hver uke; i forrige jobb var det én gang i måneden, og det savnet hun.",
                "",
                "",
            ],
        ),
        // Om to–tre år.
        ([Some(3), Some(4), Some(4)], ["", "", ""]),
        // En god leder.
        (
            [Some(3), Some(3), Some(4)],
            [
                "",
                "",
                "En leder som skjermet teamet under en driftshendelse; etterpå ledet hun selv gjennomgangen av hendelsen.",
            ],
        ),
        // Tok ansvar uten å bli bedt om det.
        (
            [Some(4), Some(4), Some(4)],
            [
                "Satte opp vaktordningen etter to tapte varsler; oppga sin tidligere leder som referanse.",
                "",
                "",
            ],
        ),
        // En uenighet.
        (
            [Some(4), Some(3), Some(4)],
            [
                "",
                "",
                "Var uenig med en arkitekt om køløsningen; kjørte en lasttest og godtok hans valg da det holdt.",
            ],
        ),
        // Kunnskapsdeling.
        (
            [Some(4), Some(4), Some(4)],
            [
                "",
                "Holder en månedlig databaseklinikk; viste et av notatene hun har skrevet.",
                "",
            ],
        ),
        // Noe vi ikke har spurt om.
        ([N, N, N], ["", "", ""]),
        // Referanser.
        (
            [N, N, N],
            [
                "Tidligere leder Kari Holm og kollega Anders Vik; samtykke gitt for begge.",
                "",
                "",
            ],
        ),
        // Veien videre.
        ([N, N, N], ["Lovet svar innen to uker.", "", ""]),
    ],
    jonas_expert: &[
        (
            Some(3),
            "Har gått vakt i ett år i et team på åtte; ingen hendelse han ledet selv.",
        ),
        (
            N,
            "Spurte hvordan arbeidet er fordelt mellom plattformteamene.",
        ),
        (Some(3), ""),
        (
            Some(4),
            "Vil jobbe nærmere driften; har lest de offentlige hendelsesrapportene våre.",
        ),
        (N, "Kan begynne 1. mars; ingen andre prosesser."),
        (
            Some(3),
            "Begynte med databaseskjemaet; trengte et hint for å se på nye forsøk.",
        ),
        (Some(3), ""),
        (
            Some(4),
            "Ruteplanleggingstjenesten i nåværende jobb: bygde om hurtigbufringen, p99 fra 800 ms til 120 ms.",
        ),
        (Some(3), ""),
    ],
    jonas_panelist: &[
        (
            Some(3),
            "Beskriver vakt som å gå sammen med en kollega; har aldri hatt hovedansvaret.",
        ),
        (N, ""),
        (Some(3), ""),
        (
            Some(4),
            "Konkret om teamet og Rust-koden; har prøvd det offentlige API-et vårt.",
        ),
        (N, ""),
        (Some(3), ""),
    ],
    doubt: (
        Category::Experience,
        Method::CheckReferences,
        "Sa at hun ledet migreringen av betalingsplattformen, men kunne ikke si hvilke valg hun tok selv eller hvem andre som var med.",
    ),
    tests: [
        (
            "work_sample",
            "Hjemmeoppgave: idempotent mottak av betalingsvarsler (webhooks). Riktig og godt testet; nye forsøk er håndtert.",
            Some(4.0),
        ),
        (
            "personality",
            "Cattell 16PF: høy på regelbevissthet og følelsesmessig stabilitet; middels varme.",
            None,
        ),
    ],
    verdicts: [
        (
            Verdict::Yes,
            "Sterk faglig dybde, dokumentert i arbeidsprøven; historien om migreringen må sjekkes med referanser.",
        ),
        (
            Verdict::StrongYes,
            "Beste løsning på webhook-caset vårt av alle kandidatene; tydelige resonnementer om hva som kan feile.",
        ),
        (
            Verdict::Yes,
            "Passer godt i teamet; tvilen min om rollen hennes i migreringen må avklares før et tilbud.",
        ),
    ],
};
