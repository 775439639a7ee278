//! The demo case in English.

use super::{Content, N, Past, candidate, criterion};
use crate::doubts::model::{Category, Method};
use crate::scoring::Verdict;

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
        // Open questions since the first interview (not rated).
        (
            [N, N, N],
            [
                "Asked about the on-call load and how we review database changes.",
                "",
                "",
            ],
        ),
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
        (N, "Asked how work is split between the platform teams."),
        (
            Some(3),
            "On call for one year in a team of eight; no incident he led himself.",
        ),
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
        (N, ""),
        (
            Some(3),
            "Describes on-call as shadowing a colleague; never primary.",
        ),
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
    past: Past {
        title: "Backend engineers, 2025 intake",
        description: "Last year's intake of backend engineers for the booking platform, on the same profile. Closed; every hire followed up.",
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
        rationale: "A consistent panel picture on every criterion, references confirmed the technical depth.",
        rationale_split: "Strong technical depth. Erik rated the collaboration questions low; Maria and Per saw enough in the pairing exercise. Accepted the disagreement.",
        justification: "Meets the profile on the anchors.",
        notes: [
            "Delivers as the interview suggested.",
            "Strong alone, but the team worked around them; the collaboration the expert doubted was the problem.",
            "Left in month four for a role closer to home.",
        ],
    },
};
