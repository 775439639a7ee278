//! The comparison and the shortlist downloads in a real browser at 1024×768:
//! HR sorts by a column link, the order changes, both files download, and axe
//! finds nothing serious.

use secondround::auth::Role;
use secondround::case::{Case, NewCriterion};

use crate::support::TestApp;
use crate::support::browser::{Browser, LANDSCAPE, PORTRAIT};

/// A laptop: the comparison is read here as much as on a tablet.
const WIDE: (u32, u32) = (1366, 768);
use crate::support::shortlist::shortlist;

async fn order(browser: &Browser) -> Vec<String> {
    let names = browser
        .client
        .execute(
            "return Array.from(document.querySelectorAll('tr[data-candidate]'))
                        .map(function (tr) { return tr.getAttribute('data-candidate'); });",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(names).unwrap()
}

/// Fetches the link's target the way a click would, with the page's cookies.
async fn download(browser: &Browser, link: &str) -> (u64, String, usize) {
    let result = browser
        .client
        .execute_async(
            "var done = arguments[arguments.length - 1];
             fetch(document.getElementById(arguments[0]).href, { credentials: 'same-origin' })
               .then(function (r) { return r.arrayBuffer().then(function (b) {
                 done([r.status, r.headers.get('content-type'), b.byteLength]); }); })
               .catch(function (e) { done([0, String(e), 0]); });",
            vec![serde_json::json!(link)],
        )
        .await
        .unwrap();
    (
        result[0].as_u64().unwrap(),
        result[1].as_str().unwrap_or("").to_owned(),
        result[2].as_u64().unwrap() as usize,
    )
}

#[tokio::test]
async fn hr_sorts_the_comparison_by_a_column_and_downloads_the_shortlist() {
    let app = TestApp::spawn().await;
    let case = shortlist(&app).await;
    let hr = app.create_user(Role::Hr).await;
    let browser = Browser::start(LANDSCAPE).await;
    browser.sign_in(&app.address, &hr.email, &hr.password).await;
    let path = format!("/positions/{}/compare", case.ingrid.position_id);
    browser.goto(&app.url(&path)).await;
    assert_eq!(
        order(&browser).await,
        ["Ingrid Solberg", "Åse Ødegård", "Bo Berg"]
    );
    assert!(
        !browser.scrolls_horizontally().await,
        "no page scroll at 1024 px"
    );

    browser
        .click_and_wait("th[aria-sort] a[href^='?sort=name']")
        .await;
    assert_eq!(
        order(&browser).await,
        ["Bo Berg", "Ingrid Solberg", "Åse Ødegård"]
    );
    let sorted = browser.text("#sorted-by").await;
    assert_eq!(sorted, "Sorted by Candidate, ascending.");
    browser.screenshot("compare-1024").await;

    let (status, content_type, size) = download(&browser, "export-csv").await;
    assert_eq!(
        (status, content_type.as_str()),
        (200, "text/csv; charset=utf-8")
    );
    assert!(size > 100);
    let (status, content_type, size) = download(&browser, "export-xlsx").await;
    assert_eq!(
        (status, content_type.as_str()),
        (
            200,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    );
    assert!(size > 1000);

    let violations = browser.serious_violations().await;
    assert!(violations.is_empty(), "axe: {violations:#?}");

    browser.set_viewport(PORTRAIT.0, PORTRAIT.1).await;
    browser.goto(&app.url(&path)).await;
    assert!(
        !browser.scrolls_horizontally().await,
        "no page scroll at 768 px"
    );
    browser.screenshot("compare-768").await;
    browser.close().await;
}

/// Criterion names as long as real profiles have them, in both languages.
const LONG_NAMES: [&str; 8] = [
    "Ownership of production incidents",
    "Kommunikasjonsferdigheter",
    "Stakeholder management across departments",
    "Samarbeidsevne på tvers av fagmiljøer",
    "Forretningsforståelse",
    "Arkitekturkompetanse og systemdesign",
    "Kvalitetsbevissthet i leveranser",
    "Learning agility and curiosity",
];

async fn add_criteria(app: &TestApp, position_id: uuid::Uuid, names: &[&str]) {
    let case = Case::new(&app.pool);
    for name in names {
        let criterion = NewCriterion {
            name,
            description: "",
            weight: 1.0,
            minimum: None,
            anchors: ["One.", "Two.", "Three.", "Four.", "Five."],
        };
        case.criterion(position_id, &criterion).await.unwrap();
    }
}

/// What is wrong with the chart's column heads: two that overlap, one outside
/// the chart, or one reaching down into the bars. Empty when they all fit.
async fn chart_head_problems(browser: &Browser) -> Vec<String> {
    let found = browser
        .client
        .execute(
            "var svg = document.querySelector('.compare-chart svg').getBoundingClientRect();
             var heads = Array.from(document.querySelectorAll('.compare-chart text.chart-tick'));
             var boxes = heads.map(function (t) { return t.getBoundingClientRect(); });
             var bars = Array.from(document.querySelectorAll('.compare-chart rect.chart-track'))
               .map(function (r) { return r.getBoundingClientRect().top; });
             var top = Math.min.apply(null, bars);
             var name = function (i) {
               return Array.from(heads[i].querySelectorAll('tspan'))
                 .map(function (s) { return s.textContent; }).join(' ') || heads[i].textContent;
             };
             var problems = [];
             if (heads.length === 0) { problems.push('no heads'); }
             boxes.forEach(function (a, i) {
               if (a.left < svg.left - 0.5 || a.right > svg.right + 0.5) { problems.push(name(i) + ' leaves the chart'); }
               if (a.bottom > top + 0.5) { problems.push(name(i) + ' reaches into the bars'); }
               boxes.forEach(function (b, j) {
                 if (j > i && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) {
                   problems.push(name(i) + ' overlaps ' + name(j));
                 }
               });
             });
             return problems;",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(found).unwrap()
}

/// The decision columns whose header is not wholly inside the table's card
/// without scrolling it.
async fn hidden_decision_columns(browser: &Browser) -> Vec<String> {
    let found = browser
        .client
        .execute(
            "var wrap = document.querySelector('#comparison .table-wrap');
             var box = wrap.getBoundingClientRect();
             return ['must-have', 'doubts', 'blockers', 'decision'].filter(function (cell) {
               var th = document.querySelector('.compare-table thead th[data-cell=\"' + cell + '\"]');
               if (!th) { return true; }
               var r = th.getBoundingClientRect();
               return wrap.scrollLeft !== 0 || r.left < box.left - 0.5 || r.right > box.right + 0.5;
             });",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(found).unwrap()
}

#[tokio::test]
async fn with_many_long_criteria_the_decision_columns_stay_in_view_and_the_chart_heads_apart() {
    let app = TestApp::spawn().await;
    let case = shortlist(&app).await;
    let position = case.ingrid.position_id;
    let hr = app.create_user(Role::Hr).await;
    let browser = Browser::start(WIDE).await;
    browser.sign_in(&app.address, &hr.email, &hr.password).await;
    let path = app.url(&format!("/positions/{position}/compare"));
    // 4 + 2 = 6 criteria, then 4 + 8 = 12.
    for (added, count) in [(&LONG_NAMES[..2], 6), (&LONG_NAMES[2..], 12)] {
        add_criteria(&app, position, added).await;
        for locale in ["en", "nb"] {
            sqlx::query("update app_user set locale = $2 where id = $1")
                .bind(hr.id)
                .bind(locale)
                .execute(&app.pool)
                .await
                .unwrap();
            for size in [WIDE, LANDSCAPE] {
                browser.set_viewport(size.0, size.1).await;
                browser.goto(&path).await;
                let at = format!("{count} criteria, {locale}, {}×{}", size.0, size.1);
                browser
                    .screenshot(&format!("compare-{count}-{locale}-{}-table", size.0))
                    .await;
                assert_eq!(
                    hidden_decision_columns(&browser).await,
                    Vec::<String>::new(),
                    "{at}"
                );
                assert!(
                    !browser.scrolls_horizontally().await,
                    "{at}: no page scroll"
                );
                browser
                    .client
                    .execute("document.getElementById('chart').scrollIntoView();", vec![])
                    .await
                    .unwrap();
                browser
                    .screenshot(&format!("compare-{count}-{locale}-{}-chart", size.0))
                    .await;
                assert_eq!(
                    chart_head_problems(&browser).await,
                    Vec::<String>::new(),
                    "{at}"
                );
            }
        }
    }
    browser.close().await;
}
