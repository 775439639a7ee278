use secondround::db::MIGRATOR;

use crate::support::TestDatabase;

#[tokio::test]
async fn migrations_apply_twice_without_change() {
    let db = TestDatabase::create_unmigrated_then_migrate().await;
    let count = || async {
        sqlx::query_scalar::<_, i64>("select count(*) from _sqlx_migrations")
            .fetch_one(&db.pool)
            .await
            .unwrap()
    };
    let before = count().await;
    MIGRATOR
        .run(&db.pool)
        .await
        .expect("a second run is a no-op");
    assert_eq!(count().await, before);
    assert_eq!(before as usize, MIGRATOR.iter().count());
}

#[tokio::test]
async fn the_default_template_ships_in_both_languages() {
    let db = TestDatabase::create().await;
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(
        "select t.language, count(distinct s.id), count(q.id)
         from interview_template t join template_section s on s.template_id = t.id
         join template_question q on q.section_id = s.id
         where t.is_default group by t.language order by t.language",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    assert_eq!(rows.len(), 2);
    for (language, sections, questions) in rows {
        assert_eq!(sections, 6, "{language}: six sections");
        assert!(questions >= 18, "{language}: {questions} questions");
    }
    let example: i64 = sqlx::query_scalar("select count(*) from template_question where text in ('How do you define a good leader?', 'Hvordan definerer du en god leder?')")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(example, 2);
}

/// Integrity lives in the schema: these writes must fail whatever the code does.
#[tokio::test]
async fn the_schema_refuses_invalid_data() {
    let db = TestDatabase::create().await;
    let pool = &db.pool;
    let user: uuid::Uuid = sqlx::query_scalar("insert into app_user (email, display_name, password_hash, role) values ('a@example.no', 'A', 'x', 'manager') returning id")
        .fetch_one(pool)
        .await
        .unwrap();
    let refused = [
        "insert into app_user (email, display_name, password_hash, role) values ('b@example.no', 'B', 'x', 'owner')",
        "insert into app_user (email, display_name, password_hash, role) values ('A@example.no', 'A2', 'x', 'hr')",
    ];
    for sql in refused {
        refused_by_a_constraint(sqlx::query(sql).execute(pool).await, sql);
    }
    let position: uuid::Uuid = sqlx::query_scalar(
        "insert into position (title, hiring_manager_id) values ('P', $1) returning id",
    )
    .bind(user)
    .fetch_one(pool)
    .await
    .unwrap();
    let bad_criteria = [
        "insert into criterion (position_id, name, weight) values ($1, 'Zero weight', 0)",
        "insert into criterion (position_id, name, minimum_score) values ($1, 'Too high', 6)",
        "insert into criterion (position_id, name, must_have) values ($1, 'Must without minimum', true)",
    ];
    for sql in bad_criteria {
        refused_by_a_constraint(sqlx::query(sql).bind(position).execute(pool).await, sql);
    }
    sqlx::query("insert into criterion (position_id, name) values ($1, 'Teamwork')")
        .bind(position)
        .execute(pool)
        .await
        .unwrap();
    let duplicate =
        sqlx::query("insert into criterion (position_id, name) values ($1, 'TEAMWORK')")
            .bind(position)
            .execute(pool)
            .await;
    assert_eq!(
        secondround::error::violated_constraint(&duplicate.unwrap_err()),
        Some("criterion_name_key")
    );

    let candidate: uuid::Uuid = sqlx::query_scalar(
        "insert into candidate (position_id, name) values ($1, 'C') returning id",
    )
    .bind(position)
    .fetch_one(pool)
    .await
    .unwrap();
    let round: uuid::Uuid =
        sqlx::query_scalar("insert into interview_round (candidate_id) values ($1) returning id")
            .bind(candidate)
            .fetch_one(pool)
            .await
            .unwrap();
    let question: uuid::Uuid = sqlx::query_scalar("insert into round_question (round_id, section_title, section_order, question_order, text) values ($1, 'S', 1, 1, 'Q?') returning id")
        .bind(round)
        .fetch_one(pool)
        .await
        .unwrap();
    let member: uuid::Uuid = sqlx::query_scalar(
        "insert into panel_member (round_id, user_id) values ($1, $2) returning id",
    )
    .bind(round)
    .bind(user)
    .fetch_one(pool)
    .await
    .unwrap();
    let rate = |score: Option<i16>| {
        sqlx::query(
            "insert into rating (round_question_id, panel_member_id, score) values ($1, $2, $3)",
        )
        .bind(question)
        .bind(member)
        .bind(score)
        .execute(pool)
    };
    refused_by_a_constraint(rate(Some(0)).await, "a score of 0");
    refused_by_a_constraint(rate(Some(6)).await, "a score of 6");
    rate(None).await.expect("not assessed is a valid rating");
    let twice = rate(Some(3)).await.unwrap_err();
    assert_eq!(
        secondround::error::violated_constraint(&twice),
        Some("rating_question_member_key")
    );

    let unsettled = sqlx::query("insert into doubt (candidate_id, category, description, resolution_method, status) values ($1, 'other', 'D', 'gather_facts', 'resolved')")
        .bind(candidate)
        .execute(pool)
        .await;
    assert_eq!(
        secondround::error::violated_constraint(&unsettled.unwrap_err()),
        Some("doubt_settled_with_fact")
    );

    // Deleting the position takes its candidates, rounds and ratings with it.
    sqlx::query("delete from position where id = $1")
        .bind(position)
        .execute(pool)
        .await
        .unwrap();
    let left: i64 = sqlx::query_scalar("select count(*) from rating")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(left, 0);
}

/// The write failed on an integrity constraint (SQLSTATE class 23), not on a
/// typo in the statement or a missing column.
fn refused_by_a_constraint<T: std::fmt::Debug>(result: Result<T, sqlx::Error>, what: &str) {
    let err = result.expect_err(&format!("should be refused: {what}"));
    let code = err
        .as_database_error()
        .and_then(|db| db.code())
        .map(|code| code.into_owned());
    assert!(
        code.as_deref().is_some_and(|code| code.starts_with("23")),
        "{what}: refused, but not by a constraint: {err}"
    );
}

/// The values a single-column CHECK constraint of `table.column` allows
/// (`column in ('a', 'b')`), read from the schema itself.
async fn allowed_values(pool: &sqlx::PgPool, table: &str, column: &str) -> Vec<String> {
    let definitions: Vec<String> = sqlx::query_scalar(
        "select pg_get_constraintdef(c.oid) from pg_constraint c
         join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
         where c.conrelid = $1::regclass and c.contype = 'c'
           and cardinality(c.conkey) = 1 and a.attname = $2",
    )
    .bind(table)
    .bind(column)
    .fetch_all(pool)
    .await
    .unwrap();
    assert_eq!(definitions.len(), 1, "{table}.{column}: {definitions:?}");
    // The quoted literals: every other piece between single quotes.
    definitions[0]
        .split('\'')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// Every value the schema allows in `table_column` decodes into a `T` whose
/// `code` is that value (so the code the app writes is the one it reads), and a
/// value it does not allow is a decode error (never a silent default).
async fn decodes<T>(pool: &sqlx::PgPool, table_column: &str, code: fn(T) -> &'static str)
where
    T: for<'r> sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres> + Send + Unpin,
    T: std::fmt::Debug,
{
    let (table, column) = table_column.split_once('.').unwrap();
    let values = allowed_values(pool, table, column).await;
    // '' is "not said" for the contact method, read as None.
    let values: Vec<&String> = values.iter().filter(|v| !v.is_empty()).collect();
    assert!(values.len() >= 2, "{table}.{column}: {values:?}");
    for value in values {
        let decoded = sqlx::query_scalar::<_, T>("select $1::text")
            .bind(value)
            .fetch_one(pool)
            .await;
        match decoded {
            Ok(decoded) => assert_eq!(code(decoded), value, "{table}.{column}"),
            Err(err) => panic!("{table}.{column}: {value:?} does not decode: {err:?}"),
        }
    }
    let unknown = sqlx::query_scalar::<_, T>("select 'not_a_code'::text")
        .fetch_one(pool)
        .await;
    assert!(
        matches!(unknown, Err(sqlx::Error::ColumnDecode { .. })),
        "{table}.{column}: an unknown value gave {unknown:?}"
    );
}

/// Each status and kind column held by a CHECK constraint has an enum read
/// straight from the row, which takes exactly what the schema allows.
#[tokio::test]
async fn every_checked_status_and_kind_column_decodes_into_its_enum() {
    use secondround::api::token::TokenScope;
    use secondround::auth::Role;
    use secondround::candidates::status::CandidateStatus;
    use secondround::domain::RoundStatus;
    use secondround::doubts::model::{Category, Method, Status};
    use secondround::guides::{SectionKind, SectionLead};
    use secondround::i18n::Locale;
    use secondround::mail::outbox::{CalendarMethod, MailKind, MailState};
    use secondround::positions::PositionStatus;
    use secondround::references::form::ContactMethod;
    use secondround::rounds::plan::PanelRole;
    use secondround::scoring::Verdict;
    use secondround::scoring::flags::{DoubtState, Outcome};
    use secondround::test_results::TestKind;
    let db = TestDatabase::create().await;
    let pool = &db.pool;
    decodes(pool, "app_user.role", Role::code).await;
    decodes(pool, "app_user.locale", Locale::code).await;
    decodes(pool, "interview_template.language", Locale::code).await;
    decodes(pool, "position.status", PositionStatus::code).await;
    decodes(pool, "template_section.kind", SectionKind::code).await;
    decodes(pool, "template_section.led_by", SectionLead::code).await;
    decodes(pool, "round_question.section_led_by", SectionLead::code).await;
    decodes(pool, "candidate.status", CandidateStatus::code).await;
    decodes(pool, "interview_round.status", RoundStatus::code).await;
    decodes(pool, "panel_member.panel_role", PanelRole::code).await;
    decodes(pool, "recommendation.verdict", Verdict::code).await;
    decodes(pool, "test_result.kind", TestKind::code).await;
    decodes(pool, "doubt.category", Category::code).await;
    decodes(pool, "doubt.resolution_method", Method::code).await;
    decodes(pool, "doubt.status", Status::code).await;
    decodes(pool, "doubt.status", DoubtState::code).await;
    decodes(pool, "decision.outcome", Outcome::code).await;
    decodes(pool, "reference_check.contact_method", ContactMethod::code).await;
    decodes(pool, "api_token.scope", TokenScope::code).await;
    decodes(pool, "mail_outbox.kind", MailKind::code).await;
    decodes(pool, "mail_outbox.state", MailState::code).await;
    decodes(pool, "mail_outbox.calendar_method", CalendarMethod::code).await;
}
