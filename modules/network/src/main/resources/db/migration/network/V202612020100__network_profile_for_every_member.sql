-- Every member has a profile row from sign-up on, so that an edit locks an existing row (a locking
-- read of a missing one also locks the gap around it, where two members' first edits deadlock).
-- Members who signed up before this get their empty profile here.
INSERT INTO network_profile (member_id, headline, summary, location, positions, education, skills, private_fields, updated_at)
SELECT m.member_id, '', '', '', '[]', '[]', '[]', '', CURRENT_TIMESTAMP(3)
FROM network_member m
WHERE NOT EXISTS (SELECT 1 FROM network_profile p WHERE p.member_id = m.member_id);
