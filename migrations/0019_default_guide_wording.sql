-- Bokmål wording of the default guide (0007): "observasjon" for the evidence note, doubt as a mass noun
-- ("meld det som tvil", never "en tvil"), and the debrief called "oppsummeringen" as everywhere else.
-- replace() leaves a guide an admin has already reworded as it is; rounds keep their snapshots.

update interview_template
set description = replace(description, 'hver vurdering trenger en begrunnelse', 'hver vurdering trenger en observasjon')
where id = '00000000-0000-4000-8000-000000000001';

update template_question
set guidance = replace(guidance, 'registrer en tvil i stedet for å la det passere', 'meld det som tvil i stedet for å la det passere')
where id = '00000000-0000-4000-8000-000000001102';

update template_question
set guidance = replace(guidance, 'noter det og registrer en tvil.', 'noter det og meld det som tvil.')
where id = '00000000-0000-4000-8000-000000001203';

update template_question
set guidance = replace(guidance, 'registrer en tvil – ikke avgjør det', 'meld det som tvil – ikke avgjør det')
where id = '00000000-0000-4000-8000-000000001302';

update template_question
set guidance = replace(guidance, 'grunn til å grave videre eller registrere en tvil.', 'grunn til å grave videre eller melde tvil.')
where id = '00000000-0000-4000-8000-000000001503';

update template_question
set guidance = replace(guidance, 'før evalueringsmøtet;', 'før oppsummeringen;')
where id = '00000000-0000-4000-8000-000000001603';
