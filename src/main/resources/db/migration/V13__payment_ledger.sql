-- The money after the award (issue 22): each dossier's grant, what of it was released and paid, and its tranches.
-- The database itself refuses more released than granted and more paid than released: one row per dossier holds the
-- totals under CHECK constraints, updated in the same transaction as the tranche, so that concurrent releases queue on
-- that row and the last one that would exceed the grant fails.
CREATE TABLE dossier_funding (
    dossier_number   VARCHAR(40) PRIMARY KEY REFERENCES dossier (dossier_number),
    grant_amount     BIGINT NOT NULL CHECK (grant_amount >= 0),
    released_amount  BIGINT NOT NULL DEFAULT 0 CHECK (released_amount >= 0),
    paid_amount      BIGINT NOT NULL DEFAULT 0 CHECK (paid_amount >= 0),
    CONSTRAINT funding_released_within_grant CHECK (released_amount <= grant_amount),
    CONSTRAINT funding_paid_within_released CHECK (paid_amount <= released_amount)
);

-- One tranche of a dossier's grant: due (its milestone awaited), released (approved, with its evidence and who
-- approved it), paid (who recorded the payment). Amounts in euros.
CREATE TABLE payment_tranche (
    dossier_number  VARCHAR(40)   NOT NULL REFERENCES dossier_funding (dossier_number),
    tranche_key     VARCHAR(60)   NOT NULL,
    label           VARCHAR(300)  NOT NULL,
    amount          BIGINT        NOT NULL CHECK (amount > 0),
    status          VARCHAR(20)   NOT NULL CHECK (status IN ('DUE', 'RELEASED', 'PAID')),
    due_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    released_at     TIMESTAMP WITH TIME ZONE,
    released_by     VARCHAR(100),
    evidence        VARCHAR(2000),
    paid_at         TIMESTAMP WITH TIME ZONE,
    paid_by         VARCHAR(100),
    PRIMARY KEY (dossier_number, tranche_key)
);
