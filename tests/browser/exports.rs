//! The comparison and the shortlist downloads in a real browser at 1024×768:
//! HR sorts by a column link, the order changes, both files download, and axe
//! finds nothing serious.

use secondround::auth::Role;

use crate::support::TestApp;
use crate::support::browser::{Browser, LANDSCAPE, PORTRAIT};
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
