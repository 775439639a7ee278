-- A follow-up that calls for looking back at the hire decision: the manager
-- would not hire the person again, or the person left during probation. One
-- definition for the retrospective page, the admins' list and the decision
-- page that links earlier retrospectives of the same position.
create view retrospective_follow_up as
    select f.*
      from follow_up f
     where not f.would_hire_again
        or (f.milestone = 'probation' and not f.still_here);
