-- Seeds the default second-round interview template, in Norwegian bokmål (nb) and English (en).

-- Fixed ids, so tests and seed data can refer to the defaults (L = 1 for nb, 2 for en; S = section; Q = question):
--   template  00000000-0000-4000-8000-00000000000L
--   section   00000000-0000-4000-8000-000000000L0S
--   question  00000000-0000-4000-8000-00000000LS0Q

insert into interview_template (id, name, language, description, is_default) values
(
    '00000000-0000-4000-8000-000000000001',
    'Annengangsintervju (standard)',
    'nb',
    'Standard intervjuguide for annengangsintervjuet med de 3–5 kandidatene som gikk videre etter førstegangsintervjuet. '
    'Intervjuet starter med spørsmålene begge parter har fått siden sist, går videre til en praktisk case ledet av fagpersonen, '
    'en gjennomgang av testresultatene (personlighetstest, evnetest og arbeidsprøve, som gjennomføres utenfor appen), '
    'forventninger og utvikling, og ledelse og samarbeid, og avsluttes med referanser og veien videre. '
    'Se etter fakta, ikke magefølelse: hver vurdering trenger en begrunnelse, og et vagt svar eller en urolig følelse '
    'registreres som tvil som må avklares med fakta. Ved tvil: ikke ansett.',
    true
),
(
    '00000000-0000-4000-8000-000000000002',
    'Second-round interview (standard)',
    'en',
    'Standard guide for the second-round interview with the 3–5 candidates shortlisted after the first interview. '
    'It starts with the questions either side has had since the first interview, moves on to a practical case led by the '
    'subject-matter expert, a review of the test results (personality test, ability test and work sample, all taken outside '
    'the app), expectations and development, and leadership and collaboration, and ends with references and next steps. '
    'Look for facts, not gut feeling: every rating needs an evidence note, and a vague answer or an uneasy feeling is '
    'raised as a doubt that must be settled with facts. If in doubt, don''t hire.',
    true
);

insert into template_section (id, template_id, title, kind, sort_order) values
('00000000-0000-4000-8000-000000000101', '00000000-0000-4000-8000-000000000001', 'Åpne spørsmål siden førstegangsintervjuet', 'open_questions', 1),
('00000000-0000-4000-8000-000000000102', '00000000-0000-4000-8000-000000000001', 'Praktisk case med fagpersonen',             'practical_case', 2),
('00000000-0000-4000-8000-000000000103', '00000000-0000-4000-8000-000000000001', 'Testresultater',                             'test_results',   3),
('00000000-0000-4000-8000-000000000104', '00000000-0000-4000-8000-000000000001', 'Forventninger og utvikling',                 'expectations',   4),
('00000000-0000-4000-8000-000000000105', '00000000-0000-4000-8000-000000000001', 'Ledelse og samarbeid',                       'leadership',     5),
('00000000-0000-4000-8000-000000000106', '00000000-0000-4000-8000-000000000001', 'Avslutning',                                 'closing',        6),
('00000000-0000-4000-8000-000000000201', '00000000-0000-4000-8000-000000000002', 'Open questions since the first interview',   'open_questions', 1),
('00000000-0000-4000-8000-000000000202', '00000000-0000-4000-8000-000000000002', 'Practical case with the subject-matter expert', 'practical_case', 2),
('00000000-0000-4000-8000-000000000203', '00000000-0000-4000-8000-000000000002', 'Test results',                               'test_results',   3),
('00000000-0000-4000-8000-000000000204', '00000000-0000-4000-8000-000000000002', 'Expectations and development',              'expectations',   4),
('00000000-0000-4000-8000-000000000205', '00000000-0000-4000-8000-000000000002', 'Leadership and collaboration',               'leadership',     5),
('00000000-0000-4000-8000-000000000206', '00000000-0000-4000-8000-000000000002', 'Closing',                                    'closing',        6);

-- Norwegian bokmål questions.
insert into template_question (id, section_id, text, guidance, criterion_hint, sort_order) values
-- 1 Åpne spørsmål siden førstegangsintervjuet
(
    '00000000-0000-4000-8000-000000001101', '00000000-0000-4000-8000-000000000101',
    'Hvilke spørsmål om stillingen, teamet eller oss har du fått siden førstegangsintervjuet?',
    'Start her, og la kandidaten styre de første minuttene. Svar ærlig, og legg merke til hva kandidaten spør om: '
    'det viser hva som har opptatt kandidaten siden sist. Spørsmålet vurderes ikke.',
    '', 1
),
(
    '00000000-0000-4000-8000-000000001102', '00000000-0000-4000-8000-000000000101',
    'Etter førstegangsintervjuet noterte vi oss noen punkter vi gjerne vil forstå bedre. Kan du fortelle mer om dem?',
    'Gå gjennom de åpne spørsmålene fra førstegangsintervjuet, ett om gangen. Be om konkrete eksempler, tidspunkter og '
    'personer som kan bekrefte det kandidaten sier. Er svaret fortsatt vagt etter ett oppfølgingsspørsmål, registrer en '
    'tvil i stedet for å la det passere.',
    '', 2
),
(
    '00000000-0000-4000-8000-000000001103', '00000000-0000-4000-8000-000000000101',
    'Nå som du har fått tenkt deg om, hva gjør at du vil ha denne stillingen – og er det noe som gjør deg usikker?',
    'Lytt etter grunner som handler om selve arbeidet og teamet, ikke generell ros eller bare lønn. Usikkerhet som '
    'kandidaten selv tar opp, er nyttige fakta: utforsk den i stedet for å snakke den bort.',
    'Motivasjon', 3
),
(
    '00000000-0000-4000-8000-000000001104', '00000000-0000-4000-8000-000000000101',
    'Har noe endret seg i situasjonen din siden førstegangsintervjuet, for eksempel andre prosesser, oppsigelsestid eller når du kan begynne?',
    'Noter bare fakta: datoer, oppsigelsestid og andre pågående prosesser. Spørsmålet vurderes ikke, men alt som påvirker '
    'når kandidaten kan begynne, skal med i notatene til ansettende leder.',
    '', 4
),
-- 2 Praktisk case med fagpersonen
(
    '00000000-0000-4000-8000-000000001201', '00000000-0000-4000-8000-000000000102',
    'Fagpersonen vår vil beskrive et reelt problem fra denne jobben. Hvordan ville du gått løs på det, og hvor ville du begynt?',
    'Fagpersonen legger fram et reelt og nylig problem fra jobben (anonymisert ved behov) og noterer kandidatens '
    'løsningsforslag trinn for trinn. Lytt etter hvordan kandidaten strukturerer problemet og hvilke spørsmål som stilles '
    'før en løsning foreslås; et selvsikkert svar uten begrunnelse er synsing, ikke fakta.',
    'Problemløsning', 1
),
(
    '00000000-0000-4000-8000-000000001202', '00000000-0000-4000-8000-000000000102',
    'Hvilken informasjon mangler for å løse dette skikkelig, og hvordan ville du skaffet den?',
    'Sterke kandidater peker på konkrete hull og på hvilke personer eller kilder de ville gått til før de handler. '
    'Noter om kandidaten sjekker antakelsene sine eller hopper rett til en løsning.',
    'Problemløsning', 2
),
(
    '00000000-0000-4000-8000-000000001203', '00000000-0000-4000-8000-000000000102',
    'Fortell om en gang du løste et lignende problem i praksis. Hva gjorde du selv, og hva ble resultatet?',
    'Be om én konkret situasjon, kandidatens egen rolle («jeg», ikke «vi») og et resultat som kan etterprøves. '
    'Fagpersonen vurderer om de faglige detaljene holder; forblir svaret generelt etter et oppfølgingsspørsmål, '
    'noter det og registrer en tvil.',
    'Faglig dybde', 3
),
(
    '00000000-0000-4000-8000-000000001204', '00000000-0000-4000-8000-000000000102',
    'Tenk deg at den første løsningen ikke fungerer, eller at en viktig forutsetning endrer seg. Hva gjør du da?',
    'Fagpersonen legger inn en realistisk komplikasjon fra jobben. Lytt etter om kandidaten justerer seg ut fra den nye '
    'informasjonen eller forsvarer det første svaret, og noter den reviderte løsningen.',
    'Problemløsning', 4
),
(
    '00000000-0000-4000-8000-000000001205', '00000000-0000-4000-8000-000000000102',
    'Hvordan ville du forklart løsningen din for en kollega eller kunde som ikke har din faglige bakgrunn?',
    'Be kandidaten gi selve forklaringen, ikke en beskrivelse av den. En klar og riktig forklaring med enkle ord er '
    'belegg; fagsjargong og vage formuleringer trekker ned.',
    'Kommunikasjon', 5
),
-- 3 Testresultater
(
    '00000000-0000-4000-8000-000000001301', '00000000-0000-4000-8000-000000000103',
    'Vi har fått resultatene fra personlighetstesten din. Her er en oppsummering av hva de tyder på – kjenner du deg igjen, og hvor gjør du det ikke?',
    'Testen (for eksempel Cattell 16PF) gjennomføres og tolkes utenfor appen av en kvalifisert person; resultatene '
    'registreres under testresultater. Legg dem fram som hypoteser, ikke fasit, og be om konkrete eksempler som bekrefter '
    'eller motsier hvert punkt – et eksempel er belegg, «ja, det er meg» er det ikke.',
    'Selvinnsikt', 1
),
(
    '00000000-0000-4000-8000-000000001302', '00000000-0000-4000-8000-000000000103',
    'Evnetesten viser relative styrker og svakere områder. Hvordan stemmer det med erfaringen din fra jobb, og hvordan håndterer du oppgavene der du skåret lavere?',
    'Del resultatet (registrert under testresultater) uten å gjøre det til bestått eller ikke bestått, og lytt etter '
    'konkrete strategier fra faktisk arbeid. Er resultatet svakt på noe kravprofilen krever, og kandidatens eksempler ikke '
    'veier opp for det, registrer en tvil – ikke avgjør det på magefølelsen, verken den ene eller den andre veien.',
    'Problemløsning', 2
),
(
    '00000000-0000-4000-8000-000000001303', '00000000-0000-4000-8000-000000000103',
    'La oss gå gjennom arbeidsprøven din. Hvorfor tok du de valgene du gjorde, og hva ville du gjort annerledes med mer tid?',
    'Fagpersonen går gjennom arbeidsprøven sammen med kandidaten og spør etter begrunnelsen for konkrete valg; resultatet '
    'og fagpersonens vurdering registreres under testresultater. En kandidat som selv ser svakhetene i egen løsning, viser '
    'kvalitetsbevissthet; å forsvare alle valg uten begrunnelse gjør det ikke.',
    'Faglig dybde', 3
),
-- 4 Forventninger og utvikling
(
    '00000000-0000-4000-8000-000000001401', '00000000-0000-4000-8000-000000000104',
    'Hva må vi legge til rette for at du skal blomstre, trives, bidra og lykkes i denne rollen?',
    'Lytt etter konkrete og realistiske forutsetninger – oppgaver, oppfølging, verktøy, kolleger, fleksibilitet – og '
    'sammenlign dem ærlig med det stillingen faktisk kan tilby. Et misforhold er et faktum som skal noteres nå, ikke noe '
    'man håper går seg til.',
    'Motivasjon', 1
),
(
    '00000000-0000-4000-8000-000000001402', '00000000-0000-4000-8000-000000000104',
    'Hvor er du selvgående, og hvor trenger du opplæring?',
    'Be om ett eksempel på hvert: noe kandidaten har lært på eget initiativ, og noe kandidaten trengte hjelp for å mestre. '
    'En kandidat som ikke ser noe behov for opplæring, gir lite å bygge på; følg opp én gang, og noter deretter svaret '
    'slik det ble gitt.',
    'Læring', 2
),
(
    '00000000-0000-4000-8000-000000001403', '00000000-0000-4000-8000-000000000104',
    'Hva slags oppfølging fra lederen din fungerer best for deg, og hvor ofte?',
    'Spør hvordan oppfølgingen fungerte i nåværende eller forrige jobb, og hva som skjedde når den ikke fungerte. '
    'Noter påstander som kan sjekkes i referansesjekken.',
    'Samarbeid', 3
),
(
    '00000000-0000-4000-8000-000000001404', '00000000-0000-4000-8000-000000000104',
    'Hvor vil du være faglig om to–tre år, og hvordan hjelper denne stillingen deg dit?',
    'Lytt etter en plan som passer stillingen slik den faktisk er. Peker ambisjonene et annet sted (en annen type rolle, '
    'rask forfremmelse), spør direkte og noter svaret; ikke fyll hullene med antakelser.',
    'Motivasjon', 4
),
-- 5 Ledelse og samarbeid
(
    '00000000-0000-4000-8000-000000001501', '00000000-0000-4000-8000-000000000105',
    'Hvordan definerer du en god leder?',
    'Følg opp med: «Gi et eksempel på en leder som fikk dette til, og en som ikke gjorde det – hva gjorde du i hvert '
    'tilfelle?» Selve definisjonen er synsing; eksemplene og det kandidaten selv gjorde, er belegget.',
    'Ledelse', 1
),
(
    '00000000-0000-4000-8000-000000001502', '00000000-0000-4000-8000-000000000105',
    'Fortell om en gang du tok ansvar for noe uten å bli bedt om det eller uten å ha formell myndighet. Hva gjorde du, og hva skjedde?',
    'Se etter situasjonen, hva kandidaten selv gjorde, og et konkret resultat. Spør hvem som kan bekrefte det, og noter '
    'navnet som mulig referanse.',
    'Ledelse', 2
),
(
    '00000000-0000-4000-8000-000000001503', '00000000-0000-4000-8000-000000000105',
    'Beskriv en uenighet du har hatt med en kollega eller leder. Hvordan ble den løst, og hva var din rolle?',
    'Lytt etter hvordan kandidaten håndterte situasjonen, og om motpartens syn blir gjengitt på en rettferdig måte. '
    'Gjennomgående å legge skylden på andre, eller å hevde aldri å ha vært uenig med noen, er grunn til å grave videre '
    'eller registrere en tvil.',
    'Samarbeid', 3
),
(
    '00000000-0000-4000-8000-000000001504', '00000000-0000-4000-8000-000000000105',
    'Hvordan deler du kunnskap med kolleger og gir dem tilbakemeldinger? Gi et ferskt eksempel.',
    'Spør hva kandidaten gjorde, hvordan det ble tatt imot, og hva som endret seg som følge av det. Et konkret og ferskt '
    'eksempel er belegg; generelle utsagn om å være «åpen» og «en lagspiller» er det ikke.',
    'Kommunikasjon', 4
),
-- 6 Avslutning
(
    '00000000-0000-4000-8000-000000001601', '00000000-0000-4000-8000-000000000106',
    'Er det noe vi ikke har spurt om, som du mener vi bør vite?',
    'Gi kandidaten rom til å svare. Noter det som kommer fram som fakta; vekker det en bekymring, registrer det som tvil '
    'i stedet for å avgjøre det i hodet.',
    '', 1
),
(
    '00000000-0000-4000-8000-000000001602', '00000000-0000-4000-8000-000000000106',
    'Vi vil gjerne snakke med referansene dine. Hvem kan best fortelle oss hvordan du jobber – helst en tidligere leder og en nær kollega?',
    'Avtal navn og kontaktinformasjon, og få kandidatens samtykke før noen kontaktes. Fortell hvilke temaer dere vil '
    'sjekke; referansesjekken er den viktigste måten å avklare tvil med fakta på.',
    '', 2
),
(
    '00000000-0000-4000-8000-000000001603', '00000000-0000-4000-8000-000000000106',
    'Her er veien videre og når du vil høre fra oss. Har du noen spørsmål til slutt?',
    'Gi en realistisk dato og hold den, og gi ingen signaler om utfallet. Når kandidaten har gått, vurderer hver '
    'paneldeltaker for seg før evalueringsmøtet; ubesvarte spørsmål og en urolig magefølelse registreres som tvil som '
    'skal avklares med fakta. Ved tvil: ikke ansett.',
    '', 3
);

-- English questions.
insert into template_question (id, section_id, text, guidance, criterion_hint, sort_order) values
-- 1 Open questions since the first interview
(
    '00000000-0000-4000-8000-000000002101', '00000000-0000-4000-8000-000000000201',
    'What questions about the role, the team or us have come up for you since the first interview?',
    'Start here and let the candidate lead for the first few minutes. Answer honestly and note what they ask about: '
    'it shows what they have been thinking about since last time. This question is not rated.',
    '', 1
),
(
    '00000000-0000-4000-8000-000000002102', '00000000-0000-4000-8000-000000000201',
    'After the first interview we noted a few points we would like to understand better. Can you tell us more about them?',
    'Go through the open questions carried over from the first interview, one at a time. Ask for concrete examples, '
    'dates and people who can confirm what the candidate says. If an answer is still vague after one follow-up, raise a '
    'doubt instead of letting it pass.',
    '', 2
),
(
    '00000000-0000-4000-8000-000000002103', '00000000-0000-4000-8000-000000000201',
    'Now that you have had time to think about the role, what makes you want it – and is there anything that makes you hesitate?',
    'Listen for reasons tied to the actual work and the team, not generic praise or pay alone. A hesitation the candidate '
    'raises openly is a useful fact: explore it rather than talk it away.',
    'Motivation', 3
),
(
    '00000000-0000-4000-8000-000000002104', '00000000-0000-4000-8000-000000000201',
    'Has anything changed in your situation since the first interview, such as other processes, notice period or when you could start?',
    'Record facts only: dates, notice period, other ongoing processes. The question is not rated, but anything that '
    'affects when the candidate can start goes into the notes for the hiring manager.',
    '', 4
),
-- 2 Practical case with the subject-matter expert
(
    '00000000-0000-4000-8000-000000002201', '00000000-0000-4000-8000-000000000202',
    'Our subject-matter expert will describe a real problem from this job. How would you approach it, and where would you start?',
    'The subject-matter expert presents a real, recent problem from the job (anonymised if needed) and notes the '
    'candidate''s proposed solution step by step. Listen for how the candidate structures the problem and what they ask '
    'before proposing a fix; a confident answer without reasoning is opinion, not evidence.',
    'Problem solving', 1
),
(
    '00000000-0000-4000-8000-000000002202', '00000000-0000-4000-8000-000000000202',
    'What information is missing to solve it properly, and how would you get it?',
    'Strong candidates name specific gaps and the people or sources they would go to before acting. Note whether the '
    'candidate checks assumptions or jumps straight to a fix.',
    'Problem solving', 2
),
(
    '00000000-0000-4000-8000-000000002203', '00000000-0000-4000-8000-000000000202',
    'Tell us about a time you solved a similar problem in practice. What did you do yourself, and what was the result?',
    'Ask for one specific situation, the candidate''s own part ("I", not "we") and a result that can be checked. The '
    'subject-matter expert judges whether the technical detail holds up; if the answer stays general after a follow-up, '
    'note that and raise a doubt.',
    'Technical depth', 3
),
(
    '00000000-0000-4000-8000-000000002204', '00000000-0000-4000-8000-000000000202',
    'Suppose your first solution does not work, or an important constraint changes. What would you do then?',
    'The expert adds a realistic complication from the job. Listen for whether the candidate adjusts to the new '
    'information or defends the first answer, and note the revised solution.',
    'Problem solving', 4
),
(
    '00000000-0000-4000-8000-000000002205', '00000000-0000-4000-8000-000000000202',
    'How would you explain your solution to a colleague or customer who does not share your technical background?',
    'Ask the candidate to give the explanation itself, not a description of it. A clear, correct explanation in plain '
    'words is evidence; jargon and hand-waving count against.',
    'Communication', 5
),
-- 3 Test results
(
    '00000000-0000-4000-8000-000000002301', '00000000-0000-4000-8000-000000000203',
    'We have the results of your personality test. Here is a summary of what they suggest – does it match how you see yourself, and where does it not?',
    'The test (for example Cattell 16PF) is taken and interpreted outside the app by a qualified person; record the '
    'results under test results. Present them as hypotheses, not verdicts, and ask for concrete examples that confirm or '
    'contradict each point – an example is evidence, "yes, that''s me" is not.',
    'Self-awareness', 1
),
(
    '00000000-0000-4000-8000-000000002302', '00000000-0000-4000-8000-000000000203',
    'Your ability test shows relative strengths and weaker areas. How does that fit with your experience from work, and how do you handle the tasks where you scored lower?',
    'Share the result (recorded under test results) without turning it into pass or fail, and listen for concrete '
    'strategies from real work. If the result is weak on something the requirement profile needs and the candidate''s '
    'examples do not offset it, raise a doubt – do not settle it on gut feeling either way.',
    'Problem solving', 2
),
(
    '00000000-0000-4000-8000-000000002303', '00000000-0000-4000-8000-000000000203',
    'Let''s go through your work sample. Why did you make the choices you did, and what would you do differently with more time?',
    'The subject-matter expert reviews the work sample with the candidate and asks for the reasons behind specific '
    'choices; the result and the expert''s assessment are recorded under test results. A candidate who spots the weak '
    'points in their own solution shows quality awareness; defending every choice without reasons does not.',
    'Technical depth', 3
),
-- 4 Expectations and development
(
    '00000000-0000-4000-8000-000000002401', '00000000-0000-4000-8000-000000000204',
    'What must we provide for you to flourish, thrive, contribute and succeed in this role?',
    'Listen for concrete, realistic conditions – tasks, follow-up, tools, colleagues, flexibility – and compare them '
    'honestly with what the role can actually offer. A mismatch is a fact to note now, not something to hope will sort '
    'itself out.',
    'Motivation', 1
),
(
    '00000000-0000-4000-8000-000000002402', '00000000-0000-4000-8000-000000000204',
    'Where are you self-driven, and where do you need training?',
    'Ask for one example of each: something the candidate learned on their own initiative, and something they needed '
    'help to master. A candidate who sees no need for training gives you little to build on; follow up once, then note '
    'the answer as given.',
    'Learning', 2
),
(
    '00000000-0000-4000-8000-000000002403', '00000000-0000-4000-8000-000000000204',
    'What kind of follow-up from your manager works best for you, and how often?',
    'Ask how follow-up worked in their current or last job, and what happened when it did not. Note claims that can be '
    'checked in the reference check.',
    'Collaboration', 3
),
(
    '00000000-0000-4000-8000-000000002404', '00000000-0000-4000-8000-000000000204',
    'Where do you want to be professionally in two to three years, and how does this role help you get there?',
    'Listen for a plan that fits the role as it really is. If the ambition points elsewhere (another kind of role, a '
    'quick promotion), ask directly and note the answer; do not fill the gap with assumptions.',
    'Motivation', 4
),
-- 5 Leadership and collaboration
(
    '00000000-0000-4000-8000-000000002501', '00000000-0000-4000-8000-000000000205',
    'How do you define a good leader?',
    'Follow up with: "Give an example of a leader who did this well, and one who did not – what did you do in each '
    'case?" The definition itself is opinion; the examples and what the candidate did in them are the evidence.',
    'Leadership', 1
),
(
    '00000000-0000-4000-8000-000000002502', '00000000-0000-4000-8000-000000000205',
    'Tell us about a time you took responsibility for something without being asked or without formal authority. What did you do, and what happened?',
    'Look for the situation, the candidate''s own actions and a concrete result. Ask who could confirm it, and note the '
    'name as a possible referee.',
    'Leadership', 2
),
(
    '00000000-0000-4000-8000-000000002503', '00000000-0000-4000-8000-000000000205',
    'Describe a disagreement you have had with a colleague or manager. How was it resolved, and what was your part?',
    'Listen for how the candidate handled it and whether they describe the other side''s view fairly. Consistently '
    'blaming others, or claiming never to have disagreed with anyone, is a reason to probe further or raise a doubt.',
    'Collaboration', 3
),
(
    '00000000-0000-4000-8000-000000002504', '00000000-0000-4000-8000-000000000205',
    'How do you share knowledge with colleagues and give them feedback? Give a recent example.',
    'Ask what the candidate did, how it was received and what changed as a result. A specific, recent example is '
    'evidence; general statements about being "open" and "a team player" are not.',
    'Communication', 4
),
-- 6 Closing
(
    '00000000-0000-4000-8000-000000002601', '00000000-0000-4000-8000-000000000206',
    'Is there anything we have not asked about that you think we should know?',
    'Give the candidate room to answer. Note anything new as facts; if it raises a concern, record it as a doubt rather '
    'than settling it in your head.',
    '', 1
),
(
    '00000000-0000-4000-8000-000000002602', '00000000-0000-4000-8000-000000000206',
    'We would like to talk to your references. Who can best tell us how you work – ideally a former manager and a close colleague?',
    'Agree on names and contact details, and get the candidate''s consent before anyone is contacted. Say which topics '
    'you want to check; the reference check is the main way to settle a doubt with facts.',
    '', 2
),
(
    '00000000-0000-4000-8000-000000002603', '00000000-0000-4000-8000-000000000206',
    'Here is what happens next and when you will hear from us. Do you have any final questions?',
    'Give a realistic date and keep it, and give no signals about the outcome. After the candidate has left, each panel '
    'member rates independently before the debrief; unanswered questions and an uneasy feeling are raised as doubts to '
    'be settled with facts. If in doubt, don''t hire.',
    '', 3
);
