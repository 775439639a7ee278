//! The decision gate over HTTP: a hire is refused while any blocker stands,
//! whatever the request carries; warnings need acknowledging; no hire always passes.

use secondround::auth::Role;
use uuid::Uuid;

use crate::support::TestApp;
use crate::support::walk::{Member, Round};

/// A finished round: the manager, an expert and a panel member rated every
/// question 3 with a note and submitted; "Technical depth" is a must-have
/// with minimum 3; one reference check is on file. Nothing blocks a hire.
pub struct Case {
    pub round: Round,
    pub manager: Member,
    pub expert: Member,
    pub member: Member,
    pub technical: Uuid,
    pub collaboration: Uuid,
}

impl Case {
    pub async fn new(app: &TestApp) -> Case {
        let round = Round::plan(app).await;
        let manager = round.manager_member(app).await;
        let expert = round.member(app).await;
        let member = round.member(app).await;
        sqlx::query("update panel_member set panel_role = 'subject_matter_expert' where id = $1")
            .bind(expert.member_id)
            .execute(&app.pool)
            .await
            .unwrap();
        let technical = criterion_id(app, &round, "Technical depth").await;
        let collaboration = criterion_id(app, &round, "Collaboration").await;
        sqlx::query("update criterion set must_have = true, minimum_score = 3 where id = $1")
            .bind(technical)
            .execute(&app.pool)
            .await
            .unwrap();
        for seat in [&manager, &expert, &member] {
            round
                .rate_all(app, seat.member_id, "Walked us through the rollback plan.")
                .await;
        }
        sqlx::query("update panel_member set submitted_at = now() where round_id = $1")
            .bind(round.id)
            .execute(&app.pool)
            .await
            .unwrap();
        sqlx::query(
            "insert into reference_check (candidate_id, referee_name, checked_on, summary)
             values ($1, 'Former manager', current_date, 'Reliable, led the migration.')",
        )
        .bind(round.candidate_id)
        .execute(&app.pool)
        .await
        .unwrap();
        Case {
            round,
            manager,
            expert,
            member,
            technical,
            collaboration,
        }
    }

    /// Gives every question on `criterion` this score from `seat`.
    pub async fn score(&self, app: &TestApp, seat: &Member, criterion: Uuid, score: Option<i16>) {
        sqlx::query(
            "update rating set score = $3
             from round_question q
             where q.id = rating.round_question_id and rating.panel_member_id = $1 and q.criterion_id = $2",
        )
        .bind(seat.member_id)
        .bind(criterion)
        .bind(score)
        .execute(&app.pool)
        .await
        .unwrap();
    }

    pub async fn doubt(&self, app: &TestApp, status: &str) -> Uuid {
        let (what, outcome) = if status == "open" {
            ("", "")
        } else {
            ("Called the former employer", "The dates hold")
        };
        sqlx::query_scalar(
            "insert into doubt (candidate_id, round_id, category, description, resolution_method,
                                status, fact_what, fact_source, fact_outcome, settled_at, raised_by)
             values ($1, $2, 'experience', 'The 14 months at Fjordtech do not add up.', 'gather_facts',
                     $3, $4, 'HR of Fjordtech', $5, case when $3 = 'open' then null else now() end, $6)
             returning id",
        )
        .bind(self.round.candidate_id)
        .bind(self.round.id)
        .bind(status)
        .bind(what)
        .bind(outcome)
        .bind(self.member.user.id)
        .fetch_one(&app.pool)
        .await
        .unwrap()
    }

    /// Takes `seat`'s submission back and submits again with this recommendation,
    /// through the real form (a "no" opens a doubt by itself).
    async fn resubmit(&self, app: &TestApp, seat: &Member, verdict: &str, why: &str) {
        sqlx::query("update panel_member set submitted_at = null where id = $1")
            .bind(seat.member_id)
            .execute(&app.pool)
            .await
            .unwrap();
        let response = app
            .post_form(
                &seat.client,
                &self.round.path("/interview/submit"),
                &[("verdict", verdict), ("justification", why)],
            )
            .await;
        assert_eq!(response.status(), 303, "{verdict} submitted");
    }

    pub fn decision_path(&self) -> String {
        format!("/candidates/{}/decision", self.round.candidate_id)
    }

    /// Posts the decision as the hiring manager would, with these acknowledgements.
    pub async fn decide(
        &self,
        app: &TestApp,
        client: &reqwest::Client,
        outcome: &str,
        extra: &[(&str, &str)],
    ) -> reqwest::Response {
        let mut fields = vec![
            ("decision", outcome),
            ("rationale", "The panel's ratings and the reference agree."),
        ];
        fields.extend_from_slice(extra);
        app.post_form(client, &self.decision_path(), &fields).await
    }

    /// Every acknowledgement the decision page offers, as its form would post them.
    async fn acknowledgements(&self, app: &TestApp) -> Vec<String> {
        let page = app
            .get_html(&self.manager.client, &self.decision_path())
            .await;
        page.match_indices(r#"name="ack" value=""#)
            .map(|(at, marker)| {
                let rest = &page[at + marker.len()..];
                rest[..rest.find('"').unwrap()].to_owned()
            })
            .collect()
    }
}

async fn criterion_id(app: &TestApp, round: &Round, name: &str) -> Uuid {
    sqlx::query_scalar("select id from criterion where position_id = $1 and name = $2")
        .bind(round.position_id)
        .bind(name)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

pub async fn stored(app: &TestApp, candidate_id: Uuid) -> (i64, String) {
    sqlx::query_as(
        "select (select count(*) from decision where candidate_id = c.id), c.status
         from candidate c where c.id = $1",
    )
    .bind(candidate_id)
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

#[derive(Debug, Clone, Copy)]
enum Scenario {
    AllClear,
    OpenDoubt,
    ConfirmedDoubt,
    SettledByInformationCheck,
    SettleWithBlankFactRefused,
    MemberNotSubmitted,
    NoRecommendation,
    MustHaveMeanUnderMinimum,
    MustHaveMeanAtMinimum,
    MustHaveOnlyNotAssessed,
    SpreadOfTwoUnacknowledged,
    SpreadOfTwoAcknowledged,
    PanelMemberPostsHire,
    CraftedHireWithOverrideFields,
}

/// Settles the doubt through the doubt page's form, as the manager would.
async fn settle_by_information(
    app: &TestApp,
    case: &Case,
    doubt: Uuid,
    fact: [&str; 3],
) -> reqwest::Response {
    app.post_form(
        &case.manager.client,
        &format!("/doubts/{doubt}/resolve"),
        &[
            ("fact_kind", "information"),
            ("fact_what", fact[0]),
            ("fact_source", fact[1]),
            ("fact_outcome", fact[2]),
        ],
    )
    .await
}

async fn arrange(app: &TestApp, case: &Case, scenario: Scenario) {
    match scenario {
        Scenario::AllClear | Scenario::MustHaveMeanAtMinimum | Scenario::PanelMemberPostsHire => {}
        Scenario::OpenDoubt | Scenario::CraftedHireWithOverrideFields => {
            case.doubt(app, "open").await;
        }
        Scenario::ConfirmedDoubt => {
            case.doubt(app, "confirmed").await;
        }
        Scenario::SettledByInformationCheck => {
            let doubt = case.doubt(app, "open").await;
            let fact = [
                "Called Fjordtech's HR about her employment dates",
                "Fjordtech HR, by phone",
                "Employed 14 months as stated; left when the team was closed down",
            ];
            let settled = settle_by_information(app, case, doubt, fact).await;
            assert_eq!(
                settled.status(),
                303,
                "a described check of information settles it"
            );
        }
        Scenario::SettleWithBlankFactRefused => {
            let doubt = case.doubt(app, "open").await;
            let refused = settle_by_information(app, case, doubt, ["Good feeling", " ", ""]).await;
            assert_eq!(refused.status(), 422, "a blank fact is refused");
        }
        Scenario::MemberNotSubmitted => {
            sqlx::query("update panel_member set submitted_at = null where id = $1")
                .bind(case.expert.member_id)
                .execute(&app.pool)
                .await
                .unwrap();
        }
        Scenario::NoRecommendation => {
            case.resubmit(app, &case.member, "no", "Could not explain her own design.")
                .await;
        }
        Scenario::MustHaveMeanUnderMinimum => {
            case.score(app, &case.manager, case.technical, Some(2))
                .await;
        }
        Scenario::MustHaveOnlyNotAssessed => {
            for seat in [&case.manager, &case.expert, &case.member] {
                case.score(app, seat, case.technical, None).await;
            }
        }
        Scenario::SpreadOfTwoUnacknowledged | Scenario::SpreadOfTwoAcknowledged => {
            case.score(app, &case.expert, case.collaboration, Some(5))
                .await;
        }
    }
}

#[tokio::test]
async fn the_gate_refuses_a_hire_while_any_blocker_stands_and_only_then() {
    use Scenario::*;
    // (case, acknowledge the offered warnings, the refusal's reason or None for hired)
    let table: [(Scenario, bool, Option<&str>); 14] = [
        (AllClear, false, None),
        (
            OpenDoubt,
            true,
            Some("Open doubt: The 14 months at Fjordtech do not add up."),
        ),
        (
            ConfirmedDoubt,
            true,
            Some("Confirmed doubt: The 14 months at Fjordtech do not add up."),
        ),
        (SettledByInformationCheck, false, None),
        (
            SettleWithBlankFactRefused,
            true,
            Some("Open doubt: The 14 months at Fjordtech do not add up."),
        ),
        (
            MemberNotSubmitted,
            true,
            Some("has not submitted their ratings."),
        ),
        (
            NoRecommendation,
            true,
            Some("Open doubt: Could not explain her own design."),
        ),
        (
            MustHaveMeanUnderMinimum,
            true,
            Some("Technical depth: the panel&#39;s mean 2.67 is under the minimum 3."),
        ),
        (MustHaveMeanAtMinimum, false, None),
        (
            MustHaveOnlyNotAssessed,
            true,
            Some("Must-have Technical depth: nobody has rated it."),
        ),
        (
            SpreadOfTwoUnacknowledged,
            false,
            Some("Acknowledge every warning before hiring."),
        ),
        (SpreadOfTwoAcknowledged, true, None),
        (PanelMemberPostsHire, true, Some("403")),
        (CraftedHireWithOverrideFields, true, Some("Hire is blocked")),
    ];
    let app = TestApp::spawn().await;
    for (scenario, acknowledge, refusal) in table {
        let case = Case::new(&app).await;
        arrange(&app, &case, scenario).await;
        let acks = if acknowledge {
            case.acknowledgements(&app).await
        } else {
            Vec::new()
        };
        let mut fields: Vec<(&str, &str)> = acks.iter().map(|key| ("ack", key.as_str())).collect();
        let mut poster = &case.manager.client;
        let open_doubt_ack;
        match scenario {
            PanelMemberPostsHire => poster = &case.member.client,
            CraftedHireWithOverrideFields => {
                let doubt: Uuid =
                    sqlx::query_scalar("select id from doubt where candidate_id = $1")
                        .bind(case.round.candidate_id)
                        .fetch_one(&app.pool)
                        .await
                        .unwrap();
                open_doubt_ack = format!("open_doubt:{doubt}");
                fields.extend([
                    ("ack", open_doubt_ack.as_str()),
                    ("override", "true"),
                    ("force", "1"),
                    ("status", "hired"),
                    ("blockers", ""),
                ]);
            }
            _ => {}
        }
        let response = case.decide(&app, poster, "hire", &fields).await;
        let status = response.status();
        let body = response.text().await.unwrap();
        let (decisions, candidate_status) = stored(&app, case.round.candidate_id).await;
        match refusal {
            None => {
                assert_eq!(status, 303, "{scenario:?}: hire allowed");
                assert_eq!(
                    (decisions, candidate_status.as_str()),
                    (1, "hired"),
                    "{scenario:?}"
                );
                let open_rounds: i64 = sqlx::query_scalar(
                    "select count(*) from interview_round where candidate_id = $1 and status <> 'closed'",
                )
                .bind(case.round.candidate_id)
                .fetch_one(&app.pool)
                .await
                .unwrap();
                assert_eq!(open_rounds, 0, "{scenario:?}: a hire closes the round");
            }
            Some("403") => {
                assert_eq!(status, 403, "{scenario:?}: not theirs to decide");
                assert_eq!(decisions, 0, "{scenario:?}: nothing stored");
            }
            Some(reason) => {
                assert_eq!(status, 422, "{scenario:?}: hire refused");
                assert!(body.contains(reason), "{scenario:?}: names {reason:?}");
                assert_eq!(decisions, 0, "{scenario:?}: nothing stored");
                assert_ne!(candidate_status, "hired", "{scenario:?}");
            }
        }
    }
}

#[tokio::test]
async fn only_the_positions_manager_or_an_admin_decides() {
    let app = TestApp::spawn().await;
    let case = Case::new(&app).await;
    let refused = case.decide(&app, &case.member.client, "hire", &[]).await;
    assert_eq!(refused.status(), 403, "a panel member posting hire");
    let (hr, _) = app.login_as(Role::Hr).await;
    assert_eq!(case.decide(&app, &hr, "hire", &[]).await.status(), 403);
    let (other_manager, _) = app.login_as(Role::Manager).await;
    let refused = case.decide(&app, &other_manager, "hire", &[]).await;
    assert_eq!(refused.status(), 403);
    let page = refused.text().await.unwrap();
    assert!(
        page.contains("belongs to a position another hiring manager is responsible for"),
        "another position's manager is told it is about the position"
    );
    assert!(!page.contains("Your role does not give access"));
    let candidate_page = format!("/candidates/{}", case.round.candidate_id);
    let elsewhere = app.get(&other_manager, &candidate_page).await;
    assert_eq!(elsewhere.status(), 403);
    assert!(
        elsewhere
            .text()
            .await
            .unwrap()
            .contains("another hiring manager is responsible for")
    );
    // HR is refused for the role, and told so.
    let hr_refused = case.decide(&app, &hr, "hire", &[]).await;
    assert!(
        hr_refused
            .text()
            .await
            .unwrap()
            .contains("Your role does not give access")
    );
    assert_eq!(stored(&app, case.round.candidate_id).await.0, 0);
    let (admin, _) = app.login_as(Role::Admin).await;
    assert_eq!(case.decide(&app, &admin, "hire", &[]).await.status(), 303);
    assert_eq!(
        stored(&app, case.round.candidate_id).await,
        (1, "hired".into())
    );
}

#[tokio::test]
async fn no_hire_is_always_allowed_and_another_round_leads_to_planning() {
    let app = TestApp::spawn().await;
    let case = Case::new(&app).await;
    case.doubt(&app, "open").await;
    let again = case
        .decide(&app, &case.manager.client, "another_round", &[])
        .await;
    assert_eq!(again.status(), 303);
    let location = again.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(
        location,
        format!(
            "/positions/{}/rounds/new?candidate={}",
            case.round.position_id, case.round.candidate_id
        )
    );
    assert_eq!(
        stored(&app, case.round.candidate_id).await,
        (1, "in_second_round".into())
    );
    let no = case
        .decide(&app, &case.manager.client, "no_hire", &[])
        .await;
    assert_eq!(no.status(), 303);
    assert_eq!(
        stored(&app, case.round.candidate_id).await,
        (2, "rejected".into())
    );
}

#[tokio::test]
async fn a_decision_without_rationale_or_outcome_is_shown_again_with_the_input_kept() {
    let app = TestApp::spawn().await;
    let case = Case::new(&app).await;
    let response = app
        .post_form(
            &case.manager.client,
            &case.decision_path(),
            &[("decision", "maybe"), ("rationale", "  ")],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains(r#"id="decision-error">Choose a decision."#));
    assert!(html.contains(r#"id="rationale-error">This field is required."#));
    let long = "x".repeat(4001);
    let response = app
        .post_form(
            &case.manager.client,
            &case.decision_path(),
            &[("decision", "on_hold"), ("rationale", long.as_str())],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("Use at most 4,000 characters."));
    assert!(
        html.contains(r#"value="on_hold" checked"#),
        "the choice is kept"
    );
    assert_eq!(stored(&app, case.round.candidate_id).await.0, 0);
}

#[tokio::test]
async fn the_same_decision_form_posted_twice_is_recorded_once() {
    let app = TestApp::spawn().await;
    let case = Case::new(&app).await;
    let form_id = Uuid::new_v4().to_string();
    let fields = [("form_id", form_id.as_str())];
    let first = case
        .decide(&app, &case.manager.client, "on_hold", &fields)
        .await;
    let second = case
        .decide(&app, &case.manager.client, "on_hold", &fields)
        .await;
    assert_eq!(
        (first.status().as_u16(), second.status().as_u16()),
        (303, 303)
    );
    assert_eq!(stored(&app, case.round.candidate_id).await.0, 1);
    let audited: i64 = sqlx::query_scalar(
        "select count(*) from audit_event where entity = 'decision' and action = 'recorded'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(audited, 1, "the decision is audited once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_doubt_raised_while_the_hire_is_being_decided_cannot_slip_past() {
    let app = TestApp::spawn().await;
    let case = Case::new(&app).await;
    // A doubt being stored right now: its transaction holds the candidate's key.
    let mut raising = app.pool.begin().await.unwrap();
    sqlx::query(
        "insert into doubt (candidate_id, category, description, resolution_method)
         values ($1, 'integrity', 'A reference says the title was made up.', 'check_references')",
    )
    .bind(case.round.candidate_id)
    .execute(&mut *raising)
    .await
    .unwrap();
    let token = app.csrf_token(&case.manager.client).await;
    let hire = case
        .manager
        .client
        .post(app.url(&case.decision_path()))
        .form(&[
            ("decision", "hire"),
            ("rationale", "All clear."),
            ("csrf_token", token.as_str()),
        ])
        .send();
    let hire = tokio::spawn(hire);
    // The decision waits for the doubt's transaction, on the candidate's lock.
    crate::decision_final::until_waiting_on_locks(&app, 1).await;
    assert!(!hire.is_finished());
    raising.commit().await.unwrap();
    let response = hire.await.unwrap().unwrap();
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("A reference says the title was made up.")
    );
    assert_eq!(stored(&app, case.round.candidate_id).await.0, 0);
}

#[tokio::test]
async fn the_status_form_no_longer_sets_offer_or_hired() {
    let app = TestApp::spawn().await;
    let case = Case::new(&app).await;
    let path = format!("/candidates/{}", case.round.candidate_id);
    let page = app.get_html(&case.manager.client, &path).await;
    assert!(page.contains(r#"<option value="rejected""#));
    assert!(!page.contains(r#"<option value="hired""#));
    assert!(!page.contains(r#"<option value="offer""#));
    for status in ["hired", "offer"] {
        let response = app
            .post_form(
                &case.manager.client,
                &format!("{path}/status"),
                &[("status", status)],
            )
            .await;
        assert_eq!(response.status(), 422, "{status}");
        assert!(
            response
                .text()
                .await
                .unwrap()
                .contains("set by recording the decision")
        );
    }
    assert_eq!(
        stored(&app, case.round.candidate_id).await.1,
        "in_second_round"
    );
}

/// The debrief row of one criterion.
pub fn row(html: &str, criterion: Uuid) -> &str {
    let start = html
        .find(&format!(r#"id="criterion-{criterion}""#))
        .unwrap();
    let end = html[start..].find("</tr>").unwrap() + start;
    &html[start..end]
}

#[tokio::test]
async fn the_debrief_shows_the_numbers_a_hand_computation_gives() {
    let app = TestApp::spawn().await;
    let case = Case::new(&app).await;
    sqlx::query("update criterion set weight = 2 where id = $1")
        .bind(case.technical)
        .execute(&app.pool)
        .await
        .unwrap();
    // Technical depth: manager 2, expert 4, member 3 -> mean 3.00, range 2–4, spread 2.
    case.score(&app, &case.manager, case.technical, Some(2))
        .await;
    case.score(&app, &case.expert, case.technical, Some(4))
        .await;
    // Collaboration: 4, 4, 5 -> mean 4.33, spread 1.00.
    case.score(&app, &case.manager, case.collaboration, Some(4))
        .await;
    case.score(&app, &case.expert, case.collaboration, Some(4))
        .await;
    case.score(&app, &case.member, case.collaboration, Some(5))
        .await;
    // One of the member's Technical depth answers is "not assessed": it does not count.
    sqlx::query(
        "update rating set score = null where id = (
            select r.id from rating r join round_question q on q.id = r.round_question_id
            where r.panel_member_id = $1 and q.criterion_id = $2 order by q.question_order limit 1)",
    )
    .bind(case.member.member_id)
    .bind(case.technical)
    .execute(&app.pool)
    .await
    .unwrap();
    let html = app
        .get_html(&case.manager.client, &case.round.path("/debrief"))
        .await;
    let technical = row(&html, case.technical);
    assert!(technical.contains(r#"data-cell="mean"><strong>3.00</strong>"#));
    assert!(technical.contains(
        r#"data-cell="spread">2 <span class="muted small" data-cell="range">(2–4)</span><br><span class="tag tag-warn">disagreement</span>"#
    ));
    assert!(technical.contains(">met</span> <span class=\"muted small\">minimum 3</span>"));
    let collaboration = row(&html, case.collaboration);
    assert!(collaboration.contains("<strong>4.33</strong>"));
    assert!(collaboration.contains(
        r#"data-cell="spread">1 <span class="muted small" data-cell="range">(4–5)</span></td>"#
    ));
    assert!(html.contains(&format!(
        r#"id="criterion-{}" data-criterion="Technical depth" class="row-disagreement""#,
        case.technical
    )));
    assert!(!html.contains(&format!(
        r#"id="criterion-{}" data-criterion="Collaboration" class="row-disagreement""#,
        case.collaboration
    )));
    // (2 × 3 + 4.333… + 3 + 3) / 5 over four criteria of weights 2, 1, 1, 1.
    assert!(
        html.contains("<strong data-total>3.27</strong> <span class=\"muted\">(covers 100 % of the profile&#39;s weight)</span>"),
        "weighted total"
    );
    assert!(
        html.contains("<svg viewBox=\"0 0 640"),
        "the chart is drawn on the server"
    );
    assert!(
        html.contains("<desc id=\"chart-desc\">"),
        "with a text alternative"
    );
    assert!(html.contains("The panel disagrees on Technical depth: the means differ by 2."));
    assert!(
        html.contains("Walked us through the rollback plan."),
        "notes on demand"
    );
}

#[tokio::test]
async fn the_debrief_counts_the_members_who_rated_each_criterion() {
    let app = TestApp::spawn().await;
    let case = Case::new(&app).await;
    // The member marks every Collaboration question "not assessed".
    case.score(&app, &case.member, case.collaboration, None)
        .await;
    let html = app
        .get_html(&case.manager.client, &case.round.path("/debrief"))
        .await;
    assert!(html.contains(r#"<abbr title="Members who rated it">n</abbr>"#));
    assert!(row(&html, case.technical).contains(r#"data-cell="rated-by">3</td>"#));
    assert!(row(&html, case.collaboration).contains(r#"data-cell="rated-by">2</td>"#));
}

#[tokio::test]
async fn a_panel_member_sees_the_debrief_only_after_submitting() {
    let app = TestApp::spawn().await;
    let case = Case::new(&app).await;
    sqlx::query("update panel_member set submitted_at = null where id = $1")
        .bind(case.member.member_id)
        .execute(&app.pool)
        .await
        .unwrap();
    let path = case.round.path("/debrief");
    assert_eq!(app.get(&case.member.client, &path).await.status(), 403);
    assert_eq!(app.get(&case.expert.client, &path).await.status(), 200);
    let (hr, _) = app.login_as(Role::Hr).await;
    assert_eq!(app.get(&hr, &path).await.status(), 200);
    let (outsider, _) = app.login_as(Role::Panelist).await;
    assert_eq!(app.get(&outsider, &path).await.status(), 403);
    let (other_manager, _) = app.login_as(Role::Manager).await;
    assert_eq!(app.get(&other_manager, &path).await.status(), 403);
    let expert_view = app.get_html(&case.expert.client, &path).await;
    assert!(
        !expert_view.contains(r#"action="/candidates/"#),
        "a panel member reads the debrief but does not decide"
    );
}

#[tokio::test]
async fn the_dashboard_lists_blocked_candidates_with_why_and_those_ready() {
    let app = TestApp::spawn().await;
    let ready = Case::new(&app).await;
    let blocked = Case::new(&app).await;
    blocked.doubt(&app, "open").await;
    // Both positions belong to different managers; an admin sees both.
    let (admin, _) = app.login_as(Role::Admin).await;
    let html = app.get_html(&admin, "/").await;
    let ready_list = &html[html.find(r#"id="ready-list""#).unwrap()..];
    let ready_list = &ready_list[..ready_list.find("</ul>").unwrap()];
    assert!(ready_list.contains(&ready.round.candidate_id.to_string()));
    assert!(!ready_list.contains(&blocked.round.candidate_id.to_string()));
    let blocked_list = &html[html.find(r#"id="blocked-list""#).unwrap()..];
    assert!(blocked_list.contains(&blocked.round.candidate_id.to_string()));
    assert!(blocked_list.contains("Open doubt: The 14 months at Fjordtech do not add up."));
    // The gather-facts doubt waits on its owner's dashboard.
    let owner = app.get_html(&blocked.manager.client, "/").await;
    let follow_ups = &owner[owner.find(r#"id="follow-ups""#).unwrap()..];
    assert!(follow_ups.contains("The 14 months at Fjordtech do not add up."));
    assert!(
        !owner.contains(&ready.round.candidate_id.to_string()),
        "not another manager's"
    );
}

#[tokio::test]
async fn before_submitting_a_manager_on_the_panel_learns_nothing_of_the_others_views() {
    let app = TestApp::spawn().await;
    let case = Case::new(&app).await;
    sqlx::query("update panel_member set submitted_at = null where id = $1")
        .bind(case.manager.member_id)
        .execute(&app.pool)
        .await
        .unwrap();
    // Another member's "no" opened a doubt.
    case.resubmit(
        &app,
        &case.member,
        "strong_no",
        "Contradicted her CV twice.",
    )
    .await;
    let html = app.get_html(&case.manager.client, "/").await;
    assert!(!html.contains("Contradicted her CV twice."));
    assert!(html.contains("Submit your own ratings first"));
    assert_eq!(open_doubts_cell(&html), "0", "no open-doubt count");

    // Once their own ratings are in, the same cell counts the doubt.
    case.resubmit(&app, &case.manager, "yes", "Solid facts.")
        .await;
    let html = app.get_html(&case.manager.client, "/").await;
    assert_eq!(
        open_doubts_cell(&html),
        r#"<span class="tag tag-warn">1</span>"#
    );
}

/// The dashboard's open-doubt count for the (only) position listed.
fn open_doubts_cell(html: &str) -> &str {
    let marker = r#"data-cell="open-doubts">"#;
    let start = html.find(marker).expect("the open-doubts cell") + marker.len();
    &html[start..start + html[start..].find("</td>").unwrap()]
}
