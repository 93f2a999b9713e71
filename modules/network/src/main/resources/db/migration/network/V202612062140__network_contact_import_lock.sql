-- A row per member whose address book an import has written to, locked by each import until it
-- commits (ContactRepository.lockForImport): one import of a member's at a time, each seeing the rows
-- of the one before. Five imports of one file at once had imported it five times (black-box testing,
-- 2026-12-06).
CREATE TABLE network_contact_import (
    owner_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (owner_id)
);
