//! Texts of the candidate's papers.

crate::texts! {
    PaperText {
        title: "Papers", "Dokumenter";
        page_title: "Papers: {name}", "Dokumenter: {name}";
        intro: "CV, test reports and work samples. Only HR, the hiring manager and the candidate's panels can open them; every download is logged.", "CV, testrapporter og arbeidsprøver. Bare HR, ansettende leder og kandidatens paneler kan åpne dem; hver nedlasting logges.";
        none: "No papers yet.", "Ingen dokumenter ennå.";
        name: "Name", "Navn";
        kind: "Type", "Type";
        size: "Size", "Størrelse";
        uploaded: "Uploaded", "Lastet opp";
        by: "by {name}", "av {name}";
        open: "Open", "Åpne";
        download: "Download", "Last ned";
        delete: "Delete", "Slett";
        upload_heading: "Add a paper", "Legg til et dokument";
        file: "File", "Fil";
        file_hint: "PDF, DOCX, ODT, PNG, JPEG or plain text, at most {mb} MB.", "PDF, DOCX, ODT, PNG, JPEG eller ren tekst, høyst {mb} MB.";
        belongs_to: "Belongs to", "Hører til";
        belongs_to_candidate: "The candidate (CV, application)", "Kandidaten (CV, søknad)";
        test_result_option: "Test result: {kind}, round {n}", "Testresultat: {kind}, runde {n}";
        upload: "Upload", "Last opp";
        upload_for_test: "Attach a report", "Legg ved en rapport";
        uploaded_flash: "{name} is stored.", "{name} er lagret.";
        already_stored: "{name} was already stored for this candidate.", "{name} var allerede lagret for denne kandidaten.";
        deleted_flash: "{name} is deleted.", "{name} er slettet.";
        err_no_file: "Choose a file to upload.", "Velg en fil å laste opp.";
        err_too_large: "The file is larger than {mb} MB, the most a paper may be.", "Filen er større enn {mb} MB, det meste et dokument kan være.";
        err_type: "This kind of file is not accepted. Accepted: PDF, DOCX, ODT, PNG, JPEG and plain text (UTF-8).", "Denne filtypen tas ikke imot. Godtatt: PDF, DOCX, ODT, PNG, JPEG og ren tekst (UTF-8).";
        err_unreadable: "The upload could not be read. Try again.", "Opplastingen kunne ikke leses. Prøv igjen.";
        err_link: "Choose one of this candidate's test results.", "Velg et av denne kandidatens testresultater.";
        fallback_name: "paper", "dokument";
        offline_note: "Opened once online, the papers here stay readable offline on this device.", "Åpnet én gang på nett, kan dokumentene her leses uten nett på denne enheten.";
    }
}
