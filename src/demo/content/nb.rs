//! The demo case in bokmål.

use super::{Content, N, Past, candidate, criterion};
use crate::doubts::model::{Category, Method};
use crate::scoring::Verdict;

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
                "Kan ikke forklare systemene kandidaten hevder å ha bygd.",
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
                "Vanskelig å følge, selv når temaet er enkelt.",
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
        // Spørsmål siden førstegangsintervjuet (vurderes ikke).
        (
            [N, N, N],
            [
                "Spurte om vaktbelastningen og hvordan vi går gjennom endringer i databasen.",
                "",
                "",
            ],
        ),
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
                "Tre måneders oppsigelsestid. Er i en annen prosess, med siste runde neste uke.",
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
            N,
            "Spurte hvordan arbeidet er fordelt mellom plattformteamene.",
        ),
        (
            Some(3),
            "Har gått vakt i ett år i et team på åtte; ingen hendelse han ledet selv.",
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
        (N, ""),
        (
            Some(3),
            "Beskriver vakt som å gå sammen med en kollega; har aldri hatt hovedansvaret.",
        ),
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
    past: Past {
        title: "Backendutviklere, opptak 2025",
        description: "Fjorårets opptak av backendutviklere til bookingplattformen, på samme profil. Avsluttet; alle ansatte er fulgt opp.",
        names: [
            "Amir Haddad",
            "Berit Nilsen",
            "Carlos Mendes",
            "Dina Karlsen",
            "Emil Strand",
            "Frida Holm",
            "Gustav Lie",
            "Hege Moen",
            "Ivar Dahl",
        ],
        rationale: "Et samstemt panel på alle kriterier, og referansene bekreftet den tekniske dybden.",
        rationale_split: "Sterk teknisk dybde. Erik vurderte samarbeidsspørsmålene lavt; Maria og Per så nok i paroppgaven. Uenigheten er akseptert.",
        justification: "Oppfyller profilen etter ankrene.",
        notes: [
            "Leverer slik intervjuet tilsa.",
            "Sterk alene, men teamet jobbet rundt vedkommende; samarbeidet fagpersonen tvilte på, var problemet.",
            "Sluttet i fjerde måned for en stilling nærmere hjemmet.",
        ],
    },
};
