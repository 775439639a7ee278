-- Questions that are conversation only: the panel talks and may take a note, but
-- gives no score, and submission and the debrief leave them out. A round keeps
-- the mark it copied, like the rest of its questions.

alter table template_question add column rated boolean not null default true;
alter table round_question add column rated boolean not null default true;

-- The default guides (0007) say in the guidance of two questions that they are not
-- rated: the opening "what questions have you had since last time" and the
-- logistics question. Matched by the guide and by those words, so a question an
-- admin has reworded to be rated keeps its score; rounds keep their snapshots.
update template_question q
set rated = false
from template_section s
where s.id = q.section_id
  and s.template_id in ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002')
  and (q.guidance like '%Spørsmålet vurderes ikke%' or q.guidance like '%question is not rated%');

-- A question without a score has nothing to say about a criterion.
alter table round_question add constraint round_question_unrated_no_criterion
    check (rated or criterion_id is null);
