-- A member's profile (DESIGN.md section 6). Lists are stored as JSON text: they are always read
-- and written whole with the profile, and never queried inside.
CREATE TABLE network_profile (
    member_id      VARCHAR(64)   NOT NULL,
    headline       VARCHAR(220)  NOT NULL,
    summary        TEXT          NOT NULL,
    location       VARCHAR(100)  NOT NULL,
    positions      TEXT          NOT NULL,
    education      TEXT          NOT NULL,
    skills         TEXT          NOT NULL,
    private_fields VARCHAR(200)  NOT NULL,
    updated_at     TIMESTAMP(3)  NOT NULL,
    PRIMARY KEY (member_id)
);
