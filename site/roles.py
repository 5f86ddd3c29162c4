"""The names of the groups, for the demo loader and the tests only.

Code never asks for a group by its name: it checks permissions with `user.has_perm(...)` (see
`canteen_site.permissions`), so renaming a group in the admin breaks nothing. Data migrations
keep their own copy of these names, as they were when each migration was written.
"""

TEAM_MEMBER = "Équipe projet"
TRAINER = "Formateur·rice"
HEAD_OFFICE = "Siège"
MENTOR = "Mentor·e"
