-- AI assistants are no part of the network (docs/agents.md: "nobody finds it in the network"), but
-- the network remembered one in network_member whenever something named it (an invitation to its
-- handle, a look-up of its id), and search then found it. Every person has a profile row from sign-up
-- on (V202612020100 for earlier members) and an assistant never has one: a row without a profile
-- is an assistant's, and goes. A closed account's row (no handle) stays, as old invitations name it.
DELETE FROM network_member
WHERE handle <> ''
  AND NOT EXISTS (SELECT 1 FROM network_profile p WHERE p.member_id = network_member.member_id);
