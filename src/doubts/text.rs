//! Texts for raising doubts.

crate::texts! {
    DoubtText {
        raise: "Raise a doubt", "Meld tvil";
        raise_hint: "A doubt is settled by facts, never by gut feeling. It is stored on the candidate at once.", "Tvil avklares med fakta, aldri med magefølelse. Den lagres på kandidaten med en gang.";
        category: "Category", "Kategori";
        description: "What is the doubt?", "Hva er tvilen?";
        method: "How should it be settled?", "Hvordan bør den avklares?";
        submit: "Raise doubt", "Meld tvil";
        raised: "Doubt raised and stored on the candidate.", "Tvilen er meldt og lagret på kandidaten.";
        choose_category: "Choose a category.", "Velg en kategori.";
        choose_method: "Choose how the doubt should be settled.", "Velg hvordan tvilen skal avklares.";
        too_long: "Keep it under 4,000 characters.", "Hold det under 4 000 tegn.";
        cat_competence: "Competence", "Kompetanse";
        cat_experience: "Experience", "Erfaring";
        cat_motivation: "Motivation", "Motivasjon";
        cat_collaboration: "Collaboration", "Samarbeid";
        cat_integrity: "Integrity", "Integritet";
        cat_recommendation: "Recommendation", "Anbefaling";
        cat_other: "Other", "Annet";
        method_check_references: "Check references", "Sjekk referanser";
        method_gather_facts: "Gather facts", "Innhent fakta";
        method_extra_interview: "Extra interview", "Ekstra intervju";
        method_practical_test: "Practical test", "Praktisk prøve";
    }
}
