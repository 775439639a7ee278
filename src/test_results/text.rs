//! Texts of test results: the kinds of test and what recording one says.

crate::texts! {
    TestResultText {
        test_score_invalid: "Enter a number, or leave it empty.", "Skriv et tall, eller la feltet stå tomt.";
        test_kind_invalid: "Choose a kind of test.", "Velg en testtype.";
        test_added: "Test result recorded.", "Testresultatet er registrert.";
        kind_personality: "Personality test", "Personlighetstest";
        kind_cognitive: "Ability test", "Evnetest";
        kind_work_sample: "Work sample", "Arbeidsprøve";
        kind_other: "Other", "Annet";
    }
}
